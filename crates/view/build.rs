//! Reads the embedded catalog (`data/feature-status.md`), validates it and writes it as
//! static Rust data to `$OUT_DIR/catalog.rs`. A data problem fails the build with
//! messages naming file, line, entry and field.
//!
//! `FEATURE_MATRIX_CATALOG` picks another Markdown file (a path relative to the workspace
//! root); `FEATURE_MATRIX_DOCS_BASE` changes the base URL relative links resolve against
//! (default `https://istio.io/latest`).

use feature_matrix_core::source::{codegen, features_yaml, history, load_markdown, markdown, SourceInfo};
use feature_matrix_core::validate;

const DEFAULT_CATALOG: &str = "data/feature-status.md";
const DEFAULT_DOCS_BASE: &str = "https://istio.io/latest";
const PROVENANCE: &str = "Istio “Feature Status” page (istio.io/latest/docs/releases/feature-stages/), Apache-2.0";
const RELEASES_PROVENANCE: &str = "Istio features.yaml of each release (istio/enhancements), Apache-2.0";

fn main() {
    println!("cargo::rerun-if-env-changed=FEATURE_MATRIX_CATALOG");
    println!("cargo::rerun-if-env-changed=FEATURE_MATRIX_DOCS_BASE");
    let file = std::env::var("FEATURE_MATRIX_CATALOG").unwrap_or_else(|_| DEFAULT_CATALOG.to_owned());
    // Paths are relative to the workspace root, two levels above this crate.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join(&file);
    println!("cargo::rerun-if-changed={}", path.display());
    let docs_base = std::env::var("FEATURE_MATRIX_DOCS_BASE").unwrap_or_else(|_| DEFAULT_DOCS_BASE.to_owned());
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => fail(&[format!("{file}: cannot read the catalog: {e}")]),
    };
    let info = SourceInfo { file: file.clone(), docs_base, provenance: PROVENANCE.to_owned() };
    let catalog = match load_markdown(&info, &text) {
        Ok(c) => c,
        Err(diags) => fail(&diags.iter().map(ToString::to_string).collect::<Vec<_>>()),
    };
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let out = out_dir.join("catalog.rs");
    if let Err(e) = std::fs::write(&out, codegen::rust_source(&catalog, &file)) {
        fail(&[format!("cannot write {}: {e}", out.display())]);
    }
    releases(&root, &out_dir.join("releases.rs"));
}

/// Istio's per-release catalogs (`data/istio-releases/features-*.yaml`, oldest first, master
/// last) and the four-phase definitions, as a `ReleaseSet`. Upstream defects do not fail the
/// build (they are Istio's data; `features-check` lists them); a summary is printed.
fn releases(root: &std::path::Path, out: &std::path::Path) {
    let dir = root.join("data/istio-releases");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut labels: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| fail(&[format!("{}: {e}", dir.display())]))
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| Some(n.strip_prefix("features-")?.strip_suffix(".yaml")?.to_owned()))
        .collect();
    let version = |l: &str| -> (u32, u32) {
        let mut parts = l.split('.').map(|p| p.parse().unwrap_or(u32::MAX));
        (parts.next().unwrap_or(u32::MAX), parts.next().unwrap_or(u32::MAX))
    };
    labels.sort_by_key(|l| version(l));
    let (mut errors, mut warnings) = (0, 0);
    let releases: Vec<(String, features_yaml::Release)> = labels
        .into_iter()
        .map(|label| {
            let path = dir.join(format!("features-{label}.yaml"));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| fail(&[format!("{}: {e}", path.display())]));
            let r = features_yaml::read(&format!("data/istio-releases/features-{label}.yaml"), &text);
            for f in &r.findings {
                match f.severity {
                    features_yaml::Severity::Error => errors += 1,
                    features_yaml::Severity::Warning => warnings += 1,
                }
            }
            // An entry without a valid maturity cannot be shown; say which, never drop quietly.
            for e in r.entries.iter().filter(|e| e.maturity.is_none()) {
                println!(
                    "cargo::warning=data/istio-releases/features-{label}.yaml:{}: {:?} has no valid maturity and is not shown",
                    e.line.unwrap_or(0),
                    e.name
                );
            }
            (label, r)
        })
        .collect();
    if errors + warnings > 0 {
        println!(
            "cargo::warning=Istio release files: {errors} upstream errors, {warnings} warnings (kept as data; see `features-check`)"
        );
    }
    let defs_file = "data/istio-releases/phase-definitions.md";
    let defs = std::fs::read_to_string(root.join(defs_file)).unwrap_or_else(|e| fail(&[format!("{defs_file}: {e}")]));
    let info =
        SourceInfo { file: defs_file.to_owned(), docs_base: DEFAULT_DOCS_BASE.to_owned(), provenance: String::new() };
    let raw =
        markdown::parse(&info, &defs).unwrap_or_else(|d| fail(&d.iter().map(ToString::to_string).collect::<Vec<_>>()));
    let Some(raw_legend) = raw.legend else { fail(&[format!("{defs_file}: no phase-definitions table")]) };
    let legend = validate::legend(&raw_legend, defs_file)
        .unwrap_or_else(|d| fail(&d.iter().map(ToString::to_string).collect::<Vec<_>>()));
    let mut set = history::build(&releases, legend, DEFAULT_DOCS_BASE, RELEASES_PROVENANCE);
    // Where each file comes from: SOURCES.tsv (file, branch, commit, commit date, …).
    let sources_file = "data/istio-releases/SOURCES.tsv";
    let sources =
        std::fs::read_to_string(root.join(sources_file)).unwrap_or_else(|e| fail(&[format!("{sources_file}: {e}")]));
    let mut commits = Vec::new();
    let mut dates = Vec::new();
    for (label, _) in &releases {
        let file = format!("features-{label}.yaml");
        let Some(cols) =
            sources.lines().map(|l| l.split('\t').collect::<Vec<_>>()).find(|c| c.first() == Some(&file.as_str()))
        else {
            fail(&[format!("{sources_file}: no line for {file}")])
        };
        let (commit, date) = (cols.get(2).copied().unwrap_or(""), cols.get(3).copied().unwrap_or(""));
        if commit.len() != 40 || !commit.bytes().all(|b| b.is_ascii_hexdigit()) || date.len() != 10 {
            fail(&[format!(
                "{sources_file}: {file}: expected a 40-digit commit and a YYYY-MM-DD date, found {commit:?} {date:?}"
            )]);
        }
        // Twelve digits name the commit unambiguously in links (GitHub resolves abbreviated
        // commits) for less than a third of the bytes.
        commits.push(std::borrow::Cow::Owned(commit[..12].to_owned()));
        dates.push(std::borrow::Cow::Owned(date.to_owned()));
    }
    set.commits = commits.into();
    set.dates = dates.into();
    if let Err(e) = std::fs::write(out, codegen::releases_source(&set, "data/istio-releases")) {
        fail(&[format!("cannot write {}: {e}", out.display())]);
    }
}

fn fail(messages: &[String]) -> ! {
    eprintln!("error: the catalog is invalid ({} problem(s)):", messages.len());
    for m in messages {
        eprintln!("  {m}");
        println!("cargo::error={m}");
    }
    std::process::exit(1);
}
