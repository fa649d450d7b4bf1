//! Shared, never-copied values passed as props, compared by pointer: the page catalog and
//! the catalog on screen (a core `Shown`: catalog, search index and history together).

use std::rc::Rc;

use feature_matrix_core::istio::Release;
use feature_matrix_core::validate::{count, thousands, Diagnostic};
use feature_matrix_core::{Catalog, Shown};

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

impl Problems {
    pub fn new(diagnostics: &[Diagnostic]) -> Problems {
        Problems { total: count(diagnostics), lines: diagnostics.iter().map(ToString::to_string).collect() }
    }

    /// The findings of Istio's feature data (the reader keeps at most `validate::REPORT_LIMIT`
    /// and counts the rest).
    pub fn findings(release: &Release) -> Problems {
        let mut lines: Vec<String> = release.findings.iter().map(ToString::to_string).collect();
        if release.more > 0 {
            lines.push(format!("and {} more problems", thousands(release.more)));
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
