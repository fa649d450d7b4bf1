//! The widget's store: the core's `Session` (state plus the catalog shown) with the
//! catalog sources it resolves ids against, as a Yew reducer. Every change is a core
//! `Action`; the rules are all in `feature_matrix_core::state`.

use std::rc::Rc;

use feature_matrix_core::url_state;
use feature_matrix_core::{Action, Session, Sources, Start, UrlWrite};
use yew::prelude::*;

pub struct Store {
    /// The instance's id prefix, for crash reports and console warnings.
    pub ns: AttrValue,
    pub sources: Sources,
    pub session: Session,
    /// Whether an action changed the session since mount (see `browser::lay_out`).
    pub changed: bool,
}

impl Store {
    /// The first state: `start.first` resolved against `sources`. Its warnings and its
    /// address are written once mounted ([`Store::mounted`]), not while rendering.
    pub fn new(ns: AttrValue, sources: Sources, start: &Start) -> Store {
        let session = Session::start(&sources, &start.first, start.write);
        Store { ns, sources, session, changed: false }
    }

    /// What the first state has to say once the widget is in the page: warnings about what
    /// it could not show, and its link in canonical form when it came from the URL.
    pub fn mounted(&self) {
        warn(&self.ns, &self.session.dropped);
        write_url(&self.ns, &self.session);
    }
}

/// The page's query string with this instance's parameters set to the session's link.
pub fn address(ns: &str, session: &Session) -> String {
    url_state::merge_search(ns, &crate::browser::location_search(), &url_state::to_params(ns, &session.url()))
}

/// Writes the session's link into the address bar as the reducer said: typing and
/// back/forward replace the current history entry, other changes push one, a state that
/// came from the URL (or from hydration) writes nothing new, and nothing is written when
/// the address already says it. Called right after each change, before the render, so
/// the address holds the reader's view even if rendering fails.
fn write_url(ns: &str, session: &Session) {
    if session.write == UrlWrite::Keep {
        return;
    }
    let next = address(ns, session);
    if next != crate::browser::location_search() {
        crate::browser::write_search(&next, session.write == UrlWrite::Push);
    }
}

/// A console warning for each of the first three dropped ids or labels, and one that counts
/// the rest (an address with 20,000 unknown categories is four lines, not 20,000).
fn warn(ns: &str, dropped: &[String]) {
    for d in dropped.iter().take(3) {
        crate::browser::warn(&format!("feature-matrix ({ns}): {d}"));
    }
    if dropped.len() > 3 {
        crate::browser::warn(&format!("feature-matrix ({ns}): and {} more", dropped.len() - 3));
    }
}

impl Reducible for Store {
    type Action = Action;

    /// An action that changes nothing keeps the same `Rc`, so Yew skips the render.
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        crate::crash::enter(&self.ns);
        match self.session.apply(action, &self.sources) {
            Some(session) => {
                warn(&self.ns, &session.dropped);
                if session == self.session {
                    return self;
                }
                write_url(&self.ns, &session);
                Rc::new(Store { ns: self.ns.clone(), sources: self.sources.clone(), session, changed: true })
            }
            None => self,
        }
    }
}

/// A callback that dispatches the action `make` builds from its argument.
pub fn sender<T: 'static>(store: UseReducerDispatcher<Store>, make: fn(T) -> Action) -> Callback<T> {
    Callback::from(move |x| store.dispatch(make(x)))
}
