//! What `features-check` adds to the reader's findings ([`crate::istio::read`]) for the data's
//! owners: validation against the JSON Schema shipped beside the data (`features_schema.json`),
//! and conventions a schema cannot express: promised releases that are already out, links that
//! are not docs paths, ids that break the `area.name` convention. Host only (feature `source`).

use crate::istio::{Finding, Problem, Release, Severity};
use crate::links::{classify, LinkKind};
use crate::model::Phase;
use crate::validate::EntryName;

/// The id prefix of each area's features (`traffic.sidecar`, `security.authorization`).
pub const ID_PREFIXES: [(&str, &str); 6] = [
    ("Traffic Management", "traffic"),
    ("Observability", "observability"),
    ("Extensibility", "extensibility"),
    ("Security and policy enforcement", "security"),
    ("Core", "core"),
    ("Ambient mode", "ambient"),
];

/// The newest Istio release this checker knows of (the releases in `data/istio-releases/`):
/// the default for "already out".
pub const NEWEST_RELEASE: &str = "1.28";

/// `1.28` → (1, 28).
pub fn version(s: &str) -> Option<(u32, u32)> {
    let (major, minor) = s.trim().split_once('.')?;
    Some((major.parse().ok()?, minor.parse().ok()?))
}

/// Warnings for the conventions: a `nextExpectedPromotion` that is not a release (or `never`),
/// or names a release already out (`released` or older) while the feature is still below
/// Stable and not deprecated; a `link` that is not a docs path (`/docs/…`, or an istio.io URL
/// under `/docs/`); an id that does not start with its area's prefix and a dot.
pub fn conventions(file: &str, release: &Release, released: &str) -> Vec<Finding> {
    let newest = version(released);
    let mut out = Vec::new();
    for e in &release.entries {
        let entry = e.id.clone().map_or_else(|| EntryName::Named(e.name.clone()), EntryName::Path);
        let mut warn = |message: String| {
            out.push(Finding {
                severity: Severity::Warning,
                file: file.to_owned(),
                line: e.line,
                entry: entry.clone(),
                problem: Problem::Checked(message),
            });
        };
        if let Some(next) = e.next_expected_promotion.as_deref().filter(|n| !n.eq_ignore_ascii_case("never")) {
            match version(next) {
                None => warn(format!("`level.nextExpectedPromotion` {next:?} is not a release (1.N) or never")),
                Some(v) if newest.is_some_and(|n| v <= n) => {
                    if let (Some(m), None) = (e.maturity, &e.deprecation) {
                        if m != Phase::Stable {
                            warn(format!(
                                "`level.nextExpectedPromotion` {next} is already out (newest release {released}) and the feature is still {}",
                                m.label()
                            ));
                        }
                    }
                }
                Some(_) => {}
            }
        }
        if let Some(link) = &e.link {
            let docs = match classify(link) {
                Ok(LinkKind::Relative) => link.starts_with("/docs/"),
                Ok(LinkKind::Absolute) => {
                    let rest = link.split_once("://").map_or("", |(_, r)| r);
                    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
                    (host == "istio.io" || host.ends_with(".istio.io")) && path.split('/').any(|p| p == "docs")
                }
                Err(_) => true, // already an error of the reader
            };
            if !docs {
                warn(format!("`link` {link:?} is not a docs path (/docs/… or an istio.io docs URL)"));
            }
        }
        if let (Some(id), Some((_, prefix))) = (&e.id, ID_PREFIXES.iter().find(|(a, _)| *a == e.area)) {
            let ok = id.split_once('.').is_some_and(|(p, name)| p == *prefix && !name.is_empty());
            if !ok {
                warn(format!("`id` {id:?} breaks the area.name convention: {} features are `{prefix}.<name>`", e.area));
            }
        }
    }
    out
}

/// Errors where `tree` (the parsed file) does not satisfy `schema`: one per violation, with
/// the entry's line and id when the violation is inside an entry (`/features/3/…`).
/// `lines` are where the list's items start (`features_yaml::item_lines`).
pub fn schema(
    file: &str,
    tree: &serde_json::Value,
    schema: &serde_json::Value,
    release: &Release,
    lines: &[u32],
) -> Vec<Finding> {
    let validator = match jsonschema::validator_for(schema) {
        Ok(v) => v,
        Err(e) => {
            return vec![Finding {
                severity: Severity::Error,
                file: file.to_owned(),
                line: None,
                entry: EntryName::Path("schema".to_owned()),
                problem: Problem::Checked(format!("the JSON Schema is not valid: {e}")),
            }]
        }
    };
    validator
        .iter_errors(tree)
        .map(|err| {
            let path = err.instance_path().to_string();
            let item =
                path.strip_prefix("/features/").and_then(|r| r.split('/').next()).and_then(|i| i.parse::<usize>().ok());
            let line = item.and_then(|i| lines.get(i).copied());
            let entry = line.and_then(|l| release.entries.iter().find(|e| e.line == Some(l)));
            Finding {
                severity: Severity::Error,
                file: file.to_owned(),
                line,
                entry: entry.map_or_else(
                    || item.map_or(EntryName::File, |i| EntryName::Number(i + 1)),
                    |e| e.id.clone().map_or_else(|| EntryName::Named(e.name.clone()), EntryName::Path),
                ),
                problem: Problem::Checked(format!("schema: {err} (at {})", if path.is_empty() { "/" } else { &path })),
            }
        })
        .collect()
}
