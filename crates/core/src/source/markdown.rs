//! Reads a feature-status page written in Markdown (the format of Istio's
//! `feature-stages.md`) with pulldown-cmark:
//!
//! - optional YAML front matter gives `title` and `description`;
//! - a table whose first header cell is empty is the phase-definitions legend: the other
//!   header cells name the phases, each row is an aspect (`**Purpose**`, ...);
//! - a table whose header starts `Feature | Phase` lists the features of the category
//!   named by the nearest heading above it. A link in the name cell is the docs link; text
//!   after the phase word in the phase cell ("Alpha. Dual-stack … not supported.") is the
//!   feature's note, as is an optional `Notes` column.
//!
//! Anything else (prose, shortcodes) is ignored; any other table is an error. Nothing is
//! checked here beyond structure: [`crate::validate`] checks the values.

use pulldown_cmark::{Event, MetadataBlockKind, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

use super::SourceInfo;
use crate::model::Inline;
use crate::validate::{Diagnostic, EntryName, Problem, RawAspect, RawCatalog, RawCategory, RawFeature, RawLegend};

#[derive(Deserialize, Default)]
struct FrontMatter {
    title: Option<String>,
    description: Option<String>,
}

/// One table as read: header cells and body rows, each cell as inline runs.
struct Table {
    line: u32,
    header: Vec<Vec<Inline>>,
    rows: Vec<(u32, Vec<Vec<Inline>>)>,
}

/// Parses the page into raw data; structural problems come back as diagnostics.
pub fn parse(info: &SourceInfo, text: &str) -> Result<RawCatalog, Vec<Diagnostic>> {
    let lines = LineIndex::new(text);
    let mut diags = Vec::new();
    let mut raw = RawCatalog {
        file: info.file.clone(),
        docs_base: info.docs_base.clone(),
        provenance: info.provenance.clone(),
        ..RawCatalog::default()
    };
    let diag = |line: Option<u32>, entry: &str, field: &'static str, msg: String| Diagnostic {
        file: info.file.clone(),
        line,
        entry: EntryName::Path(entry.to_owned()),
        field: field.into(),
        problem: Problem::Structure(msg),
    };

    let opts = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut heading: Option<(u32, String)> = None;
    let mut in_heading = false;
    let mut in_metadata = false;
    let mut table: Option<Table> = None;
    let mut row: Option<(u32, Vec<Vec<Inline>>)> = None;
    let mut cell: Option<Vec<Inline>> = None;
    let mut link: Option<(String, String)> = None;

    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        let line = lines.line(range.start);
        match event {
            Event::Start(Tag::MetadataBlock(MetadataBlockKind::YamlStyle)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Text(t) if in_metadata => match serde_saphyr::from_str::<FrontMatter>(&t) {
                Ok(fm) => {
                    raw.title = fm.title.unwrap_or_default();
                    raw.description = fm.description.unwrap_or_default();
                }
                Err(e) => diags.push(diag(Some(line), "front matter", "yaml", format!("invalid YAML: {e}"))),
            },
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading = Some((line, String::new()));
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Start(Tag::Table(_)) => table = Some(Table { line, header: Vec::new(), rows: Vec::new() }),
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => row = Some((line, Vec::new())),
            Event::End(TagEnd::TableHead) => {
                if let (Some(t), Some((_, cells))) = (table.as_mut(), row.take()) {
                    t.header = cells;
                }
            }
            Event::End(TagEnd::TableRow) => {
                if let (Some(t), Some(r)) = (table.as_mut(), row.take()) {
                    t.rows.push(r);
                }
            }
            Event::Start(Tag::TableCell) => cell = Some(Vec::new()),
            Event::End(TagEnd::TableCell) => {
                if let (Some((_, cells)), Some(c)) = (row.as_mut(), cell.take()) {
                    cells.push(normalize(c));
                }
            }
            Event::End(TagEnd::Table) => {
                if let Some(t) = table.take() {
                    take_table(t, heading.as_ref(), &mut raw, &mut diags, &diag);
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => link = Some((dest_url.to_string(), String::new())),
            Event::End(TagEnd::Link) => {
                if let (Some((href, text)), Some(c)) = (link.take(), cell.as_mut()) {
                    c.push(Inline::Link { text: text.into(), href: href.into() });
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                if in_heading {
                    if let Some((_, h)) = heading.as_mut() {
                        h.push_str(&t);
                    }
                } else if let Some((_, text)) = link.as_mut() {
                    text.push_str(&t);
                } else if let Some(c) = cell.as_mut() {
                    c.push(Inline::Text(t.to_string().into()));
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text)) = link.as_mut() {
                    text.push(' ');
                } else if let Some(c) = cell.as_mut() {
                    c.push(Inline::Text(" ".into()));
                }
            }
            _ => {}
        }
    }
    if diags.is_empty() {
        Ok(raw)
    } else {
        Err(diags)
    }
}

/// Merges adjacent text runs and collapses whitespace; drops empty runs.
fn normalize(cell: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for inline in cell {
        match (out.last_mut(), inline) {
            (Some(Inline::Text(prev)), Inline::Text(t)) => prev.to_mut().push_str(&t),
            (_, other) => out.push(other),
        }
    }
    let n = out.len();
    out.into_iter()
        .enumerate()
        .filter_map(|(i, inline)| match inline {
            Inline::Text(t) => {
                let mut s = collapse(&t);
                if i == 0 {
                    s = s.trim_start().to_owned();
                }
                if i + 1 == n {
                    s = s.trim_end().to_owned();
                }
                (!s.is_empty()).then(|| Inline::Text(s.into()))
            }
            Inline::Link { text, href } => Some(Inline::Link { text: collapse(&text).trim().to_owned().into(), href }),
        })
        .collect()
}

/// Collapses runs of whitespace into one space, keeping a leading/trailing one.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

fn plain(cell: &[Inline]) -> String {
    let text: String = cell
        .iter()
        .map(|i| match i {
            Inline::Text(t) | Inline::Link { text: t, .. } => t.as_ref(),
        })
        .collect();
    collapse(&text).trim().to_owned()
}

/// Builds a structural diagnostic from (line, entry, field, message).
type MakeDiag<'a> = &'a dyn Fn(Option<u32>, &str, &'static str, String) -> Diagnostic;

fn take_table(
    t: Table,
    heading: Option<&(u32, String)>,
    raw: &mut RawCatalog,
    diags: &mut Vec<Diagnostic>,
    diag: MakeDiag<'_>,
) {
    let header: Vec<String> = t.header.iter().map(|c| plain(c).to_lowercase()).collect();
    // A definitions table: empty (or "Row") first header cell, phases after it.
    if header.first().is_some_and(|h| h.is_empty() || h == "row") && header.len() > 1 {
        if raw.legend.is_some() {
            diags.push(diag(Some(t.line), "phase definitions", "table", "a second phase-definitions table".into()));
            return;
        }
        let phases = t.header[1..].iter().map(|c| plain(c)).collect();
        let aspects = t
            .rows
            .into_iter()
            .map(|(line, mut cells)| {
                let name = if cells.is_empty() { String::new() } else { plain(&cells.remove(0)) };
                RawAspect { line: Some(line), name, cells }
            })
            .collect();
        raw.legend = Some(RawLegend { line: Some(t.line), phases, aspects });
        return;
    }
    let col = |names: &[&str]| header.iter().position(|h| names.contains(&h.as_str()));
    let (Some(0), Some(phase_col)) = (col(&["feature", "features"]), col(&["phase", "status"])) else {
        diags.push(diag(
            Some(t.line),
            &format!("table with header {:?}", header.join(" | ")),
            "header",
            "not a phase-definitions table (empty first header cell) nor a feature table (Feature | Phase)".into(),
        ));
        return;
    };
    let notes_col = col(&["note", "notes"]);
    let Some((heading_line, name)) = heading else {
        diags.push(diag(
            Some(t.line),
            "feature table",
            "category",
            "no heading above the table names its category".into(),
        ));
        return;
    };
    let features = t
        .rows
        .into_iter()
        .map(|(line, cells)| {
            let empty = Vec::new();
            let name_cell = cells.first().unwrap_or(&empty);
            let mut hrefs = name_cell.iter().filter_map(|i| match i {
                Inline::Link { href, .. } => Some(href.to_string()),
                Inline::Text(_) => None,
            });
            let link = hrefs.next();
            let extra_links = hrefs.collect();
            let (phase, mut note) = split_phase(&plain(cells.get(phase_col).unwrap_or(&empty)));
            if let Some(extra) = notes_col.and_then(|c| cells.get(c)).map(|c| plain(c)).filter(|n| !n.is_empty()) {
                note = Some(match note {
                    Some(n) => format!("{n} {extra}"),
                    None => extra,
                });
            }
            RawFeature { line: Some(line), id: None, name: plain(name_cell), phase, link, note, extra_links }
        })
        .collect();
    raw.categories.push(RawCategory { line: Some(*heading_line), name: name.trim().to_owned(), features });
}

/// Splits a phase cell into the phase word and a trailing note:
/// `"Alpha. Dual-stack is not supported."` -> `("Alpha", Some("Dual-stack is not supported."))`.
fn split_phase(cell: &str) -> (String, Option<String>) {
    let end = cell.find(|c: char| !c.is_alphanumeric()).unwrap_or(cell.len());
    let (word, rest) = cell.split_at(end);
    let note = rest.trim_start_matches(|c: char| c.is_whitespace() || ".,;:-–—".contains(c)).trim();
    (word.to_owned(), (!note.is_empty()).then(|| note.to_owned()))
}

/// Maps byte offsets to 1-based line numbers.
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> Self {
        LineIndex(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    fn line(&self, offset: usize) -> u32 {
        let idx = self.0.partition_point(|&start| start <= offset);
        u32::try_from(idx).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_phase_cell() {
        assert_eq!(
            split_phase("Alpha. Dual-stack IPv4 and IPv6 is not supported."),
            ("Alpha".into(), Some("Dual-stack IPv4 and IPv6 is not supported.".into()))
        );
        assert_eq!(split_phase("Stable"), ("Stable".into(), None));
        assert_eq!(split_phase("Beta - behind a flag"), ("Beta".into(), Some("behind a flag".into())));
        assert_eq!(split_phase(""), (String::new(), None));
    }

    #[test]
    fn line_index() {
        let li = LineIndex::new("a\nbc\n\nd");
        assert_eq!([li.line(0), li.line(2), li.line(3), li.line(5), li.line(6)], [1, 2, 2, 3, 4]);
    }

    #[test]
    fn whitespace_is_collapsed_in_cells() {
        let cell = vec![Inline::Text("  Service   to ".into()), Inline::Text(" service\n".into())];
        assert_eq!(normalize(cell), [Inline::Text("Service to service".into())]);
    }
}
