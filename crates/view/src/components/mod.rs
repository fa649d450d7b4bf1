//! One small component per file. Each takes plain props (data from the core and
//! callbacks) and renders; `matrix` wires the state to the others.

pub mod empty_state;
pub mod filters;
pub mod highlight;
pub mod legend;
pub mod matrix;
pub mod matrix_view;
pub mod releases;
pub mod root;
pub mod search_box;
pub mod table;
pub mod toolbar;
