//! The pure core of the feature matrix: the catalog model, its validation, link
//! resolution, the query (search, filters, sort) and the widget state with its actions.
//!
//! This crate owns every rule the widget applies to data. It must never touch the DOM,
//! the network or any browser API: it is plain Rust, unit-tested on the host, and the
//! Yew view only renders what it computes. The `source` feature adds the build-time
//! parts (Markdown catalog reader, Rust code generator); they never reach the wasm.

pub mod events;
pub mod export;
pub mod html;
pub mod i18n;
pub mod istio;
pub mod json;
pub mod json_catalog;
pub mod links;
pub mod model;
pub mod options;
pub mod plural;
pub mod query;
pub mod releases;
pub mod search;
pub mod set;
pub mod shape;
pub mod shown;
pub mod state;
pub mod url_state;
pub mod validate;

#[cfg(feature = "source")]
pub mod source;

pub use model::{Aspect, Catalog, Category, Feature, Inline, Legend, Phase, Text};
pub use query::{Direction, Query, SortKey, View};
pub use shown::{Shown, Sources};
pub use state::{start, Action, MatrixState, Notice, Session, Start, UrlWrite, ViewMode};
