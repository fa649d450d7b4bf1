//! The labelled search input.

use feature_matrix_core::url_state::MAX_SEARCH;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use feature_matrix_core::i18n::{pieces, Msg};

use crate::handle::Tr;
use crate::ids;

pub struct SearchBoxProps {
    /// The instance's id prefix.
    pub ns: AttrValue,
    pub tr: Tr,
    pub value: AttrValue,
    pub on_change: Callback<String>,
}

/// The labelled search box with its hint; Escape clears it.
pub fn search_box(props: &SearchBoxProps) -> Html {
    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| on_change.emit(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    // Escape clears the search (and keeps focus in the box).
    let onkeydown = {
        let on_change = props.on_change.clone();
        let has_text = !props.value.is_empty();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && has_text {
                e.prevent_default();
                on_change.emit(String::new());
            }
        })
    };
    let id = ids::search(&props.ns);
    let hint_id = ids::search_hint(&props.ns);
    html! {
        <div class="fm-search">
            <label class="fm-label" for={id.clone()}>{props.tr.t(Msg::search_label)}</label>
            <input
                {id}
                class="fm-search-input"
                type="search"
                value={props.value.clone()}
                {oninput}
                {onkeydown}
                maxlength={MAX_SEARCH.to_string()}
                autocomplete="off"
                spellcheck="false"
                placeholder={props.tr.t(Msg::search_placeholder)}
                aria-describedby={hint_id.clone()}
            />
            <p id={hint_id} class="fm-hint">
                { for pieces(props.tr.get(Msg::search_hint)).into_iter().map(|(key, text)| match (key, text) {
                    (true, "slash") => html! { <kbd>{"/"}</kbd> },
                    (true, "esc") => html! { <kbd>{"Esc"}</kbd> },
                    _ => html! { {text.to_owned()} },
                }) }
            </p>
        </div>
    }
}
