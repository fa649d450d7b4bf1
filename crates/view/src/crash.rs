//! What happens when the widget panics. A Rust panic in WebAssembly aborts: the instance
//! that was running cannot continue, and Yew's scheduler stops for every instance on the
//! page. Instead of leaving frozen boxes, the panic hook (installed by the wasm entry)
//! calls [`contain`]: every instance keeps the rows it shows but loses its controls, with a
//! note saying which one crashed and to reload; the
//! details go to the console; the crashed one's parameters leave the address. It then fires
//! a `feature-matrix:crash` event on `window`
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

/// True when someone else changed the section's HTML in a way Yew cannot patch: text
/// wrapped in `<font>` (machine-translation extensions) or a table moved into a wrapper
/// (docs themes that make tables scroll).
fn changed_by_the_page(section: &web_sys::Element) -> bool {
    if section.query_selector("font").ok().flatten().is_some() {
        return true;
    }
    let Ok(tables) = section.query_selector_all("table") else { return false };
    (0..tables.length())
        .filter_map(|i| tables.item(i))
        .any(|t| t.parent_element().is_none_or(|p| !p.class_list().contains("fm-scroll")))
}

/// After a panic: when the page had changed the crashed widget's HTML, says so quietly and
/// asks for a fresh render of every widget. Otherwise marks every instance stalled (static,
/// controls hidden, rows kept) with a message saying which one crashed.
pub fn contain(details: &str) {
    let crashed = current();
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(sections) = document.query_selector_all("section.fm") else { return };
    let sections: Vec<web_sys::Element> =
        (0..sections.length()).filter_map(|i| sections.item(i)?.dyn_into::<web_sys::Element>().ok()).collect();
    let foreign = sections.iter().any(|s| crashed.as_deref() == Some(s.id().as_str()) && changed_by_the_page(s));
    if foreign {
        web_sys::console::info_1(
            &format!("feature-matrix: the page changed the widget's HTML (a translation extension or a theme script), so it is rendered afresh ({details})").into(),
        );
    } else {
        web_sys::console::error_1(&format!("feature-matrix: internal error: {details}").into());
    }
    for section in sections {
        // Every box keeps the rows it shows (never fewer than the page without JavaScript);
        // its controls go, since nothing answers them any more.
        let _ = section.class_list().add_2("fm--static", "fm--stalled");
        if foreign {
            continue;
        }
        // In the widget's language (its section's `lang`).
        let tr = crate::handle::Tr::of(&section.get_attribute("lang").unwrap_or_default()).unwrap_or_default();
        let message = tr.get(if crashed.as_deref() == Some(section.id().as_str()) {
            feature_matrix_core::i18n::Msg::crash_stopped
        } else {
            feature_matrix_core::i18n::Msg::crash_unresponsive
        });
        if let Ok(p) = document.create_element("p") {
            p.set_class_name("fm-error fm-crash");
            let _ = p.set_attribute("role", "alert");
            p.set_text_content(Some(message));
            let _ = section.prepend_with_node_1(&p);
        }
    }
    // The crashed widget's view leaves the address (as every widget writes it: its
    // parameters merged into the page's), so reloading the page, as its message says, starts
    // it afresh instead of in the state that stopped it; the other widgets keep theirs.
    if let Some(ns) = crashed.as_deref().filter(|_| !foreign) {
        let search = feature_matrix_core::url_state::merge_search(ns, &crate::browser::location_search(), &[]);
        crate::browser::write_search(&search, false);
    }
    announce(crashed.as_deref(), foreign);
}

/// Fires `feature-matrix:crash` with the crashed instance's id, and `foreign: true` when
/// the page had changed its HTML (then it is re-created too).
fn announce(crashed: Option<&str>, foreign: bool) {
    let Some(window) = web_sys::window() else { return };
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"id".into(), &crashed.map_or(wasm_bindgen::JsValue::NULL, Into::into));
    let _ = js_sys::Reflect::set(&detail, &"foreign".into(), &foreign.into());
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict("feature-matrix:crash", &init) {
        let _ = window.dispatch_event(&event);
    }
}
