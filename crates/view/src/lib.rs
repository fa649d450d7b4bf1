//! The feature-matrix view: Yew components that render the pure core's state
//! (`feature_matrix_core`) and dispatch its actions, plus the catalog embedded at build
//! time. It compiles for the browser (`csr`, `hydration`) and for the host (`ssr`, used to
//! prerender the widget's HTML).
//!
//! Rules (search, filtering, sorting, counting, ids, history, links, exports) live in the
//! core; the parts render what it computes. Rendering never touches the DOM (the parts run
//! under Yew SSR): the DOM is reached only from effects (`hooks`, `store`), handlers
//! (`handlers`), the parts' event callbacks (reading the control that changed), the change
//! event (`host`) and the panic hook (`crash`).

pub mod browser;
pub mod components;
pub mod crash;
pub mod handle;
pub mod handlers;
pub mod hooks;
pub mod host;
pub mod ids;
pub mod store;

pub use components::matrix::{FeatureMatrix, MatrixProps};
pub use handle::{CatalogHandle, Problems, ShownHandle, Tr};

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

/// The props of the default widget: the built-in catalog with the releases, default
/// options, instance `fm`, starting as `start` says. The build's SSR pass uses
/// [`default_source`]; hydration uses the `start` the core decided (same first state), so
/// both produce the same markup.
pub fn default_props(start: feature_matrix_core::Start) -> MatrixProps {
    MatrixProps {
        catalog: default_catalog(),
        docs_base: None,
        id_prefix: "fm".into(),
        title: None,
        columns: Default::default(),
        legend: Default::default(),
        start,
        warnings: Default::default(),
        with_releases: true,
        report: Some(feature_matrix_core::links::ISTIO_REPORT.into()),
        tr: Default::default(),
    }
}

/// What the default widget shows when prerendered: the default state, in its static form.
pub fn default_source() -> components::root::Source {
    default_source_in(Tr::default())
}

/// [`default_source`] in a language (the prerendered page of that language).
pub fn default_source_in(tr: Tr) -> components::root::Source {
    let start = feature_matrix_core::Start { hydrate: true, ..Default::default() };
    components::root::Source::Ready(std::rc::Rc::new(MatrixProps { tr, ..default_props(start) }))
}
