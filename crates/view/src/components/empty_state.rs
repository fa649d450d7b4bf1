//! What the widget says when nothing matches.

use feature_matrix_core::i18n::{pieces, Msg};
use yew::prelude::*;

use crate::handle::Tr;

pub struct EmptyProps<'a> {
    /// What matched nothing: the active search and filters in words (`“dns” in phase Stable`).
    pub description: &'a str,
    pub on_clear: &'a Callback<()>,
    pub tr: &'a Tr,
}

/// The empty state: what matched nothing and a button that clears it.
pub fn empty_state(props: &EmptyProps<'_>) -> Html {
    let EmptyProps { description, tr, .. } = *props;
    let on_clear = props.on_clear.clone();
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
