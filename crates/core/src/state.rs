//! The widget's state and every change to it as an [`Action`]. `MatrixState::apply` is
//! the reducer: pure, returns `None` when an action changes nothing (so the view skips a
//! render). The visible rows are not part of the state; see [`crate::query::compute`].

use crate::export::Format;
use crate::model::Phase;
use crate::query::{Hidden, Query, SortKey};
use crate::url_state::UrlState;

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
    pub fn message(&self) -> String {
        match self {
            Notice::LinkCopied => "Link to this view copied.".to_owned(),
            Notice::CopyFailed(_) => "Could not copy automatically; copy the link below.".to_owned(),
            Notice::Exported { format, rows } => {
                let noun = if *rows == 1 { "feature" } else { "features" };
                format!("Exported {rows} {noun} as {}.", format.label())
            }
        }
    }
}

/// Rows rendered at a time in the table; "Show more" adds another page. Large catalogs
/// stay responsive, and the default catalog (43 rows) is always shown whole.
pub const PAGE: usize = 100;

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
    /// The Istio release shown (its label), or `None` for the Feature Status page.
    pub release: Option<String>,
    /// The release the changes view compares the shown one with (`None`: the one before).
    pub diff_from: Option<String>,
}

impl MatrixState {
    /// How many rows the table renders at most.
    pub fn row_limit(&self) -> usize {
        PAGE.saturating_mul(self.extra_pages.saturating_add(1))
    }

    /// The state a URL describes (on load).
    pub fn from_url(url: UrlState) -> Self {
        MatrixState {
            query: url.query,
            view: url.view,
            release: url.release,
            diff_from: url.diff_from,
            ..MatrixState::default()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// The search box's text changed.
    SetSearch(String),
    TogglePhase(Phase),
    ToggleCategory(u16),
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
    /// The URL changed (back/forward): take its query and view.
    Restore(UrlState),
    /// A deep link points at a feature; `hidden` (from [`crate::query::hidden_by`]) says
    /// which parts of the query hide it and must be cleared.
    Reveal {
        feature: usize,
        hidden: Hidden,
    },
    Notify(Notice),
    /// Render another page of rows.
    ShowMore,
    /// Show another release (`None`: the Feature Status page). Category filters refer to
    /// the previous catalog's categories, so they are cleared.
    SetRelease(Option<String>),
    /// Compare the shown release with this one in the changes view.
    SetDiffFrom(Option<String>),
}

impl MatrixState {
    /// Applies an action; `None` when nothing changes.
    pub fn apply(&self, action: Action) -> Option<MatrixState> {
        let mut next = self.clone();
        // A highlighted deep-link target stays only while nothing else changes the rows.
        if !matches!(
            action,
            Action::Reveal { .. } | Action::SetLegendOpen(_) | Action::ShowDefinition(_) | Action::Notify(_)
        ) {
            next.revealed = None;
        }
        next.notice = None;
        let query_before = next.query.clone();
        match action {
            Action::SetSearch(text) => next.query.text = text,
            Action::TogglePhase(p) => {
                if !next.query.phases.remove(&p) {
                    next.query.phases.insert(p);
                }
            }
            Action::ToggleCategory(c) => {
                if !next.query.categories.remove(&c) {
                    next.query.categories.insert(c);
                }
            }
            Action::ClearFilters => {
                next.query.text.clear();
                next.query.phases.clear();
                next.query.categories.clear();
            }
            Action::SortBy(key) => {
                if next.query.sort == key {
                    next.query.direction = next.query.direction.flip();
                } else {
                    next.query.sort = key;
                    next.query.direction = crate::query::Direction::Ascending;
                }
            }
            Action::SetLegendOpen(open) => next.legend_open = open,
            Action::ShowDefinition(p) => {
                next.legend_open = true;
                next.defined_phase = Some(p);
            }
            Action::SetView(v) => next.view = v,
            Action::Restore(url) => {
                if url.release != next.release {
                    next.query.categories.clear();
                }
                next.query = url.query;
                next.view = url.view;
                next.release = url.release;
                next.diff_from = url.diff_from;
            }
            Action::Reveal { feature, hidden } => {
                if hidden.text {
                    next.query.text.clear();
                }
                if hidden.phase {
                    next.query.phases.clear();
                }
                if hidden.category {
                    next.query.categories.clear();
                }
                // The row exists only in the table view.
                next.view = ViewMode::Table;
                next.revealed = Some(Revealed { feature, cleared: hidden });
            }
            Action::Notify(n) => next.notice = Some(n),
            Action::ShowMore => next.extra_pages = next.extra_pages.saturating_add(1),
            Action::SetRelease(r) => {
                if r != next.release {
                    next.release = r;
                    next.query.categories.clear();
                    if next.release.is_none() && next.view == ViewMode::Changes {
                        next.view = ViewMode::Table;
                    }
                }
            }
            Action::SetDiffFrom(r) => next.diff_from = r,
        }
        // A new query starts again from the first page.
        if next.query != query_before {
            next.extra_pages = 0;
        }
        (next != *self).then_some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Direction;

    fn apply_all(actions: impl IntoIterator<Item = Action>) -> MatrixState {
        actions.into_iter().fold(MatrixState::default(), |s, a| s.apply(a).unwrap_or(s))
    }

    #[test]
    fn toggles_add_and_remove() {
        let s = apply_all([Action::TogglePhase(Phase::Beta), Action::ToggleCategory(2)]);
        assert!(s.query.phases.contains(&Phase::Beta) && s.query.categories.contains(&2));
        let s = s.apply(Action::TogglePhase(Phase::Beta)).unwrap();
        assert!(s.query.phases.is_empty());
    }

    #[test]
    fn sort_by_same_column_flips_new_column_starts_ascending() {
        let s = apply_all([Action::SortBy(SortKey::Phase)]);
        assert_eq!((s.query.sort, s.query.direction), (SortKey::Phase, Direction::Ascending));
        let s = s.apply(Action::SortBy(SortKey::Phase)).unwrap();
        assert_eq!(s.query.direction, Direction::Descending);
        let s = s.apply(Action::SortBy(SortKey::Feature)).unwrap();
        assert_eq!((s.query.sort, s.query.direction), (SortKey::Feature, Direction::Ascending));
        // The default sort is Category ascending, so the first click on it flips it.
        let s = MatrixState::default().apply(Action::SortBy(SortKey::Category)).unwrap();
        assert_eq!(s.query.direction, Direction::Descending);
    }

    #[test]
    fn clear_filters_keeps_sort_and_reports_no_change_when_clear() {
        let s = apply_all([
            Action::SetSearch("dns".into()),
            Action::TogglePhase(Phase::Alpha),
            Action::ToggleCategory(0),
            Action::SortBy(SortKey::Phase),
        ]);
        let cleared = s.apply(Action::ClearFilters).unwrap();
        assert!(!cleared.query.is_filtered());
        assert_eq!(cleared.query.sort, SortKey::Phase);
        assert_eq!(cleared.apply(Action::ClearFilters), None);
        assert_eq!(cleared.apply(Action::SetSearch(String::new())), None);
    }

    #[test]
    fn reveal_clears_only_what_hides_the_feature_and_switches_to_the_table() {
        let s = apply_all([
            Action::SetSearch("dns".into()),
            Action::TogglePhase(Phase::Stable),
            Action::ToggleCategory(0),
            Action::SetView(ViewMode::Matrix),
        ]);
        let hidden = Hidden { text: true, phase: true, category: false };
        let r = s.apply(Action::Reveal { feature: 7, hidden }).unwrap();
        assert_eq!(r.query.text, "");
        assert!(r.query.phases.is_empty());
        assert!(r.query.categories.contains(&0));
        assert_eq!(r.view, ViewMode::Table);
        assert_eq!(r.revealed, Some(Revealed { feature: 7, cleared: hidden }));
        // The highlight goes away with the next change of the query.
        let r = r.apply(Action::SetSearch("x".into())).unwrap();
        assert_eq!(r.revealed, None);
    }

    #[test]
    fn restore_takes_query_and_view_from_the_url() {
        let mut url = UrlState::default();
        url.query.text = "tls".into();
        url.view = ViewMode::Matrix;
        let s = MatrixState::default().apply(Action::Restore(url.clone())).unwrap();
        assert_eq!(UrlState::of(&s), url);
        assert_eq!(s.apply(Action::Restore(url)), None);
    }

    #[test]
    fn notices_last_until_the_next_action() {
        let s = apply_all([Action::Notify(Notice::Exported { format: Format::Csv, rows: 1 })]);
        assert_eq!(s.notice.as_ref().map(Notice::message).as_deref(), Some("Exported 1 feature as CSV."));
        let s = s.apply(Action::TogglePhase(Phase::Beta)).unwrap();
        assert_eq!(s.notice, None);
        assert_eq!(
            Notice::Exported { format: Format::Markdown, rows: 7 }.message(),
            "Exported 7 features as Markdown."
        );
    }

    #[test]
    fn show_more_adds_pages_until_the_query_changes() {
        let s = apply_all([Action::ShowMore, Action::ShowMore]);
        assert_eq!(s.row_limit(), 3 * PAGE);
        let s = s.apply(Action::SortBy(SortKey::Phase)).unwrap();
        assert_eq!(s.row_limit(), PAGE);
        assert_eq!(MatrixState::default().row_limit(), PAGE);
    }

    #[test]
    fn switching_release_clears_category_filters_only() {
        let s =
            apply_all([Action::SetSearch("dns".into()), Action::ToggleCategory(1), Action::TogglePhase(Phase::Beta)]);
        let s = s.apply(Action::SetRelease(Some("1.24".into()))).unwrap();
        assert_eq!(s.release.as_deref(), Some("1.24"));
        assert!(s.query.categories.is_empty());
        assert_eq!(s.query.text, "dns");
        assert!(s.query.phases.contains(&Phase::Beta));
        let s = s.apply(Action::SetView(ViewMode::Changes)).unwrap().apply(Action::SetRelease(None)).unwrap();
        assert_eq!(s.view, ViewMode::Table, "the page has no changes view");
    }

    #[test]
    fn show_definition_opens_the_legend() {
        let s = apply_all([Action::ShowDefinition(Phase::Stable)]);
        assert!(s.legend_open);
        assert_eq!(s.defined_phase, Some(Phase::Stable));
        let s = s.apply(Action::SetLegendOpen(false)).unwrap();
        assert!(!s.legend_open);
    }
}
