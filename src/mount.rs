//! Mounting widgets into a host page: `mount(element, options)` returns a handle whose
//! `destroy()` removes the widget and puts the placeholder's original content back. The
//! entry module (`www/feature-matrix.js`) calls it for every `[data-feature-matrix]`
//! element, also those added later, and destroys the widgets whose element left the page.
//!
//! Options come from the element's `data-*` attributes and the JS options object (same
//! camelCase names, the object wins); see `feature_matrix_core::options`. A custom
//! catalog (inline JSON by `data-catalog="#id"`, or `catalog` as an object) is parsed and
//! validated here, before anything renders; a bad one becomes an error shown inside that
//! widget's box. Every instance gets a unique id prefix that also namespaces its URL
//! parameters.

use std::cell::RefCell;
use std::rc::Rc;

use feature_matrix_core::i18n::{quote, Messages, Msg, Say};
use feature_matrix_core::options::{sanitize_id, EmbedOptions, Expects, OptionWarning};
use feature_matrix_core::validate::Validated;
use feature_matrix_core::validate::REPORT_LIMIT;
use feature_matrix_core::{istio, json, json_catalog};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::AttrValue;

use feature_matrix_view::browser;
use feature_matrix_view::components::root::{Root, RootProps, Source};
use feature_matrix_view::{CatalogHandle, MatrixProps, Problems, Tr};

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
/// `feature_matrix_view::crash`). Mounting is the entry module's: it mounts each placeholder
/// once its language is there, so no widget waits for another's.
#[wasm_bindgen(start)]
pub fn start() {
    // Through Yew: it installs its own console hook at the first render unless one is set.
    yew::set_custom_panic_hook(Box::new(|info| feature_matrix_view::crash::contain(&info.to_string())));
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
    /// What the element held before, as nodes (never re-parsed markup): moved here when the
    /// widget mounts (a copy, for a hydrated widget), put back on destroy. Empty when the
    /// widget's box went before what the element shows (an error box). Should the widget's
    /// first render fail, the entry module puts back its own copy.
    fallback: web_sys::DocumentFragment,
    id: String,
    /// What had focus when the widget was mounted: focus returns there on `destroy()` if
    /// it was inside the widget.
    focus_before: Option<web_sys::HtmlElement>,
    /// Whether the widget shows a matrix (it then sends `featurematrix:change` events), not
    /// an error box.
    matrix: bool,
}

/// The focused element, if any.
fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?.document()?.active_element()?.dyn_into::<web_sys::HtmlElement>().ok()
}

#[wasm_bindgen]
impl MatrixHandle {
    /// The instance's id prefix (also the namespace of its URL parameters).
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.id.clone()
    }

    /// True when the widget shows a matrix (it then sends change events), false for an
    /// error box.
    #[wasm_bindgen(getter)]
    pub fn matrix(&self) -> bool {
        self.matrix
    }

    /// Unmounts the widget (removing its listeners) and puts the placeholder's original
    /// content back. Calling it twice does nothing.
    pub fn destroy(&mut self) {
        if let Some(mut app) = self.app.take() {
            let had_focus = active_element().is_some_and(|a| self.element.contains(Some(&a)));
            // Unmounts the matrix (its effects remove their page listeners) but keeps the
            // root and its Yew listeners for the next mount.
            app.update(RootProps { source: Source::Empty });
            self.root.remove();
            POOL.with(|p| p.borrow_mut().push((app, self.root.clone())));
            let _ = self.element.append_child(&self.fallback);
            let _ = self.element.remove_attribute(MOUNTED_ATTR);
            release_id(&self.id);
            if let Some(before) = self.focus_before.as_ref().filter(|b| had_focus && b.is_connected()) {
                let _ = before.focus();
            }
        }
    }
}

// JS functions that can throw (a getter, a proxy trap, a cycle), imported so that the
// exception comes back as an `Err` instead of unwinding through wasm frames, which would
// leave the module's memory in a broken state.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn try_entries(object: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn try_array_from(value: &JsValue) -> Result<js_sys::Array, JsValue>;
}

/// The message of a caught JS exception.
fn message(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "an exception that is not an Error".to_owned())
}

/// The widget's language: the `lang` option, else the nearest `lang` attribute (the
/// placeholder's own, an ancestor's, the page's), by its primary subtag (`zh-CN` → `zh`).
/// A language other than English comes from its file (`i18n/<lang>.js`, which registers it
/// in `globalThis.FeatureMatrixLanguages`); without one, English and one console note.
fn language(element: &web_sys::Element, option: Option<&str>) -> Tr {
    let tag = match option {
        Some(o) => o.to_owned(),
        None => element.closest("[lang]").ok().flatten().and_then(|e| e.get_attribute("lang")).unwrap_or_default(),
    };
    let code = feature_matrix_core::i18n::primary(&tag);
    if code.is_empty() || code == "en" {
        return Tr::default();
    }
    if let Some(tr) = Tr::of(&code) {
        return tr;
    }
    let registered = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("FeatureMatrixLanguages"))
        .ok()
        .filter(JsValue::is_object)
        .and_then(|all| js_sys::Reflect::get(&all, &JsValue::from_str(&code)).ok())
        .and_then(|file| js_sys::JSON::stringify(&file).ok()?.as_string())
        .and_then(|text| feature_matrix_core::json_catalog::language(&json::parse(&text).ok()?.root()))
        .filter(|l| l.messages.lang() == code);
    let tr = match registered {
        Some(l) => Tr::new(l),
        None => {
            let file = format!("i18n/{code}.js");
            browser::info(&english(Msg::page_no_language, &[("lang", &quote(&code)), ("file", &file)]));
            Tr::default()
        }
    };
    // Read (and noted) once: what a language file holds is kept for the page's life.
    Tr::remember(code, tr)
}

/// Mounts a widget into `element` with `options` (a JS object, or undefined). Anything
/// that fails leaves the element as it was (or shows the error box in it) and throws.
#[wasm_bindgen]
pub fn mount(element: JsValue, options: JsValue) -> Result<MatrixHandle, JsValue> {
    let Some(element) = element.dyn_ref::<web_sys::Element>() else {
        let found = kind(&element);
        return Err(js_sys::TypeError::new(&english(Msg::page_not_element, &[("found", &found)])).into());
    };
    if element.has_attribute(MOUNTED_ATTR) {
        return Err(JsValue::from_str(&english(Msg::page_mounted, &[])));
    }
    mount_into(element, &options)
}

fn mount_into(element: &web_sys::Element, options: &JsValue) -> Result<MatrixHandle, JsValue> {
    let (pairs, catalog_object, type_warnings) = option_pairs(element, options)
        .map_err(|e| js_sys::Error::new(&english(Msg::page_options_unreadable, &[("problem", &message(&e))])))?;
    let document = element.owner_document().ok_or_else(no_document)?;
    let fallback = document.create_document_fragment();
    let (opts, warnings) = EmbedOptions::from_pairs(pairs);
    // The console speaks the widget's language from here on.
    let tr = language(element, opts.lang.as_deref());
    let m = &tr.0.messages;
    for w in type_warnings.iter().chain(&warnings) {
        browser::warn(&format!("feature-matrix: {}", w.say(m)));
    }
    let focus_before = active_element();
    let id = claim_id(opts.id.as_deref(), element, &document, m);
    let _ = element.set_attribute(MOUNTED_ATTR, &id);
    let search = browser::location_search();
    let prerendered = intact_prerendered_root(element, m);
    let custom = catalog_object.is_some() || opts.catalog.is_some();
    // One decision, in the core: what the first render shows, what follows once mounted,
    // whether the prerendered default widget is hydrated in place.
    let start = feature_matrix_core::start(&feature_matrix_core::StartFrom {
        ns: &id,
        options: &opts,
        custom_catalog: custom,
        search: &search,
        fragment: &browser::location_hash(),
        prerendered: prerendered.is_some(),
    });
    if let (true, Some(root)) = (start.hydrate, prerendered) {
        // The page's own copy of the prerendered widget, for destroy().
        let _ = fallback.append_child(&root.clone_node_with_deep(true)?);
        let source = Source::Ready(Rc::new(MatrixProps { tr, ..feature_matrix_view::default_props(start) }));
        let app = yew::Renderer::<Root>::with_root_and_props(root.clone(), RootProps { source }).hydrate();
        let handle =
            MatrixHandle { app: Some(app), element: element.clone(), root, fallback, id, focus_before, matrix: true };
        return Ok(handle);
    }

    let source = match load_catalog(&opts, catalog_object.as_ref(), element, &tr) {
        Ok((catalog, warnings, own)) => {
            // A catalog of its own format speaks its own translation (if it has one for the
            // widget's language), not Istio's.
            let tr = match own {
                Some(list) => {
                    let translation =
                        list.into_iter().find(|(l, _)| l == tr.lang()).map(|(_, t)| t).unwrap_or_default();
                    let messages = tr.0.messages.clone();
                    Tr(Rc::new(feature_matrix_core::i18n::Language { messages, translation: Rc::new(translation) }))
                }
                None => tr,
            };
            for w in &warnings.lines {
                browser::warn(&format!("feature-matrix: {w}"));
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
                // Istio's catalogs report to istio/enhancements; a page's own data only where
                // its page says (option `report`).
                report: opts
                    .report
                    .clone()
                    .or_else(|| (!custom).then(|| feature_matrix_core::links::ISTIO_REPORT.to_owned()))
                    .map(AttrValue::from),
                tr,
            }))
        }
        Err(problems) => Source::Invalid { id_prefix: id.clone().into(), problems: Rc::new(problems), tr },
    };
    // A catalog that cannot be shown leaves what the page had (a server-rendered table stays
    // readable) and puts the error box before it; a widget takes its place.
    let matrix = !matches!(source, Source::Invalid { .. });
    if matrix {
        while let Some(node) = element.first_child() {
            fallback.append_child(&node)?;
        }
    }
    match render_into(element, source, !matrix) {
        Ok((app, root)) => {
            Ok(MatrixHandle { app: Some(app), element: element.clone(), root, fallback, id, focus_before, matrix })
        }
        Err(e) => {
            // Nothing was mounted: the element and the id are as they were.
            release_id(&id);
            let _ = element.remove_attribute(MOUNTED_ATTR);
            let _ = element.append_child(&fallback);
            Err(e)
        }
    }
}

/// Renders `source` into a container added to `element` (first when `first`, else last): a
/// pooled one when there is one (put back if it cannot be added), else a new one.
fn render_into(
    element: &web_sys::Element,
    source: Source,
    first: bool,
) -> Result<(yew::AppHandle<Root>, web_sys::Element), JsValue> {
    let add = |root: &web_sys::Element| {
        let before = if first { element.first_child() } else { None };
        element.insert_before(root, before.as_ref())
    };
    if let Some((mut app, root)) = POOL.with(|p| p.borrow_mut().pop()) {
        if let Err(e) = add(&root) {
            POOL.with(|p| p.borrow_mut().push((app, root)));
            return Err(e);
        }
        app.update(RootProps { source });
        return Ok((app, root));
    }
    let document = element.owner_document().ok_or_else(no_document)?;
    let root = document.create_element("div")?;
    root.set_class_name("fm-root");
    add(&root)?;
    Ok((yew::Renderer::<Root>::with_root_and_props(root.clone(), RootProps { source }).render(), root))
}

/// The prerendered default widget's container in `element`, if there is one and the page
/// left it as the build wrote it: a theme or an extension may have changed it (wrapped the
/// table, wrapped text in <font>), and hydrating changed HTML would fail, so such a widget
/// is rendered afresh instead (with one console note).
fn intact_prerendered_root(element: &web_sys::Element, m: &Messages) -> Option<web_sys::Element> {
    let root = element.query_selector(":scope > .fm-root").ok().flatten()?;
    root.query_selector(":scope > section.fm--static").ok().flatten()?;
    if let Some(stamped) = root.get_attribute("data-fm-shape") {
        // One read of the serialized DOM rather than a call per element: the browser escapes
        // `<` in text and attribute values, so its start tags are the elements.
        if feature_matrix_core::shape::of_html(&root.inner_html()) != stamped {
            browser::info(&format!("feature-matrix: {}", m.with(Msg::page_changed, "")));
            return None;
        }
    }
    Some(root)
}

/// Frees an instance id.
fn release_id(id: &str) {
    IDS.with(|ids| ids.borrow_mut().retain(|i| i != id));
}

/// What a JS value is, for messages: `null`, or its `typeof`.
fn kind(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_owned()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// (name, value) pairs from the element's `data-*` attributes, then the options object;
/// the options object's `catalog` when it is an object rather than a selector; and a
/// warning for every option whose value is of a type no option takes. Fails when reading
/// the options throws.
type Pairs = (Vec<(String, String)>, Option<JsValue>, Vec<OptionWarning>);

fn option_pairs(element: &web_sys::Element, options: &JsValue) -> Result<Pairs, JsValue> {
    let mut pairs = Vec::new();
    let mut catalog = None;
    let mut warnings = Vec::new();
    if let Some(el) = element.dyn_ref::<web_sys::HtmlElement>() {
        for entry in try_entries(&el.dataset())?.iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            // Only the widget's own names: a page's other `data-*` attributes on the element
            // are none of its business (and no reason for a warning).
            if let (Some(k), Some(v)) = (entry.get(0).as_string(), entry.get(1).as_string()) {
                if feature_matrix_core::options::NAMES.contains(&k.as_str()) {
                    pairs.push((k, v));
                }
            }
        }
    }
    if !options.is_undefined() && !options.is_null() && !options.is_object() {
        warnings.push(OptionWarning::NotObject);
    } else if options.is_object() {
        for entry in try_entries(options)?.iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            let (key, value) = (entry.get(0).as_string().unwrap_or_default(), entry.get(1));
            let list = js_sys::Array::is_array(&value);
            if key == "catalog" && value.is_object() && !list {
                catalog = Some(value);
            } else if list && !matches!(key.as_str(), "phases" | "categories" | "columns") {
                // A list joined with commas would be a wrong address or title, not a list.
                warnings.push(OptionWarning::value(&key, Expects::One, ""));
            } else if let Some(text) = js_text(&value)? {
                pairs.push((key, text));
            } else {
                warnings.push(OptionWarning::value(&key, Expects::Type, &kind(&value)));
            }
        }
    }
    Ok((pairs, catalog, warnings))
}

/// A JS option value as text: strings as they are, arrays joined with commas, booleans
/// and whole numbers printed (no float formatting: it would cost wasm bytes for nothing).
/// `None` for anything else (objects, functions, fractions, null).
fn js_text(value: &JsValue) -> Result<Option<String>, JsValue> {
    if let Some(s) = value.as_string() {
        return Ok(Some(s));
    }
    if js_sys::Array::is_array(value) {
        let mut parts = Vec::new();
        for v in try_array_from(value)?.iter() {
            match js_text(&v)? {
                Some(t) => parts.push(t),
                None => return Ok(None),
            }
        }
        return Ok(Some(feature_matrix_core::i18n::join(&parts.iter().map(String::as_str).collect::<Vec<_>>(), ",")));
    }
    if let Some(b) = value.as_bool() {
        return Ok(Some(b.to_string()));
    }
    Ok(value.as_f64().filter(|n| n.fract() == 0.0 && n.abs() < 1e15).map(|n| (n as i64).to_string()))
}

/// A unique id prefix: the requested one, else fm, fm2, … A taken one gets a number that
/// no live widget uses, no other placeholder on the page asks for (`data-id`) and no element
/// outside `element` has an id of (the prefix itself, or `{prefix}--…`, the ids its labels
/// and descriptions name: a page's `id="fm--caption"` would otherwise name the widget's
/// table), with a console warning when it was asked for explicitly or a page id took it.
fn claim_id(requested: Option<&str>, element: &web_sys::Element, document: &web_sys::Document, m: &Messages) -> String {
    let base = requested.unwrap_or("fm");
    let others = |selector: &str, attribute: &str| -> Vec<String> {
        let Ok(nodes) = document.query_selector_all(selector) else { return Vec::new() };
        (0..nodes.length())
            .filter_map(|i| nodes.item(i)?.dyn_into::<web_sys::Element>().ok())
            .filter(|other| !element.contains(Some(other)))
            .filter_map(|other| other.get_attribute(attribute))
            .collect()
    };
    let reserved: Vec<String> =
        others("[data-feature-matrix][data-id]", "data-id").iter().filter_map(|id| sanitize_id(id)).collect();
    // `base` is a sanitized id (letters, digits, dashes): safe in a CSS string as it is.
    let page_ids = others(&format!("[id^=\"{base}\"]"), "id");
    let on_page =
        |c: &str| page_ids.iter().any(|p| p == c || p.strip_prefix(c).is_some_and(|rest| rest.starts_with("--")));
    IDS.with(|ids| {
        let mut ids = ids.borrow_mut();
        let free = |c: &String| !ids.contains(c) && (c == base || !reserved.contains(c)) && !on_page(c);
        let id = std::iter::once(base.to_owned())
            .chain((2..).map(|n| format!("{base}{n}")))
            .find(free)
            .unwrap_or_else(|| base.to_owned());
        if id != base && (requested.is_some() || on_page(base)) {
            let taken = m.fill(Msg::page_id_taken, &[("id", &quote(base)), ("used", &quote(&id))]);
            browser::warn(&format!("feature-matrix: {taken}"));
        }
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
    tr: &Tr,
) -> Result<Loaded, Problems> {
    let m = &tr.0.messages;
    let default = feature_matrix_view::default_catalog();
    let base = default.0.docs_base.to_string();
    // The text is read into a catalog of its own strings, then let go before the catalog is
    // checked and indexed (the largest catalogs need the memory again at once).
    let raw = if let Some(object) = object {
        // One copy as plain data, one string rather than a walk field by field across the
        // wasm boundary: getters, proxies and cycles throw here, caught.
        let source = m.get(Msg::source_option);
        let unreadable = |e: &str| Problems::one(m.fill(Msg::page_unreadable, &[("source", source), ("problem", e)]));
        // Not always a string: a `toJSON` may return `undefined`.
        let text = js_sys::JSON::stringify(object).map_err(|e| unreadable(&message(&e)))?;
        let text = text.as_string().ok_or_else(|| unreadable(m.get(Msg::page_no_json)))?;
        let json = json::parse(&text).map_err(|e| invalid_json(m, source, &e))?;
        read_raw(source, &base, &json.root(), m)?
    } else {
        let Some(selector) = opts.catalog.as_deref() else { return Ok((default, Problems::default(), None)) };
        let source = m.with(Msg::source_inline, selector);
        let no_element =
            || Problems::one(m.fill(Msg::page_no_element, &[("source", &source), ("selector", &quote(selector))]));
        // An element without a document has no catalog to point at.
        let document = element.owner_document().ok_or_else(no_element)?;
        // Inside the element first (a `<feature-matrix>`'s own data child), then the page.
        let inside = element.query_selector(selector).ok().flatten();
        let script = inside.or_else(|| document.query_selector(selector).ok().flatten()).ok_or_else(no_element)?;
        let text = script.text_content().unwrap_or_default();
        let json = json::parse(&text).map_err(|e| invalid_json(m, &source, &e))?;
        read_raw(&source, &base, &json.root(), m)?
    };
    match raw {
        Raw::Istio(release) => {
            let legend = feature_matrix_view::embedded::RELEASES.legend.clone();
            let problems = Problems::findings(&release, m);
            // Titled in the widget's language unless the page gives a `title`.
            match istio::catalog_to_show(&release, m.get(Msg::data_istio_title), &base, legend) {
                Some(catalog) => Ok((CatalogHandle(Rc::new(catalog)), problems, None)),
                None => Err(problems),
            }
        }
        Raw::Own(read) => read.validate().map(|v| wrap(v, m)).map_err(|d| Problems::new(&d, m)),
    }
}

/// A catalog for an instance as read, before it is checked: Istio's feature data
/// (`{"features": [...]}`, shown with whatever is valid and its problems listed) or the
/// widget's own format (checked by `validate`).
enum Raw {
    Istio(istio::Release),
    Own(json_catalog::Read),
}

/// A catalog, its problems, and for a catalog in the widget's own format its translations
/// (`None`: Istio's data, which the language's own catalog text translates).
type Loaded = (CatalogHandle, Problems, Option<Vec<(String, feature_matrix_core::i18n::Translation)>>);

fn read_raw(source: &str, base: &str, value: &json::Value, m: &Messages) -> Result<Raw, Problems> {
    if istio::is_features_data(value) {
        return Ok(Raw::Istio(istio::read(source, value, &[], REPORT_LIMIT)));
    }
    json_catalog::read(source, base, value).map(Raw::Own).map_err(|d| Problems::new(&d, m))
}

fn wrap(v: Validated, m: &Messages) -> Loaded {
    (CatalogHandle(Rc::new(v.catalog)), Problems::new(&v.warnings, m), Some(v.translations))
}

fn invalid_json(m: &Messages, source: &str, e: &json::SyntaxError) -> Problems {
    let (line, column) = (e.line.to_string(), e.column.to_string());
    Problems::one(m.fill(Msg::page_invalid_json, &[("source", source), ("line", &line), ("column", &column)]))
}

/// A message of the entry crate's own, in English (before a widget has a language), for
/// an exception.
fn english(msg: Msg, args: &[(&str, &str)]) -> String {
    format!("feature-matrix: {}", Tr::default().fill(msg, args))
}

fn no_document() -> JsValue {
    JsValue::from_str(&english(Msg::page_no_document, &[]))
}
