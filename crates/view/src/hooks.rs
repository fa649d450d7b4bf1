//! The widget's hooks into the page: the address bar follows the state, back/forward and
//! deep links feed the reducer, "/" focuses the search box. They send ids and strings only;
//! the reducer resolves them against the catalog shown at that moment, never a captured one.

use feature_matrix_core::url_state::{self, UrlState};
use feature_matrix_core::Action;
use yew::prelude::*;

use crate::browser;
use crate::ids;
use crate::store::Store;

/// Page-level listeners, registered once and removed on unmount: back/forward restores the
/// URL's state, a fragment naming a feature reveals it, and "/" focuses the search box of
/// the widget that owns page shortcuts. On mount it applies `then` (the URL's state,
/// deferred by hydration).
#[hook]
pub fn use_browser_events(ns: &AttrValue, root: &NodeRef, then: Option<UrlState>, store: UseReducerHandle<Store>) {
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
    });
}

/// A `<select>` whose selection follows `value` on every render, also after the reader has
/// picked an option (attributes alone would not move it then).
#[hook]
pub fn use_select_value(value: String) -> NodeRef {
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect_with(value, move |value| browser::set_select_value(&select, value));
    }
    select
}
