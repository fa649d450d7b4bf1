//! The labelled search input.

use feature_matrix_core::url_state::MAX_SEARCH;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ids;

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    /// The instance's id prefix.
    pub ns: AttrValue,
    pub value: AttrValue,
    pub on_change: Callback<String>,
}

#[function_component(SearchBox)]
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
            <label class="fm-label" for={id.clone()}>{"Filter features"}</label>
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
                placeholder="e.g. dns, mutual tls, stable"
                aria-describedby={hint_id.clone()}
            />
            <p id={hint_id} class="fm-hint">
                {"Every word must match a feature’s name, category, phase or note. Press "}<kbd>{"/"}</kbd>
                {" to search, "}<kbd>{"Esc"}</kbd>{" to clear."}
            </p>
        </div>
    }
}
