//! What the host page hears from a widget: after every change of the view, a bubbling
//! `featurematrix:change` `CustomEvent` on the widget's element, whose `detail` is the core's
//! `ViewState` as a plain object (built with `serde-wasm-bindgen`; its `visible` ids cross
//! as one JSON text). `handle.state()`
//! (`www/feature-matrix.js`) returns a copy of the last detail its element received.

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

/// `detail.visible`: the ids of `rows` of `catalog`, crossing to JS as one JSON text
/// (`events::visible_json`) read by `JSON.parse` (one crossing, not one per row). `JSON.parse`
/// is imported with `catch`: a page that replaced it with one that throws gets an empty list,
/// never an exception in the wasm.
fn visible(catalog: &Catalog, rows: &[usize]) -> JsValue {
    let text = feature_matrix_core::events::visible_json(catalog, rows);
    js_sys::JSON::parse(&text).unwrap_or_else(|_| js_sys::Array::new().into())
}

/// Tells the page, on the element the widget was mounted into (the widget's own section when
/// it is not in one), the view `state` whose rows are `rows` of
/// `catalog`. A listener that throws does not reach the widget: the browser reports it and
/// goes on.
pub fn publish(root: &NodeRef, state: &ViewState, catalog: &Catalog, rows: &[usize]) {
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
