//! What a widget tells its host page about the view: the detail of the
//! `featurematrix:change` event and what `handle.state()` returns (one value, so the two
//! cannot disagree). Ids and strings only, the same ones the widget's links use, so a host
//! can store, compare and share them across releases and languages.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::model::Catalog;
use crate::query::{format_sort, View, ViewMode};
use crate::shown::Sources;
use crate::state::Session;

/// The view a widget shows. Serialized (with `serde`) into a plain JS object whose shape the
/// README and `feature-matrix.d.ts` document, with one more member, `visible`: the ids of
/// the matching features in display order (all of them, not only the rows on screen), which
/// cross into JS as one JSON text ([`visible_json`]), since converting each id on its own
/// would cost a clear at 100,000 rows about 200 ms.
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
}

/// Written as a map rather than derived as a struct: the same object for JSON and JS, and in
/// the wasm `serde-wasm-bindgen` then needs no cache of field-name strings (a hash map,
/// about 1.8 KB of code).
impl Serialize for ViewState {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(10))?;
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
        m.end()
    }
}

impl ViewState {
    /// The view of `session` (instance `ns`), whose rows are `view`.
    pub fn of(ns: &str, session: &Session, sources: &Sources, view: &View) -> ViewState {
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
        }
    }
}

/// The event's `visible` member as a JSON array text: the ids of `rows` of `catalog`.
pub fn visible_json(catalog: &Catalog, rows: &[usize]) -> String {
    let mut text = String::from("[");
    for (k, &i) in rows.iter().enumerate() {
        if k > 0 {
            text.push(',');
        }
        crate::export::json_string(catalog.features.get(i).map_or("", |f| &f.id), &mut text);
    }
    text.push(']');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Phase;
    use crate::query::SortKey;
    use crate::state::tests::sources;
    use crate::state::Action;
    use crate::url_state::UrlState;

    /// What the widget sends (`host::publish`): the state, with `visible` read from the ids'
    /// JSON text, as the page's `JSON.parse` reads it.
    fn detail(ns: &str, s: &Session, src: &Sources) -> serde_json::Value {
        let view = s.shown.compute(&s.state.query);
        let mut detail = serde_json::to_value(ViewState::of(ns, s, src, &view)).unwrap();
        let visible: serde_json::Value = serde_json::from_str(&visible_json(s.shown.catalog(), &view.rows)).unwrap();
        detail.as_object_mut().unwrap().insert("visible".into(), visible);
        detail
    }

    #[test]
    fn the_detail_names_everything_by_id_and_lists_every_match() {
        let src = sources();
        let s = Session::start(&src, &UrlState::default()).0;
        let d = detail("fm2", &s, &src);
        assert_eq!(
            (&d["id"], &d["count"], &d["total"], &d["sort"], &d["view"]),
            (&"fm2".into(), &4.into(), &4.into(), &"category".into(), &"table".into())
        );
        assert_eq!(d["visible"], serde_json::json!(["traffic-dns", "traffic-gateway", "core-helm", "security-mtls"]));

        let s =
            [Action::TogglePhase(Phase::Stable), Action::SortBy(SortKey::Feature), Action::SortBy(SortKey::Feature)]
                .into_iter()
                .chain([
                    Action::SetSearch("a".into()),
                    Action::ToggleCategory("traffic".into()),
                    Action::SetView(ViewMode::Matrix),
                ])
                .fold(s, |s, a| s.apply(a, &src).map_or(s, |(next, _)| next));
        let d = detail("fm", &s, &src);
        assert_eq!(
            d,
            serde_json::json!({"id": "fm", "release": null, "from": null, "query": "a", "phases": ["stable"],
                "categories": ["traffic"], "sort": "feature-desc", "view": "matrix", "count": 1, "total": 4,
                "visible": ["traffic-gateway"]})
        );
    }

    #[test]
    fn it_serializes_to_the_documented_shape_in_the_documented_order() {
        let src = sources();
        let s = Session::start(&src, &UrlState::default()).0;
        let view = s.shown.compute(&s.state.query);
        let json = serde_json::to_string(&ViewState::of("fm", &s, &src, &view)).unwrap();
        assert_eq!(
            json,
            r#"{"id":"fm","release":null,"from":null,"query":"","phases":[],"categories":[],"sort":"category","view":"table","count":4,"total":4}"#
        );
        let tricky = visible_json(s.shown.catalog(), &[3, 0, 99]);
        assert_eq!(tricky, r#"["security-mtls","traffic-dns",""]"#, "rows past the end name no feature");
    }
}
