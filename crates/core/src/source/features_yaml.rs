//! Reader for Istio's upstream `features.yaml` files (build time): parses the YAML into a
//! tree and checks it with [`crate::istio::read`], the same rules the widget applies to the
//! same data given as JSON at run time. Lines come from the file's text (the `  - ` that
//! starts each item of the top-level list).

pub use crate::istio::{Deprecation, Entry, Finding, Maturity, Release, Severity, AREAS};

/// Lines where the entries of the top-level `features` list start (`  - `).
pub fn item_lines(text: &str) -> Vec<u32> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("  - ") || *l == "  -")
        .map(|(i, _)| u32::try_from(i + 1).unwrap_or(u32::MAX))
        .collect()
}

/// Reads a features file, keeping every finding. A file that is not YAML gives a single
/// error and no entries.
pub fn read(file: &str, text: &str) -> Release {
    read_tree(file, text).0
}

/// [`read`], also returning the parsed tree (`Null` when the text is not YAML).
pub fn read_tree(file: &str, text: &str) -> (Release, serde_json::Value) {
    match serde_saphyr::from_str::<serde_json::Value>(text) {
        Ok(tree) => (crate::istio::read(file, &tree, &item_lines(text), usize::MAX), tree),
        Err(e) => {
            let finding = Finding {
                severity: Severity::Error,
                file: file.to_owned(),
                line: None,
                entry: crate::validate::EntryName::File,
                problem: crate::istio::Problem::Checked(format!("not a features.yaml: {e}")),
            };
            (Release { findings: vec![finding], ..Release::default() }, serde_json::Value::Null)
        }
    }
}
