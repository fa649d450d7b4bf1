//! Istio releases in the widget: which catalog is shown (the Feature Status page or a
//! release), the release picker, each feature's history and "since" release, and the
//! changes view comparing two releases. The data is the embedded `RELEASES`; all the rules
//! (linking, since, diff) live in `feature_matrix_core::releases`.

use std::rc::Rc;

use feature_matrix_core::query::SearchIndex;
use feature_matrix_core::releases::ReleaseSet;
use feature_matrix_core::search::{self, Term};
use feature_matrix_core::Phase;
use yew::prelude::*;

use super::highlight::highlighted;
use super::matrix::CatalogHandle;
use super::table::phase_label;
use crate::embedded::RELEASES;

/// Label of the Feature Status page in the picker.
pub const PAGE_LABEL: &str = "Feature Status page (before 1.10)";

/// The catalog on screen and how it relates to the releases.
#[derive(Clone, PartialEq)]
pub struct Shown {
    pub catalog: CatalogHandle,
    pub index: Rc<SearchIndex>,
    /// Index of the release shown; `None` for the page (or a custom catalog).
    pub release: Option<usize>,
    /// Per feature of `catalog`: its history (releases only).
    pub history: Rc<Vec<FeatureHistory>>,
    /// The phases the catalog uses or defines, in maturity order (the phase filter's choices).
    pub phases: Rc<Vec<Phase>>,
}

fn phases_of(catalog: &feature_matrix_core::Catalog) -> Rc<Vec<Phase>> {
    Rc::new(
        Phase::ALL
            .into_iter()
            .filter(|p| catalog.legend.phases.contains(p) || catalog.features.iter().any(|f| f.phase == *p))
            .collect(),
    )
}

/// A feature's place in history: the release since which it has its phase, and the
/// releases where its phase changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeatureHistory {
    pub since: String,
    pub changes: Vec<(String, Phase)>,
}

/// What to show for `release` (a label; unknown labels show the page).
pub fn shown(page: &CatalogHandle, with_releases: bool, release: Option<&str>) -> Shown {
    let set: &ReleaseSet = &RELEASES;
    let found = if with_releases { release.and_then(|r| set.find(r)) } else { None };
    let Some(r) = found else {
        return Shown {
            catalog: page.clone(),
            index: Rc::new(SearchIndex::new(&page.0)),
            release: None,
            history: Rc::new(Vec::new()),
            phases: phases_of(&page.0),
        };
    };
    let (catalog, rows) = set.catalog(r);
    let mut since_rank = Vec::with_capacity(rows.len());
    let history: Vec<FeatureHistory> = rows
        .iter()
        .map(|&row| {
            let timeline = set.timeline(row);
            let mut changes = Vec::new();
            let mut last = None;
            for (i, p) in timeline.iter().enumerate().take(r + 1) {
                if let Some(p) = p {
                    if last != Some(*p) {
                        changes.push((set.labels[i].to_string(), *p));
                    }
                }
                last = *p;
            }
            // The last change up to `r` is when the feature reached its current phase.
            let since = changes.last().and_then(|(label, _)| set.find(label));
            since_rank.push(since.map_or(u32::MAX, |i| u32::try_from(i).unwrap_or(u32::MAX)));
            FeatureHistory { since: changes.last().map(|(l, _)| l.clone()).unwrap_or_default(), changes }
        })
        .collect();
    let index = SearchIndex::new(&catalog).with_since(since_rank);
    let phases = phases_of(&catalog);
    Shown {
        catalog: CatalogHandle(Rc::new(catalog)),
        index: Rc::new(index),
        release: Some(r),
        history: Rc::new(history),
        phases,
    }
}

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub id: AttrValue,
    pub release: Option<usize>,
    pub on_change: Callback<Option<String>>,
}

/// The release picker: the Feature Status page, then every release, oldest first.
#[function_component(ReleasePicker)]
pub fn release_picker(props: &PickerProps) -> Html {
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            on_change.emit((!value.is_empty()).then_some(value));
        })
    };
    html! {
        <div class="fm-release">
            <label class="fm-label" for={props.id.clone()}>{"Release"}</label>
            <select id={props.id.clone()} class="fm-select" {onchange}>
                <option value="" selected={props.release.is_none()}>{PAGE_LABEL}</option>
                { for RELEASES.labels.iter().enumerate().rev().map(|(i, l)| html! {
                    <option value={l.to_string()} selected={props.release == Some(i)}>{format!("Istio {l}")}</option>
                }) }
            </select>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChangesProps {
    pub id_prefix: AttrValue,
    /// The release shown.
    pub release: usize,
    /// The release compared with it.
    pub from: usize,
    pub terms: Vec<Term>,
    pub on_from: Callback<Option<String>>,
}

/// What changed from one release to another, grouped, with counts; the search applies.
#[function_component(ChangesView)]
pub fn changes_view(props: &ChangesProps) -> Html {
    let set: &ReleaseSet = &RELEASES;
    let diff = set.diff(props.from, props.release);
    let keep = |row: u16| {
        let name = set.name(row, props.release);
        props.terms.is_empty() || search::matches(&[search::fold(name)], &props.terms)
    };
    let onchange = {
        let on_from = props.on_from.clone();
        Callback::from(move |e: Event| {
            on_from.emit(Some(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()));
        })
    };
    let (from_label, to_label) = (set.labels[props.from].to_string(), set.labels[props.release].to_string());
    let section = |title: &str, items: Vec<Html>| {
        let n = items.len();
        html! {
            <section class="fm-changes-group" aria-label={format!("{title}: {n}")}>
                <p class="fm-changes-title">{format!("{title} ({n})")}</p>
                if n == 0 {
                    <p class="fm-muted">{"None."}</p>
                } else {
                    <ul class="fm-changes-list">{ for items }</ul>
                }
            </section>
        }
    };
    let name = |row: u16, r: usize| highlighted(set.name(row, r), &props.terms);
    let added: Vec<Html> = diff
        .added
        .iter()
        .filter(|r| keep(**r))
        .map(|&r| {
            let phase = set.release(props.release).iter().find(|e| e.row == r).map(|e| e.phase);
            html! { <li>{name(r, props.release)}{" "}{ for phase.map(phase_label) }</li> }
        })
        .collect();
    let removed: Vec<Html> =
        diff.removed.iter().filter(|r| keep(**r)).map(|&r| html! { <li>{name(r, props.from)}</li> }).collect();
    let moved = |list: &[(u16, Phase, Phase)]| -> Vec<Html> {
        list.iter()
            .filter(|(r, _, _)| keep(*r))
            .map(|&(r, a, b)| html! { <li>{name(r, props.release)}{": "}{phase_label(a)}{" → "}{phase_label(b)}</li> })
            .collect()
    };
    html! {
        <div class="fm-changes" role="region" aria-label={format!("Changes from Istio {from_label} to Istio {to_label}")}>
            <div class="fm-release">
                <label class="fm-label" for={format!("{}-from", props.id_prefix)}>{"Compare with"}</label>
                <select id={format!("{}-from", props.id_prefix)} class="fm-select" {onchange}>
                    { for set.labels.iter().enumerate().rev().map(|(i, l)| html! {
                        <option value={l.to_string()} selected={props.from == i}>{format!("Istio {l}")}</option>
                    }) }
                </select>
            </div>
            <p class="fm-changes-summary">
                {format!("From Istio {from_label} to Istio {to_label}: {} added, {} removed, {} promoted, {} demoted.",
                    diff.added.len(), diff.removed.len(), diff.promoted.len(), diff.demoted.len())}
            </p>
            { section("Added", added) }
            { section("Removed", removed) }
            { section("Promoted", moved(&diff.promoted)) }
            { section("Demoted", moved(&diff.demoted)) }
        </div>
    }
}
