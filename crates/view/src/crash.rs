//! What happens when the widget panics. A Rust panic in WebAssembly aborts: the instance
//! that was running cannot continue, and Yew's scheduler stops for every instance on the
//! page. Instead of leaving frozen boxes, the panic hook (installed by the wasm entry)
//! calls [`contain`]: the crashed instance's box is replaced by a short message, the other
//! instances keep their content but lose their controls, with a note to reload; the
//! details go to the console. It then fires a `feature-matrix:crash` event on `window`
//! (detail: `{ id }` of the crashed instance); the entry module answers it by starting a
//! fresh instance of the wasm module and re-mounting every other widget, so they work again.
//!
//! [`enter`] records which instance is running (set while rendering and reducing), so the
//! hook knows which box crashed. Nothing here may panic.

use std::cell::RefCell;

use wasm_bindgen::JsCast;

thread_local! {
    static CURRENT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Records that the instance `ns` is running now.
pub fn enter(ns: &str) {
    CURRENT.with(|c| {
        if let Ok(mut c) = c.try_borrow_mut() {
            if c.as_deref() != Some(ns) {
                *c = Some(ns.to_owned());
            }
        }
    });
}

/// The instance that was running last.
pub fn current() -> Option<String> {
    CURRENT.with(|c| c.try_borrow().ok().and_then(|c| c.clone()))
}

/// Replaces the crashed instance's content with a message and marks the others stalled.
pub fn contain(details: &str) {
    web_sys::console::error_1(&format!("feature-matrix: internal error: {details}").into());
    let crashed = current();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(sections) = document.query_selector_all("section.fm") else { return };
    for i in 0..sections.length() {
        let Some(section) = sections.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let message = if crashed.as_deref() == Some(section.id().as_str()) {
            section.set_text_content(None);
            "This feature table stopped after an internal error. Reload the page to use it again."
        } else {
            let _ = section.class_list().add_2("fm--static", "fm--stalled");
            "This feature table stopped responding after an internal error on this page. Reload the page to use it again."
        };
        if let Ok(p) = document.create_element("p") {
            p.set_class_name("fm-error fm-crash");
            let _ = p.set_attribute("role", "alert");
            p.set_text_content(Some(message));
            let _ = section.prepend_with_node_1(&p);
        }
    }
    announce(crashed.as_deref());
}

/// Fires `feature-matrix:crash` with the crashed instance's id.
fn announce(crashed: Option<&str>) {
    let Some(window) = web_sys::window() else { return };
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"id".into(), &crashed.map_or(wasm_bindgen::JsValue::NULL, Into::into));
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("feature-matrix:crash", &init) {
        let _ = window.dispatch_event(&event);
    }
}
