//! The pure core of the feature matrix: the catalog model, its validation, link
//! resolution, the query (search, filters, sort) and the widget state with its actions.
//!
//! This crate owns every rule the widget applies to data. It must never touch the DOM,
//! the network or any browser API: it is plain Rust, unit-tested on the host, and the
//! Yew view only renders what it computes. The `source` feature adds the build-time
//! parts (Markdown catalog reader, Rust code generator); they never reach the wasm.

// The catalog: its model, its rules, links in it, the Istio releases beside it.
pub mod links;
pub mod model;
pub mod releases;
pub mod validate;

// Reading: catalogs, Istio's data and language files given at run time.
pub mod istio;
pub mod json;
pub mod json_catalog;

// The query: search, filters, sort, and the rows of the catalog shown.
pub mod query;
pub mod search;
pub mod set;
pub mod shown;

// The session: options, the URL, the state and its reducer, the change event.
pub mod events;
pub mod options;
pub mod percent;
pub mod state;
pub mod url_state;

// Text and output: messages, plurals, exports, markup checks.
pub mod export;
pub mod html;
pub mod i18n;
pub mod plural;
pub mod shape;

#[cfg(feature = "source")]
pub mod source;

pub use model::{Aspect, Catalog, Category, Feature, Inline, Legend, Phase, Text};
pub use query::{Direction, Query, SortKey, View, ViewMode};
pub use shown::{Shown, Sources};
pub use state::{start, Action, Dropped, Effects, MatrixState, Notice, Session, Start, StartFrom, UrlWrite};
