//! All Istio releases in one compact structure: a string table, one row per feature across
//! releases, and per release the list of its entries as small integers. A release becomes
//! an ordinary [`Catalog`] on demand ([`ReleaseSet::catalog`]); history ([`ReleaseSet::since`],
//! [`ReleaseSet::timeline`]) and differences ([`ReleaseSet::diff`]) come from the same data.
//! Built at build time by `source::history::build`.

use std::borrow::Cow;

use crate::model::{slugify, Catalog, Category, Feature, Legend, Phase, Text};

/// One feature as listed in one release. Strings are indices into [`ReleaseSet::strings`];
/// index 0 is the empty string, meaning "none" for `link` and `note`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReleaseEntry {
    /// The feature's row (its identity across releases).
    pub row: u16,
    pub name: u16,
    pub area: u16,
    pub link: u16,
    pub note: u16,
    pub phase: Phase,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReleaseSet {
    /// Release labels, oldest first ("1.10", …, "1.28", "master").
    pub labels: Cow<'static, [Text]>,
    pub strings: Cow<'static, [Text]>,
    /// Per row: the string index of its key (an upstream id, or a name key).
    pub row_keys: Cow<'static, [u16]>,
    /// Every release's entries, one release after another, in file order.
    pub entries: Cow<'static, [ReleaseEntry]>,
    /// Release `i` is `entries[offsets[i]..offsets[i + 1]]`.
    pub offsets: Cow<'static, [u32]>,
    /// Per entry (parallel to `entries`): lines from the previous entry of its release (the
    /// first entry: from line 0), so an entry's line in its `features.yaml` is a running sum.
    pub line_steps: Cow<'static, [u8]>,
    /// Per release: the istio/enhancements commit its `features.yaml` was copied at (its first
    /// twelve hex digits), and the commit's date (`data/istio-releases/SOURCES.tsv`); empty
    /// when unknown.
    pub commits: Cow<'static, [Text]>,
    pub dates: Cow<'static, [Text]>,
    /// The four-phase definitions used from 1.10 on.
    pub legend: Legend,
    pub docs_base: Text,
    pub provenance: Text,
}

/// What changed from one release to another: rows, with phases for moves.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    pub added: Vec<u16>,
    pub removed: Vec<u16>,
    pub promoted: Vec<(u16, Phase, Phase)>,
    pub demoted: Vec<(u16, Phase, Phase)>,
}

/// A feature's place in history up to one release: each release where its phase changed
/// (or where it appeared again after a gap), oldest first. The last change is when it
/// reached its current phase ("since").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeatureHistory {
    /// (release index, phase from that release on).
    pub changes: Vec<(usize, Phase)>,
}

impl FeatureHistory {
    /// The release since which the feature has had its current phase without a break.
    pub fn since(&self) -> Option<usize> {
        self.changes.last().map(|&(r, _)| r)
    }
}

impl ReleaseSet {
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    pub fn string(&self, i: u16) -> &str {
        self.strings.get(usize::from(i)).map_or("", |s| s.as_ref())
    }

    /// The entries of release `r`.
    pub fn release(&self, r: usize) -> &[ReleaseEntry] {
        let (Some(&a), Some(&b)) = (self.offsets.get(r), self.offsets.get(r + 1)) else { return &[] };
        self.entries.get(a as usize..b as usize).unwrap_or(&[])
    }

    /// The label of release `r` ("1.24"), or "" when there is none.
    pub fn label(&self, r: usize) -> &str {
        self.labels.get(r).map_or("", |l| l.as_ref())
    }

    /// The line of release `r`'s `i`-th entry in its `features.yaml`.
    pub fn line(&self, r: usize, i: usize) -> Option<u32> {
        let start = *self.offsets.get(r)? as usize;
        let end = *self.offsets.get(r + 1)? as usize;
        let steps = self.line_steps.get(start..(start + i + 1).min(end))?;
        (start + i < end).then(|| steps.iter().map(|&s| u32::from(s)).sum())
    }

    /// Where release `r`'s data comes from: (commit, date), when known.
    pub fn source(&self, r: usize) -> Option<(&str, &str)> {
        let commit = self.commits.get(r).filter(|c| !c.is_empty())?;
        Some((commit, self.dates.get(r).map_or("", |d| d.as_ref())))
    }

    /// Index of a release by label.
    pub fn find(&self, label: &str) -> Option<usize> {
        self.labels.iter().position(|l| l == label)
    }

    /// Row of a key.
    pub fn row(&self, key: &str) -> Option<u16> {
        self.row_keys.iter().position(|&k| self.string(k) == key).and_then(|i| u16::try_from(i).ok())
    }

    pub fn rows(&self) -> usize {
        self.row_keys.len()
    }

    /// The feature's phase in each release (`None` where it is not listed).
    pub fn timeline(&self, row: u16) -> Vec<Option<Phase>> {
        (0..self.len()).map(|r| self.release(r).iter().find(|e| e.row == row).map(|e| e.phase)).collect()
    }

    /// The feature's history up to release `r`: the releases where its phase changed or
    /// where it appeared (again). Empty when `r` does not list it.
    pub fn history(&self, row: u16, r: usize) -> FeatureHistory {
        let mut changes = Vec::new();
        let mut last = None;
        for (i, p) in self.timeline(row).into_iter().enumerate().take(r.saturating_add(1)) {
            if let Some(phase) = p {
                if last != Some(phase) {
                    changes.push((i, phase));
                }
            }
            last = p;
        }
        if last.is_none() {
            changes.clear();
        }
        FeatureHistory { changes }
    }

    /// The release from which the feature has had its phase of release `r` without a break:
    /// when it reached its current phase (the last change of [`ReleaseSet::history`]).
    pub fn since(&self, row: u16, r: usize) -> Option<usize> {
        self.history(row, r).since()
    }

    /// What changed from release `a` to release `b`, in row order.
    pub fn diff(&self, a: usize, b: usize) -> Diff {
        let mut d = Diff::default();
        let (from, to) = (self.release(a), self.release(b));
        let rows = u16::try_from(self.rows()).unwrap_or(u16::MAX);
        for row in 0..rows {
            let x = from.iter().find(|e| e.row == row).map(|e| e.phase);
            let y = to.iter().find(|e| e.row == row).map(|e| e.phase);
            match (x, y) {
                (None, Some(_)) => d.added.push(row),
                (Some(_), None) => d.removed.push(row),
                (Some(x), Some(y)) if y > x => d.promoted.push((row, x, y)),
                (Some(x), Some(y)) if y < x => d.demoted.push((row, x, y)),
                _ => {}
            }
        }
        d
    }

    /// The name a row has in release `r`, or its latest name.
    pub fn name(&self, row: u16, r: usize) -> &str {
        let in_release = self.release(r).iter().find(|e| e.row == row);
        let latest = || (0..self.len()).rev().find_map(|r| self.release(r).iter().find(|e| e.row == row));
        in_release.or_else(latest).map_or("", |e| self.string(e.name))
    }

    /// Release `r` as a catalog: categories are its areas in order of appearance, features
    /// its entries in file order, ids derived from the row keys. Also returns each
    /// feature's row.
    pub fn catalog(&self, r: usize) -> (Catalog, Vec<u16>) {
        let mut categories: Vec<Category> = Vec::new();
        let mut features = Vec::new();
        let mut rows = Vec::new();
        for e in self.release(r) {
            let area = self.string(e.area);
            let category = match categories.iter().position(|c| c.name == area) {
                Some(i) => i,
                None => {
                    categories.push(Category { id: slugify(area).into(), name: area.to_owned().into() });
                    categories.len() - 1
                }
            };
            let text = |i: u16| (i != 0).then(|| Cow::Owned(self.string(i).to_owned()));
            features.push(Feature {
                id: slugify(self.string(self.row_keys[usize::from(e.row)])).into(),
                name: self.string(e.name).to_owned().into(),
                category: u16::try_from(category).unwrap_or(u16::MAX),
                phase: e.phase,
                link: text(e.link),
                note: text(e.note),
            });
            rows.push(e.row);
        }
        let label = self.label(r);
        let catalog = Catalog {
            title: format!("Istio {label} features").into(),
            description: Text::Borrowed(""),
            provenance: self.provenance.clone(),
            docs_base: self.docs_base.clone(),
            categories: categories.into(),
            features: features.into(),
            legend: self.legend.clone(),
        };
        (catalog, rows)
    }
}
