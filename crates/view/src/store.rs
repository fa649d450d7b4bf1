//! The widget's store: the core's `Session` (state plus the catalog shown) with the
//! catalog sources it resolves ids against, as a Yew reducer. Every change is a core
//! `Action`; the rules are all in `feature_matrix_core::state`.

use std::rc::Rc;

use feature_matrix_core::{Action, Session, Sources, Start};
use yew::prelude::*;

pub struct Store {
    /// The instance's id prefix, for crash reports and console warnings.
    pub ns: AttrValue,
    pub sources: Sources,
    pub session: Session,
}

impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        self.session == other.session && self.sources == other.sources
    }
}

impl Store {
    /// The first state: `start.first` resolved against `sources`.
    pub fn new(ns: AttrValue, sources: Sources, start: &Start) -> Store {
        let session = Session::start(&sources, &start.first, start.write);
        warn(&ns, &session.dropped);
        Store { ns, sources, session }
    }
}

/// One console warning per dropped id or label.
fn warn(ns: &str, dropped: &[String]) {
    for d in dropped {
        crate::browser::warn(&format!("feature-matrix ({ns}): {d}"));
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
                crate::hooks::write_url(&self.ns, &session);
                Rc::new(Store { ns: self.ns.clone(), sources: self.sources.clone(), session })
            }
            None => self,
        }
    }
}

/// A callback that dispatches the action `make` builds from its argument.
pub fn sender<T: 'static>(store: UseReducerDispatcher<Store>, make: fn(T) -> Action) -> Callback<T> {
    Callback::from(move |x| store.dispatch(make(x)))
}
