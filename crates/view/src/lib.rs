//! The feature-matrix view: Yew components that render the pure core's state
//! (`feature_matrix_core`) and dispatch its actions, plus the catalog embedded at build
//! time. It compiles for the browser (`csr`, `hydration`) and for the host (`ssr`, used to
//! prerender the widget's HTML).
//!
//! Components own no rules: search, filtering, sorting, counting and link checks all live
//! in the core. Render paths never touch the DOM (so they run under Yew SSR); DOM access
//! happens only in callbacks and effects, through [`browser`].

pub mod browser;
pub mod components;
pub mod crash;
pub mod js_json;

pub use components::matrix::{CatalogHandle, FeatureMatrix, MatrixProps};

/// The catalogs embedded at build time (see `build.rs`): the Feature Status page
/// (`CATALOG`, validated) and every Istio release since 1.10 (`RELEASES`).
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/catalog.rs"));
    include!(concat!(env!("OUT_DIR"), "/releases.rs"));
}

thread_local! {
    static DEFAULT_CATALOG: CatalogHandle = CatalogHandle(std::rc::Rc::new(embedded::CATALOG.clone()));
}

/// The built-in catalog, one shared copy per thread.
pub fn default_catalog() -> CatalogHandle {
    DEFAULT_CATALOG.with(Clone::clone)
}

/// What the default widget shows: the built-in catalog, default options, instance `fm`,
/// prerendered. The build's SSR pass and the browser's hydration both start from this, so
/// they produce the same markup.
pub fn default_source() -> components::root::Source {
    components::root::Source::Ready(std::rc::Rc::new(MatrixProps {
        catalog: default_catalog(),
        docs_base: None,
        id_prefix: "fm".into(),
        title: None,
        columns: Default::default(),
        legend: Default::default(),
        initial: Default::default(),
        initial_hash: Default::default(),
        prerendered: true,
        restore: None,
        warnings: Default::default(),
        with_releases: true,
    }))
}
