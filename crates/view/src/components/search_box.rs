//! The labelled search input.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    pub id: AttrValue,
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
    let hint_id = format!("{}-hint", props.id);
    html! {
        <div class="fm-search">
            <label class="fm-label" for={props.id.clone()}>{"Filter features"}</label>
            <input
                id={props.id.clone()}
                class="fm-search-input"
                type="search"
                value={props.value.clone()}
                {oninput}
                {onkeydown}
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
