//! The widget's root component: holds the state (a reducer over the core's
//! `MatrixState`), derives the view from (catalog, query) and wires the parts together.

use std::rc::Rc;

use feature_matrix_core::query::{compute, SearchIndex};
use feature_matrix_core::{Action, Catalog, MatrixState, Phase, SortKey};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::empty_state::EmptyState;
use super::filters::{Choice, FilterGroup};
use super::legend::{definition_id, legend_id, PhaseLegend};
use super::search_box::SearchBox;
use super::table::FeatureTable;

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
    /// Prefix of every id the widget creates, unique per instance on a page.
    #[prop_or(AttrValue::Static("fm"))]
    pub id_prefix: AttrValue,
}

/// The core's state as a Yew reducer. An action that changes nothing keeps the same
/// `Rc`, so Yew skips the render.
#[derive(Default, PartialEq)]
struct Store(MatrixState);

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.0.apply(action) {
            Some(next) => Rc::new(Store(next)),
            None => self,
        }
    }
}

#[function_component(FeatureMatrix)]
pub fn feature_matrix(props: &MatrixProps) -> Html {
    let store = use_reducer(Store::default);
    let index = use_memo(props.catalog.clone(), |c| SearchIndex::new(&c.0));
    let state = &store.0;
    let view = {
        let index = index.clone();
        use_memo((props.catalog.clone(), state.query.clone()), move |(c, q)| compute(&c.0, &index, q))
    };
    let catalog = &props.catalog.0;
    let prefix = props.id_prefix.clone();
    let docs_base = props.docs_base.clone().unwrap_or_else(|| AttrValue::from(catalog.docs_base.to_string()));
    let dispatch = |f: fn(usize) -> Action| {
        let store = store.dispatcher();
        Callback::from(move |i: usize| store.dispatch(f(i)))
    };

    let on_search = {
        let store = store.dispatcher();
        Callback::from(move |text: String| store.dispatch(Action::SetSearch(text)))
    };
    let on_clear = {
        let store = store.dispatcher();
        Callback::from(move |()| store.dispatch(Action::ClearFilters))
    };
    let on_sort = {
        let store = store.dispatcher();
        Callback::from(move |key: SortKey| store.dispatch(Action::SortBy(key)))
    };
    let on_legend_toggle = {
        let store = store.dispatcher();
        Callback::from(move |open: bool| store.dispatch(Action::SetLegendOpen(open)))
    };
    let on_define = {
        let store = store.dispatcher();
        let prefix = prefix.clone();
        Callback::from(move |phase: Phase| {
            store.dispatch(Action::ShowDefinition(phase));
            reveal_definition(&prefix, phase);
        })
    };

    let phase_choices: Vec<Choice> = Phase::ALL
        .iter()
        .filter(|p| catalog.legend.phases.contains(p) || catalog.features.iter().any(|f| f.phase == **p))
        .map(|&p| Choice {
            label: p.label().into(),
            class: Some(format!("fm-chip--{}", p.slug()).into()),
            pressed: state.query.phases.contains(&p),
            count: view.phase_counts[p.index()],
        })
        .collect();
    let phase_of_choice: Vec<Phase> = phase_choices.iter().filter_map(|c| Phase::parse(&c.label)).collect();
    let on_phase = {
        let store = store.dispatcher();
        Callback::from(move |i: usize| {
            if let Some(&p) = phase_of_choice.get(i) {
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
    let on_category = dispatch(|i| Action::ToggleCategory(u16::try_from(i).unwrap_or(u16::MAX)));

    let filtered = state.query.is_filtered();
    let on_clear_button = {
        let on_clear = on_clear.clone();
        Callback::from(move |_: MouseEvent| on_clear.emit(()))
    };

    html! {
        <section class="fm" aria-label={format!("{} matrix", catalog.title)}>
            <div class="fm-controls">
                <SearchBox id={format!("{prefix}-search")} value={state.query.text.clone()} on_change={on_search} />
                <FilterGroup id={format!("{prefix}-phase")} label="Phase" choices={phase_choices} on_toggle={on_phase} />
                <FilterGroup id={format!("{prefix}-category")} label="Category" choices={category_choices} on_toggle={on_category} />
                <div class="fm-toolbar">
                    <p class="fm-status" role="status" aria-live="polite" aria-atomic="true">{view.status()}</p>
                    <button type="button" class="fm-button fm-clear" disabled={!filtered} onclick={on_clear_button}>
                        {"Clear filters"}
                    </button>
                </div>
            </div>
            if view.rows.is_empty() {
                <EmptyState description={state.query.describe(catalog)} {on_clear} />
            } else {
                <FeatureTable
                    catalog={props.catalog.clone()}
                    view={view.clone()}
                    id_prefix={prefix.clone()}
                    docs_base={docs_base.clone()}
                    sort={state.query.sort}
                    direction={state.query.direction}
                    {on_sort}
                    {on_define}
                />
            }
            <PhaseLegend
                legend={catalog.legend.clone()}
                id_prefix={prefix.clone()}
                docs_base={docs_base}
                open={state.legend_open}
                defined={state.defined_phase}
                on_toggle={on_legend_toggle}
            />
            <p class="fm-source">{"Data: "}{catalog.provenance.to_string()}</p>
        </section>
    }
}

/// Opens the legend and moves focus to a phase's definition (a callback-time DOM effect).
fn reveal_definition(prefix: &str, phase: Phase) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(details) =
        document.get_element_by_id(&legend_id(prefix)).and_then(|e| e.dyn_into::<web_sys::HtmlDetailsElement>().ok())
    {
        details.set_open(true);
    }
    if let Some(th) =
        document.get_element_by_id(&definition_id(prefix, phase)).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = th.focus();
    }
}
