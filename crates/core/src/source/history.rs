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
/// whose maturity is invalid (reported by the reader) are left out of that release.
pub fn build(releases: &[(String, Release)], legend: Legend, docs_base: &str, provenance: &str) -> ReleaseSet {
    let mut strings = Strings(vec![String::new()]);
    let mut row_keys: Vec<String> = Vec::new();
    let mut entries = Vec::new();
    let mut offsets = vec![0u32];
    for (ri, (_, release)) in releases.iter().enumerate() {
        let mut used: Vec<String> = Vec::new();
        for e in &release.entries {
            let Some(phase) = e.maturity else { continue };
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
            let key = if used.contains(&bridged) { name_key(&e.area, &e.name) } else { bridged };
            let key = if used.contains(&key) { format!("{key}@{}", e.line.unwrap_or(0)) } else { key };
            used.push(key.clone());
            let row = row_keys.iter().position(|k| *k == key).unwrap_or_else(|| {
                row_keys.push(key.clone());
                row_keys.len() - 1
            });
            entries.push(ReleaseEntry {
                row: u16::try_from(row).expect("fewer than 65,536 features"),
                name: strings.id(&e.name),
                area: strings.id(&norm_area(&e.area)),
                link: e.link.as_deref().map_or(0, |l| strings.id(l)),
                note: e.note.as_deref().map_or(0, |n| strings.id(n)),
                phase,
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
        legend,
        docs_base: docs_base.to_owned().into(),
        provenance: provenance.to_owned().into(),
    }
}
