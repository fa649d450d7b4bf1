//! Mounting widgets into a host page: automatically into every `[data-feature-matrix]`
//! element when the module starts, or from JavaScript with `mount(element, options)`,
//! which returns a handle whose `destroy()` removes the widget and restores the
//! placeholder's original content.
//!
//! Options come from the element's `data-*` attributes and the JS options object (same
//! camelCase names, the object wins); see `feature_matrix_core::options`. A custom
//! catalog (inline JSON by `data-catalog="#id"`, or `catalog` as an object) is parsed and
//! validated here, before anything renders; a bad one becomes an error shown inside that
//! widget's box. Every instance gets a unique id prefix that also namespaces its URL
//! parameters.

use std::cell::RefCell;
use std::rc::Rc;

use feature_matrix_core::json_catalog;
use feature_matrix_core::options::EmbedOptions;
use feature_matrix_core::validate::Validated;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::AttrValue;

use feature_matrix_view::browser;
use feature_matrix_view::components::root::{Root, RootProps, Source};
use feature_matrix_view::js_json::Js;
use feature_matrix_view::{CatalogHandle, MatrixProps};

const MOUNTED_ATTR: &str = "data-fm-mounted";

thread_local! {
    /// Id prefixes of the live instances.
    static IDS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    /// Roots of destroyed instances, each with its app (now rendering nothing). Yew never
    /// removes the event listeners it delegates to a root element, so a new root per mount
    /// would leak four listeners and a node every time; reusing these does not.
    static POOL: RefCell<Vec<(yew::AppHandle<Root>, web_sys::Element)>> = const { RefCell::new(Vec::new()) };
}

/// Runs when the module is initialised: installs the panic hook (see
/// `feature_matrix_view::crash`) and mounts every placeholder on the page (now, or once the
/// document has been parsed).
#[wasm_bindgen(start)]
pub fn start() {
    // Through Yew: it installs its own console hook at the first render unless one is set.
    yew::set_custom_panic_hook(Box::new(|info| feature_matrix_view::crash::contain(&info.to_string())));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if document.ready_state() == "loading" {
        gloo_events::EventListener::once(&document, "DOMContentLoaded", |_| {
            mount_all();
        })
        .forget();
    } else {
        mount_all();
    }
}

/// Mounts a widget into every `[data-feature-matrix]` element not mounted yet; returns
/// how many were mounted.
#[wasm_bindgen(js_name = mountAll)]
pub fn mount_all() -> u32 {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return 0 };
    let Ok(nodes) = document.query_selector_all("[data-feature-matrix]") else { return 0 };
    let mut mounted = 0;
    for i in 0..nodes.length() {
        let Some(element) = nodes.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        if element.has_attribute(MOUNTED_ATTR) {
            continue;
        }
        // Auto-mounted widgets live as long as the page.
        if mount_into(&element, &JsValue::UNDEFINED).is_ok() {
            mounted += 1;
        }
    }
    mounted
}

/// A mounted widget, returned to JavaScript by `mount()`.
#[wasm_bindgen]
pub struct MatrixHandle {
    app: Option<yew::AppHandle<Root>>,
    element: web_sys::Element,
    /// The container Yew renders into, a child of `element`. Yew attaches its delegated
    /// event listeners to it; removing it on destroy removes them (they would pile up on
    /// the placeholder if it were the root).
    root: web_sys::Element,
    fallback: String,
    id: String,
}

#[wasm_bindgen]
impl MatrixHandle {
    /// The instance's id prefix (also the namespace of its URL parameters).
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.id.clone()
    }

    /// Unmounts the widget (removing its listeners) and puts the placeholder's original
    /// content back. Calling it twice does nothing.
    pub fn destroy(&mut self) {
        if let Some(mut app) = self.app.take() {
            // Unmounts the matrix (its effects remove their page listeners) but keeps the
            // root and its Yew listeners for the next mount.
            app.update(RootProps { source: Source::Empty });
            self.root.remove();
            POOL.with(|p| p.borrow_mut().push((app, self.root.clone())));
            self.element.set_inner_html(&self.fallback);
            let _ = self.element.remove_attribute(MOUNTED_ATTR);
            IDS.with(|ids| ids.borrow_mut().retain(|i| *i != self.id));
        }
    }
}

/// Mounts a widget into `element` with `options` (a JS object, or undefined).
#[wasm_bindgen]
pub fn mount(element: &web_sys::Element, options: JsValue) -> Result<MatrixHandle, JsValue> {
    if element.has_attribute(MOUNTED_ATTR) {
        return Err(JsValue::from_str("feature-matrix: this element already holds a widget; destroy() it first"));
    }
    mount_into(element, &options)
}

fn mount_into(element: &web_sys::Element, options: &JsValue) -> Result<MatrixHandle, JsValue> {
    let (pairs, catalog_object) = option_pairs(element, options);
    let (opts, warnings) = EmbedOptions::from_pairs(pairs);
    for w in &warnings {
        web_sys::console::warn_1(&format!("feature-matrix: {w}").into());
    }
    let id = claim_id(opts.id.as_deref());
    let fallback = element.inner_html();
    let _ = element.set_attribute(MOUNTED_ATTR, &id);
    let search = browser::location_search();
    let prerendered = element.query_selector(":scope > .fm-root > section.fm--static").ok().flatten().is_some();
    let custom = catalog_object.is_some() || opts.catalog.is_some();
    // One decision, in the core: what the first render shows, what follows once mounted,
    // whether the prerendered default widget is hydrated in place.
    let start = feature_matrix_core::start(&id, &opts, custom, &search, &browser::location_hash(), prerendered);
    if start.hydrate {
        let root = element.query_selector(":scope > .fm-root").ok().flatten().unwrap_or_else(|| element.clone());
        let source = Source::Ready(Rc::new(feature_matrix_view::default_props(start)));
        let app = yew::Renderer::<Root>::with_root_and_props(root.clone(), RootProps { source }).hydrate();
        return Ok(MatrixHandle { app: Some(app), element: element.clone(), root, fallback, id });
    }

    let source = match load_catalog(&opts, catalog_object.as_ref(), element) {
        Ok((catalog, warnings)) => {
            for w in &warnings {
                web_sys::console::warn_1(&format!("feature-matrix: {w}").into());
            }
            Source::Ready(Rc::new(MatrixProps {
                catalog,
                docs_base: opts.docs_base.clone().map(AttrValue::from),
                id_prefix: id.clone().into(),
                title: opts.title.clone().map(AttrValue::from),
                columns: opts.columns,
                legend: opts.legend,
                start,
                warnings: Rc::new(warnings),
                with_releases: !custom,
            }))
        }
        Err(problems) => Source::Invalid { id_prefix: id.clone().into(), problems: Rc::new(problems) },
    };
    element.set_text_content(None);
    let app_and_root = match POOL.with(|p| p.borrow_mut().pop()) {
        Some((mut app, root)) => {
            element.append_child(&root)?;
            app.update(RootProps { source });
            (app, root)
        }
        None => {
            let document =
                element.owner_document().ok_or_else(|| JsValue::from_str("feature-matrix: element has no document"))?;
            let root = document.create_element("div")?;
            root.set_class_name("fm-root");
            element.append_child(&root)?;
            (yew::Renderer::<Root>::with_root_and_props(root.clone(), RootProps { source }).render(), root)
        }
    };
    let (app, root) = app_and_root;
    Ok(MatrixHandle { app: Some(app), element: element.clone(), root, fallback, id })
}

/// (name, value) pairs from the element's `data-*` attributes, then the options object;
/// plus the options object's `catalog` when it is an object rather than a selector.
fn option_pairs(element: &web_sys::Element, options: &JsValue) -> (Vec<(String, String)>, Option<JsValue>) {
    let mut pairs = Vec::new();
    let mut catalog = None;
    if let Some(el) = element.dyn_ref::<web_sys::HtmlElement>() {
        pairs.extend(entries(&el.dataset()));
    }
    if options.is_object() {
        let object: &js_sys::Object = options.unchecked_ref();
        for entry in js_sys::Object::entries(object).iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            let (key, value) = (entry.get(0).as_string().unwrap_or_default(), entry.get(1));
            if key == "catalog" && value.is_object() {
                catalog = Some(value);
            } else if let Some(text) = js_text(&value) {
                pairs.push((key, text));
            }
        }
    }
    (pairs, catalog)
}

fn entries(object: &JsValue) -> Vec<(String, String)> {
    let Some(object) = object.dyn_ref::<js_sys::Object>() else { return Vec::new() };
    js_sys::Object::entries(object)
        .iter()
        .filter_map(|e| {
            let e: js_sys::Array = e.unchecked_into();
            Some((e.get(0).as_string()?, js_text(&e.get(1))?))
        })
        .collect()
}

/// A JS option value as text: strings as they are, arrays joined with commas, booleans
/// and whole numbers printed (no float formatting: it would cost wasm bytes for nothing).
fn js_text(value: &JsValue) -> Option<String> {
    if let Some(s) = value.as_string() {
        return Some(s);
    }
    if js_sys::Array::is_array(value) {
        let parts: Vec<String> = js_sys::Array::from(value).iter().filter_map(|v| js_text(&v)).collect();
        return Some(parts.join(","));
    }
    if let Some(b) = value.as_bool() {
        return Some(b.to_string());
    }
    value.as_f64().filter(|n| n.fract() == 0.0 && n.abs() < 1e15).map(|n| (n as i64).to_string())
}

/// A unique id prefix: the requested one (made unique with a number), else fm, fm2, …
fn claim_id(requested: Option<&str>) -> String {
    IDS.with(|ids| {
        let mut ids = ids.borrow_mut();
        let base = requested.unwrap_or("fm");
        let id = std::iter::once(base.to_owned())
            .chain((2..).map(|n| format!("{base}{n}")))
            .find(|candidate| !ids.contains(candidate))
            .unwrap_or_else(|| base.to_owned());
        ids.push(id.clone());
        id
    })
}

/// The catalog for an instance (the options object's, the inline one the options point
/// at, or the embedded default) with warnings to show; or the problems for the error box.
fn load_catalog(
    opts: &EmbedOptions,
    object: Option<&JsValue>,
    element: &web_sys::Element,
) -> Result<(CatalogHandle, Vec<String>), Vec<String>> {
    let default = feature_matrix_view::default_catalog();
    let base = default.0.docs_base.to_string();
    let messages = |d: Vec<feature_matrix_core::validate::Diagnostic>| -> Vec<String> {
        d.iter().map(ToString::to_string).collect()
    };
    if let Some(object) = object {
        return json_catalog::load("catalog option", &base, &Js(object.clone())).map(wrap).map_err(messages);
    }
    let Some(selector) = opts.catalog.as_deref() else { return Ok((default, Vec::new())) };
    let source = format!("inline catalog {selector}");
    let document = element.owner_document().ok_or_else(|| vec![format!("{source}: no document")])?;
    let script = document
        .query_selector(selector)
        .ok()
        .flatten()
        .ok_or_else(|| vec![format!("{source}: no element matches {selector:?}")])?;
    let text = script.text_content().unwrap_or_default();
    let value = js_sys::JSON::parse(&text).map_err(|e| {
        let why = e.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default();
        vec![format!("{source}: invalid JSON: {why}")]
    })?;
    json_catalog::load(&source, &base, &Js(value)).map(wrap).map_err(messages)
}

fn wrap(v: Validated) -> (CatalogHandle, Vec<String>) {
    (CatalogHandle(Rc::new(v.catalog)), v.warnings.iter().map(ToString::to_string).collect())
}
