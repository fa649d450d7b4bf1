//! The feature table: sortable column headers, category headings in page order, rows
//! with highlighted matches, docs links and phase badges that lead to their definition.

use std::rc::Rc;

use feature_matrix_core::i18n::Msg;
use feature_matrix_core::links::{fill, resolve};
use feature_matrix_core::model::plain_name;
use feature_matrix_core::options::Columns;
use feature_matrix_core::query::{Direction, SortKey, View};
use feature_matrix_core::{Feature, Phase};
use yew::prelude::*;

use super::highlight::{feature_name, highlighted};
use super::markup::{escape, markup};
use super::phase::{phase_badge, write_phase_label};
use crate::handle::{ShownHandle, Tr};
use crate::ids;

pub struct TableProps {
    pub title: AttrValue,
    pub columns: Columns,
    /// The catalog shown. When its features have a history (a release), the table has a
    /// "Since" column and a history under each name.
    pub shown: ShownHandle,
    pub view: Rc<View>,
    pub id_prefix: AttrValue,
    pub docs_base: AttrValue,
    pub sort: SortKey,
    pub direction: Direction,
    /// The feature a deep link points at (highlighted and focusable).
    pub revealed: Option<usize>,
    /// Render at most this many rows; a "Show more" button offers the next page.
    pub limit: usize,
    /// Where the last page of rows begins (after "Show more"): its first row can take focus.
    pub page_start: Option<usize>,
    pub on_show_more: Callback<()>,
    pub on_sort: Callback<SortKey>,
    /// A phase badge was activated.
    pub on_define: Callback<Phase>,
    /// Where "Report a problem" leads (`links::fill` template); none: no link.
    pub report: Option<AttrValue>,
    pub tr: Tr,
}

/// The features table: sortable headers, rows grouped by category, a page of rows at a time.
pub fn feature_table(props: &TableProps) -> Html {
    let catalog = props.shown.0.catalog();
    let view = &props.view;
    let tr = &props.tr;
    let caption_id = ids::table_caption(&props.id_prefix);
    let header = |key: SortKey, class: &'static str| {
        let sorted = props.sort == key;
        let on_sort = props.on_sort.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_sort.emit(key));
        let icon = match (sorted, props.direction) {
            (false, _) => "↕",
            (true, Direction::Ascending) => "▲",
            (true, Direction::Descending) => "▼",
        };
        html! {
            <th scope="col" class={classes!("fm-th", class)} aria-sort={sorted.then(|| props.direction.aria())}>
                <button type="button" class="fm-sort" {onclick}>
                    {tr.t(column_label(key))}
                    <span class={classes!("fm-sort-icon", sorted.then_some("fm-sort-icon--active"))} aria-hidden="true">{icon}</span>
                </button>
            </th>
        }
    };
    let has_history = props.shown.0.has_history();
    let colspan = props.columns.count() + usize::from(has_history);
    let shown = view.rows.len().min(props.limit);
    // A page of a longer list: the table tells assistive technology how many rows it has in
    // all (header, category headings and every match) and where each rendered row sits.
    let paged = shown < view.rows.len();
    let row_count = paged.then(|| (1 + view.rows.len() + view.groups.len()).to_string());
    let row_index = |i: usize| paged.then(|| i.to_string());
    // The first row of the last page shown can take focus (after "Show more").
    let page_first = props.page_start.and_then(|p| view.rows.get(p).copied());
    // What a report names as the release: once per render, not per row.
    let release = match props.shown.0.release() {
        Some(r) => format!("Istio {}", props.shown.0.label(r)),
        None => catalog.title.to_string(),
    };
    let row = |i: usize, at: usize| {
        let revealed = props.revealed == Some(i);
        let focusable = revealed || page_first == Some(i);
        render_row(&RowContext { props, release: &release, revealed, focusable, row_index: row_index(at) }, i)
    };
    let body = if view.groups.is_empty() {
        html! { <tbody>{ for view.rows[..shown].iter().enumerate().map(|(pos, &i)| row(i, 2 + pos)) }</tbody> }
    } else {
        view.groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.rows.start < shown)
            .map(|(gi, g)| {
                let cat = &catalog.categories[usize::from(g.category)];
                let n = g.rows.len();
                let rows = g.rows.start..g.rows.end.min(shown);
                // Rows before this heading: the header row, earlier headings and their rows.
                let heading_at = 2 + g.rows.start + gi;
                html! {
                    <tbody class="fm-group" key={cat.id.to_string()}>
                        <tr class="fm-group-row" key="fm-group-heading" aria-rowindex={row_index(heading_at)}>
                            <th scope="rowgroup" colspan={colspan.to_string()} class="fm-group-heading"
                                id={ids::category_heading(&props.id_prefix, &cat.id)}>
                                {highlighted(&cat.name, &view.terms)}
                                <span class="fm-group-count">{format!(" ({n})")}</span>
                            </th>
                        </tr>
                        { for view.rows[rows].iter().enumerate().map(|(k, &i)| row(i, heading_at + 1 + k)) }
                    </tbody>
                }
            })
            .collect()
    };
    let more = (shown < view.rows.len()).then(|| show_more(props, shown));
    html! {
        <div class="fm-scroll" role="region" aria-labelledby={caption_id.clone()} tabindex="0">
            <table class="fm-table fm-features" aria-rowcount={row_count}>
                <caption id={caption_id} class="fm-caption">
                    {tr.fill(Msg::table_caption, &[("title", &props.title)])}
                    <span class="fm-visually-hidden">{tr.t(Msg::table_caption_hint)}</span>
                </caption>
                <colgroup>
                    <col class="fm-col-feature" />
                    if props.columns.category { <col class="fm-col-category" /> }
                    if props.columns.phase { <col class="fm-col-phase" /> }
                    if has_history { <col class="fm-col-since" /> }
                </colgroup>
                <thead>
                    <tr aria-rowindex={row_index(1)}>
                        { header(SortKey::Feature, "fm-th-feature") }
                        if props.columns.category { { header(SortKey::Category, "fm-th-category") } }
                        if props.columns.phase { { header(SortKey::Phase, "fm-th-phase") } }
                        if has_history { { header(SortKey::Since, "fm-th-since") } }
                    </tr>
                </thead>
                { body }
            </table>
            { more }
        </div>
    }
}

/// A column's header text.
fn column_label(key: SortKey) -> Msg {
    match key {
        SortKey::Feature => Msg::column_feature,
        SortKey::Category => Msg::column_category,
        SortKey::Phase => Msg::column_phase,
        SortKey::Since => Msg::column_since,
    }
}

/// Below a page of a longer list: how many rows are shown, and a button for the next page.
fn show_more(props: &TableProps, shown: usize) -> Html {
    let (rows, tr) = (props.view.rows.len(), &props.tr);
    let on_show_more = props.on_show_more.clone();
    let next = (rows - shown).min(props.limit.max(1));
    html! {
        <div class="fm-more">
            <p class="fm-more-text">{tr.count(Msg::more_text, rows, &[("shown", &tr.number(shown))])}</p>
            <button type="button" class="fm-button" onclick={Callback::from(move |_: MouseEvent| on_show_more.emit(()))}>
                {tr.count(Msg::more_button, next, &[])}
            </button>
        </div>
    }
}

/// What a row needs besides its feature.
struct RowContext<'a> {
    props: &'a TableProps,
    /// What a report names as the release (once per render, not per row).
    release: &'a str,
    /// The row a deep link points at: highlighted.
    revealed: bool,
    /// The row can take focus (the deep link's, the first of a new page).
    focusable: bool,
    /// Its `aria-rowindex` when the table shows a page of a longer list.
    row_index: Option<String>,
}

/// Feature `i`'s row: its name (linked to its docs), note and details, category, phase badge
/// and, in a release, the release it reached its phase in.
fn render_row(cx: &RowContext<'_>, i: usize) -> Html {
    let RowContext { props, release, revealed, focusable, .. } = *cx;
    let row_index = cx.row_index.clone();
    let f: &Feature = &props.shown.0.catalog().features[i];
    let history = props.shown.0.history(i);
    let catalog = props.shown.0.catalog();
    let tr = &props.tr;
    let terms = &props.view.terms;
    let name = feature_name(&f.name, terms);
    let name = match f.link.as_deref().and_then(|href| resolve(&props.docs_base, href)) {
        Some(url) => html! { <a class="fm-link" href={url}>{name}</a> },
        None => name,
    };
    let note = f.note.as_deref().map(|n| {
        html! { <span class="fm-note"><span class="fm-note-label">{tr.t(Msg::note_label)}</span>{highlighted(n, terms)}</span> }
    });
    // "Details" (history, source and report links) as markup (see `markup`): about half of a
    // row's nodes, the same whatever the search.
    let changes = history.filter(|h| h.changes.len() > 1);
    let shown = &props.shown.0;
    let source = shown.source_link(i);
    let report = props.report.as_ref().map(|template| {
        let upstream = shown.upstream_id(i).unwrap_or(&f.id);
        let from = source.as_deref().unwrap_or(&catalog.provenance);
        fill(
            template,
            [("name", &f.name), ("id", upstream), ("release", release), ("phase", f.phase.label()), ("source", from)],
        )
    });
    let details = (changes.is_some() || source.is_some() || report.is_some()).then(|| {
        // Accessible names read the name without its code spans' backticks.
        let plain = plain_name(&f.name);
        let mut out = String::from("<details class=\"fm-history\"><summary>");
        escape(&mut out, tr.get(if changes.is_some() { Msg::row_history } else { Msg::row_details }));
        out.push_str("</summary>");
        if let Some(h) = changes {
            out.push_str("<ol class=\"fm-timeline\">");
            for &(release, p) in &h.changes {
                out.push_str("<li><span class=\"fm-timeline-release\">");
                escape(&mut out, shown.label(release));
                out.push_str("</span> ");
                write_phase_label(&mut out, p);
                out.push_str("</li>");
            }
            out.push_str("</ol>");
        }
        out.push_str("<p class=\"fm-row-links\">");
        let link = |out: &mut String, url: &str, label: Msg, text: Msg| {
            out.push_str("<a class=\"fm-link\" href=\"");
            escape(out, url);
            out.push_str("\" aria-label=\"");
            escape(out, &tr.fill(label, &[("name", &plain)]));
            out.push_str("\">");
            escape(out, tr.get(text));
            out.push_str("</a>");
        };
        if let Some(url) = &source {
            link(&mut out, url, Msg::row_source_label, Msg::row_source);
            out.push(' ');
        }
        if let Some(url) = &report {
            link(&mut out, url, Msg::row_report_label, Msg::row_report);
        }
        out.push_str("</p></details>");
        markup(out)
    });
    html! {
        <tr key={f.id.to_string()} id={ids::feature_row(&props.id_prefix, &f.id)}
            class={classes!("fm-row", revealed.then_some("fm-row--revealed"))} aria-rowindex={row_index}
            tabindex={focusable.then_some("-1")}>
            <th scope="row" class="fm-feature">
                <span class="fm-name">{name}</span>
                {note}
                {details}
            </th>
            if props.columns.category {
                <td class="fm-category">{highlighted(&catalog.category(f).name, terms)}</td>
            }
            if props.columns.phase {
                <td class="fm-phase">{phase_badge(f.phase, &props.id_prefix, terms, &props.on_define, tr)}</td>
            }
            if let Some(h) = history {
                <td class="fm-since">{h.since().map(|r| props.shown.0.label(r))}</td>
            }
        </tr>
    }
}
