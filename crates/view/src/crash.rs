//! What happens when the widget panics. A Rust panic in WebAssembly aborts: the instance
//! that was running cannot continue, and Yew's scheduler stops for every instance on the
//! page. Instead of leaving frozen boxes, the panic hook (installed by the wasm entry)
//! calls [`contain`]: every instance keeps the rows it shows but loses its controls, with a
//! note saying which one crashed and to reload (one note per box, however often it is
//! called); the details go to the console; the crashed one's parameters leave the address,
//! and its section is marked `data-fm-crashed` (`foreign` when the page had changed its
//! HTML). The trap that ends the panic then reaches the glue's guard
//! (`xtask/src/glue_guard.js`), which tells the entry module: it starts a fresh instance of
//! the wasm module and re-mounts every widget but the crashed one, so they work again. A JS
//! exception that crosses the wasm takes the same road without this hook (the entry module
//! marks the boxes itself).
//!
//! [`enter`] records which instance is running (set while rendering and reducing), so the
//! hook knows which box crashed. Nothing here may panic or throw.

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
        crate::browser::info(&format!("feature-matrix: the page changed the widget's HTML (a translation extension or a theme script), so it is rendered afresh ({details})"));
    } else {
        crate::browser::error(&format!("feature-matrix: internal error: {details}"));
    }
    for section in sections {
        // Every box keeps the rows it shows (never fewer than the page without JavaScript);
        // its controls go, since nothing answers them any more.
        let _ = section.class_list().add_2("fm--static", "fm--stalled");
        let is_crashed = crashed.as_deref() == Some(section.id().as_str());
        if is_crashed {
            let _ = section.set_attribute("data-fm-crashed", if foreign { "foreign" } else { "stopped" });
        }
        if foreign {
            continue;
        }
        // In the widget's language (its section's `lang`).
        let tr = crate::handle::Tr::of(&section.get_attribute("lang").unwrap_or_default()).unwrap_or_default();
        let message = tr.get(if is_crashed {
            feature_matrix_core::i18n::Msg::crash_stopped
        } else {
            feature_matrix_core::i18n::Msg::crash_unresponsive
        });
        say_once(&document, &section, message);
    }
    // The crashed widget's view leaves the address (as every widget writes it: its
    // parameters merged into the page's), so reloading the page, as its message says, starts
    // it afresh instead of in the state that stopped it; the other widgets keep theirs.
    if let Some(ns) = crashed.as_deref().filter(|_| !foreign) {
        let search = feature_matrix_core::url_state::merge_search(ns, &crate::browser::location_search(), &[]);
        crate::browser::write_search(&search, false);
    }
}

/// Puts `message` at the top of `section` as its one alert: an alert it has already (from an
/// earlier crash) takes the new text, so crashes never pile notes up.
fn say_once(document: &web_sys::Document, section: &web_sys::Element, message: &str) {
    if let Some(p) = section.query_selector(":scope > .fm-crash").ok().flatten() {
        p.set_text_content(Some(message));
        return;
    }
    if let Ok(p) = document.create_element("p") {
        p.set_class_name("fm-error fm-crash");
        let _ = p.set_attribute("role", "alert");
        p.set_text_content(Some(message));
        let _ = section.prepend_with_node_1(&p);
    }
}
