//! What a widget tells its host page about the view: the detail of the
//! `featurematrix:change` event and what `handle.state()` returns (one value, so the two
//! cannot disagree). Ids and strings only, the same ones the widget's links use, so a host
//! can store, compare and share them across releases and languages.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::query::{format_sort, View, ViewMode};
use crate::shown::Sources;
use crate::state::Session;

/// The view a widget shows. Serialized (with `serde`) into a plain JS object whose shape the
/// README and `feature-matrix.d.ts` document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewState {
    /// The instance's id (also the prefix of its URL parameters).
    pub id: String,
    /// The Istio release shown (`"1.24"`, `"master"`); `null` for the page's own catalog.
    pub release: Option<String>,
    /// In the changes view, the release compared with; otherwise `null`.
    pub from: Option<String>,
    /// The search text as typed.
    pub query: String,
    /// Phases filtered on, as in the URL (`"alpha"`, `"beta"`, `"stable"`, …), in maturity order.
    pub phases: Vec<String>,
    /// Category ids filtered on, in the catalog's order.
    pub categories: Vec<String>,
    /// The sort as in the URL: `"category"`, `"name"`, `"phase"`, `"phase-desc"`, …
    pub sort: String,
    /// `"table"`, `"matrix"` or `"changes"`.
    pub view: String,
    /// Features matching the search and filters.
    pub count: u32,
    /// Features in the catalog shown.
    pub total: u32,
    /// Ids of the matching features, in display order (all of them, not only the rows on screen).
    pub visible: Vec<String>,
}

/// Written as a map rather than derived as a struct: the same object for JSON and JS, and in
/// the wasm `serde-wasm-bindgen` then needs no cache of field-name strings (a hash map,
/// about 1.8 KB of code).
impl Serialize for ViewState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(11))?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("release", &self.release)?;
        m.serialize_entry("from", &self.from)?;
        m.serialize_entry("query", &self.query)?;
        m.serialize_entry("phases", &self.phases)?;
        m.serialize_entry("categories", &self.categories)?;
        m.serialize_entry("sort", &self.sort)?;
        m.serialize_entry("view", &self.view)?;
        m.serialize_entry("count", &self.count)?;
        m.serialize_entry("total", &self.total)?;
        m.serialize_entry("visible", &self.visible)?;
        m.end()
    }
}

impl ViewState {
    /// The view of `session` (instance `ns`), whose rows are `view`.
    pub fn of(ns: &str, session: &Session, sources: &Sources, view: &View) -> ViewState {
        let mut state = ViewState::summary(ns, session, sources, view);
        let catalog = session.shown.catalog();
        state.visible = view.rows.iter().filter_map(|&i| catalog.features.get(i)).map(|f| f.id.to_string()).collect();
        state
    }

    /// [`ViewState::of`] without `visible` (left empty): the widget fills it in with the ids
    /// crossing into JS as one string, since converting each id on its own would cost a clear
    /// at 100,000 rows about 200 ms.
    pub fn summary(ns: &str, session: &Session, sources: &Sources, view: &View) -> ViewState {
        let url = session.url();
        let from = match url.view {
            ViewMode::Changes => session.diff_from(sources).and_then(|r| Some(sources.releases()?.label(r).to_owned())),
            _ => None,
        };
        ViewState {
            id: ns.to_owned(),
            release: url.release,
            from,
            query: url.text,
            phases: url.phases.iter().map(|p| p.slug().to_owned()).collect(),
            categories: url.categories,
            sort: format_sort(url.sort, url.direction),
            view: url.view.slug().to_owned(),
            count: u32::try_from(view.rows.len()).unwrap_or(u32::MAX),
            total: u32::try_from(view.total).unwrap_or(u32::MAX),
            visible: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Phase;
    use crate::query::SortKey;
    use crate::state::tests::sources;
    use crate::state::Action;
    use crate::url_state::UrlState;
    use crate::UrlWrite;

    const ALL: [&str; 4] = ["traffic-dns", "traffic-gateway", "core-helm", "security-mtls"];

    #[test]
    fn the_state_names_everything_by_id_and_lists_every_match() {
        let src = sources();
        let s = Session::start(&src, &UrlState::default(), UrlWrite::Keep);
        let view = s.shown.compute(&s.state.query);
        let v = ViewState::of("fm2", &s, &src, &view);
        assert_eq!(
            (v.id.as_str(), v.count, v.total, v.sort.as_str(), v.view),
            ("fm2", 4, 4, "category", "table".to_owned())
        );
        assert_eq!((v.release, v.from), (None, None));
        assert_eq!(v.visible, ALL);

        let s =
            [Action::TogglePhase(Phase::Stable), Action::SortBy(SortKey::Feature), Action::SortBy(SortKey::Feature)]
                .into_iter()
                .chain([Action::SetSearch("a".into()), Action::ToggleCategory("traffic".into())])
                .fold(s, |s, a| s.apply(a, &src).unwrap_or(s));
        let view = s.shown.compute(&s.state.query);
        let v = ViewState::of("fm", &s, &src, &view);
        assert_eq!((v.query.as_str(), v.sort.as_str(), v.count, v.total), ("a", "feature-desc", 1, 4));
        assert_eq!(
            (v.phases, v.categories, v.visible),
            (vec!["stable".to_owned()], vec!["traffic".to_owned()], vec!["traffic-gateway".to_owned()])
        );
    }

    #[test]
    fn it_serializes_to_the_documented_shape() {
        let src = sources();
        let s = Session::start(&src, &UrlState::default(), UrlWrite::Keep);
        let v = ViewState::of("fm", &s, &src, &s.shown.compute(&s.state.query));
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(
            json,
            r#"{"id":"fm","release":null,"from":null,"query":"","phases":[],"categories":[],"sort":"category","view":"table","count":4,"total":4,"visible":["traffic-dns","traffic-gateway","core-helm","security-mtls"]}"#
        );
    }
}
