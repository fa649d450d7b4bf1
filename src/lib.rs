//! The feature-matrix widget: Yew components that render the pure core's state
//! (`feature_matrix_core`) and dispatch its actions, plus the embedded catalog.
//!
//! Components own no rules: search, filtering, sorting, counting and link checks all live
//! in the core. Render paths never touch the DOM (so they also run under Yew SSR); DOM
//! access happens only in callbacks, effects and [`mount`], through [`browser`].

pub mod browser;
pub mod components;
pub mod js_json;
pub mod mount;

pub use components::matrix::{CatalogHandle, FeatureMatrix, MatrixProps};

/// The catalog embedded at build time (see `build.rs`), already validated.
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
}
