//! The widget's hooks into the page, each an effect the root component calls by name:
//! back/forward and deep links feed the reducer, "/" focuses the search box, a revealed row
//! or a new page of rows takes focus. (What a change asks of the page, the address, the
//! console and the change event, is `store::use_page_effects`.) Listeners send ids and
//! strings only; the reducer resolves them against the catalog shown at that moment, never a
//! captured one. Each is a plain function returning the `use_effect_with` it sets up: Yew's
//! `#[hook]` would box each one.

use std::rc::Rc;

use feature_matrix_core::query::View;
use feature_matrix_core::state::Revealed;
use feature_matrix_core::url_state::{self, UrlState};
use feature_matrix_core::Action;
use yew::functional::Hook;
use yew::prelude::*;

use crate::browser;
use crate::handle::ShownHandle;
use crate::ids;
use crate::store::Store;

/// After a deep link re-renders the rows, brings the target row into view.
pub fn use_reveal_row(
    ns: &AttrValue,
    root: &NodeRef,
    shown: &ShownHandle,
    revealed: Option<Revealed>,
) -> impl Hook<Output = ()> {
    let (ns, root) = (ns.clone(), root.clone());
    use_effect_with((revealed, shown.clone()), move |(revealed, shown)| {
        if let Some(f) = revealed.and_then(|r| shown.0.catalog().features.get(r.feature)) {
            browser::reveal(&root, &ids::feature_row(&ns, &f.id));
        }
    })
}

/// After "Show more" the button may be gone: focuses the first row of the new page (which
/// starts at row `page_start` of `view`).
pub fn use_focus_new_page(
    ns: &AttrValue,
    root: &NodeRef,
    shown: &ShownHandle,
    view: &Rc<View>,
    page_start: Option<usize>,
) -> impl Hook<Output = ()> {
    let (ns, root, shown, view) = (ns.clone(), root.clone(), shown.clone(), view.clone());
    use_effect_with(page_start, move |&start| {
        let first = start.and_then(|p| view.rows.get(p));
        if let Some(f) = first.and_then(|&i| shown.0.catalog().features.get(i)) {
            browser::focus(&root, &ids::feature_row(&ns, &f.id));
        }
    })
}

/// Page-level listeners, registered once and removed on unmount: back/forward restores the
/// URL's state, a fragment naming a feature reveals it, and "/" focuses the search box of
/// the widget that owns page shortcuts. On mount it applies `then` (the URL's state,
/// deferred by hydration).
pub fn use_browser_events(
    ns: &AttrValue,
    root: &NodeRef,
    then: Option<UrlState>,
    store: UseReducerHandle<Store>,
) -> impl Hook<Output = ()> {
    let ns = ns.clone();
    let root = root.clone();
    use_effect_with((), move |()| {
        let store = store.dispatcher();
        if let Some(url) = then {
            store.dispatch(Action::Restore(url));
        }
        let listeners = web_sys::window().map(|w| {
            let popstate = {
                let (ns, store) = (ns.clone(), store.clone());
                gloo_events::EventListener::new(&w, "popstate", move |_| {
                    let url = url_state::from_location(&ns, &browser::location_search(), &browser::location_hash());
                    store.dispatch(Action::Restore(url));
                })
            };
            let hashchange = {
                let (ns, store) = (ns.clone(), store.clone());
                gloo_events::EventListener::new(&w, "hashchange", move |_| {
                    if let Some(id) = url_state::feature_from_fragment(&ns, &browser::location_hash()) {
                        store.dispatch(Action::Reveal(id));
                    }
                })
            };
            let keydown = {
                let (ns, root) = (ns.clone(), root.clone());
                let options = gloo_events::EventListenerOptions::enable_prevent_default();
                gloo_events::EventListener::new_with_options(&w, "keydown", options, move |e| {
                    use wasm_bindgen::JsCast;
                    let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                    if e.key() != "/" || e.ctrl_key() || e.meta_key() || e.alt_key() || browser::typing_in_field() {
                        return;
                    }
                    if browser::shortcut_owner().as_deref() == Some(ns.as_str()) {
                        e.prevent_default();
                        browser::focus(&root, &ids::search(&ns));
                    }
                })
            };
            (popstate, hashchange, keydown)
        });
        move || drop(listeners)
    })
}

/// A `<select>` whose selection follows `value` on every render, also after the reader has
/// picked an option (attributes alone would not move it then). Its output is the
/// `<select>`'s reference.
pub fn use_select_value(value: &'static str) -> impl Hook<Output = NodeRef> {
    SelectValue(value)
}

/// [`use_select_value`]: two hooks in one, without the boxing `#[hook]` brings.
pub struct SelectValue(&'static str);

impl Hook for SelectValue {
    type Output = NodeRef;

    fn run(self, ctx: &mut yew::functional::HookContext) -> NodeRef {
        let select = use_node_ref().run(ctx);
        let node = select.clone();
        use_effect_with(self.0, move |value| browser::set_select_value(&node, value)).run(ctx);
        select
    }
}
