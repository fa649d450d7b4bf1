//! What the widget says when nothing matches.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    /// The active search and filters in words (`“dns” in phase Stable`).
    pub description: AttrValue,
    pub on_clear: Callback<()>,
}

#[function_component(EmptyState)]
pub fn empty_state(props: &EmptyStateProps) -> Html {
    let on_clear = props.on_clear.clone();
    html! {
        <div class="fm-empty">
            <p class="fm-empty-text">
                {"No features match "}<strong>{props.description.clone()}</strong>{"."}
            </p>
            <button type="button" class="fm-button" onclick={Callback::from(move |_: MouseEvent| on_clear.emit(()))}>
                {"Clear filters"}
            </button>
        </div>
    }
}
