//! The widget's component: wires the store (the core's `Session` as a reducer), the view
//! derived from (catalog shown, query), the page hooks (`hooks`), the handlers (`handlers`)
//! and the parts together. Rules live in the core; the DOM is touched only by the hooks'
//! effects and the handlers, through `browser`.

use std::rc::Rc;

use feature_matrix_core::i18n::Msg;
use feature_matrix_core::model::plain_name;
use feature_matrix_core::options::{Columns, LegendMode};
use feature_matrix_core::state::Revealed;
use feature_matrix_core::{Action, Catalog, Notice, SortKey, Sources, Start, ViewMode};
use yew::prelude::*;

use super::empty_state::{empty_state, EmptyProps};
use super::filters::{category_choices, filter_group, phase_choices, FilterProps};
use super::footer::{footer, FooterProps};
use super::legend::{phase_legend, LegendProps};
use super::matrix_view::{matrix_view, MatrixViewProps};
use super::releases::{changes_view, release_picker, ChangesProps, PickerProps};
use super::search_box::{search_box, SearchBoxProps};
use super::table::{feature_table, TableProps};
use super::toolbar::{toolbar, ToolbarProps};
use crate::embedded::RELEASES;
use crate::handle::{CatalogHandle, Problems, ShownHandle, Tr};
use crate::handlers::Handlers;
use crate::hooks::{use_browser_events, use_focus_new_page, use_reveal_row, use_select_value};
use crate::ids;
use crate::store::{sender, use_page_effects, Store};

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

#[function_component(FeatureMatrix)]
pub fn feature_matrix(props: &MatrixProps) -> Html {
    let ns = props.id_prefix.clone();
    crate::crash::enter(&ns);
    let store = {
        let (page, start, with_releases) = (props.catalog.clone(), props.start.clone(), props.with_releases);
        let (ns, language) = (ns.clone(), props.tr.0.clone());
        use_reducer(move || {
            let releases = with_releases.then_some(&RELEASES);
            let sources = Sources::translated(page.0, releases, Some(language.translation.clone()));
            Store::new(ns, sources, &start, language.messages.clone())
        })
    };
    let (session, state, tr) = (&store.session, &store.session.state, &props.tr);
    let shown = ShownHandle(session.shown.clone());
    let catalog = shown.0.catalog();
    #[cfg(feature = "fault-injection")]
    if state.query.text == "crash now" {
        panic!("fault injection: rendering instance {ns} failed on purpose");
    }
    let view = use_memo((shown.clone(), state.query.clone()), |(s, q)| s.0.compute(q));
    let diff_from = session.diff_from(&store.sources);
    let root = use_node_ref();
    use_page_effects(&store, &root, &view, props.start.hydrate);
    use_browser_events(&ns, &root, props.start.then.clone(), store.clone());
    let release_select = use_select_value(shown.0.release().map_or("", |r| shown.0.label(r)));
    let compare_select = use_select_value(diff_from.map_or("", |r| shown.0.label(r)));
    use_reveal_row(&ns, &root, &shown, state.revealed);
    use_focus_new_page(&ns, &root, &shown, &view, state.last_page_start());

    let title = props.title.clone().unwrap_or_else(|| AttrValue::from(catalog.title.to_string()));
    let docs_base = props.docs_base.clone().unwrap_or_else(|| AttrValue::from(catalog.docs_base.to_string()));
    let on = Handlers::new(&store, &root, &view, &docs_base, tr);
    let notice = revealed_note(state.revealed, catalog, tr).or_else(|| state.notice.as_ref().map(|n| n.message(tr)));
    let filters_text = state.query.describe(catalog, tr);
    let release = shown.0.release();
    let dispatcher = store.dispatcher();

    html! {
        <section ref={root.clone()} class={classes!("fm", props.start.hydrate.then_some("fm--static"))} id={ids::root(&ns)} aria-label={tr.fill(Msg::widget_label, &[("title", &title)])} lang={tr.lang()}>
            <div class="fm-controls">
                if let Some(releases) = store.sources.releases() {
                    { release_picker(&PickerProps { ns: ns.clone(), releases, tr: tr.clone(), release, on_change: sender(dispatcher.clone(), Action::SetRelease), select: release_select }) }
                }
                { search_box(&SearchBoxProps { ns: ns.clone(), tr: tr.clone(), value: state.query.text.clone().into(), on_change: sender(dispatcher.clone(), Action::SetSearch) }) }
                { filter_group(&FilterProps { ns: &ns, group: "phase", label: tr.t(Msg::filter_phase), choices: phase_choices(&shown.0, &state.query, &view), on_toggle: &on.toggle_phase }) }
                { filter_group(&FilterProps { ns: &ns, group: "category", label: tr.t(Msg::filter_category), choices: category_choices(&shown.0, &state.query, &view), on_toggle: &on.toggle_category }) }
            </div>
            { toolbar(&ToolbarProps {
                id_prefix: ns.clone(),
                tr: tr.clone(),
                status: view.status(tr).into(),
                notice,
                manual_link: match &state.notice { Some(Notice::CopyFailed(l)) => Some(AttrValue::from(l.clone())), _ => None },
                filtered: state.query.is_filtered(),
                view_mode: state.view,
                changes: release.is_some(),
                on_clear: on.clear.clone(),
                on_view: sender(dispatcher.clone(), Action::SetView),
                on_copy_link: on.copy_link,
                on_export: on.export,
            }) }
            if !filters_text.is_empty() {
                <p class="fm-print-only">{tr.fill(Msg::print_filters, &[("filters", &filters_text)])}</p>
            }
            if state.view == ViewMode::Changes && release.is_some() {
                { changes_view(&ChangesProps { ns: ns.clone(), tr: tr.clone(), shown: shown.clone(), from: diff_from, text: state.query.text.clone().into(), terms: view.terms.clone(), on_from: sender(dispatcher.clone(), Action::SetDiffFrom), select: compare_select }) }
            } else if view.rows.is_empty() {
                { empty_state(&EmptyProps { description: &filters_text, on_clear: &on.clear, tr }) }
            } else if state.view == ViewMode::Matrix {
                { matrix_view(&MatrixViewProps { title: title.clone(), shown: shown.clone(), view: view.clone(), docs_base: docs_base.clone(), id_prefix: ns.clone(), on_define: on.define.clone(), tr: tr.clone() }) }
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
                    on_show_more: sender(dispatcher.clone(), |()| Action::ShowMore),
                    on_sort: sender(dispatcher.clone(), |key: SortKey| Action::SortBy(key)),
                    on_define: on.define.clone(),
                    report: props.report.clone(),
                    tr: tr.clone(),
                }) }
            }
            { phase_legend(&LegendProps { mode: props.legend, legend: &catalog.legend, id_prefix: ns.clone(), docs_base, open: state.legend_open, defined: state.defined_phase, on_toggle: sender(dispatcher, Action::SetLegendOpen), tr: tr.clone() }) }
            { footer(&FooterProps { shown: &shown.0, built_in: props.with_releases, warnings: &props.warnings, tr }) }
        </section>
    }
}

/// What the status says after a deep link: the feature shown, and what was cleared for it.
fn revealed_note(revealed: Option<Revealed>, catalog: &Catalog, tr: &Tr) -> Option<String> {
    let r = revealed?;
    let name = plain_name(&catalog.features.get(r.feature)?.name);
    Some(match r.cleared.any() {
        true => tr.fill(Msg::notice_revealed_cleared, &[("name", &name), ("filters", &r.cleared.describe(tr))]),
        false => tr.fill(Msg::notice_revealed, &[("name", &name)]),
    })
}
