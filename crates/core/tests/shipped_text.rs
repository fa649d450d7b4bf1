//! Shipped code writes no `{:?}`. The wasm is built with `-Zfmt-debug=none`, where `{:?}`
//! writes nothing, so a message quoting with it would reach readers and hosts with a hole
//! where the value was: quote with `i18n::Quoted`, which writes what `{:?}` writes on the host.
//! Shipped code is the core's top-level modules (not `source/` or `bin/`, build time only), the
//! view crate and the entry crate, each file up to its unit tests.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, deep: bool, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if deep {
                rust_files(&path, deep, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn shipped_code_has_no_debug_formatting() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    rust_files(&root.join("crates/core/src"), false, &mut files);
    rust_files(&root.join("crates/view/src"), true, &mut files);
    rust_files(&root.join("src"), true, &mut files);
    assert!(files.len() > 30, "the shipped sources were not found: {files:?}");
    let mut found = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            let line = line.trim_start();
            if line.starts_with("//") {
                continue;
            }
            if line.contains("?}") && (line.contains(":?}") || line.contains(":#?}")) {
                found.push(format!("{}:{}: {line}", path.display(), n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "`{{:?}}` in shipped code (writes nothing in the wasm; use i18n::Quoted):\n{}",
        found.join("\n")
    );
}
