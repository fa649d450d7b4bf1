//! Toggle-button filter groups (phase, category) with live counts.

use yew::prelude::*;

/// One toggle of a filter group.
#[derive(Clone, PartialEq)]
pub struct Choice {
    pub label: AttrValue,
    /// Extra class for the button (e.g. the phase's colour).
    pub class: Option<AttrValue>,
    pub pressed: bool,
    /// Rows this choice would show with the current search and the other filters.
    pub count: usize,
}

/// A group of toggle buttons labelled by the element `label_id` (from `ids::filter_label`)
/// that says `label`; `on_toggle` gets the index of the toggled choice.
pub fn filter_group(label_id: AttrValue, label: AttrValue, choices: &[Choice], on_toggle: &Callback<usize>) -> Html {
    html! {
        <div class="fm-filter" role="group" aria-labelledby={label_id.clone()}>
            <span class="fm-label" id={label_id}>{label}</span>
            <div class="fm-chips">
            { for choices.iter().enumerate().map(|(i, c)| {
                let on_toggle = on_toggle.clone();
                let onclick = Callback::from(move |_: MouseEvent| on_toggle.emit(i));
                html! {
                    <button
                        type="button"
                        class={classes!("fm-chip", c.class.clone(), (c.count == 0).then_some("fm-chip--none"))}
                        aria-pressed={if c.pressed { "true" } else { "false" }}
                        {onclick}
                    >
                        <span class="fm-chip-label">{c.label.clone()}</span>
                        <span class="fm-count">{c.count}</span>
                    </button>
                }
            }) }
            </div>
        </div>
    }
}
