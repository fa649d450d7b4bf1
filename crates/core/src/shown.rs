//! The catalog on screen, with everything derived from it once: its search index (with the
//! "since" ranks of a release), each feature's history and the phase filter's choices.
//! One value, so a catalog and its index can never be mismatched; and [`Sources`], which
//! turns a release label into the `Shown` for it.

use std::rc::Rc;

use crate::i18n::Translation;
use crate::model::{Catalog, Phase};
use crate::query::{self, Hidden, Query, SearchIndex, View};
use crate::releases::{Diff, FeatureHistory, ReleaseSet};
use crate::search;

/// A catalog and what is derived from it. Built once per catalog shown; compared by
/// pointer wherever it is shared (`Rc<Shown>`).
#[derive(Debug)]
pub struct Shown {
    catalog: Rc<Catalog>,
    index: SearchIndex,
    /// The release shown: the releases it belongs to (the one way the view reaches release
    /// labels and names) and its index; `None` for the page (or a custom catalog).
    release: Option<(&'static ReleaseSet, usize)>,
    /// Per feature: its row in the release set (release views only).
    rows: Vec<u16>,
    /// Per feature: its history (release views only).
    history: Vec<FeatureHistory>,
    /// The phases the catalog uses or defines, in display order.
    phases: Vec<Phase>,
    /// Where the release's data comes from: its `features.yaml` at a commit (release views
    /// whose source is known), and each feature's line in it.
    source: Option<Source>,
}

/// A release's `features.yaml` at a commit of istio/enhancements.
#[derive(Debug)]
struct Source {
    commit: String,
    date: String,
    /// Per feature: its entry's line and its upstream id (row key).
    lines: Vec<u32>,
    ids: Vec<String>,
}

/// The repository Istio's `features.yaml` lives in.
pub const ENHANCEMENTS: &str = "https://github.com/istio/enhancements";

fn phases_of(catalog: &Catalog) -> Vec<Phase> {
    Phase::ALL
        .into_iter()
        .filter(|p| catalog.legend.phases.contains(p) || catalog.features.iter().any(|f| f.phase == *p))
        .collect()
}

impl Shown {
    /// A catalog without releases (the Feature Status page, or a custom catalog).
    pub fn page(catalog: Rc<Catalog>) -> Shown {
        Shown::page_in(catalog, None)
    }

    /// [`Shown::page`] in a language: its category names, legend and title translated
    /// (the names before still find the rows).
    pub fn page_in(catalog: Rc<Catalog>, tr: Option<&Translation>) -> Shown {
        let (catalog, aliases) = match tr {
            Some(t) => {
                let (c, a) = t.apply(Rc::unwrap_or_clone(catalog));
                (Rc::new(c), a)
            }
            None => (catalog, Vec::new()),
        };
        Shown {
            index: SearchIndex::with_aliases(&catalog, &aliases),
            phases: phases_of(&catalog),
            catalog,
            release: None,
            rows: Vec::new(),
            history: Vec::new(),
            source: None,
        }
    }

    /// Release `r` of `set`, with each feature's history and "since" rank.
    pub fn of_release(set: &'static ReleaseSet, r: usize) -> Shown {
        Shown::of_release_in(set, r, None)
    }

    /// [`Shown::of_release`] in a language (see [`Shown::page_in`]).
    pub fn of_release_in(set: &'static ReleaseSet, r: usize, tr: Option<&Translation>) -> Shown {
        let (catalog, rows) = set.catalog(r);
        let (catalog, aliases) = match tr {
            Some(t) => t.apply(catalog),
            None => (catalog, Vec::new()),
        };
        let history: Vec<FeatureHistory> = rows.iter().map(|&row| set.history(row, r)).collect();
        let since = history.iter().map(|h| h.since().map_or(u32::MAX, |i| u32::try_from(i).unwrap_or(u32::MAX)));
        let index = SearchIndex::with_aliases(&catalog, &aliases).with_since(since.collect());
        let source = set.source(r).map(|(commit, date)| Source {
            commit: commit.to_owned(),
            date: date.to_owned(),
            lines: (0..rows.len()).map(|i| set.line(r, i).unwrap_or(0)).collect(),
            ids: rows.iter().map(|&row| set.string(set.row_keys[usize::from(row)]).to_owned()).collect(),
        });
        let release = Some((set, r));
        Shown { phases: phases_of(&catalog), catalog: Rc::new(catalog), index, release, rows, history, source }
    }

    /// The release's data as of: its `features.yaml` at a commit, as (URL, short commit, date).
    pub fn data_as_of(&self) -> Option<(String, &str, &str)> {
        let s = self.source.as_ref()?;
        Some((format!("{ENHANCEMENTS}/blob/{}/features.yaml", s.commit), s.commit.get(..7)?, &s.date))
    }

    /// Feature `i`'s id as its `features.yaml` has it (`traffic.sidecar`), in release views.
    pub fn upstream_id(&self, i: usize) -> Option<&str> {
        self.source.as_ref()?.ids.get(i).map(String::as_str)
    }

    /// The link to feature `i`'s entry in the release's `features.yaml` (the line of its
    /// `- name:`), when the release's source is known.
    pub fn source_link(&self, i: usize) -> Option<String> {
        let s = self.source.as_ref()?;
        let line = s.lines.get(i).filter(|&&l| l > 0)?;
        Some(format!("{ENHANCEMENTS}/blob/{}/features.yaml#L{line}", s.commit))
    }

    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// The shared catalog (for props that compare it by pointer).
    pub fn catalog_rc(&self) -> &Rc<Catalog> {
        &self.catalog
    }

    /// Index of the release shown, if a release is.
    pub fn release(&self) -> Option<usize> {
        self.release.map(|(_, r)| r)
    }

    /// The releases the release shown belongs to (release views only).
    pub fn releases(&self) -> Option<&'static ReleaseSet> {
        self.release.map(|(set, _)| set)
    }

    /// The label of release `r` of [`Shown::releases`] (`1.24`); empty for the page.
    pub fn label(&self, r: usize) -> &'static str {
        self.releases().map_or("", |set| set.label(r))
    }

    /// What changed from release `from` to the release shown, filtered by the search
    /// `text`; `None` for the page.
    pub fn changes(&self, from: usize, text: &str) -> Option<Changes> {
        changes(self.releases()?, from, self, text)
    }

    /// True when features have a history (a "Since" column, sorting by since).
    pub fn has_history(&self) -> bool {
        !self.history.is_empty()
    }

    /// Feature `i`'s history (release views only).
    pub fn history(&self, i: usize) -> Option<&FeatureHistory> {
        self.history.get(i)
    }

    /// The phase filter's choices.
    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    /// The view of this catalog for `query`.
    pub fn compute(&self, query: &Query) -> View {
        query::compute(&self.catalog, &self.index, query)
    }

    /// Which parts of `query` hide feature `i`.
    pub fn hidden_by(&self, query: &Query, i: usize) -> Hidden {
        query::hidden_by(&self.catalog, &self.index, query, i)
    }

    /// The feature with this id.
    pub fn feature(&self, id: &str) -> Option<usize> {
        self.catalog.features.iter().position(|f| f.id == id)
    }

    /// The category with this id (or, for embed options, this name in any case).
    pub fn category(&self, key: &str) -> Option<u16> {
        let key = key.trim();
        let cats = &self.catalog.categories;
        cats.iter()
            .position(|c| c.id == key)
            .or_else(|| cats.iter().position(|c| c.name.eq_ignore_ascii_case(key)))
            .and_then(|i| u16::try_from(i).ok())
    }
}

/// Per release-set row: whether `rows` (a release's features' rows) lists it and `index`
/// (built from that release's catalog) matches it for `terms`.
fn rows_matching(index: &SearchIndex, rows: &[u16], terms: &[search::Term], n_rows: usize) -> Vec<bool> {
    let hits = index.matching(terms);
    let mut out = vec![false; n_rows];
    for (i, &row) in rows.iter().enumerate() {
        if hits.as_ref().is_none_or(|h| h[i]) {
            if let Some(slot) = out.get_mut(usize::from(row)) {
                *slot = true;
            }
        }
    }
    out
}

/// What changed between two releases, all of it and the part the search matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Changes {
    pub from: usize,
    pub to: usize,
    /// Every change (the summary's counts).
    pub all: Diff,
    /// The changes whose feature the search matches, with the table's search rule (every
    /// field, aliases, accents) in the release that lists it (`from` for removed features).
    pub matching: Diff,
}

/// The changes from release `from` to the release `to` shows, filtered by `text`.
fn changes(set: &ReleaseSet, from: usize, to: &Shown, text: &str) -> Option<Changes> {
    let to_index = to.release()?;
    let all = set.diff(from, to_index);
    let terms = search::terms(text);
    let mut matching = all.clone();
    if !terms.is_empty() {
        let in_to = rows_matching(&to.index, &to.rows, &terms, set.rows());
        // Only the search index of the release compared with: no history needed for it.
        let (from_catalog, from_rows) = set.catalog(from);
        let in_from = rows_matching(&SearchIndex::new(&from_catalog), &from_rows, &terms, set.rows());
        let at = |v: &[bool], row: u16| v.get(usize::from(row)).copied().unwrap_or(false);
        matching.added.retain(|&r| at(&in_to, r));
        matching.removed.retain(|&r| at(&in_from, r));
        matching.promoted.retain(|&(r, _, _)| at(&in_to, r));
        matching.demoted.retain(|&(r, _, _)| at(&in_to, r));
    }
    Some(Changes { from, to: to_index, all, matching })
}

/// Where catalogs come from: the page catalog (built-in or custom) and, for the built-in
/// one, every Istio release.
#[derive(Clone, Debug)]
pub struct Sources {
    page: Rc<Shown>,
    releases: Option<&'static ReleaseSet>,
    /// The catalog text of the widget's language, applied to every catalog shown.
    translation: Option<Rc<Translation>>,
}

impl Sources {
    pub fn new(page: Rc<Catalog>, releases: Option<&'static ReleaseSet>) -> Sources {
        Sources::translated(page, releases, None)
    }

    /// Sources whose catalogs are shown in a language (`translation`).
    pub fn translated(
        page: Rc<Catalog>,
        releases: Option<&'static ReleaseSet>,
        translation: Option<Rc<Translation>>,
    ) -> Sources {
        let translation = translation.filter(|t| !t.is_empty());
        Sources { page: Rc::new(Shown::page_in(page, translation.as_deref())), releases, translation }
    }

    /// The page catalog, shown when no release is.
    pub fn page(&self) -> &Rc<Shown> {
        &self.page
    }

    pub fn releases(&self) -> Option<&'static ReleaseSet> {
        self.releases
    }

    /// The index of a release label, when releases are offered and it is one.
    pub fn find(&self, label: &str) -> Option<usize> {
        self.releases?.find(label)
    }

    /// What to show for a release label: the release, or the page for `None` (and for a
    /// label that is not a release, which the caller reports).
    pub fn shown(&self, release: Option<&str>) -> Rc<Shown> {
        match (self.releases, release.and_then(|r| self.find(r))) {
            (Some(set), Some(r)) => Rc::new(Shown::of_release_in(set, r, self.translation.as_deref())),
            _ => self.page.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{validate, RawCatalog, RawCategory, RawFeature};

    fn page() -> Rc<Catalog> {
        let f = |n: &str, p: &str| RawFeature { name: n.into(), phase: p.into(), ..Default::default() };
        Rc::new(
            validate(RawCatalog {
                file: "t".into(),
                docs_base: "https://x.example".into(),
                categories: vec![
                    RawCategory { line: None, name: "Traffic management".into(), features: vec![f("DNS", "Alpha")] },
                    RawCategory { line: None, name: "Core".into(), features: vec![f("Helm", "Beta")] },
                ],
                ..Default::default()
            })
            .unwrap(),
        )
    }

    #[test]
    fn lookups_by_id_and_name() {
        let s = Shown::page(page());
        assert_eq!(s.category("core"), Some(1));
        assert_eq!(s.category("Traffic Management"), Some(0));
        assert_eq!(s.category("nope"), None);
        assert_eq!(s.feature("core-helm"), Some(1));
        assert_eq!(s.feature("helm"), None);
        assert_eq!(s.phases(), [Phase::Alpha, Phase::Beta]);
        assert!(!s.has_history());
    }

    #[test]
    fn sources_without_releases_always_show_the_page() {
        let src = Sources::new(page(), None);
        assert!(Rc::ptr_eq(&src.shown(Some("1.24")), src.page()));
        assert!(Rc::ptr_eq(&src.shown(None), src.page()));
        assert_eq!(src.find("1.24"), None);
    }
}
