//! The widget's state and every change to it as an [`Action`]. `MatrixState::apply` is
//! the reducer: pure, returns `None` when an action changes nothing (so the view skips a
//! render). The visible rows are not part of the state; see [`crate::query::compute`].

use crate::model::Phase;
use crate::query::{Query, SortKey};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MatrixState {
    pub query: Query,
    /// Whether the phase-definitions legend is expanded.
    pub legend_open: bool,
    /// The phase whose definition the reader asked for last (highlighted in the legend).
    pub defined_phase: Option<Phase>,
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
}

impl MatrixState {
    /// Applies an action; `None` when nothing changes.
    pub fn apply(&self, action: Action) -> Option<MatrixState> {
        let mut next = self.clone();
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
    fn show_definition_opens_the_legend() {
        let s = apply_all([Action::ShowDefinition(Phase::Stable)]);
        assert!(s.legend_open);
        assert_eq!(s.defined_phase, Some(Phase::Stable));
        let s = s.apply(Action::SetLegendOpen(false)).unwrap();
        assert!(!s.legend_open);
    }
}
