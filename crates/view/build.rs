//! Reads the embedded catalog (`data/feature-status.md`), validates it and writes it as
//! static Rust data to `$OUT_DIR/catalog.rs`. A data problem fails the build with
//! messages naming file, line, entry and field.
//!
//! `FEATURE_MATRIX_CATALOG` picks another Markdown file (a path relative to the workspace
//! root); `FEATURE_MATRIX_DOCS_BASE` changes the base URL relative links resolve against
//! (default `https://istio.io/latest`).

use feature_matrix_core::source::{codegen, load_markdown, SourceInfo};

const DEFAULT_CATALOG: &str = "data/feature-status.md";
const DEFAULT_DOCS_BASE: &str = "https://istio.io/latest";
const PROVENANCE: &str = "Istio “Feature Status” page (istio.io/latest/docs/releases/feature-stages/), Apache-2.0";

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
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalog.rs");
    if let Err(e) = std::fs::write(&out, codegen::rust_source(&catalog, &file)) {
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
