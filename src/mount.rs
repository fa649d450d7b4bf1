//! Finding placeholders on the host page and mounting widgets into them.
//!
//! Every element with a `data-feature-matrix` attribute gets its own widget with its own
//! id prefix. Whatever the placeholder holds (a fallback link or table) stays until the
//! widget replaces it. `data-docs-base` overrides the base URL of relative docs links.
//! The page's query string and fragment are handed to each widget so it starts in the
//! state a shared link describes.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::AttrValue;

use crate::components::matrix::{CatalogHandle, FeatureMatrix, MatrixProps};
use crate::embedded::CATALOG;

/// Mounts a widget into every `[data-feature-matrix]` element; returns how many.
pub fn mount_all() -> usize {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("feature-matrix: {info}").into());
    }));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return 0;
    };
    let Ok(nodes) = document.query_selector_all("[data-feature-matrix]") else {
        return 0;
    };
    let catalog = CatalogHandle(Rc::new(CATALOG.clone()));
    let mut mounted = 0;
    for i in 0..nodes.length() {
        let Some(element) = nodes.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else {
            continue;
        };
        let prefix = if mounted == 0 { "fm".to_owned() } else { format!("fm{}", mounted + 1) };
        let props = MatrixProps {
            catalog: catalog.clone(),
            docs_base: element.get_attribute("data-docs-base").map(AttrValue::from),
            id_prefix: prefix.into(),
            initial_search: crate::browser::location_search().into(),
            initial_hash: crate::browser::location_hash().into(),
        };
        // Replace the placeholder's fallback content with the widget.
        element.set_text_content(None);
        yew::Renderer::<FeatureMatrix>::with_root_and_props(element, props).render();
        mounted += 1;
    }
    mounted
}
