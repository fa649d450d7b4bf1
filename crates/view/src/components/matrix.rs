//! The widget's root component: wires the store (the core's `Session` as a reducer), the
//! view derived from (catalog shown, query), the page hooks and the parts together. It
//! owns no rules: ids, clamping and history are the core's; browser effects happen only in
//! callbacks and effects (`browser`, `hooks`).

use std::rc::Rc;

use feature_matrix_core::events::ViewState;
use feature_matrix_core::export::{self, Format};
use feature_matrix_core::options::{Columns, LegendMode};
use feature_matrix_core::{Action, Notice, Phase, SortKey, Sources, Start, ViewMode};
use yew::prelude::*;

use super::empty_state::empty_state;
use super::filters::{filter_group, Choice};
use super::legend::{phase_legend, LegendProps};
use super::matrix_view::{matrix_view, MatrixViewProps};
use super::releases::{changes_view, release_picker, use_release_value, ChangesProps, PickerProps};
use super::search_box::{search_box, SearchBoxProps};
use super::table::{feature_table, TableProps};
use super::toolbar::{toolbar, ToolbarProps};
use crate::browser;
use crate::embedded::RELEASES;
use crate::handle::{CatalogHandle, Problems, ShownHandle, Tr};
use crate::hooks::use_browser_events;
use crate::ids;
use crate::store::{self, sender, use_page_effects, Store};
use feature_matrix_core::i18n::Msg;
use feature_matrix_core::model::plain_name;

#[derive(Properties, PartialEq, Clone)]
pub struct MatrixProps {
    /// The page catalog: the built-in Feature Status page, or a custom one.
    pub catalog: CatalogHandle,
    /// Base URL for relative docs links; the catalog's own when `None`.
    #[prop_or_default]
    pub docs_base: Option<AttrValue>,
    /// Prefix of every id the widget creates and namespace of its URL parameters; unique
    /// per instance on a page.
    #[prop_or(AttrValue::Static("fm"))]
    pub id_prefix: AttrValue,
    /// Replaces the catalog's title.
    #[prop_or_default]
    pub title: Option<AttrValue>,
    #[prop_or_default]
    pub columns: Columns,
    #[prop_or_default]
    pub legend: LegendMode,
    /// How the widget starts (`feature_matrix_core::start`): the first state, state to
    /// apply once mounted, whether it hydrates prerendered HTML.
    #[prop_or_default]
    pub start: Start,
    /// Problems found in a custom catalog that did not stop it (links shown as text).
    #[prop_or_default]
    pub warnings: Rc<Problems>,
    /// Offer Istio's releases (the embedded `RELEASES`) beside `catalog`: a picker, history
    /// and the changes view. For the built-in catalog, not for custom ones.
    #[prop_or_default]
    pub with_releases: bool,
    /// Where each row's "Report a problem" leads (`links::fill` template); none: no link.
    #[prop_or_default]
    pub report: Option<AttrValue>,
    /// The widget's language (English by default).
    #[prop_or_default]
    pub tr: Tr,
}

/// The page the built-in catalog comes from.
pub const ISTIO_PAGE: &str = "https://istio.io/latest/docs/releases/feature-stages/";

#[function_component(FeatureMatrix)]
pub fn feature_matrix(props: &MatrixProps) -> Html {
    let ns = props.id_prefix.clone();
    crate::crash::enter(&ns);
    let store = {
        let (page, start, with_releases) = (props.catalog.clone(), props.start.clone(), props.with_releases);
        let (ns, translation) = (ns.clone(), props.tr.0.translation.clone());
        use_reducer(move || {
            Store::new(ns, Sources::translated(page.0, with_releases.then_some(&RELEASES), Some(translation)), &start)
        })
    };
    let session = &store.session;
    let shown = ShownHandle(session.shown.clone());
    let catalog_handle = CatalogHandle(shown.0.catalog_rc().clone());
    let catalog = &catalog_handle.0;
    let title = props.title.clone().unwrap_or_else(|| AttrValue::from(catalog.title.to_string()));
    let tr = &props.tr;
    let state = &session.state;
    #[cfg(feature = "fault-injection")]
    if state.query.text == "crash now" {
        panic!("fault injection: rendering instance {ns} failed on purpose");
    }
    let view = use_memo((shown.clone(), state.query.clone()), |(s, q)| s.0.compute(q));
    let docs_base = props.docs_base.clone().unwrap_or_else(|| AttrValue::from(catalog.docs_base.to_string()));

    let root = use_node_ref();
    // A hydrating widget is static (`fm--static`: controls hidden) until mounted, so the
    // server's HTML and the first render agree. Once mounted the class leaves the DOM
    // directly: a state change here would render the whole widget a second time at
    // start-up. Later renders keep the same class value, so Yew never writes it back.
    let hydrating = props.start.hydrate;
    {
        let root = root.clone();
        use_effect_with((), move |()| {
            if hydrating {
                browser::remove_class(&root, "fm--static");
            }
        });
    }
    use_page_effects(&store);
    use_browser_events(&ns, &root, props.start.then.clone(), store.clone());
    let release_select = use_release_value(shown.0.release());
    // The release the changes view compares with (derived from the state and the sources).
    let diff_from = session.diff_from(&store.sources);
    let compare_select = use_release_value(diff_from);
    {
        // After a deep link re-renders the rows, bring the target row into view.
        let (ns, root) = (ns.clone(), root.clone());
        let catalog = catalog_handle.clone();
        use_effect_with((state.revealed, shown.clone()), move |(revealed, _)| {
            if let Some(r) = revealed {
                if let Some(f) = catalog.0.features.get(r.feature) {
                    browser::reveal(&root, &ids::feature_row(&ns, &f.id));
                }
            }
        });
    }

    {
        // Tell the host page whenever the view changes (and once mounted).
        let (ns, root, store, view) = (ns.clone(), root.clone(), store.clone(), view.clone());
        let key = (shown.clone(), state.query.clone(), state.view, diff_from);
        use_effect_with(key, move |_| {
            // After the reader changed the view (not at start-up, where it would lengthen the
            // start's task).
            if store.changes > 0 {
                browser::lay_out(&root);
            }
            // In a task of its own: the event lists every visible id (100,000 of them in the
            // largest catalogs), work that would otherwise lengthen the task that renders the
            // change. A newer change, or the widget's removal, cancels one not yet sent.
            let event = gloo_timers::callback::Timeout::new(0, move || {
                crate::crash::enter(&ns);
                let state = ViewState::of(&ns, &store.session, &store.sources, &view);
                crate::host::publish(&root, &state, store.session.shown.catalog_rc(), &view.rows);
            });
            move || drop(event)
        });
    }

    let on_define = {
        let store = store.dispatcher();
        let (ns, root) = (ns.clone(), root.clone());
        Callback::from(move |phase: Phase| {
            store.dispatch(Action::ShowDefinition(phase));
            browser::open_details(&root, &ids::legend(&ns));
            browser::focus(&root, &ids::definition(&ns, phase));
        })
    };

    let phases: Vec<Phase> = shown.0.phases().to_vec();
    let phase_choices: Vec<Choice> = phases
        .iter()
        .map(|&p| Choice {
            label: p.label().into(),
            class: Some(format!("fm-chip--{}", p.slug()).into()),
            pressed: state.query.phases.contains(&p),
            count: view.phase_counts[p.index()],
        })
        .collect();
    let on_phase = {
        let store = store.dispatcher();
        let phases = phases.clone();
        Callback::from(move |i: usize| {
            if let Some(&p) = phases.get(i) {
                store.dispatch(Action::TogglePhase(p));
            }
        })
    };
    let category_choices: Vec<Choice> = catalog
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| Choice {
            label: c.name.to_string().into(),
            class: None,
            pressed: u16::try_from(i).is_ok_and(|i| state.query.categories.contains(&i)),
            count: view.category_counts[i],
        })
        .collect();
    let on_category = {
        let store = store.dispatcher();
        let catalog = catalog_handle.clone();
        Callback::from(move |i: usize| {
            if let Some(c) = catalog.0.categories.get(i) {
                store.dispatch(Action::ToggleCategory(c.id.to_string()));
            }
        })
    };

    let on_copy_link = {
        let store = store.clone();
        let ns = ns.clone();
        // The link is built on click, not on every render.
        Callback::from(move |()| {
            let Some(link) = browser::url_with_search(&store::address(&ns, &store.session)) else { return };
            let store = store.dispatcher();
            browser::copy_text(link.clone(), move |ok| {
                let notice = if ok { Notice::LinkCopied } else { Notice::CopyFailed(link) };
                store.dispatch(Action::Notify(notice));
            });
        })
    };
    let on_export = {
        // In the changes view, the export is the upgrade digest of what it shows, worked out
        // on click (the view's store at this render), not on every render.
        let handle = store.clone();
        let store = store.dispatcher();
        let catalog = catalog_handle.clone();
        let view = view.clone();
        let docs_base = docs_base.clone();
        let tr = props.tr.clone();
        Callback::from(move |format: Format| {
            let session = &handle.session;
            let changes = (session.state.view == ViewMode::Changes)
                .then(|| session.diff_from(&handle.sources))
                .flatten()
                .and_then(|from| {
                    feature_matrix_core::shown::changes(&RELEASES, from, &session.shown, &session.state.query.text)
                });
            let (file, text, count) = match &changes {
                Some(ch) => {
                    let rows = export::digest(&RELEASES, ch, &docs_base);
                    let (a, b) = (RELEASES.label(ch.from), RELEASES.label(ch.to));
                    let title = format!("Upgrading from Istio {a} to Istio {b}");
                    let file = export::file_name(&title, format);
                    (file, export::render_digest(format, &title, &rows), rows.len())
                }
                None => {
                    let rows = export::rows(&catalog.0, &view, &docs_base);
                    let file = export::file_name(&catalog.0.title, format);
                    (file, export::render(format, &rows, &tr), rows.len())
                }
            };
            if browser::download(&file, format.mime(), &text) {
                store.dispatch(Action::Notify(Notice::Exported { format, rows: count }));
            }
        })
    };

    // "Clear filters" disables itself (toolbar) or disappears (empty state): focus moves to
    // the search box rather than to the page.
    let on_clear = {
        let store = store.dispatcher();
        let (ns, root) = (ns.clone(), root.clone());
        Callback::from(move |()| {
            store.dispatch(Action::ClearFilters);
            browser::focus(&root, &ids::search(&ns));
        })
    };
    {
        // After "Show more" the button may be gone: focus the first row of the new page.
        let (ns, root) = (ns.clone(), root.clone());
        let (view, catalog) = (view.clone(), catalog_handle.clone());
        use_effect_with(state.last_page_start(), move |&pages| {
            let first = pages.and_then(|p| view.rows.get(p));
            if let Some(f) = first.and_then(|&i| catalog.0.features.get(i)) {
                browser::focus(&root, &ids::feature_row(&ns, &f.id));
            }
        });
    }
    let revealed_note = state.revealed.and_then(|r| {
        let name = plain_name(&catalog.features.get(r.feature)?.name);
        Some(if r.cleared.any() {
            tr.fill(Msg::notice_revealed_cleared, &[("name", &name), ("filters", &r.cleared.describe(tr))])
        } else {
            tr.fill(Msg::notice_revealed, &[("name", &name)])
        })
    });
    let filters_text = state.query.describe(catalog, tr);

    html! {
        <section ref={root.clone()} class={classes!("fm", hydrating.then_some("fm--static"))} id={ids::root(&ns)} aria-label={tr.fill(Msg::widget_label, &[("title", &title)])} lang={tr.lang()}>
            <div class="fm-controls">
                if props.with_releases {
                    { release_picker(&PickerProps {
                        ns: ns.clone(),
                        tr: props.tr.clone(),
                        release: shown.0.release(),
                        on_change: sender(store.dispatcher(), Action::SetRelease),
                        select: release_select,
                    }) }
                }
                { search_box(&SearchBoxProps {
                    ns: ns.clone(),
                    tr: props.tr.clone(),
                    value: state.query.text.clone().into(),
                    on_change: sender(store.dispatcher(), Action::SetSearch),
                }) }
                { filter_group(ids::filter_label(&ns, "phase").into(), tr.t(Msg::filter_phase), &phase_choices, &on_phase) }
                { filter_group(ids::filter_label(&ns, "category").into(), tr.t(Msg::filter_category), &category_choices, &on_category) }
            </div>
            { toolbar(&ToolbarProps {
                id_prefix: ns.clone(),
                tr: props.tr.clone(),
                status: view.status(tr).into(),
                notice: revealed_note.or_else(|| state.notice.as_ref().map(|n| n.message(tr))),
                manual_link: match &state.notice { Some(Notice::CopyFailed(l)) => Some(AttrValue::from(l.clone())), _ => None },
                filtered: state.query.is_filtered(),
                view_mode: state.view,
                changes: shown.0.release().is_some(),
                on_clear: on_clear.clone(),
                on_view: sender(store.dispatcher(), Action::SetView),
                on_copy_link,
                on_export,
            }) }
            if !filters_text.is_empty() {
                <p class="fm-print-only">{tr.fill(Msg::print_filters, &[("filters", &filters_text)])}</p>
            }
            if state.view == ViewMode::Changes && shown.0.release().is_some() {
                { changes_view(&ChangesProps {
                    ns: ns.clone(),
                    tr: props.tr.clone(),
                    shown: shown.clone(),
                    from: diff_from,
                    text: state.query.text.clone().into(),
                    terms: view.terms.clone(),
                    on_from: sender(store.dispatcher(), Action::SetDiffFrom),
                    select: compare_select,
                }) }
            } else if view.rows.is_empty() {
                { empty_state(&filters_text, &on_clear, &props.tr) }
            } else if state.view == ViewMode::Matrix {
                { matrix_view(&MatrixViewProps {
                    title: title.clone(),
                    catalog: catalog_handle.clone(),
                    view: view.clone(),
                    phases,
                    docs_base: docs_base.clone(),
                    id_prefix: ns.clone(),
                    on_define: on_define.clone(),
                    tr: props.tr.clone(),
                }) }
            } else {
                { feature_table(&TableProps {
                    title: title.clone(),
                    columns: props.columns,
                    shown: shown.clone(),
                    view: view.clone(),
                    id_prefix: ns.clone(),
                    docs_base: docs_base.clone(),
                    sort: state.query.sort,
                    direction: state.query.direction,
                    revealed: state.revealed.map(|r| r.feature),
                    limit: state.row_limit(),
                    page_start: state.last_page_start(),
                    on_show_more: sender(store.dispatcher(), |()| Action::ShowMore),
                    on_sort: sender(store.dispatcher(), |key: SortKey| Action::SortBy(key)),
                    on_define,
                    report: props.report.clone(),
                    tr: props.tr.clone(),
                }) }
            }
            { phase_legend(&LegendProps {
                mode: props.legend,
                legend: &catalog.legend,
                id_prefix: ns.clone(),
                docs_base,
                open: state.legend_open,
                defined: state.defined_phase,
                on_toggle: sender(store.dispatcher(), Action::SetLegendOpen),
                tr: props.tr.clone(),
            }) }
            // Where the data comes from: a release's features.yaml at its commit, or the
            // catalog's own words (linked for the built-in page).
            <p class="fm-source" hidden={shown.0.data_as_of().is_none() && catalog.provenance.is_empty()}>
                {tr.t(Msg::data_label)}
                if let Some((url, commit, date)) = shown.0.data_as_of() {
                    {"istio/enhancements "}<a class="fm-link" href={url}>{tr.fill(Msg::data_at, &[("commit", commit)])}</a>{format!(" ({date})")}
                } else if props.with_releases {
                    <a class="fm-link" href={ISTIO_PAGE}>{catalog.provenance.to_string()}</a>
                } else {
                    {catalog.provenance.to_string()}
                }
            </p>
            if !props.warnings.is_empty() {
                <details class="fm-warnings">
                    <summary>{tr.count(Msg::data_problems, props.warnings.total, &[])}</summary>
                    <ul class="fm-error-list">
                        { for props.warnings.lines.iter().map(|w| html! { <li><code>{w.clone()}</code></li> }) }
                    </ul>
                </details>
            }
        </section>
    }
}
