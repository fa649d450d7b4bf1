//! The widget's store: the core's `Session` (state plus the catalog shown) with the
//! catalog sources it resolves ids against, as a Yew reducer. Every change is a core
//! `Action`; the rules are all in `feature_matrix_core::state`, whose reducer is pure and
//! returns what a change asks of the page (`Effects`). This module carries them out: the
//! address bar and console warnings right after the reducer, before the render; the host
//! page's change event after the render.

use std::rc::Rc;

use feature_matrix_core::events::ViewState;
use feature_matrix_core::i18n::{Messages, Msg, Say};
use feature_matrix_core::query::View;
use feature_matrix_core::url_state;
use feature_matrix_core::{Action, Dropped, Effects, Session, Sources, Start, UrlWrite};
use yew::functional::{Hook, HookContext};
use yew::prelude::*;

pub struct Store {
    /// The instance's id prefix, for crash reports and console warnings.
    pub ns: AttrValue,
    pub sources: Sources,
    pub session: Session,
    /// What the last change (or the start) asks of the page (see [`use_page_effects`]).
    pub effects: Effects,
    /// Changes since mount; 0 for the first state. Keys [`use_page_effects`].
    pub changes: u32,
    /// The widget's language, for its console warnings.
    pub messages: Rc<Messages>,
}

impl Store {
    /// The first state: `start.first` resolved against `sources`. Its warnings and its
    /// address are written once mounted, by [`use_page_effects`], not while rendering.
    pub fn new(ns: AttrValue, sources: Sources, start: &Start, messages: Rc<Messages>) -> Store {
        let (session, dropped) = Session::start(&sources, &start.first);
        let effects = Effects { write: start.write, dropped, announce: true };
        Store { ns, sources, session, effects, changes: 0, messages }
    }
}

/// The page's query string with this instance's parameters set to the session's link.
pub fn address(ns: &str, session: &Session) -> String {
    url_state::merge_search(ns, &crate::browser::location_search(), &url_state::to_params(ns, &session.url()))
}

/// What a change asks of the address bar and the console: a warning for what could not be
/// shown, and the link as the reducer said (typing and back/forward replace the current
/// history entry, other changes push one, a state that came from the URL or from hydration
/// writes nothing new, and nothing is written when the address already says it). Done right
/// after the reducer, before the render, so the address holds the reader's view even when
/// rendering then fails (a page that rewrote the widget's HTML: the widget restarts in the
/// reader's view); for the first state, once mounted.
fn tell_page(ns: &str, session: &Session, effects: &Effects, m: &Messages) {
    warn(ns, &effects.dropped, m);
    if effects.write != UrlWrite::Keep {
        let next = address(ns, session);
        if next != crate::browser::location_search() {
            crate::browser::write_search(&next, effects.write == UrlWrite::Push);
        }
    }
}

/// Carries out what the first state asks of the page once mounted, and after every render
/// the change event the reducer announced (see [`PageEffects`]).
pub fn use_page_effects(
    store: &UseReducerHandle<Store>,
    root: &NodeRef,
    view: &Rc<View>,
    hydrating: bool,
) -> PageEffects {
    PageEffects { store: store.clone(), root: root.clone(), view: view.clone(), hydrating }
}

/// The hook of [`use_page_effects`]. Once mounted, what the first state asks of the address
/// and the console ([`tell_page`]), and a hydrated widget shows its controls: it is static
/// (`fm--static`: controls hidden) until mounted, so the server's HTML and the first render
/// agree; the class then leaves the DOM directly (a state change would render the whole
/// widget a second time at start-up, and later renders keep the same class value, so Yew
/// never writes it back). After each render whose change the reducer announces, the host
/// page's change event (`host::publish`), sent in a task of its own: it lists every visible
/// id (100,000 in the largest catalogs), work that would otherwise lengthen the task that
/// renders the change. A newer announcement, or the widget's removal, cancels one not yet
/// sent.
pub struct PageEffects {
    store: UseReducerHandle<Store>,
    root: NodeRef,
    /// The rows of this render's state.
    view: Rc<View>,
    /// The widget hydrates prerendered HTML.
    hydrating: bool,
}

impl Hook for PageEffects {
    type Output = ();

    fn run(self, ctx: &mut HookContext) {
        let pending = use_mut_ref(|| None::<gloo_timers::callback::Timeout>).run(ctx);
        let PageEffects { store, root, view, hydrating } = self;
        use_effect_with(store.changes, move |_| {
            let (ns, effects) = (store.ns.clone(), &store.effects);
            if store.changes == 0 {
                tell_page(&ns, &store.session, effects, &store.messages);
                if hydrating {
                    crate::browser::remove_class(&root, "fm--static");
                }
            }
            if effects.announce {
                // After the reader changed the view (not at start-up, where it would lengthen
                // the start's task).
                if store.changes > 0 {
                    crate::browser::lay_out(&root);
                }
                let store = store.clone();
                *pending.borrow_mut() = Some(gloo_timers::callback::Timeout::new(0, move || {
                    crate::crash::enter(&ns);
                    let session = &store.session;
                    let state = ViewState::of(&ns, session, &store.sources, &view);
                    crate::host::publish(&root, &state, session.shown.catalog(), &view.rows);
                }));
            }
        })
        .run(ctx)
    }
}

/// A console warning for each of the first three dropped ids or labels, and one that counts
/// the rest (an address with 20,000 unknown categories is four lines, not 20,000).
fn warn(ns: &str, dropped: &[Dropped], m: &Messages) {
    for d in dropped.iter().take(3) {
        crate::browser::warn(&format!("feature-matrix ({ns}): {}", d.say(m)));
    }
    if dropped.len() > 3 {
        let more = m.count(Msg::problem_more_findings, dropped.len() - 3, &[]);
        crate::browser::warn(&format!("feature-matrix ({ns}): {more}"));
    }
}

impl Reducible for Store {
    type Action = Action;

    /// The core's reducer, then what it asks of the address bar and the console
    /// ([`tell_page`]). An action that changes nothing keeps the same `Rc`, so Yew skips the
    /// render.
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        crate::crash::enter(&self.ns);
        let Some((session, effects)) = self.session.apply(action, &self.sources) else { return self };
        tell_page(&self.ns, &session, &effects, &self.messages);
        if session == self.session {
            return self;
        }
        let (ns, sources, changes) = (self.ns.clone(), self.sources.clone(), self.changes.wrapping_add(1));
        Rc::new(Store { ns, sources, session, effects, changes, messages: self.messages.clone() })
    }
}

/// A callback that dispatches the action `make` builds from its argument.
pub fn sender<T: 'static>(store: UseReducerDispatcher<Store>, make: fn(T) -> Action) -> Callback<T> {
    Callback::from(move |x| store.dispatch(make(x)))
}
