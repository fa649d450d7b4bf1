//! The widget's parts, one per file. Two are components: `root` (what an instance shows:
//! the widget or the catalog's error box) and `matrix` (`FeatureMatrix`: the store, the
//! hooks, the handlers, the wiring). Every part (`toolbar`, `search_box`, `filters`, `table`,
//! `matrix_view`, `releases`, `legend`, `empty_state`, `footer`) is a plain function from a
//! props struct (data from the core, callbacks) to `Html`, rendered with the widget: each
//! component type instantiates Yew's generic component code once more (about 1 KB gzip), and
//! these parts re-render with the widget anyway; the hooks they need are called by
//! `FeatureMatrix`. `highlight`, `markup` and `phase` are helpers the parts share (search
//! highlighting, markup written as text, phase badges). Shared prop types live in
//! `crate::handle`, the store in `crate::store`, hooks in `crate::hooks`, the controls'
//! browser side in `crate::handlers`, ids in `crate::ids`.

pub mod empty_state;
pub mod filters;
pub mod footer;
pub mod highlight;
pub mod legend;
pub mod markup;
pub mod matrix;
pub mod matrix_view;
pub mod phase;
pub mod releases;
pub mod root;
pub mod search_box;
pub mod table;
pub mod toolbar;
