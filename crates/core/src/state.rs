//! The widget's state and every change to it as an [`Action`]. [`Session::apply`] is the
//! reducer: pure, it returns the next session with its [`Effects`] (how the address follows,
//! what could not be shown, whether the host page hears of it), or `None` when an action
//! changes nothing (so the view skips a render); the view carries the effects out.
//! [`start`] decides a widget's first state. The visible rows are not part of the state; see
//! [`Shown::compute`].

use std::rc::Rc;

use crate::export::Format;
use crate::i18n::{Messages, Msg, Say};
use crate::model::Phase;
use crate::options::EmbedOptions;
use crate::query::{Direction, Hidden, Query, SortKey, ViewMode};
use crate::shown::{Changes, Shown, Sources};
use crate::url_state::{self, clean_search, UrlState};

/// A feature the reader deep-linked to, and what had to be cleared to show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Revealed {
    pub feature: usize,
    pub cleared: Hidden,
}

/// A short message after an action that has no other visible effect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    LinkCopied,
    /// The clipboard refused; the link is shown for copying by hand.
    CopyFailed(String),
    Exported {
        format: Format,
        rows: usize,
    },
}

impl Notice {
    pub fn message(&self, m: &Messages) -> String {
        match self {
            Notice::LinkCopied => m.get(Msg::notice_link_copied).to_owned(),
            Notice::CopyFailed(_) => m.get(Msg::notice_copy_failed).to_owned(),
            Notice::Exported { format, rows } => m.count(Msg::notice_exported, *rows, &[("format", format.label())]),
        }
    }
}

/// Rows rendered at a time in the table; "Show more" adds another page. Large catalogs
/// stay responsive, and the default catalog (43 rows) is always shown whole.
pub const PAGE: usize = 100;

/// The widget's state against the catalog shown: category filters and the revealed
/// feature are positions in it (see [`Session`], which keeps them in step).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatrixState {
    pub query: Query,
    /// Pages beyond the first that the reader asked for ("Show more").
    pub extra_pages: usize,
    pub view: ViewMode,
    /// Whether the phase-definitions legend is expanded.
    pub legend_open: bool,
    /// The phase whose definition the reader asked for last (highlighted in the legend).
    pub defined_phase: Option<Phase>,
    /// The feature a deep link pointed at, highlighted until the query changes.
    pub revealed: Option<Revealed>,
    /// Feedback for the last copy or export, cleared by the next change.
    pub notice: Option<Notice>,
    /// The release the changes view compares the shown one with (`None`: the one before).
    pub diff_from: Option<String>,
}

impl MatrixState {
    /// How many rows the table renders at most.
    pub fn row_limit(&self) -> usize {
        PAGE.saturating_mul(self.extra_pages.saturating_add(1))
    }

    /// Where the last page of rows shown begins (after "Show more"); `None` on the first.
    pub fn last_page_start(&self) -> Option<usize> {
        (self.extra_pages > 0).then(|| PAGE.saturating_mul(self.extra_pages))
    }
}

/// A change to the state. Everything that names a catalog entry names it by id: positions
/// are looked up by the reducer in the catalog shown at that moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The search box's text changed.
    SetSearch(String),
    TogglePhase(Phase),
    /// A category filter button (by category id).
    ToggleCategory(String),
    /// Clears search text and filters; keeps the sort.
    ClearFilters,
    /// A column header was activated: sort by it ascending, or flip the direction when it
    /// is already the sort column.
    SortBy(SortKey),
    /// The legend was opened or closed by the reader.
    SetLegendOpen(bool),
    /// A phase badge was activated: open the legend at that phase's definition.
    ShowDefinition(Phase),
    SetView(ViewMode),
    /// The URL changed (back/forward, or state deferred by hydration): show what it says.
    Restore(UrlState),
    /// A deep link points at a feature (by id): show it, clearing whatever hides it.
    Reveal(String),
    Notify(Notice),
    /// Render another page of rows.
    ShowMore,
    /// Show another release (`None`: the Feature Status page). Category filters are kept
    /// where the new catalog has the same category id.
    SetRelease(Option<String>),
    /// Compare the shown release with this one in the changes view.
    SetDiffFrom(Option<String>),
}

/// How the address bar follows a change of state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum UrlWrite {
    /// Leave it: the state came from it (or from options, which the URL does not show).
    #[default]
    Keep,
    /// Replace the current entry: typing, or the URL's own state put in canonical form.
    Replace,
    /// A new history entry, so Back returns to the view before.
    Push,
}

/// Something a link, the options or an action asked for that the catalog shown cannot
/// show; the view tells the host page (a console warning each).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dropped {
    /// A category id the catalog shown does not have.
    Category(String),
    /// A release label no release has.
    Release(String),
    /// A deep link to a feature the catalog shown does not have.
    Feature(String),
    /// Sorting by "since" without a release.
    SinceNeedsRelease,
    /// The changes view without a release.
    ChangesNeedRelease,
    /// A release to compare with that is unknown or the one shown.
    Compare(String),
}

impl Say for Dropped {
    fn say(&self, m: &Messages) -> String {
        let (msg, value) = match self {
            Dropped::Category(id) => (Msg::dropped_category, id.as_str()),
            Dropped::Release(r) => (Msg::dropped_release, r.as_str()),
            Dropped::Feature(id) => (Msg::dropped_feature, id.as_str()),
            Dropped::Compare(r) => (Msg::dropped_compare, r.as_str()),
            Dropped::SinceNeedsRelease => (Msg::dropped_since, ""),
            Dropped::ChangesNeedRelease => (Msg::dropped_changes, ""),
        };
        m.quoting(msg, value)
    }
}

crate::english_display!(Dropped);

/// What an action does besides changing the state: how the address bar follows it, what it
/// asked for that cannot be shown, and whether the host page hears of it. The view carries
/// these out: the address and the console right after the reducer, the change event after
/// the render.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effects {
    pub write: UrlWrite,
    pub dropped: Vec<Dropped>,
    /// What the link holds changed (search, filters, sort, view, release, the release
    /// compared with): the host page gets a change event. Also set for the first state.
    pub announce: bool,
}

/// The state with the catalog it refers to, and the reducer that keeps the two in step.
/// Ids (from URLs, options, deep links, buttons) become positions here ([`Session::start`],
/// [`Session::apply`]), through the lookups of the catalog shown after the action's release
/// is applied.
#[derive(Clone, Debug)]
pub struct Session {
    pub state: MatrixState,
    pub shown: Rc<Shown>,
}

impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && Rc::ptr_eq(&self.shown, &other.shown)
    }
}

impl Session {
    /// The first state of a widget: `first` resolved like [`Action::Restore`], with what
    /// it asked for that cannot be shown.
    pub fn start(sources: &Sources, first: &UrlState) -> (Session, Vec<Dropped>) {
        let mut s = Session { state: MatrixState::default(), shown: sources.page().clone() };
        let mut dropped = Vec::new();
        s.restore(first, sources, Some(&mut dropped));
        (s, dropped)
    }

    /// The URL form of the state: ids and labels only.
    pub fn url(&self) -> UrlState {
        let st = &self.state;
        let cats = &self.shown.catalog().categories;
        UrlState {
            text: st.query.text.clone(),
            phases: st.query.phases.clone(),
            categories: st
                .query
                .categories
                .iter()
                .filter_map(|&c| cats.get(usize::from(c)))
                .map(|c| c.id.to_string())
                .collect(),
            sort: st.query.sort,
            direction: st.query.direction,
            view: st.view,
            release: self.shown.release().map(|r| self.shown.label(r).to_owned()),
            from: st.diff_from.clone(),
            target: st.revealed.and_then(|r| self.shown.catalog().features.get(r.feature)).map(|f| f.id.to_string()),
        }
    }

    /// The release the changes view compares with: the chosen one, else the one before the
    /// release shown; `None` when there is nothing to compare with (the oldest release).
    pub fn diff_from(&self, sources: &Sources) -> Option<usize> {
        let r = self.shown.release()?;
        self.state.diff_from.as_deref().and_then(|f| sources.find(f)).or_else(|| r.checked_sub(1))
    }

    /// What the changes view shows, when it is the view shown: the changes from the release
    /// compared with to the release shown, filtered by the search.
    pub fn changes_shown(&self, sources: &Sources) -> Option<Changes> {
        if self.state.view != ViewMode::Changes {
            return None;
        }
        self.shown.changes(self.diff_from(sources)?, &self.state.query.text)
    }

    /// Applies an action: the next session and what the view should do about it; `None`
    /// when nothing changes and there is nothing to say (so the view skips a render). When
    /// only [`Effects::dropped`] has something, the session returned equals this one.
    pub fn apply(&self, action: Action, sources: &Sources) -> Option<(Session, Effects)> {
        // The same deep link again (popstate and hashchange both report a fragment
        // navigation): keep the first report, which says what it cleared.
        if let (Action::Reveal(id), Some(r)) = (&action, self.state.revealed) {
            if self.shown.feature(id) == Some(r.feature) {
                return None;
            }
        }
        let mut next = self.clone();
        let mut dropped = Vec::new();
        let st = &mut next.state;
        // A highlighted deep-link target stays only while nothing else changes the rows.
        if !matches!(action, Action::SetLegendOpen(_) | Action::ShowDefinition(_) | Action::Notify(_)) {
            st.revealed = None;
        }
        st.notice = None;
        let query_before = st.query.clone();
        let mut write = UrlWrite::Push;
        let mut canonical = false;
        match action {
            Action::SetSearch(text) => {
                st.query.text = clean_search(&text);
                write = UrlWrite::Replace;
            }
            Action::TogglePhase(p) => {
                if !st.query.phases.remove(&p) {
                    st.query.phases.insert(p);
                }
            }
            Action::ToggleCategory(id) => match next.shown.category(&id) {
                Some(c) => {
                    if !st.query.categories.remove(&c) {
                        st.query.categories.insert(c);
                    }
                }
                None => dropped.push(Dropped::Category(id)),
            },
            Action::ClearFilters => {
                st.query.text.clear();
                st.query.phases.clear();
                st.query.categories.clear();
            }
            Action::SortBy(key) => {
                if st.query.sort == key {
                    st.query.direction = st.query.direction.flip();
                } else {
                    st.query.sort = key;
                    st.query.direction = Direction::Ascending;
                }
            }
            Action::SetLegendOpen(open) => st.legend_open = open,
            Action::ShowDefinition(p) => {
                st.legend_open = true;
                st.defined_phase = Some(p);
            }
            Action::SetView(v) => st.view = v,
            Action::Restore(url) => {
                next.restore(&url, sources, Some(&mut dropped));
                write = UrlWrite::Replace;
                // The address holds what cannot be shown: put its canonical form there.
                canonical = !next.url().same_link(&url);
            }
            Action::Reveal(id) => {
                next.reveal(&id, &mut dropped);
                write = UrlWrite::Replace;
            }
            Action::Notify(n) => st.notice = Some(n),
            Action::ShowMore => st.extra_pages = st.extra_pages.saturating_add(1),
            Action::SetRelease(r) => {
                let mut url = next.url();
                url.release = r;
                url.target = None;
                // The reader's own choice: what the new catalog lacks goes quietly.
                next.restore(&url, sources, None);
            }
            Action::SetDiffFrom(r) => st.diff_from = r,
        }
        // Whatever the action, keep only what the catalog shown can show.
        next.settle(sources, None);
        // A new query starts again from the first page.
        if next.state.query != query_before {
            next.state.extra_pages = 0;
        }
        if next.state == self.state && Rc::ptr_eq(&next.shown, &self.shown) && !canonical {
            // Nothing changed, but a warning about what was asked is still worth giving.
            return (!dropped.is_empty())
                .then_some((next, Effects { write: UrlWrite::Keep, dropped, announce: false }));
        }
        // A change the link does not hold (legend, notices, pages) leaves the address alone.
        // Another `Shown` means another release.
        let (a, b) = (&next.state, &self.state);
        let link_changed = a.query != b.query
            || a.view != b.view
            || !Rc::ptr_eq(&next.shown, &self.shown)
            || a.diff_from != b.diff_from;
        let write = if write == UrlWrite::Replace || link_changed { write } else { UrlWrite::Keep };
        Some((next, Effects { write, dropped, announce: link_changed }))
    }

    /// Shows what `url` describes: first its release, then its ids resolved against that
    /// release's catalog, then its deep-link target. Keeps the legend and notices' absence.
    /// With `explain`, everything asked for that cannot be shown is listed there.
    fn restore(&mut self, url: &UrlState, sources: &Sources, mut explain: Option<&mut Vec<Dropped>>) {
        let release = url.release.as_deref().filter(|r| sources.find(r).is_some());
        if let (Some(r), None, Some(out)) = (url.release.as_deref(), release, explain.as_deref_mut()) {
            out.push(Dropped::Release(r.to_owned()));
        }
        // Another `Shown` only for another release.
        if release != self.shown.release().map(|r| self.shown.label(r)) {
            self.shown = sources.shown(release);
        }
        let st = &mut self.state;
        st.query.text = clean_search(&url.text);
        st.query.phases = url.phases.clone();
        st.query.categories.clear();
        for id in &url.categories {
            match self.shown.category(id) {
                Some(c) => {
                    st.query.categories.insert(c);
                }
                None => {
                    if let Some(out) = explain.as_deref_mut() {
                        out.push(Dropped::Category(id.clone()));
                    }
                }
            }
        }
        st.query.sort = url.sort;
        st.query.direction = url.direction;
        st.view = url.view;
        st.diff_from = url.from.clone();
        st.revealed = None;
        self.settle(sources, explain.as_deref_mut());
        if let Some(id) = &url.target {
            let mut quiet = Vec::new();
            self.reveal(id, explain.unwrap_or(&mut quiet));
        }
    }

    /// Clamps what the catalog shown cannot show, so the URL written is read back
    /// identically: sorting by "since" needs a release, the changes view needs a release,
    /// and the release compared with must be another known release. With `explain`, each
    /// clamp is listed there (a link or the options asked for it).
    fn settle(&mut self, sources: &Sources, explain: Option<&mut Vec<Dropped>>) {
        let (st, release) = (&mut self.state, self.shown.release());
        let mut why = Vec::new();
        if st.query.sort == SortKey::Since && !self.shown.has_history() {
            st.query.sort = SortKey::Category;
            st.query.direction = Direction::Ascending;
            why.push(Dropped::SinceNeedsRelease);
        }
        if st.view == ViewMode::Changes && release.is_none() {
            st.view = ViewMode::Table;
            why.push(Dropped::ChangesNeedRelease);
        }
        if let Some(f) = st.diff_from.take() {
            let from = sources.find(&f);
            if release.is_some() && from.is_some() && from != release {
                st.diff_from = Some(f);
            } else if release.is_some() {
                why.push(Dropped::Compare(f));
            }
        }
        if let Some(out) = explain {
            out.extend(why);
        }
    }

    /// Shows feature `id` of the catalog shown: clears what hides it, switches to the table.
    fn reveal(&mut self, id: &str, dropped: &mut Vec<Dropped>) {
        let Some(feature) = self.shown.feature(id) else {
            dropped.push(Dropped::Feature(id.to_owned()));
            return;
        };
        let st = &mut self.state;
        let hidden = self.shown.hidden_by(&st.query, feature);
        if hidden.text {
            st.query.text.clear();
        }
        if hidden.phase {
            st.query.phases.clear();
        }
        if hidden.category {
            st.query.categories.clear();
        }
        // The row exists only in the table view.
        st.view = ViewMode::Table;
        st.revealed = Some(Revealed { feature, cleared: hidden });
    }
}

/// How a widget starts: decided once, from its options, the URL and whether its HTML was
/// prerendered. The URL wins over options; a prerendered default widget hydrates from the
/// default state (what was prerendered) and applies the URL's state once mounted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Start {
    /// The state of the first render.
    pub first: UrlState,
    /// State to apply once mounted (after hydration): the URL's, and its deep link.
    pub then: Option<UrlState>,
    /// Hydrate the prerendered HTML instead of rendering afresh.
    pub hydrate: bool,
    /// How the URL follows the first state (canonical form of a shared link).
    pub write: UrlWrite,
}

impl Default for Start {
    fn default() -> Self {
        Start { first: UrlState::default(), then: None, hydrate: false, write: UrlWrite::Keep }
    }
}

/// What a widget's start depends on (see [`start`]).
#[derive(Clone, Copy, Debug)]
pub struct StartFrom<'a> {
    /// The instance's id (and URL namespace).
    pub ns: &'a str,
    pub options: &'a EmbedOptions,
    /// The options name a catalog of the page's own.
    pub custom_catalog: bool,
    /// The page's query string (`location.search`).
    pub search: &'a str,
    /// The page's fragment (`location.hash`).
    pub fragment: &'a str,
    /// The placeholder holds the prerendered default widget (only the default widget,
    /// instance `fm`, with no options, can hydrate it).
    pub prerendered: bool,
}

impl Default for StartFrom<'_> {
    /// The default widget (`fm`, no options, no custom catalog) on a page with no query,
    /// no fragment and nothing prerendered.
    fn default() -> Self {
        static NONE: EmbedOptions = EmbedOptions::NONE;
        StartFrom { ns: "fm", options: &NONE, custom_catalog: false, search: "", fragment: "", prerendered: false }
    }
}

/// Decides how a widget starts.
pub fn start(from: &StartFrom) -> Start {
    let StartFrom { ns, options, custom_catalog, search, fragment, prerendered } = *from;
    let from_url = url_state::has_params(ns, search);
    let mut wanted = if from_url { url_state::from_location(ns, search, "") } else { options.url_state() };
    wanted.target = url_state::feature_from_fragment(ns, fragment);
    let write = if from_url { UrlWrite::Replace } else { UrlWrite::Keep };
    let hydrate = prerendered && !custom_catalog && ns == "fm" && *options == EmbedOptions::default();
    if hydrate {
        let then = (wanted != UrlState::default()).then_some(wanted);
        Start { first: UrlState::default(), then, hydrate, write: UrlWrite::Keep }
    } else {
        Start { first: wanted, then: None, hydrate, write }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::validate::{validate, RawCatalog, RawCategory, RawFeature};

    /// A small page catalog (Traffic: DNS Alpha, Gateway Stable; Core: Helm Beta; Security:
    /// mTLS Stable), also used by the `events` tests.
    pub(crate) fn sources() -> Sources {
        let f = |n: &str, p: &str| RawFeature { name: n.into(), phase: p.into(), ..Default::default() };
        let catalog = validate(RawCatalog {
            file: "t".into(),
            docs_base: "https://x.example".into(),
            categories: vec![
                RawCategory {
                    line: None,
                    name: "Traffic".into(),
                    features: vec![f("DNS", "Alpha"), f("Gateway", "Stable")],
                },
                RawCategory { line: None, name: "Core".into(), features: vec![f("Helm", "Beta")] },
                RawCategory { line: None, name: "Security".into(), features: vec![f("mTLS", "Stable")] },
            ],
            ..Default::default()
        })
        .unwrap();
        Sources::new(Rc::new(catalog), None)
    }

    fn apply_all(src: &Sources, actions: impl IntoIterator<Item = Action>) -> Session {
        let s = Session::start(src, &UrlState::default()).0;
        actions.into_iter().fold(s, |s, a| s.apply(a, src).map_or(s, |(next, _)| next))
    }

    /// An action that must change something or say something.
    fn step(s: &Session, action: Action, src: &Sources) -> (Session, Effects) {
        s.apply(action, src).expect("the action does something")
    }

    #[test]
    fn toggles_add_and_remove_categories_by_id() {
        let src = sources();
        let s = apply_all(&src, [Action::TogglePhase(Phase::Beta), Action::ToggleCategory("security".into())]);
        assert!(s.state.query.phases.contains(&Phase::Beta) && s.state.query.categories.contains(&2));
        assert_eq!(s.url().categories, ["security"]);
        let (s, _) = step(&s, Action::TogglePhase(Phase::Beta), &src);
        assert!(s.state.query.phases.is_empty());
        // An unknown id changes nothing and says so.
        let (t, t_fx) = step(&s, Action::ToggleCategory("nope".into()), &src);
        assert_eq!(t.state, s.state);
        assert_eq!(t_fx.dropped.len(), 1);
        assert_eq!(t_fx.write, UrlWrite::Keep);
    }

    #[test]
    fn sort_by_same_column_flips_new_column_starts_ascending() {
        let src = sources();
        let s = apply_all(&src, [Action::SortBy(SortKey::Phase)]);
        assert_eq!((s.state.query.sort, s.state.query.direction), (SortKey::Phase, Direction::Ascending));
        let (s, _) = step(&s, Action::SortBy(SortKey::Phase), &src);
        assert_eq!(s.state.query.direction, Direction::Descending);
        let (s, _) = step(&s, Action::SortBy(SortKey::Feature), &src);
        assert_eq!((s.state.query.sort, s.state.query.direction), (SortKey::Feature, Direction::Ascending));
        // The default sort is Category ascending, so the first click on it flips it.
        let s = apply_all(&src, [Action::SortBy(SortKey::Category)]);
        assert_eq!(s.state.query.direction, Direction::Descending);
    }

    #[test]
    fn clear_filters_keeps_sort_and_reports_no_change_when_clear() {
        let src = sources();
        let s = apply_all(
            &src,
            [
                Action::SetSearch("dns".into()),
                Action::TogglePhase(Phase::Alpha),
                Action::ToggleCategory("traffic".into()),
                Action::SortBy(SortKey::Phase),
            ],
        );
        let (cleared, _) = step(&s, Action::ClearFilters, &src);
        assert!(!cleared.state.query.is_filtered());
        assert_eq!(cleared.state.query.sort, SortKey::Phase);
        assert_eq!(cleared.apply(Action::ClearFilters, &src), None);
        assert_eq!(cleared.apply(Action::SetSearch(String::new()), &src), None);
    }

    #[test]
    fn reveal_clears_only_what_hides_the_feature_and_switches_to_the_table() {
        let src = sources();
        let s = apply_all(
            &src,
            [
                Action::SetSearch("dns".into()),
                Action::TogglePhase(Phase::Stable),
                Action::ToggleCategory("core".into()),
                Action::SetView(ViewMode::Matrix),
            ],
        );
        let (r, r_fx) = step(&s, Action::Reveal("core-helm".into()), &src);
        assert_eq!(r.state.query.text, "");
        assert!(r.state.query.phases.is_empty());
        assert!(r.state.query.categories.contains(&1), "the category filter did not hide Helm");
        assert_eq!(r.state.view, ViewMode::Table);
        assert_eq!(
            r.state.revealed,
            Some(Revealed { feature: 2, cleared: Hidden { text: true, phase: true, category: false } })
        );
        assert_eq!(r_fx.write, UrlWrite::Replace, "a deep link adds no history entry");
        assert_eq!(r.url().target.as_deref(), Some("core-helm"));
        assert_eq!(r.apply(Action::Reveal("core-helm".into()), &src), None, "a repeated report keeps what was cleared");
        // The highlight goes away with the next change of the query.
        let (r, _) = step(&r, Action::SetSearch("x".into()), &src);
        assert_eq!(r.state.revealed, None);
        // An unknown feature changes nothing but is reported.
        let (u, u_fx) = step(&r, Action::Reveal("nope".into()), &src);
        assert_eq!((u.state.clone(), u_fx.dropped.len()), (r.state.clone(), 1));
    }

    #[test]
    fn restore_takes_everything_from_the_url_and_writes_in_place() {
        let src = sources();
        let mut url = UrlState { text: "tls".into(), view: ViewMode::Matrix, ..UrlState::default() };
        url.categories.push("security".into());
        let (s, s_fx) = step(&apply_all(&src, [Action::TogglePhase(Phase::Beta)]), Action::Restore(url.clone()), &src);
        assert_eq!(s.url(), url);
        assert_eq!(s_fx.write, UrlWrite::Replace, "back/forward never pushes");
        assert_eq!(s.apply(Action::Restore(url.clone()), &src), None);
        // A URL that says more than can be shown is rewritten even when the view stays.
        let odd = UrlState { sort: SortKey::Since, ..url };
        let (t, t_fx) = s.apply(Action::Restore(odd), &src).expect("the address is put right");
        assert_eq!((t.state.clone(), t_fx.write), (s.state.clone(), UrlWrite::Replace));
    }

    #[test]
    fn what_cannot_be_shown_is_clamped() {
        let src = sources();
        let url = UrlState {
            sort: SortKey::Since,
            view: ViewMode::Changes,
            release: Some("1.24".into()),
            from: Some("1.20".into()),
            categories: vec!["nope".into(), "core".into()],
            ..UrlState::default()
        };
        let (s, dropped) = Session::start(&src, &url);
        let back = s.url();
        assert_eq!(back.sort, SortKey::Category, "no since column without releases");
        assert_eq!(back.view, ViewMode::Table, "no changes view without a release");
        assert_eq!((back.release, back.from), (None, None));
        assert_eq!(back.categories, ["core"]);
        // Each clamp says why: unknown release, unknown category, no changes view, no since.
        assert_eq!(
            dropped,
            [
                Dropped::Release("1.24".into()),
                Dropped::Category("nope".into()),
                Dropped::SinceNeedsRelease,
                Dropped::ChangesNeedRelease
            ]
        );
        assert_eq!(dropped[2].to_string(), "sorting by since needs a release; sorting by category");
    }

    #[test]
    fn search_text_is_kept_as_the_url_reads_it() {
        let src = sources();
        let (s, fx) = step(&apply_all(&src, []), Action::SetSearch(format!("a\tb{}", "x".repeat(500))), &src);
        assert_eq!(s.state.query.text.chars().count(), url_state::MAX_SEARCH);
        assert!(s.state.query.text.starts_with("a b"));
        assert_eq!(fx.write, UrlWrite::Replace, "typing replaces the history entry");
    }

    #[test]
    fn notices_last_until_the_next_action() {
        let src = sources();
        let (s, s_fx) =
            step(&apply_all(&src, []), Action::Notify(Notice::Exported { format: Format::Csv, rows: 1 }), &src);
        assert_eq!(
            s.state.notice.as_ref().map(|n| n.message(&crate::i18n::Messages::english())).as_deref(),
            Some("Exported 1 feature as CSV.")
        );
        assert_eq!(s_fx.write, UrlWrite::Keep);
        let (s, s_fx) = step(&s, Action::TogglePhase(Phase::Beta), &src);
        assert_eq!(s.state.notice, None);
        assert_eq!(s_fx.write, UrlWrite::Push);
        assert_eq!(
            Notice::Exported { format: Format::Markdown, rows: 7 }.message(&crate::i18n::Messages::english()),
            "Exported 7 features as Markdown."
        );
    }

    #[test]
    fn show_more_adds_pages_until_the_query_changes() {
        let src = sources();
        let s = apply_all(&src, [Action::ShowMore, Action::ShowMore]);
        assert_eq!(s.state.row_limit(), 3 * PAGE);
        assert_eq!(s.state.last_page_start(), Some(2 * PAGE));
        let (s, _) = step(&s, Action::SortBy(SortKey::Phase), &src);
        assert_eq!(s.state.row_limit(), PAGE);
        assert_eq!(MatrixState::default().row_limit(), PAGE);
        assert_eq!(MatrixState::default().last_page_start(), None);
    }

    #[test]
    fn show_definition_opens_the_legend() {
        let src = sources();
        let s = apply_all(&src, [Action::ShowDefinition(Phase::Stable)]);
        assert!(s.state.legend_open);
        assert_eq!(s.state.defined_phase, Some(Phase::Stable));
        let (s, s_fx) = step(&s, Action::SetLegendOpen(false), &src);
        assert!(!s.state.legend_open);
        assert_eq!(s_fx.write, UrlWrite::Keep, "the legend is not part of the link");
    }

    fn opts(pairs: &[(&str, &str)]) -> EmbedOptions {
        EmbedOptions::from_pairs(pairs.iter().copied()).0
    }

    #[test]
    fn start_url_wins_over_options() {
        let o = opts(&[("search", "helm"), ("phases", "beta")]);
        let s = start(&StartFrom { options: &o, search: "?fm.q=dns&other=1", ..StartFrom::default() });
        assert_eq!(s.first.text, "dns");
        assert!(s.first.phases.is_empty(), "options do not mix into a shared link");
        assert_eq!(s.write, UrlWrite::Replace);
        assert!(!s.hydrate);
        let s = start(&StartFrom { options: &o, search: "?fm2.q=dns", ..StartFrom::default() });
        assert_eq!(s.first.text, "helm", "another instance's parameters are not ours");
        assert_eq!(s.write, UrlWrite::Keep);
    }

    #[test]
    fn start_reads_the_deep_link_with_either_source() {
        let s = start(&StartFrom { fragment: "#fm-core-helm", ..StartFrom::default() });
        assert_eq!(s.first.target.as_deref(), Some("core-helm"));
        assert_eq!(s.write, UrlWrite::Keep);
        let s = start(&StartFrom {
            options: &opts(&[("search", "x")]),
            search: "?fm.release=1.24",
            fragment: "#fm-a%2Bb",
            ..StartFrom::default()
        });
        assert_eq!((s.first.release.as_deref(), s.first.target.as_deref()), (Some("1.24"), Some("a+b")));
        assert_eq!(s.first.text, "");
    }

    #[test]
    fn start_hydrates_only_the_default_widget_and_defers_its_url() {
        // Prerendered, nothing asked: hydrate, nothing to apply.
        assert_eq!(
            start(&StartFrom { prerendered: true, ..StartFrom::default() }),
            Start { hydrate: true, ..Start::default() }
        );
        // A shared link: the first render matches the prerendered HTML, the link follows.
        let s =
            start(&StartFrom { search: "?fm.cat=core", fragment: "#fm-x", prerendered: true, ..StartFrom::default() });
        assert!(s.hydrate);
        assert_eq!(s.first, UrlState::default());
        let then = s.then.expect("the URL's state is applied after hydration");
        assert_eq!((then.categories.as_slice(), then.target.as_deref()), (&["core".to_owned()][..], Some("x")));
        assert_eq!(s.write, UrlWrite::Keep, "hydration writes nothing");
        // Anything but the default widget renders afresh.
        assert!(
            !start(&StartFrom { options: &opts(&[("legend", "compact")]), prerendered: true, ..StartFrom::default() })
                .hydrate
        );
        assert!(!start(&StartFrom { custom_catalog: true, prerendered: true, ..StartFrom::default() }).hydrate);
        assert!(!start(&StartFrom { ns: "fm2", prerendered: true, ..StartFrom::default() }).hydrate);
        assert!(!start(&StartFrom::default()).hydrate);
        let s = start(&StartFrom { options: &opts(&[("view", "matrix")]), prerendered: true, ..StartFrom::default() });
        assert_eq!((s.first.view, s.then), (ViewMode::Matrix, None));
    }
}
