//! Every id the widget gives an element, in one place. Each starts with the instance's
//! prefix (`fm`, `fm2`, …), so two widgets on a page never share one. A feature's row id
//! is its deep-link fragment, `{ns}-{feature id}` (`url_state::feature_anchor`); the
//! widget's own elements use `{ns}--…`, which no feature id can reach (validation refuses
//! ids that start with `-`, and derived ids never do). The widget finds its elements within
//! its own root, never by a page-wide id lookup (`browser::focus`, `browser::reveal`). The
//! Hugo shortcode writes the same ids for the table it renders.

use feature_matrix_core::Phase;

/// The widget's `<section>`.
pub fn root(ns: &str) -> String {
    ns.to_owned()
}

pub fn search(ns: &str) -> String {
    format!("{ns}--search")
}

pub fn search_hint(ns: &str) -> String {
    format!("{ns}--search-hint")
}

pub fn release(ns: &str) -> String {
    format!("{ns}--release")
}

/// The "Compare with" select of the changes view.
pub fn compare(ns: &str) -> String {
    format!("{ns}--from")
}

/// A filter group's label (`phase`, `category`).
pub fn filter_label(ns: &str, group: &str) -> String {
    format!("{ns}--{group}-label")
}

/// A toolbar group's label (`view`, `export`).
pub fn toolbar_label(ns: &str, group: &str) -> String {
    format!("{ns}--{group}-label")
}

pub fn table_caption(ns: &str) -> String {
    format!("{ns}--caption")
}

pub fn matrix_caption(ns: &str) -> String {
    format!("{ns}--matrix-caption")
}

/// A category heading of the table.
pub fn category_heading(ns: &str, category_id: &str) -> String {
    format!("{ns}--cat-{category_id}")
}

pub fn legend(ns: &str) -> String {
    format!("{ns}--legend")
}

pub fn legend_caption(ns: &str) -> String {
    format!("{ns}--legend-caption")
}

/// A phase's definition in the legend (phase badges link to it).
pub fn definition(ns: &str, phase: Phase) -> String {
    format!("{ns}--def-{}", phase.slug())
}

/// A feature's row: its deep-link anchor.
pub fn feature_row(ns: &str, feature_id: &str) -> String {
    feature_matrix_core::url_state::feature_anchor(ns, feature_id)
}
