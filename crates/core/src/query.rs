//! The query (search text, phase and category filters, sort) and the view it derives
//! from a catalog: which rows are visible, in what order, grouped how, and the counts the
//! filter buttons and the status line show.
//!
//! Visible rows are always derived from (catalog, query) by [`compute`]; nothing stores
//! them. [`SearchIndex`] holds what is computed once per catalog (one folded haystack of
//! every searchable field, and each sort order the first time it is asked for), so a
//! keystroke costs one substring scan over the haystack and one pass over a ready order:
//! no per-row string search set-up and no sort.

use std::cell::OnceCell;
use std::ops::Range;

use crate::i18n::{Messages, Msg};
use crate::model::{Catalog, Phase};
use crate::search;
use crate::set::{stable_sort, SmallSet};

/// The column a table is sorted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// Feature name, case-insensitively.
    Feature,
    /// Category in page order; this is the page's own order and shows category headings.
    Category,
    /// Phase in maturity order ([`Phase::maturity`]: Deprecated < Experimental < Alpha <
    /// Beta < Stable).
    Phase,
    /// The release in which the feature reached its current phase (release catalogs only;
    /// see [`SearchIndex::with_since`]).
    Since,
}

impl SortKey {
    pub const ALL: [SortKey; 4] = [SortKey::Feature, SortKey::Category, SortKey::Phase, SortKey::Since];

    /// The name in URLs, embed options and the change event: `feature`, `category`, ...
    pub const fn slug(self) -> &'static str {
        match self {
            SortKey::Feature => "feature",
            SortKey::Category => "category",
            SortKey::Phase => "phase",
            SortKey::Since => "since",
        }
    }

    /// Reads [`SortKey::slug`], case-insensitively.
    pub fn parse(text: &str) -> Option<SortKey> {
        SortKey::ALL.into_iter().find(|k| k.slug().eq_ignore_ascii_case(text))
    }
}

/// Parses a sort as written in URLs and embed options: `phase`, `phase-desc`,
/// `feature`, `category-asc`, ...: a [`SortKey::slug`], then optionally a
/// [`Direction::slug`] after a hyphen.
pub fn parse_sort(text: &str) -> Option<(SortKey, Direction)> {
    let text = text.trim();
    let (name, dir) = match text.split_once('-') {
        Some((name, dir)) => (name, Direction::parse(dir)?),
        None => (text, Direction::Ascending),
    };
    Some((SortKey::parse(name)?, dir))
}

/// Writes a sort the way [`parse_sort`] reads it (ascending without a suffix).
pub fn format_sort(key: SortKey, dir: Direction) -> String {
    match dir {
        Direction::Ascending => key.slug().to_owned(),
        Direction::Descending => format!("{}-{}", key.slug(), dir.slug()),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    Ascending,
    Descending,
}

impl Direction {
    /// The suffix in a sort's text ([`format_sort`]).
    pub const fn slug(self) -> &'static str {
        match self {
            Direction::Ascending => "asc",
            Direction::Descending => "desc",
        }
    }

    /// Reads [`Direction::slug`], case-insensitively.
    pub fn parse(text: &str) -> Option<Direction> {
        [Direction::Ascending, Direction::Descending].into_iter().find(|d| d.slug().eq_ignore_ascii_case(text))
    }

    pub const fn flip(self) -> Self {
        match self {
            Direction::Ascending => Direction::Descending,
            Direction::Descending => Direction::Ascending,
        }
    }

    /// The `aria-sort` value.
    pub const fn aria(self) -> &'static str {
        match self {
            Direction::Ascending => "ascending",
            Direction::Descending => "descending",
        }
    }
}

/// How the features are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ViewMode {
    /// One row per feature.
    #[default]
    Table,
    /// Categories × phases, each cell listing its features.
    Matrix,
    /// What changed between two releases.
    Changes,
}

impl ViewMode {
    pub const ALL: [ViewMode; 3] = [ViewMode::Table, ViewMode::Matrix, ViewMode::Changes];

    /// The name in URLs, embed options and the change event.
    pub const fn slug(self) -> &'static str {
        match self {
            ViewMode::Table => "table",
            ViewMode::Matrix => "matrix",
            ViewMode::Changes => "changes",
        }
    }

    /// Reads [`ViewMode::slug`].
    pub fn parse(text: &str) -> Option<ViewMode> {
        match text {
            "table" => Some(ViewMode::Table),
            "matrix" => Some(ViewMode::Matrix),
            "changes" => Some(ViewMode::Changes),
            _ => None,
        }
    }
}

/// What the reader asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// The search box's text, as typed.
    pub text: String,
    /// Phases to show; empty means all.
    pub phases: SmallSet<Phase>,
    /// Category indices to show; empty means all.
    pub categories: SmallSet<u16>,
    pub sort: SortKey,
    pub direction: Direction,
}

impl Default for Query {
    /// The page's own order: grouped by category, nothing filtered.
    fn default() -> Self {
        Query {
            text: String::new(),
            phases: SmallSet::new(),
            categories: SmallSet::new(),
            sort: SortKey::Category,
            direction: Direction::Ascending,
        }
    }
}

impl Query {
    /// True when search or a filter narrows the rows.
    pub fn is_filtered(&self) -> bool {
        !self.text.trim().is_empty() || !self.phases.is_empty() || !self.categories.is_empty()
    }

    /// Describes the active search and filters in words, for the empty state:
    /// `“dns” in phase Stable and category Core`.
    pub fn describe(&self, catalog: &Catalog, m: &Messages) -> String {
        let text = crate::i18n::join(&self.text.split_whitespace().collect::<Vec<_>>(), " ");
        let mut filters = Vec::new();
        if !self.phases.is_empty() {
            let names: Vec<&str> = self.phases.iter().map(|p| p.label()).collect();
            filters.push(m.count(Msg::describe_phases, names.len(), &[("names", &m.list(&names, true))]));
        }
        if !self.categories.is_empty() {
            let names: Vec<&str> = self
                .categories
                .iter()
                .filter_map(|c| catalog.categories.get(usize::from(*c)))
                .map(|c| c.name.as_ref())
                .collect();
            filters.push(m.count(Msg::describe_categories, names.len(), &[("names", &m.list(&names, true))]));
        }
        let filters = m.list(&filters.iter().map(String::as_str).collect::<Vec<_>>(), false);
        if text.is_empty() {
            return filters;
        }
        let text = m.fill(Msg::describe_text, &[("text", &text)]);
        if filters.is_empty() {
            text
        } else {
            m.fill(Msg::describe_in, &[("text", &text), ("filters", &filters)])
        }
    }
}

/// Per-catalog precomputation: the folded search haystack and sort orders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchIndex {
    /// Every feature's folded name, category, note and phase label, separated by tabs, one
    /// feature per line. Terms never contain tabs or newlines (they are split on
    /// whitespace; alias expansions hold only spaces), so no match spans two fields or two
    /// features, and one scan of this string finds every matching feature.
    hay: String,
    /// Byte offset in `hay` where each feature's line starts, then the end of `hay`.
    starts: Vec<usize>,
    /// Per feature: its rank when sorted by folded name (ties keep page order).
    name_rank: Vec<u32>,
    /// Per feature: the index of the release since which it has its phase (empty when the
    /// catalog has no history).
    since_rank: Vec<u32>,
    /// Per (sort key, direction): every feature in that order, built on first use.
    orders: [OnceCell<Box<[usize]>>; 2 * SortKey::ALL.len()],
}

impl SearchIndex {
    pub(crate) fn new(catalog: &Catalog) -> Self {
        Self::with_aliases(catalog, &[])
    }

    /// The index of `catalog` whose categories are also found by `aliases` (per category,
    /// its name in another language; empty for none).
    pub(crate) fn with_aliases(catalog: &Catalog, aliases: &[crate::model::Text]) -> Self {
        let mut hay = String::new();
        let mut starts = Vec::with_capacity(catalog.features.len() + 1);
        for f in catalog.features.iter() {
            starts.push(hay.len());
            search::fold_into(&f.name, &mut hay);
            hay.push('\t');
            search::fold_into(&catalog.category(f).name, &mut hay);
            if let Some(alias) = aliases.get(usize::from(f.category)).filter(|a| !a.is_empty()) {
                hay.push(' ');
                search::fold_into(alias, &mut hay);
            }
            hay.push('\t');
            search::fold_into(f.note.as_deref().unwrap_or_default(), &mut hay);
            hay.push('\t');
            search::fold_into(f.phase.label(), &mut hay);
            hay.push('\n');
        }
        starts.push(hay.len());
        let mut index =
            SearchIndex { hay, starts, name_rank: Vec::new(), since_rank: Vec::new(), orders: Default::default() };
        // Names sort by their text: the backticks of code spans ("`PeerAuthentication`") do not count.
        let names: Vec<std::borrow::Cow<'_, str>> =
            (0..catalog.features.len()).map(|i| crate::model::plain_name(index.folded_name(i))).collect();
        let mut order: Vec<usize> = (0..names.len()).collect();
        stable_sort(&mut order, &mut |&a, &b| names[a].cmp(&names[b]));
        drop(names);
        let mut name_rank = vec![0u32; order.len()];
        for (rank, &i) in order.iter().enumerate() {
            name_rank[i] = u32::try_from(rank).unwrap_or(u32::MAX);
        }
        index.name_rank = name_rank;
        // That order is the one a click on "Feature" asks for: keep it rather than sort again.
        let _ = index.orders[Self::slot(SortKey::Feature, Direction::Ascending)].set(order.into_boxed_slice());
        index
    }

    /// Adds each feature's "since" release index, for sorting by [`SortKey::Since`].
    pub(crate) fn with_since(mut self, since: Vec<u32>) -> Self {
        self.since_rank = since;
        // Only the "since" orders depend on it; the name order built in `new` stays.
        for dir in [Direction::Ascending, Direction::Descending] {
            self.orders[Self::slot(SortKey::Since, dir)] = OnceCell::new();
        }
        self
    }

    /// Where the order for (key, direction) is kept in `orders`.
    fn slot(key: SortKey, dir: Direction) -> usize {
        key as usize * 2 + usize::from(dir == Direction::Descending)
    }

    /// Feature `i`'s folded searchable text (its fields, tab-separated).
    fn row(&self, i: usize) -> &str {
        &self.hay[self.starts[i]..self.starts[i + 1]]
    }

    fn folded_name(&self, i: usize) -> &str {
        let row = self.row(i);
        row.split('\t').next().unwrap_or(row)
    }

    /// Which features every term matches; `None` when there are no terms (all match).
    pub fn matching(&self, terms: &[search::Term]) -> Option<Vec<bool>> {
        let n = self.starts.len() - 1;
        let mut all: Option<Vec<bool>> = None;
        for term in terms {
            let mut hit = vec![false; n];
            for alt in term.alternatives.iter().filter(|a| !a.is_empty()) {
                // Matches come in increasing order, so the row only ever moves forward.
                let mut row = 0;
                for (pos, _) in self.hay.match_indices(alt.as_str()) {
                    while self.starts[row + 1] <= pos {
                        row += 1;
                    }
                    hit[row] = true;
                }
            }
            all = Some(match all {
                None => hit,
                Some(mut acc) => {
                    acc.iter_mut().zip(&hit).for_each(|(a, h)| *a &= *h);
                    acc
                }
            });
        }
        all
    }

    /// Every feature of `catalog` (the one this index was built from) in the order of
    /// `key` and `dir`; sorted once, then reused.
    pub fn order(&self, catalog: &Catalog, key: SortKey, dir: Direction) -> &[usize] {
        self.orders[Self::slot(key, dir)].get_or_init(|| {
            let mut rows: Vec<usize> = (0..self.name_rank.len()).collect();
            sort_rows(catalog, self, &mut rows, key, dir);
            rows.into_boxed_slice()
        })
    }
}

/// Which parts of a query hide a feature.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hidden {
    pub text: bool,
    pub phase: bool,
    pub category: bool,
}

impl Hidden {
    pub fn any(self) -> bool {
        self.text || self.phase || self.category
    }

    /// "the search and the phase filter" (for the notice after a deep link).
    pub fn describe(self, m: &Messages) -> String {
        let parts: Vec<&str> =
            [(self.text, Msg::hidden_search), (self.phase, Msg::hidden_phase), (self.category, Msg::hidden_category)]
                .into_iter()
                .filter(|&(on, _)| on)
                .map(|(_, s)| m.get(s))
                .collect();
        m.list(&parts, false)
    }
}

/// Which parts of `query` hide `feature` (an index into the catalog's features).
pub(crate) fn hidden_by(catalog: &Catalog, index: &SearchIndex, query: &Query, feature: usize) -> Hidden {
    let Some(f) = catalog.features.get(feature) else {
        return Hidden::default();
    };
    Hidden {
        text: !search::matches(&[index.row(feature)], &search::terms(&query.text)),
        phase: !query.phases.is_empty() && !query.phases.contains(&f.phase),
        category: !query.categories.is_empty() && !query.categories.contains(&f.category),
    }
}

/// Rows of one category heading in grouped order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    pub category: u16,
    /// Range into [`View::rows`].
    pub rows: Range<usize>,
}

/// What the widget shows for a query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    /// Indices into the catalog's features, in display order.
    pub rows: Vec<usize>,
    /// Category headings, when sorted by category; empty otherwise.
    pub groups: Vec<Group>,
    /// Per phase of [`Phase::ALL`]: rows matching the search and category filter.
    pub phase_counts: [usize; Phase::ALL.len()],
    /// Per category: rows matching the search and phase filter.
    pub category_counts: Vec<usize>,
    /// Number of features in the catalog.
    pub total: usize,
    /// Search terms, for highlighting.
    pub terms: Vec<search::Term>,
}

impl View {
    /// The status line: "7 of 43 features".
    pub fn status(&self, m: &Messages) -> String {
        m.count(Msg::status, self.total, &[("shown", &m.number(self.rows.len()))])
    }
}

/// The matrix view's grid: categories by phase columns, each cell the features of the view
/// in that category and phase, in view order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grid {
    /// `cells[category][column]`, the columns being the phases asked for.
    pub cells: Vec<Vec<Vec<usize>>>,
    /// Per column: features in it.
    pub totals: Vec<usize>,
}

impl Grid {
    /// The grid of `view`'s rows of `catalog` with one column per phase of `phases` (rows in
    /// another phase are left out).
    pub fn of(catalog: &Catalog, view: &View, phases: &[Phase]) -> Grid {
        let mut cells = vec![vec![Vec::new(); phases.len()]; catalog.categories.len()];
        let mut totals = vec![0; phases.len()];
        for &i in &view.rows {
            let f = &catalog.features[i];
            if let Some(col) = phases.iter().position(|p| *p == f.phase) {
                cells[usize::from(f.category)][col].push(i);
                totals[col] += 1;
            }
        }
        Grid { cells, totals }
    }
}

/// Derives the view of `catalog` for `query`. `index` must be built from the same catalog,
/// which [`crate::shown::Shown::compute`] guarantees.
pub(crate) fn compute(catalog: &Catalog, index: &SearchIndex, query: &Query) -> View {
    let terms = search::terms(&query.text);
    let hits = index.matching(&terms);
    let mut phase_counts = [0; Phase::ALL.len()];
    let mut category_counts = vec![0; catalog.categories.len()];
    let mut rows = Vec::new();
    for &i in index.order(catalog, query.sort, query.direction) {
        if hits.as_ref().is_some_and(|h| !h[i]) {
            continue;
        }
        let f = &catalog.features[i];
        let phase_ok = query.phases.is_empty() || query.phases.contains(&f.phase);
        let category_ok = query.categories.is_empty() || query.categories.contains(&f.category);
        if category_ok {
            phase_counts[f.phase.index()] += 1;
        }
        if phase_ok {
            category_counts[usize::from(f.category)] += 1;
        }
        if phase_ok && category_ok {
            rows.push(i);
        }
    }
    let groups = if query.sort == SortKey::Category { group(catalog, &rows) } else { Vec::new() };
    View { rows, groups, phase_counts, category_counts, total: catalog.features.len(), terms }
}

/// Sorts row indices (given in page order) by `key`; stable, so ties keep page order
/// in both directions.
pub fn sort_rows(catalog: &Catalog, index: &SearchIndex, rows: &mut [usize], key: SortKey, dir: Direction) {
    let f = &catalog.features;
    let rank = |i: usize| -> u32 {
        match key {
            SortKey::Feature => index.name_rank[i],
            SortKey::Category => u32::from(f[i].category),
            SortKey::Phase => u32::from(f[i].phase.maturity()),
            SortKey::Since => index.since_rank.get(i).copied().unwrap_or(u32::MAX),
        }
    };
    let key = |i: usize| if dir == Direction::Descending { u32::MAX - rank(i) } else { rank(i) };
    stable_sort(rows, &mut |&a, &b| key(a).cmp(&key(b)));
}

fn group(catalog: &Catalog, rows: &[usize]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (pos, &i) in rows.iter().enumerate() {
        let cat = catalog.features[i].category;
        match groups.last_mut() {
            Some(g) if g.category == cat => g.rows.end = pos + 1,
            _ => groups.push(Group { category: cat, rows: pos..pos + 1 }),
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{validate, RawCatalog, RawCategory, RawFeature};

    /// (name, phase, note) of one feature.
    type Spec<'a> = (&'a str, &'a str, Option<&'a str>);

    fn cat(spec: &[(&str, &[Spec<'_>])]) -> Catalog {
        validate(RawCatalog {
            file: "t".into(),
            docs_base: "https://x.example".into(),
            categories: spec
                .iter()
                .map(|(name, fs)| RawCategory {
                    line: None,
                    name: (*name).into(),
                    features: fs
                        .iter()
                        .map(|(n, p, note)| RawFeature {
                            name: (*n).into(),
                            phase: (*p).into(),
                            note: note.map(Into::into),
                            ..Default::default()
                        })
                        .collect(),
                })
                .collect(),
            ..Default::default()
        })
        .unwrap()
    }

    fn sample() -> Catalog {
        cat(&[
            ("Traffic", &[("Sidecar API", "Beta", None), ("DNS Proxying", "Alpha", None), ("Gateway", "Stable", None)]),
            ("Security", &[("Authorization", "Beta", None), ("mutual TLS", "Stable", None)]),
            ("Core", &[("IPv6", "Alpha", Some("Dual-stack is not supported.")), ("Alpha Helm", "Alpha", None)]),
        ])
    }

    fn names(c: &Catalog, v: &View) -> Vec<String> {
        v.rows.iter().map(|&i| c.features[i].name.to_string()).collect()
    }

    fn run(c: &Catalog, q: &Query) -> View {
        compute(c, &SearchIndex::new(c), q)
    }

    #[test]
    fn default_is_page_order_grouped_by_category() {
        let c = sample();
        let v = run(&c, &Query::default());
        assert_eq!(v.rows, (0..7).collect::<Vec<_>>());
        assert_eq!(
            v.groups,
            [Group { category: 0, rows: 0..3 }, Group { category: 1, rows: 3..5 }, Group { category: 2, rows: 5..7 }]
        );
        assert_eq!(v.status(&Messages::english()), "7 of 7 features");
        assert_eq!(v.phase_counts, [0, 3, 2, 2, 0]);
        assert_eq!(v.category_counts, [3, 2, 2]);
    }

    #[test]
    fn search_matches_name_category_note_and_phase() {
        let c = sample();
        let q = |t: &str| Query { text: t.into(), ..Query::default() };
        assert_eq!(names(&c, &run(&c, &q("dns"))), ["DNS Proxying"]);
        assert_eq!(names(&c, &run(&c, &q("DNS"))), ["DNS Proxying"]);
        assert_eq!(names(&c, &run(&c, &q("security"))), ["Authorization", "mutual TLS"]);
        assert_eq!(names(&c, &run(&c, &q("dual-stack"))), ["IPv6"]);
        assert_eq!(names(&c, &run(&c, &q("stable traffic"))), ["Gateway"]);
        assert_eq!(names(&c, &run(&c, &q("dns stable"))), Vec::<String>::new());
        assert_eq!(run(&c, &q("zzz")).status(&Messages::english()), "0 of 7 features");
        assert_eq!(run(&c, &q("zzz")).groups, []);
    }

    #[test]
    fn phase_counts_follow_the_search_but_not_their_own_filter() {
        let c = sample();
        let mut q = Query { text: "a".into(), ..Query::default() };
        let all = run(&c, &q);
        q.phases.insert(Phase::Alpha);
        let v = run(&c, &q);
        assert_eq!(v.phase_counts, all.phase_counts, "own facet does not narrow its counts");
        assert!(v.rows.iter().all(|&i| c.features[i].phase == Phase::Alpha));
        assert_eq!(v.category_counts, [1, 0, 2]);
    }

    #[test]
    fn filters_combine_as_and_across_and_or_within() {
        let c = sample();
        let mut q = Query::default();
        q.phases.extend([Phase::Alpha, Phase::Stable]);
        q.categories.insert(0);
        assert_eq!(names(&c, &run(&c, &q)), ["DNS Proxying", "Gateway"]);
        assert!(q.is_filtered());
        assert_eq!(q.describe(&c, &Messages::english()), "phases Alpha or Stable and category Traffic");
        q.text = " dns  ".into();
        assert_eq!(q.describe(&c, &Messages::english()), "“dns” in phases Alpha or Stable and category Traffic");
    }

    #[test]
    fn phase_sort_is_maturity_order_and_stable_both_ways() {
        let c = sample();
        let mut q = Query { sort: SortKey::Phase, ..Query::default() };
        let v = run(&c, &q);
        assert_eq!(
            names(&c, &v),
            ["DNS Proxying", "IPv6", "Alpha Helm", "Sidecar API", "Authorization", "Gateway", "mutual TLS"]
        );
        assert!(v.groups.is_empty());
        q.direction = Direction::Descending;
        assert_eq!(
            names(&c, &run(&c, &q)),
            ["Gateway", "mutual TLS", "Sidecar API", "Authorization", "DNS Proxying", "IPv6", "Alpha Helm"]
        );
    }

    #[test]
    fn name_sort_is_case_insensitive() {
        let c = sample();
        let q = Query { sort: SortKey::Feature, ..Query::default() };
        assert_eq!(
            names(&c, &run(&c, &q)),
            ["Alpha Helm", "Authorization", "DNS Proxying", "Gateway", "IPv6", "mutual TLS", "Sidecar API"]
        );
    }

    #[test]
    fn name_sort_ignores_the_backticks_of_code_spans() {
        let c = cat(&[(
            "Security",
            &[
                ("`PeerAuthentication`", "Stable", None),
                ("Ambient", "Beta", None),
                ("`AuthorizationPolicy`", "Stable", None),
                ("Zebra", "Beta", None),
            ],
        )]);
        let q = Query { sort: SortKey::Feature, ..Query::default() };
        assert_eq!(names(&c, &run(&c, &q)), ["Ambient", "`AuthorizationPolicy`", "`PeerAuthentication`", "Zebra"]);
    }

    #[test]
    fn category_descending_reverses_groups_but_keeps_rows_in_page_order() {
        let c = sample();
        let q = Query { direction: Direction::Descending, ..Query::default() };
        let v = run(&c, &q);
        assert_eq!(v.rows, [5, 6, 3, 4, 0, 1, 2]);
        assert_eq!(v.groups.iter().map(|g| g.category).collect::<Vec<_>>(), [2, 1, 0]);
    }

    #[test]
    fn sort_ties_keep_page_order_on_equal_names() {
        // Same folded name in different categories is impossible (duplicate names are
        // rejected), so check ties through the phase key on a larger catalog.
        let c =
            cat(&[("A", &[("a1", "Beta", None), ("a2", "Beta", None), ("a3", "Alpha", None), ("a4", "Beta", None)])]);
        let mut rows = vec![0, 1, 2, 3];
        sort_rows(&c, &SearchIndex::new(&c), &mut rows, SortKey::Phase, Direction::Descending);
        assert_eq!(rows, [0, 1, 3, 2]);
    }

    #[test]
    fn hidden_by_names_each_conflicting_filter() {
        let c = sample();
        let index = SearchIndex::new(&c);
        let dns = 1;
        let mut q = Query::default();
        assert!(!hidden_by(&c, &index, &q, dns).any());
        q.text = "gateway".into();
        q.phases.insert(Phase::Alpha);
        q.categories.insert(1);
        let h = hidden_by(&c, &index, &q, dns);
        assert_eq!(h, Hidden { text: true, phase: false, category: true });
        assert_eq!(h.describe(&Messages::english()), "the search and the category filter");
        assert_eq!(
            Hidden { text: true, phase: true, category: true }.describe(&Messages::english()),
            "the search, the phase filter and the category filter"
        );
        assert!(!hidden_by(&c, &index, &q, 99).any());
    }

    #[test]
    fn since_ranks_order_the_since_sort_and_keep_the_ready_name_order() {
        let c = sample();
        let ranks = vec![3, 1, 2, 0, 1, 5, 4];
        assert_eq!(ranks.len(), c.features.len());
        let index = SearchIndex::new(&c).with_since(ranks.clone());
        assert!(
            index.orders[SearchIndex::slot(SortKey::Feature, Direction::Ascending)].get().is_some(),
            "the name order built with the index is kept"
        );
        let mut expected: Vec<usize> = (0..ranks.len()).collect();
        expected.sort_by_key(|&i| ranks[i]);
        let q = Query { sort: SortKey::Since, ..Query::default() };
        assert_eq!(compute(&c, &index, &q).rows, expected, "by rank, ties (1, 4) in page order");
        let q = Query { sort: SortKey::Since, direction: Direction::Descending, ..Query::default() };
        assert_eq!(compute(&c, &index, &q).rows, [5, 6, 0, 2, 1, 4, 3]);
    }

    #[test]
    fn sort_text_round_trips() {
        for key in SortKey::ALL {
            for dir in [Direction::Ascending, Direction::Descending] {
                let text = format_sort(key, dir);
                assert_eq!(parse_sort(&text), Some((key, dir)), "{text}");
                assert_eq!(parse_sort(&text.to_uppercase()), Some((key, dir)), "{text}");
            }
        }
        assert_eq!(parse_sort(" Phase-desc "), Some((SortKey::Phase, Direction::Descending)));
        assert_eq!(parse_sort("feature-asc"), Some((SortKey::Feature, Direction::Ascending)));
        assert_eq!(parse_sort("-desc"), None);
        assert_eq!(parse_sort("sideways"), None);
        assert_eq!(parse_sort("phase-sideways"), None);
        assert_eq!(format_sort(SortKey::Since, Direction::Descending), "since-desc");
        assert_eq!(format_sort(SortKey::Category, Direction::Ascending), "category");
    }

    #[test]
    fn the_grid_holds_each_visible_row_once_under_its_category_and_phase() {
        let c = sample();
        let index = SearchIndex::new(&c);
        let all = compute(&c, &index, &Query::default());
        let g = Grid::of(&c, &all, &Phase::ALL);
        assert_eq!(g.totals.iter().sum::<usize>(), c.features.len());
        for (ci, row) in g.cells.iter().enumerate() {
            for (col, cell) in row.iter().enumerate() {
                for &i in cell {
                    assert_eq!((usize::from(c.features[i].category), c.features[i].phase), (ci, Phase::ALL[col]));
                }
            }
        }
        // Only the view's rows, in its order, and only the columns asked for.
        let q = Query { sort: SortKey::Feature, direction: Direction::Descending, ..Query::default() };
        let v = compute(&c, &index, &q);
        let g = Grid::of(&c, &v, &[Phase::Beta]);
        let betas: Vec<usize> = v.rows.iter().copied().filter(|&i| c.features[i].phase == Phase::Beta).collect();
        assert_eq!(g.totals, [betas.len()]);
        let listed: Vec<usize> = g.cells.iter().flat_map(|row| row[0].iter().copied()).collect();
        let mut sorted = listed.clone();
        sorted.sort_by_key(|&i| (c.features[i].category, v.rows.iter().position(|&r| r == i)));
        assert_eq!(listed, sorted, "each cell in view order");
        assert!(betas.iter().all(|i| listed.contains(i)) && listed.len() == betas.len());
    }

    #[test]
    fn view_mode_text_round_trips() {
        for v in ViewMode::ALL {
            assert_eq!(ViewMode::parse(v.slug()), Some(v));
        }
        assert_eq!(ViewMode::ALL.map(ViewMode::slug), ["table", "matrix", "changes"]);
        assert_eq!(ViewMode::parse("Matrix"), None, "view names are exact, as in URLs");
    }

    #[test]
    fn status_wording() {
        let c = cat(&[("A", &[("only", "Beta", None)])]);
        assert_eq!(run(&c, &Query::default()).status(&Messages::english()), "1 of 1 feature");
    }
}
