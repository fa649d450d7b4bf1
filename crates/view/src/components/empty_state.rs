//! What the widget says when nothing matches.

use feature_matrix_core::i18n::{pieces, Msg};
use yew::prelude::*;

use crate::handle::Tr;

/// The empty state: what matched nothing (`description`, the active search and filters in
/// words: `“dns” in phase Stable`) and a button that clears them.
pub fn empty_state(description: &str, on_clear: &Callback<()>, tr: &Tr) -> Html {
    let on_clear = on_clear.clone();
    html! {
        <div class="fm-empty">
            <p class="fm-empty-text">
                { for pieces(tr.get(Msg::empty)).into_iter().map(|(key, text)| if key {
                    html! { <strong>{description.to_owned()}</strong> }
                } else {
                    html! { {text.to_owned()} }
                }) }
            </p>
            <button type="button" class="fm-button" onclick={Callback::from(move |_: MouseEvent| on_clear.emit(()))}>
                {tr.t(Msg::clear_filters)}
            </button>
        </div>
    }
}
