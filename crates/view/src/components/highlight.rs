//! Renders text with the search terms' matches wrapped in `<mark>`.

use feature_matrix_core::model::code_spans;
use feature_matrix_core::search::{segments, Term};
use yew::prelude::*;

/// Text with every match of the search terms marked.
pub fn highlighted(text: &str, terms: &[Term]) -> Html {
    if terms.is_empty() {
        return html! { {text.to_owned()} };
    }
    segments(text, terms)
        .into_iter()
        .map(|s| {
            if s.matched {
                html! { <mark class="fm-mark">{s.text.to_owned()}</mark> }
            } else {
                html! { {s.text.to_owned()} }
            }
        })
        .collect()
}

/// A feature name: its code spans (Istio writes "Waypoints: `DestinationRule`") as
/// `<code>`, as istio.io shows them, and the search terms' matches marked.
pub fn feature_name(text: &str, terms: &[Term]) -> Html {
    if !text.contains('`') {
        return highlighted(text, terms);
    }
    code_spans(text)
        .into_iter()
        .map(|(code, t)| {
            if code {
                html! { <code class="fm-code">{highlighted(t, terms)}</code> }
            } else {
                highlighted(t, terms)
            }
        })
        .collect()
}
