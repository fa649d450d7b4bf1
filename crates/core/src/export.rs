//! Export of exactly the visible rows, in display order: CSV (RFC 4180 quoting, checked
//! against `csv-core`), JSON (checked against serde_json) and a Markdown table for pasting
//! into issues; and of the changes view as an upgrade digest (`digest`, `render_digest`:
//! a Markdown checklist per group, CSV, JSON). Links are resolved against the docs
//! base, as in the widget.

use crate::i18n::{Messages, Msg};
use crate::links::resolve;
use crate::model::{Catalog, Phase};
use crate::query::View;
use crate::releases::ReleaseSet;
use crate::shown::{Changes, Shown};

/// One exported feature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRow<'a> {
    pub id: &'a str,
    pub feature: &'a str,
    pub category: &'a str,
    pub phase: &'static str,
    /// Absolute docs URL, empty when the feature has none.
    pub docs: String,
    pub note: &'a str,
}

/// The formats offered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Csv,
    Json,
    Markdown,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Csv, Format::Json, Format::Markdown];

    pub const fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::Markdown => "Markdown",
        }
    }

    pub const fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Markdown => "md",
        }
    }

    pub const fn mime(self) -> &'static str {
        match self {
            Format::Csv => "text/csv;charset=utf-8",
            Format::Json => "application/json;charset=utf-8",
            Format::Markdown => "text/markdown;charset=utf-8",
        }
    }
}

/// A file for the reader to download.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Download {
    pub file: String,
    pub mime: &'static str,
    pub text: String,
    /// Rows (features or changes) it holds.
    pub rows: usize,
}

/// What the widget exports in `format`: with `changes` (the changes view of a release), the
/// upgrade checklist of what that view shows, titled from the message files; otherwise
/// exactly the visible rows of `view` (`shown`'s catalog), named after its title.
pub fn download(
    shown: &Shown,
    changes: Option<&Changes>,
    view: &View,
    docs_base: &str,
    format: Format,
    m: &Messages,
) -> Download {
    let (title, text, count) = match (changes, shown.releases()) {
        (Some(ch), Some(set)) => {
            let rows = digest(set, ch, docs_base);
            let title =
                m.fill(Msg::export_digest_title, &[("from", set.label(ch.from)), ("release", set.label(ch.to))]);
            let text = render_digest(format, &title, &rows);
            (title, text, rows.len())
        }
        _ => {
            let rows = rows(shown.catalog(), view, docs_base);
            (shown.catalog().title.to_string(), render(format, &rows, m), rows.len())
        }
    };
    Download { file: file_name(&title, format), mime: format.mime(), text, rows: count }
}

/// A download file name from the catalog title: `feature-status-features.csv`.
pub fn file_name(title: &str, format: Format) -> String {
    let mut stem = String::new();
    for word in title.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        stem.push_str(&word.to_ascii_lowercase());
        stem.push('-');
    }
    format!("{stem}features.{}", format.extension())
}

impl<'a> ExportRow<'a> {
    fn cells(&self) -> [&str; 6] {
        [self.id, self.feature, self.category, self.phase, self.docs.as_str(), self.note]
    }
}

/// The visible rows of `view`, in display order.
pub fn rows<'a>(catalog: &'a Catalog, view: &View, docs_base: &str) -> Vec<ExportRow<'a>> {
    view.rows
        .iter()
        .map(|&i| {
            let f = &catalog.features[i];
            ExportRow {
                id: &f.id,
                feature: &f.name,
                category: &catalog.category(f).name,
                phase: f.phase.label(),
                docs: f.link.as_deref().and_then(|l| resolve(docs_base, l)).unwrap_or_default(),
                note: f.note.as_deref().unwrap_or(""),
            }
        })
        .collect()
}

/// Renders rows in a format.
pub fn render(format: Format, rows: &[ExportRow<'_>], m: &Messages) -> String {
    match format {
        Format::Csv => to_csv(rows),
        Format::Json => to_json(rows),
        Format::Markdown => to_markdown(rows, m),
    }
}

/// A CSV cell that a spreadsheet would not run as a formula: text starting with `=`, `+`,
/// `-`, `@`, a tab or a carriage return gets a leading `'` (OWASP's advice against "CSV
/// injection"; spreadsheets show the text, and the quote marks it as text).
fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// RFC 4180 CSV with a header row and CRLF line ends; every cell spreadsheet-safe
/// ([`spreadsheet_safe`]). A cell is quoted when it holds a comma, a quote or a line
/// break, with quotes doubled: the output of the `csv` crate's default writer (a test
/// checks it against `csv-core`), written by hand because that writer's code, with its
/// number parser, would be shipped in the wasm for these few lines.
pub fn to_csv(rows: &[ExportRow<'_>]) -> String {
    csv_table(
        ["id", "feature", "category", "phase", "docs", "note"],
        &rows.iter().map(ExportRow::cells).collect::<Vec<_>>(),
    )
}

/// A CSV table: the header, then one record per row, every cell spreadsheet-safe.
fn csv_table(header: [&str; 6], rows: &[[&str; 6]]) -> String {
    let mut out = String::new();
    csv_record(&mut out, header.map(std::borrow::Cow::Borrowed));
    for &cells in rows {
        csv_record(&mut out, cells.map(spreadsheet_safe));
    }
    out
}

/// Appends one record.
fn csv_record(out: &mut String, cells: [std::borrow::Cow<'_, str>; 6]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if cell.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push_str("\r\n");
}

/// A pretty-printed JSON array of objects (two-space indents, the layout of
/// `serde_json::to_string_pretty`). Written by hand: six string fields do not need a
/// serializer, and serde_json's would be shipped in the wasm for them alone.
pub fn to_json(rows: &[ExportRow<'_>]) -> String {
    json_table(
        ["id", "feature", "category", "phase", "docs", "note"],
        &rows.iter().map(ExportRow::cells).collect::<Vec<_>>(),
    )
}

/// A pretty-printed JSON array of objects with the keys `keys`, one per row.
fn json_table(keys: [&str; 6], rows: &[[&str; 6]]) -> String {
    let mut out = String::from("[");
    let mut empty = true;
    for &cells in rows {
        out.push_str(if empty { "\n  {" } else { ",\n  {" });
        empty = false;
        for (j, (name, value)) in keys.iter().zip(cells).enumerate() {
            out.push_str(if j == 0 { "\n    \"" } else { ",\n    \"" });
            out.push_str(name);
            out.push_str("\": ");
            json_string(value, &mut out);
        }
        out.push_str("\n  }");
    }
    if empty {
        return "[]".to_owned();
    }
    out.push_str("\n]");
    out
}

/// A JSON string literal: quotes, backslashes and control characters escaped as
/// serde_json does (short forms where JSON has them, `\u00XX` otherwise).
pub fn json_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                let n = u32::from(c) as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX[n >> 4]));
                out.push(char::from(HEX[n & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Escapes text for a Markdown table cell: pipes, backslashes, `&` (so `&amp;` stays
/// text, not an entity) and Markdown/HTML syntax characters are escaped; line breaks
/// become spaces.
fn md_cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\r' | '\n' => out.push(' '),
            '\\' | '|' | '`' | '*' | '_' | '~' | '@' | '[' | ']' | '<' | '>' | '#' | '&' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}

/// `[name](url)`, or the escaped name alone without a URL.
fn md_link(name: &str, url: &str) -> String {
    let name = md_cell(name);
    if url.is_empty() {
        return name;
    }
    // Parentheses and spaces would end the link early, a pipe would end a table cell.
    let url = url
        .replace('(', "%28")
        .replace(')', "%29")
        .replace(' ', "%20")
        .replace('|', "%7C")
        .replace('<', "%3C")
        .replace('>', "%3E");
    format!("[{name}]({url})")
}

/// One line of an upgrade digest: a feature that changed between two releases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestRow<'a> {
    /// Its group: `Promoted`, `Demoted`, `Deprecated`, `Added` or `Removed`.
    pub change: &'static str,
    /// The feature's id in features.yaml (its row key).
    pub id: &'a str,
    pub feature: &'a str,
    /// The phase before (empty for added features) and after (empty for removed ones).
    pub from: &'static str,
    pub to: &'static str,
    /// Absolute docs URL, empty when there is none.
    pub docs: String,
}

impl DigestRow<'_> {
    fn cells(&self) -> [&str; 6] {
        [self.change, self.id, self.feature, self.from, self.to, &self.docs]
    }
}

/// The changes the reader sees (`changes.matching`) as an upgrade checklist, grouped:
/// promoted, demoted, deprecated (demoted to Deprecated), added, removed; each with the docs
/// link of the release that lists it.
pub fn digest<'a>(set: &'a ReleaseSet, changes: &Changes, docs_base: &str) -> Vec<DigestRow<'a>> {
    let d = &changes.matching;
    let row = |change: &'static str, row: u16, r: usize, from: &'static str, to: &'static str| {
        let entry = set.release(r).iter().find(|e| e.row == row);
        DigestRow {
            change,
            id: set.string(set.row_keys[usize::from(row)]),
            feature: set.name(row, r),
            from,
            to,
            docs: entry.and_then(|e| resolve(docs_base, set.string(e.link))).unwrap_or_default(),
        }
    };
    let (a, b) = (changes.from, changes.to);
    let mut out: Vec<DigestRow> =
        d.promoted.iter().map(|&(r, x, y)| row("Promoted", r, b, x.label(), y.label())).collect();
    for deprecated in [false, true] {
        out.extend(
            d.demoted
                .iter()
                .filter(|&&(_, _, y)| (y == Phase::Deprecated) == deprecated)
                .map(|&(r, x, y)| row(if deprecated { "Deprecated" } else { "Demoted" }, r, b, x.label(), y.label())),
        );
    }
    let phase = |r: u16, at: usize| set.timeline(r)[at].map_or("", Phase::label);
    out.extend(d.added.iter().map(|&r| row("Added", r, b, "", phase(r, b))));
    out.extend(d.removed.iter().map(|&r| row("Removed", r, a, phase(r, a), "")));
    out
}

/// The digest in a format: Markdown as a checklist per group, CSV and JSON as a table with
/// the columns change, id, feature, from, to, docs.
pub fn render_digest(format: Format, title: &str, rows: &[DigestRow<'_>]) -> String {
    let keys = ["change", "id", "feature", "from", "to", "docs"];
    match format {
        Format::Csv => csv_table(keys, &rows.iter().map(DigestRow::cells).collect::<Vec<_>>()),
        Format::Json => json_table(keys, &rows.iter().map(DigestRow::cells).collect::<Vec<_>>()),
        Format::Markdown => {
            use std::fmt::Write;
            let mut out = format!("# {}\n", md_cell(title));
            let mut group = "";
            for r in rows {
                if r.change != group {
                    group = r.change;
                    let n = rows.iter().filter(|x| x.change == group).count();
                    let _ = write!(out, "\n## {group} ({n})\n\n");
                }
                let _ = write!(out, "- [ ] {} (`{}`): ", md_link(r.feature, &r.docs), r.id.replace('`', "'"));
                let _ = match (r.from, r.to) {
                    ("", to) => writeln!(out, "{to}"),
                    (from, "") => writeln!(out, "was {from}"),
                    (from, to) => writeln!(out, "{from} → {to}"),
                };
            }
            if rows.is_empty() {
                out.push_str("\nNothing changed.\n");
            }
            out
        }
    }
}

/// A GitHub-flavoured Markdown table, its column names in the language of `m` (CSV and JSON
/// keep their English keys, for tools); feature names link to their docs.
pub fn to_markdown(rows: &[ExportRow<'_>], m: &Messages) -> String {
    let mut out = String::from("|");
    for c in [Msg::column_feature, Msg::column_category, Msg::column_phase, Msg::column_note] {
        out.push(' ');
        out.push_str(&md_cell(m.get(c)));
        out.push_str(" |");
    }
    out.push_str("\n|---|---|---|---|\n");
    for r in rows {
        let feature = md_link(r.feature, &r.docs);
        out.push_str(&format!("| {feature} | {} | {} | {} |\n", md_cell(r.category), r.phase, md_cell(r.note)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(feature: &'a str, note: &'a str, docs: &str) -> ExportRow<'a> {
        ExportRow { id: "x-y", feature, category: "Core", phase: "Beta", docs: docs.to_owned(), note }
    }

    #[test]
    fn csv_cells_cannot_become_formulas() {
        let csv = to_csv(&[row("=HYPERLINK(\"x\")", "+1", "@SUM(A1)"), row("-2", "\tx", "\rcmd")]);
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines[1], "x-y,\"'=HYPERLINK(\"\"x\"\")\",Core,Beta,'@SUM(A1),'+1");
        assert_eq!(lines[2], "x-y,'-2,Core,Beta,\"'\rcmd\",'\tx");
        // Ordinary text is untouched.
        assert!(to_csv(&[row("Sidecar API", "a - b", "")]).contains("x-y,Sidecar API,Core,Beta,,a - b"));
    }

    #[test]
    fn markdown_keeps_pipes_in_links_and_entities_as_text() {
        let md = to_markdown(&[row("A &amp; B", "x &lt; y", "https://x.example/a|b?c=<d>")], &Messages::english());
        let line = md.lines().nth(2).unwrap();
        assert_eq!(line, "| [A \\&amp; B](https://x.example/a%7Cb?c=%3Cd%3E) | Core | Beta | x \\&lt; y |");
        assert_eq!(line.matches(" | ").count(), 3, "four cells");
    }

    /// What `csv-core`'s writer (the `csv` crate's default: CRLF, quote when necessary)
    /// makes of the same cells.
    fn csv_core_record(cells: &[&str]) -> String {
        let mut w = csv_core::WriterBuilder::new().terminator(csv_core::Terminator::CRLF).build();
        let mut out = Vec::new();
        let mut buf = [0u8; 64];
        for (i, field) in cells.iter().enumerate() {
            if i > 0 {
                let (_, n) = w.delimiter(&mut buf);
                out.extend_from_slice(&buf[..n]);
            }
            let mut input = field.as_bytes();
            loop {
                let (result, read, written) = w.field(input, &mut buf);
                out.extend_from_slice(&buf[..written]);
                input = &input[read..];
                if result == csv_core::WriteResult::InputEmpty {
                    break;
                }
            }
        }
        let (_, n) = w.terminator(&mut buf);
        out.extend_from_slice(&buf[..n]);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_is_what_csv_core_writes() {
        let nasty = [
            "",
            "plain",
            "a,b",
            "q\"q",
            "line\nbreak",
            "cr\rhere",
            " lead",
            "trail ",
            "é 流 🙂",
            "\"",
            ",",
            "#hash",
            "x\ty",
            "''",
        ];
        for a in nasty {
            for b in nasty {
                let cells = [a, b, "Core", "Beta", a, b];
                let mut ours = String::new();
                csv_record(&mut ours, cells.map(std::borrow::Cow::Borrowed));
                assert_eq!(ours, csv_core_record(&cells), "{cells:?}");
            }
        }
    }

    #[test]
    fn csv_quotes_per_rfc_4180() {
        let rows = [row("Plain", "", "https://a.example/x"), row("Comma, \"quoted\"", "line\nbreak", "")];
        assert_eq!(
            to_csv(&rows),
            "id,feature,category,phase,docs,note\r\n\
             x-y,Plain,Core,Beta,https://a.example/x,\r\n\
             x-y,\"Comma, \"\"quoted\"\"\",Core,Beta,,\"line\nbreak\"\r\n"
        );
        assert_eq!(to_csv(&[]), "id,feature,category,phase,docs,note\r\n");
    }

    #[test]
    fn csv_handles_fields_larger_than_the_buffer() {
        let long = "x\"y,".repeat(2000);
        let csv = to_csv(&[row(&long, "", "")]);
        let expected_field = format!("\"{}\"", long.replace('"', "\"\""));
        assert_eq!(csv.lines().nth(1).unwrap(), format!("x-y,{expected_field},Core,Beta,,"));
    }

    #[test]
    fn file_names_are_ascii_slugs() {
        assert_eq!(file_name("Feature Status", Format::Csv), "feature-status-features.csv");
        assert_eq!(file_name("Ünïcode Ω!", Format::Markdown), "n-code-features.md");
        assert_eq!(file_name("???", Format::Json), "features.json");
    }

    #[test]
    fn json_is_an_array_of_objects() {
        let json = to_json(&[row("A \"q\" <b>", "n", "")]);
        assert!(json.starts_with("[\n  {\n    \"id\": \"x-y\",\n    \"feature\": \"A \\\"q\\\" <b>\","), "{json}");
        assert_eq!(to_json(&[]), "[]");
    }

    #[test]
    fn json_is_what_serde_json_writes() {
        let nasty = "q\"b\\s/\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f} é 流 🙂 </script>";
        let rows = [row(nasty, nasty, "https://x.example/a?b=\"c\""), row("B", "", "")];
        #[derive(serde::Serialize)]
        struct Same<'a> {
            id: &'a str,
            feature: &'a str,
            category: &'a str,
            phase: &'a str,
            docs: &'a str,
            note: &'a str,
        }
        let expected: Vec<Same<'_>> = rows
            .iter()
            .map(|r| Same {
                id: r.id,
                feature: r.feature,
                category: r.category,
                phase: r.phase,
                docs: &r.docs,
                note: r.note,
            })
            .collect();
        assert_eq!(to_json(&rows), serde_json::to_string_pretty(&expected).unwrap());
        let back: serde_json::Value = serde_json::from_str(&to_json(&rows)).unwrap();
        assert_eq!(back[0]["feature"], nasty);
    }

    #[test]
    fn markdown_escapes_cells_and_links() {
        let md = to_markdown(
            &[row("Pipes | and \\ slashes", "a\nb *c*", "https://a.example/x_(y)"), row("<script>", "", "")],
            &Messages::english(),
        );
        let lines: Vec<&str> = md.lines().collect();
        assert_eq!(lines[0], "| Feature | Category | Phase | Note |");
        assert_eq!(
            lines[2],
            "| [Pipes \\| and \\\\ slashes](https://a.example/x_%28y%29) | Core | Beta | a b \\*c\\* |"
        );
        assert_eq!(lines[3], "| \\<script\\> | Core | Beta |  |");
        // Strike-through, mentions and references stay text.
        let md = to_markdown(&[row("~~old~~ @user #123", "", "")], &Messages::english());
        assert_eq!(md.lines().nth(2), Some("| \\~\\~old\\~\\~ \\@user \\#123 | Core | Beta |  |"));
    }

    #[cfg(feature = "source")]
    #[test]
    fn markdown_column_names_speak_the_widgets_language() {
        let uk = Messages::built_in("uk").unwrap();
        let md = to_markdown(&[row("Tunnels", "", "")], &uk);
        assert_eq!(md.lines().next(), Some("| Функція | Категорія | Фаза | Примітка |"));
        // CSV and JSON keep their English keys, for tools.
        assert!(to_csv(&[row("Tunnels", "", "")]).starts_with("id,feature,category,phase,docs,note\r\n"));
    }
}
