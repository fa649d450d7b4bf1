//! What the host page hears from a widget: after every change of the view, a bubbling
//! `featurematrix:change` `CustomEvent` on the widget's element, whose `detail` is the core's
//! `ViewState` as a plain object (built with `serde-wasm-bindgen`; its `visible` ids from JS
//! strings made once per catalog). `handle.state()`
//! (`www/feature-matrix.js`) returns a copy of the last detail its element received.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use feature_matrix_core::events::ViewState;
use feature_matrix_core::model::Catalog;
use serde::Serialize;
use wasm_bindgen::JsValue;
use yew::NodeRef;

pub const CHANGE_EVENT: &str = "featurematrix:change";

/// The state as a plain JS object: `null` for absent values, arrays for lists.
fn to_js(state: &ViewState) -> JsValue {
    state
        .serialize(
            &serde_wasm_bindgen::Serializer::new().serialize_missing_as_null(true).serialize_maps_as_objects(true),
        )
        .unwrap_or(JsValue::NULL)
}

thread_local! {
    /// The ids of the last catalog published, as JS strings (converted once per catalog). The
    /// catalog is held weakly (its contents go with the widget; the allocation stays, so the
    /// pointer cannot be reused by another catalog while held here).
    static IDS: RefCell<Option<(Weak<Catalog>, js_sys::Array)>> = const { RefCell::new(None) };
}

/// `detail.visible`: the ids of `rows` of `catalog`, picked from its ids converted once.
fn visible(catalog: &Rc<Catalog>, rows: &[usize]) -> js_sys::Array {
    IDS.with(|cell| {
        let mut cell = cell.borrow_mut();
        if !cell.as_ref().is_some_and(|(c, _)| std::ptr::eq(c.as_ptr(), Rc::as_ptr(catalog))) {
            let ids: js_sys::Array = catalog.features.iter().map(|f| JsValue::from_str(&f.id)).collect();
            *cell = Some((Rc::downgrade(catalog), ids));
        }
        let ids = cell.as_ref().map(|(_, ids)| ids);
        let out = js_sys::Array::new_with_length(u32::try_from(rows.len()).unwrap_or(0));
        if let Some(ids) = ids {
            for (k, &i) in rows.iter().enumerate() {
                out.set(u32::try_from(k).unwrap_or(0), ids.get(u32::try_from(i).unwrap_or(u32::MAX)));
            }
        }
        out
    })
}

/// Tells the page, on the element the widget was mounted into (the widget's own section when
/// it is not in one), the view `state` (its `visible` empty) whose rows are `rows` of
/// `catalog`. A listener that throws does not reach the widget: the browser reports it and
/// goes on.
pub fn publish(root: &NodeRef, state: &ViewState, catalog: &Rc<Catalog>, rows: &[usize]) {
    let detail = to_js(state);
    let _ = js_sys::Reflect::set(&detail, &JsValue::from_str("visible"), &visible(catalog, rows));
    let Some(section) = root.cast::<web_sys::Element>() else { return };
    // section (the widget) → its `.fm-root` container → the element it was mounted into.
    let target = section.parent_element().and_then(|r| r.parent_element()).unwrap_or(section);
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(CHANGE_EVENT, &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// Lets go of the ids kept for the last catalog (a widget was destroyed).
pub fn forget() {
    IDS.with(|cell| cell.borrow_mut().take());
}
