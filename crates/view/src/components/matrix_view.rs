//! The matrix view: categories as rows, phases as columns, each cell listing its features
//! with a count, and a stacked bar per category showing its maturity mix (inline SVG).
//! Shows exactly the rows of the current view (search and filters apply), in view order.

use std::rc::Rc;

use feature_matrix_core::i18n::{Messages, Msg};
use feature_matrix_core::links::resolve;
use feature_matrix_core::query::{Grid, View};
use feature_matrix_core::Phase;
use yew::prelude::*;

use super::highlight::{feature_name, highlighted};
use super::phase::phase_badge;
use crate::handle::{ShownHandle, Tr};
use crate::ids;

/// Features listed per cell at most; the rest are counted ("and 120 more").
const CELL_LIMIT: usize = 50;

pub struct MatrixViewProps {
    pub title: AttrValue,
    /// The catalog shown: its phases are the columns.
    pub shown: ShownHandle,
    pub view: Rc<View>,
    pub docs_base: AttrValue,
    pub id_prefix: AttrValue,
    pub on_define: Callback<Phase>,
    pub tr: Tr,
}

/// Categories by phases for the current rows, with a maturity bar per category.
pub fn matrix_view(props: &MatrixViewProps) -> Html {
    let (catalog, phases) = (props.shown.0.catalog(), props.shown.0.phases());
    let view = &props.view;
    let tr: &Messages = &props.tr;
    let caption_id = ids::matrix_caption(&props.id_prefix);
    let Grid { cells, totals } = Grid::of(catalog, view, phases);
    html! {
        <div class="fm-scroll" role="region" aria-labelledby={caption_id.clone()} tabindex="0">
            <table class="fm-table fm-grid">
                <caption id={caption_id} class="fm-caption">
                    {tr.fill(Msg::matrix_caption, &[("title", &props.title)])}
                </caption>
                <thead>
                    <tr>
                        <th scope="col" class="fm-grid-corner">{props.tr.t(Msg::column_category)}</th>
                        { for phases.iter().map(|&p| html! {
                            <th scope="col">{phase_badge(p, &props.id_prefix, &view.terms, &props.on_define, tr)}</th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                { for catalog.categories.iter().enumerate().filter(|(ci, _)| cells[*ci].iter().any(|c| !c.is_empty())).map(|(ci, cat)| {
                    let row = &cells[ci];
                    let counts: Vec<usize> = row.iter().map(Vec::len).collect();
                    html! {
                        <tr key={cat.id.to_string()}>
                            <th scope="row" class="fm-grid-category">
                                <span class="fm-name">{highlighted(&cat.name, &view.terms)}</span>
                                <span class="fm-grid-total">{tr.count(Msg::matrix_total, counts.iter().sum(), &[])}</span>
                                {stacked_bar(&cat.name, phases, &counts, tr)}
                            </th>
                            { for row.iter().zip(phases).map(|(features, &p)| html! {
                                <td class={classes!("fm-grid-cell", features.is_empty().then_some("fm-grid-cell--empty"))}>
                                    <span class="fm-grid-count">
                                        {features.len()}
                                        <span class="fm-visually-hidden">{format!(" {}", tr.fill(Msg::matrix_cell, &[("phase", p.label()), ("category", &cat.name)]))}</span>
                                    </span>
                                    if !features.is_empty() {
                                        <ul class="fm-grid-list">
                                        { for features.iter().take(CELL_LIMIT).map(|&i| {
                                            let f = &catalog.features[i];
                                            let name = feature_name(&f.name, &view.terms);
                                            html! {
                                                <li key={f.id.to_string()}>
                                                    { match f.link.as_deref().and_then(|l| resolve(&props.docs_base, l)) {
                                                        Some(url) => html! { <a class="fm-link" href={url}>{name}</a> },
                                                        None => name,
                                                    } }
                                                    if let Some(note) = f.note.as_deref() {
                                                        <span class="fm-note">
                                                            <span class="fm-note-label">{props.tr.t(Msg::note_label)}</span>
                                                            {highlighted(note, &view.terms)}
                                                        </span>
                                                    }
                                                </li>
                                            }
                                        }) }
                                        if features.len() > CELL_LIMIT {
                                            <li class="fm-grid-more">{tr.count(Msg::matrix_more, features.len() - CELL_LIMIT, &[])}</li>
                                        }
                                        </ul>
                                    }
                                </td>
                            }) }
                        </tr>
                    }
                }) }
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{props.tr.t(Msg::matrix_all)}</th>
                        { for totals.iter().map(|t| html! { <td class="fm-grid-count">{*t}</td> }) }
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

/// A bar of segments proportional to the counts, one per phase, described in words.
fn stacked_bar(category: &str, phases: &[Phase], counts: &[usize], tr: &Messages) -> Html {
    let total: usize = counts.iter().sum();
    let parts: Vec<String> = phases
        .iter()
        .zip(counts)
        .map(|(p, n)| tr.fill(Msg::matrix_bar_part, &[("count", &tr.number(*n)), ("phase", p.label())]))
        .collect();
    let mix = feature_matrix_core::i18n::join(
        &parts.iter().map(String::as_str).collect::<Vec<_>>(),
        tr.get(Msg::list_separator),
    );
    let label = tr.fill(Msg::matrix_bar, &[("category", category), ("mix", &mix)]);
    // Integer geometry on a 1000-unit-wide view box (no float formatting in the wasm).
    let mut x = 0;
    html! {
        <svg class="fm-bar" role="img" aria-label={label} viewBox="0 0 1000 10" preserveAspectRatio="none"
             width="100%" height="10" focusable="false">
            { for phases.iter().zip(counts).filter(|(_, n)| **n > 0).map(|(p, n)| {
                let w = (1000 * n).checked_div(total).unwrap_or(0);
                let rect = html! {
                    <rect class={format!("fm-bar-{}", p.slug())} x={x.to_string()} y="0"
                          width={w.to_string()} height="10" />
                };
                x += w;
                rect
            }) }
        </svg>
    }
}
