//! Feature history across Istio releases, from the per-release `features.yaml` files
//! ([`super::features_yaml`]): each feature's maturity in every release, when it reached its
//! current phase ("since"), and what changed between two releases.
//!
//! Linking entries across releases: an entry's row key ([`super::features_yaml::Entry::key`])
//! when it has an id. Ids only appear from 1.12 on, so an entry without an id takes the key
//! of the first later entry with the same area and name that has one (areas compared after
//! folding `Ambient` into `Ambient mode`); failing that, `name:<area>/<name>`. Two entries of
//! one release never share a row: a second claim falls back to the name key.

use super::features_yaml::{Maturity, Release};
use crate::model::slugify;

/// One feature's row in the history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub key: String,
    /// Name and area as last seen.
    pub name: String,
    pub area: String,
    /// Per release: its maturity there, or `None` when absent (or its maturity invalid).
    pub phases: Vec<Option<Maturity>>,
    /// Per release: whether the feature is listed there at all.
    pub present: Vec<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct History {
    pub releases: Vec<String>,
    pub rows: Vec<Row>,
}

/// What changed from one release to another (row indices).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    pub added: Vec<usize>,
    pub removed: Vec<usize>,
    /// (row, from, to)
    pub promoted: Vec<(usize, Maturity, Maturity)>,
    pub demoted: Vec<(usize, Maturity, Maturity)>,
}

/// Maturity rank for promotion and demotion: Deprecated is the end of the line.
fn rank(m: Maturity) -> u8 {
    match m {
        Maturity::Deprecated => 0,
        Maturity::Experimental => 1,
        Maturity::Alpha => 2,
        Maturity::Beta => 3,
        Maturity::Stable => 4,
    }
}

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

impl History {
    /// Builds the history of `releases`, given oldest first as (label, release).
    pub fn build(releases: &[(String, Release)]) -> History {
        let mut h = History { releases: releases.iter().map(|(l, _)| l.clone()).collect(), rows: Vec::new() };
        let n = releases.len();
        for (ri, (_, release)) in releases.iter().enumerate() {
            let mut used: Vec<String> = Vec::new();
            for e in &release.entries {
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
                let row = match h.rows.iter().position(|r| r.key == key) {
                    Some(i) => i,
                    None => {
                        h.rows.push(Row {
                            key: key.clone(),
                            name: String::new(),
                            area: String::new(),
                            phases: vec![None; n],
                            present: vec![false; n],
                        });
                        h.rows.len() - 1
                    }
                };
                let r = &mut h.rows[row];
                r.name.clone_from(&e.name);
                r.area = norm_area(&e.area);
                r.phases[ri] = e.maturity;
                r.present[ri] = true;
            }
        }
        h
    }

    /// Index of a release by label.
    pub fn release(&self, label: &str) -> Option<usize> {
        self.releases.iter().position(|l| l == label)
    }

    /// Index of the row with this key.
    pub fn row(&self, key: &str) -> Option<usize> {
        self.rows.iter().position(|r| r.key == key)
    }

    /// The first release of the unbroken run, ending at `release`, in which the feature has
    /// its maturity of `release`: when it reached its current phase.
    pub fn since(&self, row: usize, release: usize) -> Option<usize> {
        let phases = &self.rows.get(row)?.phases;
        let current = (*phases.get(release)?)?;
        let mut first = release;
        while first > 0 && phases[first - 1] == Some(current) {
            first -= 1;
        }
        Some(first)
    }

    /// What changed from release `a` to release `b`.
    pub fn diff(&self, a: usize, b: usize) -> Diff {
        let mut d = Diff::default();
        for (i, r) in self.rows.iter().enumerate() {
            match (r.present[a], r.present[b]) {
                (false, true) => d.added.push(i),
                (true, false) => d.removed.push(i),
                (true, true) => {
                    if let (Some(x), Some(y)) = (r.phases[a], r.phases[b]) {
                        if rank(y) > rank(x) {
                            d.promoted.push((i, x, y));
                        } else if rank(y) < rank(x) {
                            d.demoted.push((i, x, y));
                        }
                    }
                }
                (false, false) => {}
            }
        }
        d
    }
}
