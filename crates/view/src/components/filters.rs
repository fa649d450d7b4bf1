//! Toggle-button filter groups (phase, category) with live counts. Each choice carries the
//! id its button sends (a phase's slug, a category's id), so nothing maps a position back
//! to an id.

use feature_matrix_core::query::{Query, View};
use feature_matrix_core::Shown;
use yew::prelude::*;

use crate::ids;

/// One toggle of a filter group.
#[derive(Clone, PartialEq)]
pub struct Choice {
    pub label: AttrValue,
    /// Extra class for the button (e.g. the phase's colour).
    pub class: Option<AttrValue>,
    pub pressed: bool,
    /// Rows this choice would show with the current search and the other filters.
    pub count: usize,
    /// What it filters on: a phase's slug or a category's id, sent when it is pressed.
    pub key: AttrValue,
}

pub struct FilterProps<'a> {
    pub ns: &'a AttrValue,
    /// `phase` or `category`: the group's id part (`ids::filter_label`).
    pub group: &'static str,
    pub label: AttrValue,
    pub choices: Vec<Choice>,
    pub on_toggle: &'a Callback<AttrValue>,
}

/// The phase filter's choices: the phases the catalog shown uses or defines.
pub fn phase_choices(shown: &Shown, query: &Query, view: &View) -> Vec<Choice> {
    let choice = |&p: &feature_matrix_core::Phase| Choice {
        label: p.label().into(),
        class: Some(format!("fm-chip--{}", p.slug()).into()),
        pressed: query.phases.contains(&p),
        count: view.phase_counts[p.index()],
        key: AttrValue::Static(p.slug()),
    };
    shown.phases().iter().map(choice).collect()
}

/// The category filter's choices, in page order.
pub fn category_choices(shown: &Shown, query: &Query, view: &View) -> Vec<Choice> {
    let choice = |(i, c): (usize, &feature_matrix_core::Category)| Choice {
        label: c.name.to_string().into(),
        class: None,
        pressed: u16::try_from(i).is_ok_and(|i| query.categories.contains(&i)),
        count: view.category_counts[i],
        key: c.id.to_string().into(),
    };
    shown.catalog().categories.iter().enumerate().map(choice).collect()
}

/// A group of toggle buttons labelled by the element `ids::filter_label(ns, group)`.
pub fn filter_group(props: &FilterProps<'_>) -> Html {
    let label_id: AttrValue = ids::filter_label(props.ns, props.group).into();
    html! {
        <div class="fm-filter" role="group" aria-labelledby={label_id.clone()}>
            <span class="fm-label" id={label_id}>{props.label.clone()}</span>
            <div class="fm-chips">
            { for props.choices.iter().map(|c| {
                let (on_toggle, key) = (props.on_toggle.clone(), c.key.clone());
                let onclick = Callback::from(move |_: MouseEvent| on_toggle.emit(key.clone()));
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
