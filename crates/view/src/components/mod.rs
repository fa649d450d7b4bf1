//! One small component per file. Each takes plain props (data from the core and
//! callbacks) and renders; `matrix` wires the store to the others. Shared prop types
//! live in `crate::handle`, the store in `crate::store`, hooks in `crate::hooks`, ids in
//! `crate::ids`.

pub mod empty_state;
pub mod filters;
pub mod highlight;
pub mod legend;
pub mod matrix;
pub mod matrix_view;
pub mod phase;
pub mod releases;
pub mod root;
pub mod search_box;
pub mod table;
pub mod toolbar;
