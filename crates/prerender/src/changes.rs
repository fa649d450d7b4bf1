//! The change feed: what was promoted, demoted, added and removed in each Istio release (the
//! same `ReleaseSet::diff` the widget's changes view shows), as Atom 1.0 (`changes.atom`, one
//! entry per release, newest first, each linking to the widget's changes view for that
//! release) and as JSON (`changes.json`). Written at build time next to the demo page; links
//! are relative to it.

use feature_matrix_core::html::escaped as escape;
use feature_matrix_core::releases::ReleaseSet;
use feature_matrix_core::Phase;
use serde_json::{json, Value};

const FEED_ID: &str = "urn:feature-matrix:istio:feature-changes";

/// One release's changes against the release before it.
struct Release {
    label: String,
    from: Option<String>,
    date: String,
    commit: String,
    promoted: Vec<(String, String, Phase, Phase)>,
    demoted: Vec<(String, String, Phase, Phase)>,
    added: Vec<(String, String, Phase)>,
    removed: Vec<(String, String, Phase)>,
    features: usize,
}

impl Release {
    /// The widget's changes view for this release (relative to the demo page).
    fn link(&self) -> String {
        match &self.from {
            Some(from) => format!("index.html?fm.view=changes&fm.release={}&fm.from={from}", self.label),
            None => format!("index.html?fm.release={}", self.label),
        }
    }

    fn title(&self) -> String {
        match &self.from {
            None => {
                format!("Istio {}: the first release with a features.yaml ({} features)", self.label, self.features)
            }
            Some(from) => format!(
                "Istio {} (from {from}): {} promoted, {} demoted, {} added, {} removed",
                self.label,
                self.promoted.len(),
                self.demoted.len(),
                self.added.len(),
                self.removed.len()
            ),
        }
    }
}

fn releases(set: &ReleaseSet) -> Vec<Release> {
    let key = |row: u16| set.string(set.row_keys[usize::from(row)]).to_owned();
    (0..set.len())
        .rev()
        .map(|r| {
            let (commit, date) = set.source(r).unwrap_or(("", ""));
            let mut out = Release {
                label: set.label(r).to_owned(),
                from: None,
                date: date.to_owned(),
                commit: commit.to_owned(),
                promoted: Vec::new(),
                demoted: Vec::new(),
                added: Vec::new(),
                removed: Vec::new(),
                features: set.release(r).len(),
            };
            if r > 0 {
                let d = set.diff(r - 1, r);
                let phase = |row: u16, at: usize| set.timeline(row)[at].unwrap_or(Phase::Alpha);
                out.from = Some(set.label(r - 1).to_owned());
                out.promoted =
                    d.promoted.iter().map(|&(row, a, b)| (key(row), set.name(row, r).to_owned(), a, b)).collect();
                out.demoted =
                    d.demoted.iter().map(|&(row, a, b)| (key(row), set.name(row, r).to_owned(), a, b)).collect();
                out.added = d.added.iter().map(|&row| (key(row), set.name(row, r).to_owned(), phase(row, r))).collect();
                out.removed = d
                    .removed
                    .iter()
                    .map(|&row| (key(row), set.name(row, r - 1).to_owned(), phase(row, r - 1)))
                    .collect();
            }
            out
        })
        .collect()
}

/// An entry's content: the changes as HTML lists (escaped again as Atom `type="html"` text).
fn content(r: &Release) -> String {
    let mut html = String::new();
    let moved = |title: &str, list: &[(String, String, Phase, Phase)], html: &mut String| {
        if !list.is_empty() {
            html.push_str(&format!("<h3>{title}</h3><ul>"));
            for (id, name, a, b) in list {
                html.push_str(&format!(
                    "<li>{} (<code>{}</code>): {} → {}</li>",
                    escape(name),
                    escape(id),
                    a.label(),
                    b.label()
                ));
            }
            html.push_str("</ul>");
        }
    };
    let listed = |title: &str, list: &[(String, String, Phase)], html: &mut String| {
        if !list.is_empty() {
            html.push_str(&format!("<h3>{title}</h3><ul>"));
            for (id, name, p) in list {
                html.push_str(&format!("<li>{} (<code>{}</code>), {}</li>", escape(name), escape(id), p.label()));
            }
            html.push_str("</ul>");
        }
    };
    moved("Promoted", &r.promoted, &mut html);
    moved("Demoted", &r.demoted, &mut html);
    listed("Added", &r.added, &mut html);
    listed("Removed", &r.removed, &mut html);
    if html.is_empty() {
        html.push_str(if r.from.is_some() {
            "<p>No feature changed phase.</p>"
        } else {
            "<p>The first release listed.</p>"
        });
    }
    html
}

/// (`changes.atom`, `changes.json`).
pub fn documents(set: &ReleaseSet) -> (String, String) {
    let all = releases(set);
    let stamp = |date: &str| format!("{date}T00:00:00Z");
    let updated = all.iter().map(|r| r.date.as_str()).max().unwrap_or("1970-01-01");
    let mut atom = String::new();
    atom.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    atom.push_str("  <title>Istio feature changes</title>\n");
    atom.push_str("  <subtitle>What was promoted, demoted, added and removed in each Istio release, from istio/enhancements features.yaml</subtitle>\n");
    atom.push_str(&format!("  <id>{FEED_ID}</id>\n  <updated>{}</updated>\n", stamp(updated)));
    atom.push_str("  <author><name>Istio Authors</name><uri>https://github.com/istio/enhancements</uri></author>\n");
    atom.push_str("  <link rel=\"self\" type=\"application/atom+xml\" href=\"changes.atom\"/>\n");
    atom.push_str("  <link rel=\"alternate\" type=\"text/html\" href=\"index.html\"/>\n");
    atom.push_str("  <rights>Istio project data, Apache-2.0</rights>\n");
    for r in &all {
        atom.push_str("  <entry>\n");
        atom.push_str(&format!("    <title>{}</title>\n", escape(&r.title())));
        atom.push_str(&format!("    <id>{FEED_ID}:{}</id>\n", escape(&r.label)));
        atom.push_str(&format!("    <updated>{}</updated>\n", stamp(&r.date)));
        atom.push_str(&format!("    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", escape(&r.link())));
        if !r.commit.is_empty() {
            atom.push_str(&format!(
                "    <link rel=\"via\" type=\"text/plain\" href=\"https://github.com/istio/enhancements/blob/{}/features.yaml\"/>\n",
                escape(&r.commit)
            ));
        }
        atom.push_str(&format!("    <content type=\"html\">{}</content>\n", escape(&content(r))));
        atom.push_str("  </entry>\n");
    }
    atom.push_str("</feed>\n");

    let moved = |list: &[(String, String, Phase, Phase)]| -> Vec<Value> {
        list.iter()
            .map(|(id, name, a, b)| json!({ "id": id, "name": name, "from": a.label(), "to": b.label() }))
            .collect()
    };
    let listed = |list: &[(String, String, Phase)]| -> Vec<Value> {
        list.iter().map(|(id, name, p)| json!({ "id": id, "name": name, "phase": p.label() })).collect()
    };
    let json = json!({
        "title": "Istio feature changes",
        "releases": all.iter().map(|r| json!({
            "release": r.label,
            "from": r.from,
            "date": r.date,
            "commit": r.commit,
            "link": r.link(),
            "features": r.features,
            "promoted": moved(&r.promoted),
            "demoted": moved(&r.demoted),
            "added": listed(&r.added),
            "removed": listed(&r.removed),
        })).collect::<Vec<_>>(),
    });
    (atom, serde_json::to_string_pretty(&json).expect("JSON values serialize") + "\n")
}
