//! What the widget's controls do beyond dispatching an action: each handler dispatches the
//! core's action and then does the browser's part (focus, clipboard, download). Built once
//! per render by the root component and handed to the parts in their props.

use std::rc::Rc;

use feature_matrix_core::export::{self, Format};
use feature_matrix_core::query::View;
use feature_matrix_core::{Action, Notice, Phase};
use yew::prelude::*;

use crate::browser;
use crate::handle::Tr;
use crate::ids;
use crate::store::{self, Store};

pub struct Handlers {
    /// A phase filter, by slug.
    pub toggle_phase: Callback<AttrValue>,
    /// A category filter, by id.
    pub toggle_category: Callback<AttrValue>,
    /// A phase badge was activated: open the legend at its definition and focus it.
    pub define: Callback<Phase>,
    /// "Clear filters" disables itself (toolbar) or disappears (empty state): focus moves to
    /// the search box rather than to the page.
    pub clear: Callback<()>,
    /// Copies the view's link, built on click, not on every render.
    pub copy_link: Callback<()>,
    /// Downloads what `export::download` says for the store at this render, worked out on
    /// click, not on every render.
    pub export: Callback<Format>,
}

impl Handlers {
    pub fn new(
        store: &UseReducerHandle<Store>,
        root: &NodeRef,
        view: &Rc<View>,
        docs_base: &AttrValue,
        tr: &Tr,
    ) -> Handlers {
        let ns = store.ns.clone();
        let dispatch = store.dispatcher();
        let define = {
            let (dispatch, ns, root) = (dispatch.clone(), ns.clone(), root.clone());
            Callback::from(move |phase: Phase| {
                dispatch.dispatch(Action::ShowDefinition(phase));
                browser::open_details(&root, &ids::legend(&ns));
                browser::focus(&root, &ids::definition(&ns, phase));
            })
        };
        let clear = {
            let (dispatch, ns, root) = (dispatch.clone(), ns.clone(), root.clone());
            Callback::from(move |()| {
                dispatch.dispatch(Action::ClearFilters);
                browser::focus(&root, &ids::search(&ns));
            })
        };
        let copy_link = {
            let (store, dispatch) = (store.clone(), dispatch.clone());
            Callback::from(move |()| {
                let Some(link) = browser::url_with_search(&store::address(&store.ns, &store.session)) else { return };
                let dispatch = dispatch.clone();
                browser::copy_text(link.clone(), move |ok| {
                    let notice = if ok { Notice::LinkCopied } else { Notice::CopyFailed(link) };
                    dispatch.dispatch(Action::Notify(notice));
                });
            })
        };
        let export = {
            let (store, dispatch, view, docs_base, tr) =
                (store.clone(), dispatch.clone(), view.clone(), docs_base.clone(), tr.clone());
            Callback::from(move |format: Format| {
                let session = &store.session;
                let changes = session.changes_shown(&store.sources);
                let d = export::download(&session.shown, changes.as_ref(), &view, &docs_base, format, &tr);
                if browser::download(&d.file, d.mime, &d.text) {
                    dispatch.dispatch(Action::Notify(Notice::Exported { format, rows: d.rows }));
                }
            })
        };
        let toggle_phase = {
            let dispatch = dispatch.clone();
            Callback::from(move |slug: AttrValue| {
                if let Some(p) = Phase::parse(&slug) {
                    dispatch.dispatch(Action::TogglePhase(p));
                }
            })
        };
        let toggle_category = {
            let dispatch = dispatch.clone();
            Callback::from(move |id: AttrValue| dispatch.dispatch(Action::ToggleCategory(id.to_string())))
        };
        Handlers { toggle_phase, toggle_category, define, clear, copy_link, export }
    }
}
