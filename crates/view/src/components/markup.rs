//! Parts written as HTML text rather than virtual DOM: a row's "Details", plain phase badges
//! and the phase-definitions table. Their content changes seldom (never while the reader
//! types), so a re-render compares one string and keeps the nodes (an open "Details" stays
//! open); hydration takes the prerendered nodes as they are, where Yew would set every
//! attribute of every element again; and new ones come from one parse. Every text and
//! attribute value goes through [`escape`] (the core's `html::escape`).

use yew::{AttrValue, Html};

pub use feature_matrix_core::html::escape;

/// Markup written with [`escape`] as the view's node.
pub fn markup(html: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(html))
}
