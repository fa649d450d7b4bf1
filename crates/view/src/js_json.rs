//! Lets the core's custom-catalog reader walk a JavaScript value (the result of
//! `JSON.parse`, or an object handed to `mount()`) without copying it into another form.

use feature_matrix_core::json_catalog::{JsonValue, Kind};
use wasm_bindgen::{JsCast, JsValue};

/// A JS value seen as JSON.
pub struct Js(pub JsValue);

impl JsonValue for Js {
    fn kind(&self) -> Kind {
        let v = &self.0;
        if v.as_bool().is_some() {
            Kind::Bool
        } else if v.as_f64().is_some() {
            Kind::Number
        } else if v.is_string() {
            Kind::String
        } else if js_sys::Array::is_array(v) {
            Kind::Array
        } else if v.is_object() {
            Kind::Object
        } else {
            // null, undefined, functions, symbols: nothing a catalog can use.
            Kind::Null
        }
    }

    fn string(&self) -> Option<String> {
        self.0.as_string()
    }

    fn elements(&self) -> Vec<Self> {
        if js_sys::Array::is_array(&self.0) {
            js_sys::Array::from(&self.0).iter().map(Js).collect()
        } else {
            Vec::new()
        }
    }

    fn members(&self) -> Vec<(String, Self)> {
        let Some(object) = self.0.dyn_ref::<js_sys::Object>() else { return Vec::new() };
        js_sys::Object::entries(object)
            .iter()
            .filter_map(|e| {
                let e: js_sys::Array = e.unchecked_into();
                Some((e.get(0).as_string()?, Js(e.get(1))))
            })
            .collect()
    }
}
