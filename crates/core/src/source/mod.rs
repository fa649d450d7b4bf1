//! Build-time only (feature `source`): reading catalog source files into a
//! [`crate::validate::RawCatalog`] and writing a validated catalog out as Rust `static`
//! data. Nothing here is compiled into the wasm.

#[cfg(feature = "check")]
pub mod check;
pub mod codegen;
pub mod features_yaml;
pub mod history;
pub mod markdown;

use crate::model::Catalog;
use crate::validate::{validate, Diagnostic};

/// Where a catalog source comes from and how its relative links resolve.
#[derive(Clone, Debug)]
pub struct SourceInfo {
    /// File name for diagnostics (`data/feature-status.md`).
    pub file: String,
    /// Base URL for relative links (`https://istio.io/latest`).
    pub docs_base: String,
    /// Human-readable origin of the data.
    pub provenance: String,
}

/// Reads a Markdown feature-status page and validates it.
pub fn load_markdown(info: &SourceInfo, text: &str) -> Result<Catalog, Vec<Diagnostic>> {
    validate(markdown::parse(info, text)?)
}
