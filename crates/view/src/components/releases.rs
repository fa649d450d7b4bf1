//! Istio releases in the widget: the release picker and the changes view comparing two
//! releases. The data comes from the widget's sources (the picker) and the catalog shown
//! (the changes view); every rule (which catalog is shown,
//! history, since, what changed and which changes the search matches) lives in the core
//! (`feature_matrix_core::shown`, `feature_matrix_core::releases`).

use feature_matrix_core::i18n::Msg;
use feature_matrix_core::releases::ReleaseSet;
use feature_matrix_core::search::Term;
use feature_matrix_core::Phase;
use yew::prelude::*;

use super::highlight::feature_name;
use super::phase::phase_label;
use crate::handle::{ShownHandle, Tr};
use crate::ids;

pub struct PickerProps {
    pub ns: AttrValue,
    /// The releases offered.
    pub releases: &'static ReleaseSet,
    /// Index of the release shown; `None` for the page.
    pub release: Option<usize>,
    pub on_change: Callback<Option<String>>,
    pub tr: Tr,
    /// The `<select>`, kept on the release shown by `hooks::use_select_value`.
    pub select: NodeRef,
}

/// The release picker: the Feature Status page, then every release, newest first.
pub fn release_picker(props: &PickerProps) -> Html {
    let set = props.releases;
    let select = props.select.clone();
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            on_change.emit((!value.is_empty()).then_some(value));
        })
    };
    let id = ids::release(&props.ns);
    let tr = &props.tr;
    html! {
        <div class="fm-release">
            <label class="fm-label" for={id.clone()}>{tr.t(Msg::release_label)}</label>
            <select {id} class="fm-select" ref={select} {onchange}>
                <option value="" selected={props.release.is_none()}>{tr.t(Msg::release_page)}</option>
                { for set.labels.iter().enumerate().rev().map(|(i, l)| html! {
                    <option value={l.to_string()} selected={props.release == Some(i)}>{tr.fill(Msg::release_name, &[("release", l)])}</option>
                }) }
            </select>
        </div>
    }
}

pub struct ChangesProps {
    pub ns: AttrValue,
    /// The release shown (a release, never the page).
    pub shown: ShownHandle,
    /// The release compared with it; `None` when there is none (the oldest release).
    pub from: Option<usize>,
    /// The search text, and its terms for highlighting.
    pub text: AttrValue,
    pub terms: Vec<Term>,
    pub on_from: Callback<Option<String>>,
    pub tr: Tr,
    /// The "Compare with" `<select>`, kept on `from` by `hooks::use_select_value`.
    pub select: NodeRef,
}

/// What changed from one release to another, grouped, with counts; the search applies.
pub fn changes_view(props: &ChangesProps) -> Html {
    let Some(set) = props.shown.0.releases() else { return Html::default() };
    let to = props.shown.0.release().unwrap_or_default();
    let select = props.select.clone();
    let onchange = {
        let on_from = props.on_from.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            on_from.emit((!value.is_empty()).then_some(value));
        })
    };
    let to_label = set.label(to).to_owned();
    let tr = &props.tr;
    let compare_id = ids::compare(&props.ns);
    let picker = html! {
        <div class="fm-release">
            <label class="fm-label" for={compare_id.clone()}>{tr.t(Msg::compare_label)}</label>
            <select id={compare_id} class="fm-select" ref={select} {onchange}>
                if props.from.is_none() {
                    <option value="" selected=true>{tr.t(Msg::compare_choose)}</option>
                }
                { for set.labels.iter().enumerate().rev().filter(|(i, _)| *i != to).map(|(i, l)| html! {
                    <option value={l.to_string()} selected={props.from == Some(i)}>{tr.fill(Msg::release_name, &[("release", l)])}</option>
                }) }
            </select>
        </div>
    };
    let Some(c) = props.from.and_then(|from| props.shown.0.changes(from, &props.text)) else {
        return html! {
            <div class="fm-changes" role="region" aria-label={tr.fill(Msg::changes_to, &[("release", &to_label)])}>
                { picker }
                <p class="fm-changes-summary">
                    {tr.fill(Msg::changes_oldest, &[("release", &to_label)])}
                </p>
            </div>
        };
    };
    let section = |title: Msg, items: Vec<Html>| {
        let label = tr.count(Msg::changes_group, items.len(), &[("group", tr.get(title))]);
        html! {
            <section class="fm-changes-group" aria-label={label.clone()}>
                <p class="fm-changes-title">{label}</p>
                if items.is_empty() {
                    <p class="fm-muted">{tr.t(Msg::changes_none)}</p>
                } else {
                    <ul class="fm-changes-list">{ for items }</ul>
                }
            </section>
        }
    };
    let name = |row: u16, r: usize| feature_name(set.name(row, r), &props.terms);
    let added: Vec<Html> = c
        .matching
        .added
        .iter()
        .map(|&r| {
            let phase = set.release(c.to).iter().find(|e| e.row == r).map(|e| e.phase);
            html! { <li>{name(r, c.to)}{" "}{ for phase.map(phase_label) }</li> }
        })
        .collect();
    let removed: Vec<Html> = c.matching.removed.iter().map(|&r| html! { <li>{name(r, c.from)}</li> }).collect();
    let moved = |list: &[(u16, Phase, Phase)]| -> Vec<Html> {
        list.iter()
            .map(|&(r, a, b)| html! { <li>{name(r, c.to)}{": "}{phase_label(a)}{" → "}{phase_label(b)}</li> })
            .collect()
    };
    let from_label = set.label(c.from).to_owned();
    let all = &c.all;
    html! {
        <div class="fm-changes" role="region" aria-label={tr.fill(Msg::changes_between, &[("from", &from_label), ("release", &to_label)])}>
            { picker }
            <p class="fm-changes-summary">
                {tr.fill(Msg::changes_summary, &[("from", &from_label), ("release", &to_label),
                    ("added", &tr.number(all.added.len())), ("removed", &tr.number(all.removed.len())),
                    ("promoted", &tr.number(all.promoted.len())), ("demoted", &tr.number(all.demoted.len()))])}
            </p>
            { section(Msg::changes_added, added) }
            { section(Msg::changes_removed, removed) }
            { section(Msg::changes_promoted, moved(&c.matching.promoted)) }
            { section(Msg::changes_demoted, moved(&c.matching.demoted)) }
        </div>
    }
}
