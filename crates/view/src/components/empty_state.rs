//! What the widget says when nothing matches.

use feature_matrix_core::i18n::{pieces, Msg};
use yew::prelude::*;

use crate::handle::Tr;

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    /// The active search and filters in words (`“dns” in phase Stable`).
    pub description: AttrValue,
    pub on_clear: Callback<()>,
    pub tr: Tr,
}

#[function_component(EmptyState)]
pub fn empty_state(props: &EmptyStateProps) -> Html {
    let on_clear = props.on_clear.clone();
    html! {
        <div class="fm-empty">
            <p class="fm-empty-text">
                { for pieces(props.tr.get(Msg::empty)).into_iter().map(|(key, text)| if key {
                    html! { <strong>{props.description.clone()}</strong> }
                } else {
                    html! { {text.to_owned()} }
                }) }
            </p>
            <button type="button" class="fm-button" onclick={Callback::from(move |_: MouseEvent| on_clear.emit(()))}>
                {props.tr.t(Msg::clear_filters)}
            </button>
        </div>
    }
}
