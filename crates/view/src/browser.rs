//! The few browser effects the widget needs, called only from callbacks and effects
//! (never while rendering): the address bar (history), clipboard, downloads, focus and
//! scrolling. Every function fails soft: a missing API means nothing happens, never a
//! panic.

use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// The current URL's query string (with its `?`), or empty.
pub fn location_search() -> String {
    window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// The current URL's fragment (with its `#`), or empty.
pub fn location_hash() -> String {
    window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// The current URL with its query string replaced by `search`.
pub fn url_with_search(search: &str) -> Option<String> {
    let location = window()?.location();
    let origin = location.origin().ok()?;
    let path = location.pathname().ok()?;
    let hash = location.hash().ok()?;
    Some(format!("{origin}{path}{search}{hash}"))
}

/// Writes `search` into the address bar: a new history entry when `push`, otherwise
/// replacing the current one (used while typing, so typing adds no history).
pub fn write_search(search: &str, push: bool) {
    let Some(w) = window() else { return };
    let Some(url) = url_with_search(search) else { return };
    let Ok(history) = w.history() else { return };
    let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
    let _ = if push {
        history.push_state_with_url(&state, "", Some(&url))
    } else {
        history.replace_state_with_url(&state, "", Some(&url))
    };
}

/// Copies text to the clipboard; calls `done(true)` on success, `done(false)` otherwise.
pub fn copy_text(text: String, done: impl FnOnce(bool) + 'static) {
    let Some(w) = window() else { return done(false) };
    let promise = w.navigator().clipboard().write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Offers `content` as a file download (a Blob URL, so nothing leaves the page).
pub fn download(file_name: &str, mime: &str, content: &str) -> bool {
    let Some(doc) = document() else { return false };
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return false };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return false };
    let Some(a) = doc.create_element("a").ok().and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok()) else {
        return false;
    };
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    // Revoke once the download has started.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    true
}

/// The element with `id` inside the widget's `root`: never a page-wide lookup, so an element
/// of the host page with the same id is never taken for the widget's own.
fn find(root: &yew::NodeRef, id: &str) -> Option<web_sys::Element> {
    let root = root.cast::<web_sys::Element>()?;
    // A CSS string: backslashes and quotes escaped (ids hold no line breaks).
    let quoted = id.replace('\\', "\\\\").replace('"', "\\\"");
    root.query_selector(&format!("[id=\"{quoted}\"]")).ok().flatten()
}

/// Moves focus to the element with `id` in `root` (scrolling it into view), if it exists.
pub fn focus(root: &yew::NodeRef, id: &str) {
    if let Some(el) = find(root, id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Scrolls the element with `id` in `root` to the middle of the viewport and focuses it.
pub fn reveal(root: &yew::NodeRef, id: &str) {
    let Some(el) = find(root, id) else { return };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    el.scroll_into_view_with_scroll_into_view_options(&options);
    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
        let focus = web_sys::FocusOptions::new();
        focus.set_prevent_scroll(true);
        let _ = el.focus_with_options(&focus);
    }
}

/// Removes `class` from the element `root` refers to (nothing when it is not mounted).
pub fn remove_class(root: &yew::NodeRef, class: &str) {
    if let Some(el) = root.cast::<web_sys::Element>() {
        let _ = el.class_list().remove_1(class);
    }
}

/// Lays the page out now (reads the height of `root`'s element). After a change of the rows,
/// the browser would do it when the next frame starts; done at once, in the time the
/// browser waits for that frame anyway, it leaves the frame only its paint (keystroke to
/// paint at 10,000 rows about 4 ms sooner).
pub fn lay_out(root: &yew::NodeRef) {
    if let Some(el) = root.get() {
        // Through `Reflect`, which the wasm imports anyway: no import of its own.
        let _ = js_sys::Reflect::get(&el, &wasm_bindgen::JsValue::from_str("offsetHeight"));
    }
}

/// Opens the `<details>` element with `id` in `root`.
pub fn open_details(root: &yew::NodeRef, id: &str) {
    if let Some(d) = find(root, id).and_then(|e| e.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
        d.set_open(true);
    }
}

/// True when keyboard focus is in a text field (so single-key shortcuts must not fire).
pub fn typing_in_field() -> bool {
    let Some(el) = document().and_then(|d| d.active_element()) else { return false };
    let tag = el.tag_name().to_ascii_lowercase();
    tag == "input"
        || tag == "textarea"
        || tag == "select"
        || el.get_attribute("contenteditable").is_some_and(|v| v != "false")
}

/// The widget root (`.fm` section) that should take page-level shortcuts: the one holding
/// focus, else the first on the page. Returns its id.
pub fn shortcut_owner() -> Option<String> {
    let doc = document()?;
    let focused = doc.active_element().and_then(|e| e.closest("section.fm[id]").ok().flatten());
    let owner = match focused {
        Some(el) => el,
        None => doc.query_selector("section.fm[id]").ok().flatten()?,
    };
    Some(owner.id())
}

// The console, imported with `catch`: a page may replace `console.warn` with a function that
// throws, and an exception thrown into the wasm would stop it (see xtask/src/glue_guard.js).
#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = console, js_name = warn)]
    fn console_warn(message: &str) -> Result<(), wasm_bindgen::JsValue>;
    #[wasm_bindgen(catch, js_namespace = console, js_name = info)]
    fn console_info(message: &str) -> Result<(), wasm_bindgen::JsValue>;
    #[wasm_bindgen(catch, js_namespace = console, js_name = error)]
    fn console_error(message: &str) -> Result<(), wasm_bindgen::JsValue>;
}

/// A warning in the console (an id a link named that the catalog shown does not have, …).
/// A console that throws is ignored, as every console call of the wasm's.
pub fn warn(message: &str) {
    let _ = console_warn(message);
}

/// A note in the console.
pub fn info(message: &str) {
    let _ = console_info(message);
}

/// An error in the console.
pub fn error(message: &str) {
    let _ = console_error(message);
}

/// Makes a `<select>` show `value`. Its `selected` attributes only set the default: once
/// the reader has picked an option, only the property moves the selection.
pub fn set_select_value(select: &yew::NodeRef, value: &str) {
    if let Some(select) = select.cast::<web_sys::HtmlSelectElement>() {
        if select.value() != value {
            select.set_value(value);
        }
    }
}
