//! Shared, never-copied values passed as props, compared by pointer: the page catalog and
//! the catalog on screen (a core `Shown`: catalog, search index and history together).

use std::rc::Rc;

use feature_matrix_core::i18n::{Language, Messages, Msg, Say};
use feature_matrix_core::istio::Release;
use feature_matrix_core::validate::{count, Diagnostic};
use feature_matrix_core::{Catalog, Shown};

/// The widget's language: its messages and its catalog text. Props compare it by pointer;
/// it reads as its [`Messages`].
#[derive(Clone, Debug)]
pub struct Tr(pub Rc<Language>);

impl PartialEq for Tr {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Tr {
    type Target = Messages;
    fn deref(&self) -> &Messages {
        &self.0.messages
    }
}

thread_local! {
    static ENGLISH: Tr = Tr(Rc::new(Language::english()));
    /// The languages asked for on this page, by code, each read once: what a widget with that
    /// code speaks (English where the page has no file for it). Also for messages written
    /// outside a render, such as after a crash.
    static SPOKEN: std::cell::RefCell<Vec<(String, Tr)>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Tr {
    /// A message as the view's text type, without a copy (messages are static text; one
    /// non-generic conversion for every call site: about 600 gzip bytes less than converting
    /// at each).
    pub fn t(&self, m: feature_matrix_core::i18n::Msg) -> yew::AttrValue {
        yew::AttrValue::Static(self.get(m))
    }

    /// `language` as a widget's language (the mount remembers it by code, see [`Tr::remember`]).
    pub fn new(language: Language) -> Tr {
        Tr(Rc::new(language))
    }

    /// What a widget asking for language `code` speaks, remembered for [`Tr::of`] (which the
    /// mount asks first, so each code is remembered once).
    pub fn remember(code: String, tr: Tr) -> Tr {
        SPOKEN.with(|s| s.borrow_mut().push((code, tr.clone())));
        tr
    }

    /// What a widget asking for language `code` speaks, if one asked for it before.
    pub fn of(code: &str) -> Option<Tr> {
        SPOKEN.with(|s| s.borrow().iter().find(|(c, _)| c == code).map(|(_, t)| t.clone()))
    }
}

impl Default for Tr {
    /// English, one shared copy.
    fn default() -> Tr {
        ENGLISH.with(Clone::clone)
    }
}

/// A shared catalog (the built-in one or a custom one). Props compare it by pointer.
#[derive(Clone, Debug)]
pub struct CatalogHandle(pub Rc<Catalog>);

impl PartialEq for CatalogHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The catalog on screen with its index and history. Props compare it by pointer.
#[derive(Clone, Debug)]
pub struct ShownHandle(pub Rc<Shown>);

impl PartialEq for ShownHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Problems found in a catalog, as shown: at most `validate::REPORT_LIMIT` lines (the last
/// one counting the rest) and how many there are in all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Problems {
    pub total: usize,
    pub lines: Vec<String>,
}

/// Each problem in the widget's language.
impl Problems {
    pub fn new(diagnostics: &[Diagnostic], m: &Messages) -> Problems {
        Problems { total: count(diagnostics), lines: diagnostics.iter().map(|d| d.say(m)).collect() }
    }

    /// The findings of Istio's feature data (the reader keeps at most `validate::REPORT_LIMIT`
    /// and counts the rest).
    pub fn findings(release: &Release, m: &Messages) -> Problems {
        let mut lines: Vec<String> = release.findings.iter().map(|f| f.say(m)).collect();
        if release.more > 0 {
            lines.push(m.count(Msg::problem_more_findings, release.more, &[]));
        }
        Problems { total: release.findings.len() + release.more, lines }
    }

    /// A problem that is not a catalog diagnostic (unreadable JSON, a missing element).
    pub fn one(line: String) -> Problems {
        Problems { total: 1, lines: vec![line] }
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }
}
