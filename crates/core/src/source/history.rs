//! Links the per-release `features.yaml` files ([`super::features_yaml`]) into one
//! [`ReleaseSet`]: a row per feature across releases, from which the widget derives each
//! release's catalog, a feature's history and the differences between releases.
//!
//! Linking entries across releases: an entry's row key ([`super::features_yaml::Entry::key`])
//! when it has an id. Ids only appear from 1.12 on, so an entry without an id takes the key
//! of the first later entry with the same area and name that has one (areas compared after
//! folding `Ambient` into `Ambient mode`); failing that, `name:<area>/<name>`. Two entries of
//! one release never share a row: a second claim falls back to the name key.

use std::borrow::Cow;

use super::features_yaml::Release;
use crate::model::{slugify, Legend};
use crate::releases::{ReleaseEntry, ReleaseSet};

fn norm_area(area: &str) -> String {
    let a = area.trim();
    if a.eq_ignore_ascii_case("ambient") {
        "Ambient mode".to_owned()
    } else {
        a.to_owned()
    }
}

fn name_key(area: &str, name: &str) -> String {
    format!("name:{}/{}", slugify(&norm_area(area)), slugify(name))
}

/// Interns strings; index 0 is the empty string.
struct Strings(Vec<String>);

impl Strings {
    fn id(&mut self, s: &str) -> u16 {
        let i = self.0.iter().position(|x| x == s).unwrap_or_else(|| {
            self.0.push(s.to_owned());
            self.0.len() - 1
        });
        u16::try_from(i).expect("fewer than 65,536 distinct strings")
    }
}

/// Links `releases` (oldest first, as (label, release)) into one [`ReleaseSet`]. Entries
/// that cannot be shown (no name or no valid maturity, reported by the reader) are left out
/// of that release; a deprecated one is shown as Deprecated with its deprecation note.
pub fn build(releases: &[(String, Release)], legend: Legend, docs_base: &str, provenance: &str) -> ReleaseSet {
    let mut strings = Strings(vec![String::new()]);
    let mut row_keys: Vec<String> = Vec::new();
    let mut entries = Vec::new();
    let mut line_steps: Vec<u8> = Vec::new();
    let mut offsets = vec![0u32];
    // Per row: its (area, lower-case name) in the release before the one being read.
    let mut previous: Vec<Option<(String, String)>> = Vec::new();
    for (ri, (_, release)) in releases.iter().enumerate() {
        let valid: Vec<_> = release.entries.iter().filter(|e| e.phase().is_some()).collect();
        // Keys: the id, else the id of the first later entry with the same area and name.
        let mut keys: Vec<String> = Vec::new();
        for e in &valid {
            let bridged = if e.id.is_some() {
                e.key.clone()
            } else {
                let (area, name) = (norm_area(&e.area), e.name.to_lowercase());
                releases[ri + 1..]
                    .iter()
                    .flat_map(|(_, r)| r.entries.iter())
                    .find(|later| {
                        later.id.is_some() && norm_area(&later.area) == area && later.name.to_lowercase() == name
                    })
                    .map_or_else(|| name_key(&e.area, &e.name), |later| later.key.clone())
            };
            let key = if keys.contains(&bridged) { name_key(&e.area, &e.name) } else { bridged };
            let key = if keys.contains(&key) { format!("{key}@{}", e.line.unwrap_or(0)) } else { key };
            keys.push(key);
        }
        // Rows: first every key already known; then a new key takes over a row of the previous
        // release that nothing claimed here and that had the same area and name (the id was
        // renamed); otherwise it starts a new row.
        let mut assigned: Vec<Option<usize>> = keys.iter().map(|k| row_keys.iter().position(|r| r == k)).collect();
        for i in 0..valid.len() {
            if assigned[i].is_some() {
                continue;
            }
            let here = (norm_area(&valid[i].area), valid[i].name.to_lowercase());
            let renamed = (0..row_keys.len()).find(|&row| {
                previous.get(row).is_some_and(|p| p.as_ref() == Some(&here)) && !assigned.contains(&Some(row))
            });
            assigned[i] = Some(renamed.unwrap_or_else(|| {
                row_keys.push(keys[i].clone());
                row_keys.len() - 1
            }));
        }
        previous = vec![None; row_keys.len()];
        let mut last_line = 0;
        for (e, row) in valid.iter().zip(&assigned) {
            let line = e.line.unwrap_or(last_line);
            line_steps.push(u8::try_from(line.saturating_sub(last_line)).expect("entries fewer than 256 lines apart"));
            last_line = line;
            let row = row.expect("every entry has a row");
            previous[row] = Some((norm_area(&e.area), e.name.to_lowercase()));
            entries.push(ReleaseEntry {
                row: u16::try_from(row).expect("fewer than 65,536 features"),
                name: strings.id(&e.name),
                area: strings.id(&norm_area(&e.area)),
                link: e.link.as_deref().map_or(0, |l| strings.id(l)),
                note: e.shown_note().map_or(0, |n| strings.id(&n)),
                phase: e.phase().expect("filtered to entries that can be shown"),
            });
        }
        offsets.push(u32::try_from(entries.len()).expect("fewer than 2^32 entries"));
    }
    let row_keys = row_keys.iter().map(|k| strings.id(k)).collect::<Vec<_>>();
    ReleaseSet {
        labels: releases.iter().map(|(l, _)| Cow::Owned(l.clone())).collect::<Vec<_>>().into(),
        strings: strings.0.into_iter().map(Cow::Owned).collect::<Vec<_>>().into(),
        row_keys: row_keys.into(),
        entries: entries.into(),
        offsets: offsets.into(),
        line_steps: line_steps.into(),
        commits: Cow::Borrowed(&[]),
        dates: Cow::Borrowed(&[]),
        legend,
        docs_base: docs_base.to_owned().into(),
        provenance: provenance.to_owned().into(),
    }
}
