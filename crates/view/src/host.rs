//! What the host page hears from a widget: after every change of the view, a bubbling
//! `featurematrix:change` `CustomEvent` on the widget's element, whose `detail` is the core's
//! `ViewState` as a plain object (built with `serde-wasm-bindgen`); `handle.state()` returns
//! the same object for the last view.

use std::cell::RefCell;

use feature_matrix_core::events::ViewState;
use serde::Serialize;
use wasm_bindgen::JsValue;
use yew::NodeRef;

pub const CHANGE_EVENT: &str = "featurematrix:change";

thread_local! {
    /// Each live instance's last view, by instance id.
    static LAST: RefCell<Vec<ViewState>> = const { RefCell::new(Vec::new()) };
}

/// The state as a JS object: `null` for absent values, arrays for lists.
fn to_js(state: &ViewState) -> JsValue {
    state.serialize(&serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true)).unwrap_or(JsValue::NULL)
}

/// Records `state` as its instance's view and tells the page, on the element the widget was
/// mounted into (the widget's own section when it is not in one). A listener that throws
/// does not reach the widget: the browser reports it and goes on.
pub fn publish(root: &NodeRef, state: ViewState) {
    let detail = to_js(&state);
    LAST.with(|l| {
        let mut l = l.borrow_mut();
        l.retain(|s| s.id != state.id);
        l.push(state);
    });
    let Some(section) = root.cast::<web_sys::Element>() else { return };
    let target = section.closest("[data-fm-mounted]").ok().flatten().unwrap_or(section);
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(CHANGE_EVENT, &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// The last view of instance `id` (a fresh object each call), `null` when it has none.
pub fn state(id: &str) -> JsValue {
    LAST.with(|l| l.borrow().iter().find(|s| s.id == id).map_or(JsValue::NULL, to_js))
}

/// Forgets instance `id` (destroyed).
pub fn forget(id: &str) {
    LAST.with(|l| l.borrow_mut().retain(|s| s.id != id));
}
