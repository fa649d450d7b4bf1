//! The widget's root component: holds the state (a reducer over the core's
//! `MatrixState`), derives the view from (catalog, query), keeps the URL in step and wires
//! the parts together. Browser effects happen only in callbacks and effects (`browser`).

use std::rc::Rc;

use feature_matrix_core::export::{self, Format};
use feature_matrix_core::options::{Columns, LegendMode};
use feature_matrix_core::query::{compute, hidden_by};
use feature_matrix_core::url_state::{self, UrlState};
use feature_matrix_core::{Action, Catalog, MatrixState, Notice, Phase, SortKey, ViewMode};
use yew::prelude::*;

use super::empty_state::EmptyState;
use super::filters::{Choice, FilterGroup};
use super::legend::{definition_id, legend_id, PhaseLegend};
use super::matrix_view::MatrixView;
use super::releases::{self, ChangesView, ReleasePicker, Shown};
use super::search_box::SearchBox;
use super::table::FeatureTable;
use super::toolbar::Toolbar;
use crate::browser;
use crate::embedded::RELEASES;

/// A shared, never-copied catalog. Props compare it by pointer.
#[derive(Clone, Debug)]
pub struct CatalogHandle(pub Rc<Catalog>);

impl PartialEq for CatalogHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct MatrixProps {
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
    /// The state to start in (from the URL or the embed options).
    #[prop_or_default]
    pub initial: MatrixState,
    /// The page's fragment when the widget mounted (a deep link to a feature).
    #[prop_or_default]
    pub initial_hash: AttrValue,
    /// Rendered ahead of time (SSR) and hydrated: the first render shows the static form
    /// (no controls), exactly as prerendered; the live form follows once mounted.
    #[prop_or_default]
    pub prerendered: bool,
    /// State from the URL to apply once mounted (used with hydration, whose first render
    /// must match the prerendered default).
    #[prop_or_default]
    pub restore: Option<UrlState>,
    /// Problems found in a custom catalog that did not stop it (links shown as text).
    #[prop_or_default]
    pub warnings: Rc<Vec<String>>,
    /// Offer Istio's releases (the embedded `RELEASES`) beside `catalog`: a picker, history
    /// and the changes view. For the built-in catalog, not for custom ones.
    #[prop_or_default]
    pub with_releases: bool,
}

/// The core state plus what the reducer needs: the catalog shown (which follows the
/// release in the state) for resolving deep links.
#[derive(PartialEq)]
struct Store {
    /// The instance's id prefix, for crash reports.
    ns: AttrValue,
    state: MatrixState,
    /// The catalog given in props (the Feature Status page, or a custom one).
    page: CatalogHandle,
    with_releases: bool,
    shown: Shown,
}

enum Msg {
    Core(Action),
    /// Show a feature (by index), clearing whatever hides it.
    Reveal(usize),
}

impl From<Action> for Msg {
    fn from(a: Action) -> Self {
        Msg::Core(a)
    }
}

impl Reducible for Store {
    type Action = Msg;

    /// An action that changes nothing keeps the same `Rc`, so Yew skips the render.
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        crate::crash::enter(&self.ns);
        let action = match msg {
            Msg::Core(a) => a,
            Msg::Reveal(feature) => {
                let hidden = hidden_by(&self.shown.catalog.0, &self.shown.index, &self.state.query, feature);
                Action::Reveal { feature, hidden }
            }
        };
        match self.state.apply(action) {
            Some(state) => {
                let shown = if state.release == self.state.release {
                    self.shown.clone()
                } else {
                    releases::shown(&self.page, self.with_releases, state.release.as_deref())
                };
                Rc::new(Store {
                    ns: self.ns.clone(),
                    state,
                    page: self.page.clone(),
                    with_releases: self.with_releases,
                    shown,
                })
            }
            None => self,
        }
    }
}

#[function_component(FeatureMatrix)]
pub fn feature_matrix(props: &MatrixProps) -> Html {
    let ns = props.id_prefix.clone();
    crate::crash::enter(&ns);
    let store = {
        let (page, initial, with_releases) = (props.catalog.clone(), props.initial.clone(), props.with_releases);
        let ns = ns.clone();
        use_reducer(move || {
            let shown = releases::shown(&page, with_releases, initial.release.as_deref());
            // An unknown release label shows the page; the state says so too.
            let mut state = initial;
            if shown.release.is_none() {
                state.release = None;
            }
            Store { ns, state, page, with_releases, shown }
        })
    };
    let shown = store.shown.clone();
    let catalog_handle = shown.catalog.clone();
    let catalog = &catalog_handle.0;
    let index = shown.index.clone();
    let title = props.title.clone().unwrap_or_else(|| AttrValue::from(catalog.title.to_string()));
    // Static until mounted in a browser: SSR output and the first hydrating render agree.
    let live = use_state(|| !props.prerendered);
    {
        let live = live.clone();
        use_effect_with((), move |()| live.set(true));
    }
    let state = &store.state;
    #[cfg(feature = "fault-injection")]
    if state.query.text == "crash now" {
        panic!("fault injection: rendering instance {ns} failed on purpose");
    }
    let view = {
        let index = index.clone();
        use_memo((catalog_handle.clone(), state.query.clone()), move |(c, q)| compute(&c.0, &index, q))
    };
    let docs_base = props.docs_base.clone().unwrap_or_else(|| AttrValue::from(catalog.docs_base.to_string()));

    use_url_sync(&ns, &catalog_handle, UrlState::of(state), props.restore.clone());
    use_browser_events(&ns, &catalog_handle, &props.initial_hash, props.restore.clone(), store.dispatcher());
    {
        // After a deep link re-renders the rows, bring the target row into view.
        let ns = ns.clone();
        let catalog = catalog_handle.clone();
        use_effect_with(state.revealed, move |revealed| {
            if let Some(r) = revealed {
                if let Some(f) = catalog.0.features.get(r.feature) {
                    browser::reveal(&url_state::feature_anchor(&ns, &f.id));
                }
            }
        });
    }

    let on_define = {
        let store = store.dispatcher();
        let ns = ns.clone();
        Callback::from(move |phase: Phase| {
            store.dispatch(Action::ShowDefinition(phase).into());
            browser::open_details(&legend_id(&ns));
            browser::focus(&definition_id(&ns, phase));
        })
    };

    let phases: Vec<Phase> = shown.phases.to_vec();
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
                store.dispatch(Action::TogglePhase(p).into());
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
        Callback::from(move |i: usize| {
            if let Ok(i) = u16::try_from(i) {
                store.dispatch(Action::ToggleCategory(i).into());
            }
        })
    };

    let on_copy_link = {
        let store = store.dispatcher();
        let ns = ns.clone();
        let catalog = catalog_handle.clone();
        let url = UrlState::of(state);
        Callback::from(move |()| {
            let params = url_state::to_params(&ns, &url, &catalog.0);
            let search = url_state::merge_search(&ns, &browser::location_search(), &params);
            let Some(link) = browser::url_with_search(&search) else { return };
            let store = store.clone();
            browser::copy_text(link.clone(), move |ok| {
                let notice = if ok { Notice::LinkCopied } else { Notice::CopyFailed(link) };
                store.dispatch(Action::Notify(notice).into());
            });
        })
    };
    let on_export = {
        let store = store.dispatcher();
        let catalog = catalog_handle.clone();
        let view = view.clone();
        let docs_base = docs_base.clone();
        Callback::from(move |format: Format| {
            let rows = export::rows(&catalog.0, &view, &docs_base);
            let file = export::file_name(&catalog.0.title, format);
            if browser::download(&file, format.mime(), &export::render(format, &rows)) {
                store.dispatch(Action::Notify(Notice::Exported { format, rows: rows.len() }).into());
            }
        })
    };

    let revealed_note = state.revealed.and_then(|r| {
        let f = catalog.features.get(r.feature)?;
        Some(if r.cleared.any() {
            format!("Showing “{}”: cleared {} that hid it.", f.name, r.cleared.describe())
        } else {
            format!("Showing “{}”.", f.name)
        })
    });
    let filters_text = state.query.describe(catalog);

    html! {
        <section class={classes!("fm", (!*live).then_some("fm--static"))} id={ns.clone()} aria-label={format!("{title} matrix")}>
            <div class="fm-controls">
                if props.with_releases {
                    <ReleasePicker id={format!("{ns}-release")} release={shown.release}
                        on_change={sender(store.dispatcher(), Action::SetRelease)} />
                }
                <SearchBox id={format!("{ns}-search")} value={state.query.text.clone()}
                    on_change={sender(store.dispatcher(), Action::SetSearch)} />
                <FilterGroup id={format!("{ns}-phase")} label="Phase" choices={phase_choices} on_toggle={on_phase} />
                <FilterGroup id={format!("{ns}-category")} label="Category" choices={category_choices}
                    on_toggle={on_category} />
            </div>
            <Toolbar
                id_prefix={ns.clone()}
                status={view.status()}
                notice={revealed_note.or_else(|| state.notice.as_ref().map(Notice::message))}
                manual_link={match &state.notice { Some(Notice::CopyFailed(l)) => Some(AttrValue::from(l.clone())), _ => None }}
                filtered={state.query.is_filtered()}
                view_mode={state.view}
                changes={shown.release.is_some()}
                on_clear={sender(store.dispatcher(), |()| Action::ClearFilters)}
                on_view={sender(store.dispatcher(), Action::SetView)}
                on_copy_link={on_copy_link}
                on_export={on_export}
            />
            if !filters_text.is_empty() {
                <p class="fm-print-only">{format!("Showing features matching {filters_text}.")}</p>
            }
            if let (ViewMode::Changes, Some(r)) = (state.view, shown.release) {
                <ChangesView
                    id_prefix={ns.clone()}
                    release={r}
                    from={state.diff_from.as_deref().and_then(|f| RELEASES.find(f)).unwrap_or(r.saturating_sub(1))}
                    terms={view.terms.clone()}
                    on_from={sender(store.dispatcher(), Action::SetDiffFrom)}
                />
            } else if view.rows.is_empty() {
                <EmptyState description={filters_text.clone()} on_clear={sender(store.dispatcher(), |()| Action::ClearFilters)} />
            } else if state.view == ViewMode::Matrix {
                <MatrixView
                    title={title.clone()}
                    catalog={catalog_handle.clone()}
                    view={view.clone()}
                    phases={phases}
                    docs_base={docs_base.clone()}
                    id_prefix={ns.clone()}
                    on_define={on_define.clone()}
                />
            } else {
                <FeatureTable
                    title={title.clone()}
                    columns={props.columns}
                    history={shown.history.clone()}
                    catalog={catalog_handle.clone()}
                    view={view.clone()}
                    id_prefix={ns.clone()}
                    docs_base={docs_base.clone()}
                    sort={state.query.sort}
                    direction={state.query.direction}
                    revealed={state.revealed.map(|r| r.feature)}
                    limit={state.row_limit()}
                    on_show_more={sender(store.dispatcher(), |()| Action::ShowMore)}
                    on_sort={sender(store.dispatcher(), |key: SortKey| Action::SortBy(key))}
                    on_define={on_define}
                />
            }
            <PhaseLegend
                mode={props.legend}
                legend={catalog.legend.clone()}
                id_prefix={ns.clone()}
                docs_base={docs_base}
                open={state.legend_open}
                defined={state.defined_phase}
                on_toggle={sender(store.dispatcher(), Action::SetLegendOpen)}
            />
            if !catalog.provenance.is_empty() {
                <p class="fm-source">{"Data: "}{catalog.provenance.to_string()}</p>
            }
            if !props.warnings.is_empty() {
                <details class="fm-warnings">
                    <summary>{format!("{} data problem{} in this catalog", props.warnings.len(), if props.warnings.len() == 1 { "" } else { "s" })}</summary>
                    <ul class="fm-error-list">
                        { for props.warnings.iter().map(|w| html! { <li><code>{w.clone()}</code></li> }) }
                    </ul>
                </details>
            }
        </section>
    }
}

/// A callback that dispatches the action `make` builds from its argument.
fn sender<T: 'static>(store: UseReducerDispatcher<Store>, make: fn(T) -> Action) -> Callback<T> {
    Callback::from(move |x| store.dispatch(make(x).into()))
}

/// Keeps the address bar in step with the state: typing replaces the current history
/// entry, every other change pushes one (so back/forward step through views). `pending`
/// is URL state not applied yet (hydration): the address already says it.
#[hook]
fn use_url_sync(ns: &AttrValue, catalog: &CatalogHandle, url: UrlState, pending: Option<UrlState>) {
    let last = use_mut_ref(|| pending.unwrap_or_else(|| url.clone()));
    let ns = ns.clone();
    let catalog = catalog.clone();
    use_effect_with(url, move |url| {
        let mut last = last.borrow_mut();
        if *url != *last {
            let mut same_but_text = url.clone();
            same_but_text.query.text = last.query.text.clone();
            let typing = same_but_text == *last;
            let current = browser::location_search();
            let next = url_state::merge_search(&ns, &current, &url_state::to_params(&ns, url, &catalog.0));
            if next != current {
                browser::write_search(&next, !typing);
            }
            *last = url.clone();
        }
    });
}

/// Page-level listeners, registered once and removed on unmount: back/forward restores
/// the state from the URL, a fragment naming one of our features reveals it, and "/"
/// focuses the search box of the widget that owns page shortcuts. On mount it first
/// applies `restore` (URL state deferred by hydration), then the initial fragment.
#[hook]
fn use_browser_events(
    ns: &AttrValue,
    catalog: &CatalogHandle,
    initial_hash: &AttrValue,
    restore: Option<UrlState>,
    store: UseReducerDispatcher<Store>,
) {
    let ns = ns.clone();
    let catalog = catalog.clone();
    let initial_hash = initial_hash.clone();
    use_effect_with((), move |()| {
        if let Some(url) = restore {
            store.dispatch(Action::Restore(url).into());
        }
        let reveal_hash = {
            let (ns, catalog, store) = (ns.clone(), catalog.clone(), store.clone());
            move |hash: &str| {
                if let Some(f) = url_state::feature_from_fragment(&ns, hash, &catalog.0) {
                    store.dispatch(Msg::Reveal(f));
                }
            }
        };
        reveal_hash(&initial_hash);
        let window = web_sys::window();
        let listeners = window.map(|w| {
            let popstate = {
                let (ns, catalog, store, reveal_hash) =
                    (ns.clone(), catalog.clone(), store.clone(), reveal_hash.clone());
                gloo_events::EventListener::new(&w, "popstate", move |_| {
                    let url = url_state::from_search(&ns, &browser::location_search(), &catalog.0);
                    store.dispatch(Action::Restore(url).into());
                    reveal_hash(&browser::location_hash());
                })
            };
            let hashchange = gloo_events::EventListener::new(&w, "hashchange", move |_| {
                reveal_hash(&browser::location_hash());
            });
            let keydown = {
                let ns = ns.clone();
                let options = gloo_events::EventListenerOptions::enable_prevent_default();
                gloo_events::EventListener::new_with_options(&w, "keydown", options, move |e| {
                    use wasm_bindgen::JsCast;
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    if e.key() != "/" || e.ctrl_key() || e.meta_key() || e.alt_key() || browser::typing_in_field() {
                        return;
                    }
                    if browser::shortcut_owner().as_deref() == Some(ns.as_str()) {
                        e.prevent_default();
                        browser::focus(&format!("{ns}-search"));
                    }
                })
            };
            (popstate, hashchange, keydown)
        });
        move || drop(listeners)
    });
}
