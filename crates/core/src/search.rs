//! Text search: turning the search box's text into terms, matching them against a
//! feature's searchable fields, and finding the matched ranges to highlight.
//!
//! Matching is case-insensitive (Unicode lower-casing). The text is split on whitespace;
//! every term must occur in at least one field. Highlight ranges are byte ranges into the
//! original (unfolded) text and always fall on `char` boundaries.

use std::ops::Range;

/// Case-folds text for matching.
pub fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// Splits search text into folded terms; empty text gives no terms (everything matches).
pub fn terms(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text.split_whitespace().map(fold).collect();
    out.sort();
    out.dedup();
    out
}

/// True when every term occurs in at least one of the (already folded) fields.
pub fn matches<S: AsRef<str>>(fields: &[S], terms: &[String]) -> bool {
    terms.iter().all(|t| fields.iter().any(|f| f.as_ref().contains(t.as_str())))
}

/// A run of text, matched (to highlight) or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub matched: bool,
}

/// Byte ranges of `text` where any term matches, merged and sorted.
pub fn match_ranges(text: &str, terms: &[String]) -> Vec<Range<usize>> {
    if terms.is_empty() || text.is_empty() {
        return Vec::new();
    }
    // Folded text, and for each folded byte the source char's byte range.
    let mut folded = String::with_capacity(text.len());
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        for lc in c.to_lowercase() {
            folded.push(lc);
            spans.extend(std::iter::repeat_n((start, end), lc.len_utf8()));
        }
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for term in terms.iter().filter(|t| !t.is_empty()) {
        let mut from = 0;
        while let Some(pos) = folded[from..].find(term.as_str()) {
            let s = from + pos;
            let e = s + term.len();
            ranges.push(spans[s].0..spans[e - 1].1);
            // Continue after the first char of this match so overlapping matches count.
            from = s + folded[s..].chars().next().map_or(1, char::len_utf8);
        }
    }
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Splits `text` into matched and unmatched segments for rendering.
pub fn segments<'a>(text: &'a str, terms: &[String]) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in match_ranges(text, terms) {
        if r.start > at {
            out.push(Segment { text: &text[at..r.start], matched: false });
        }
        out.push(Segment { text: &text[r.clone()], matched: true });
        at = r.end;
    }
    if at < text.len() || out.is_empty() {
        out.push(Segment { text: &text[at..], matched: false });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(text: &str, q: &str) -> String {
        segments(text, &terms(q))
            .iter()
            .map(|s| if s.matched { format!("[{}]", s.text) } else { s.text.to_owned() })
            .collect()
    }

    #[test]
    fn terms_split_fold_and_dedup() {
        assert_eq!(terms("  DNS   proxy dns "), ["dns", "proxy"]);
        assert!(terms("   ").is_empty());
    }

    #[test]
    fn all_terms_must_match_some_field() {
        let fields = [fold("DNS Proxying"), fold("Traffic management")];
        assert!(matches(&fields, &terms("dns")));
        assert!(matches(&fields, &terms("DNS traffic")));
        assert!(!matches(&fields, &terms("dns observability")));
        assert!(matches(&fields, &[]));
    }

    #[test]
    fn highlight_is_case_insensitive_and_merges_overlaps() {
        assert_eq!(marked("DNS Proxying", "dns"), "[DNS] Proxying");
        assert_eq!(marked("Service-to-service mutual TLS", "service"), "[Service]-to-[service] mutual TLS");
        assert_eq!(marked("abcabc", "abc bca"), "[abcabc]");
        assert_eq!(marked("aaa", "aa"), "[aaa]");
        assert_eq!(marked("nothing here", "zzz"), "nothing here");
        assert_eq!(marked("", "x"), "");
    }

    #[test]
    fn highlight_keeps_char_boundaries_when_folding_changes_lengths() {
        // 'İ' lower-cases to two chars ("i̇"), changing byte lengths.
        assert_eq!(marked("İstanbul mesh", "mesh"), "İstanbul [mesh]");
        assert_eq!(marked("İstanbul", "i"), "[İ]stanbul");
        assert_eq!(marked("Ünïcödé ÜBER", "über"), "Ünïcödé [ÜBER]");
        assert_eq!(marked("日本語のテキスト", "テキ"), "日本語の[テキ]スト");
    }
}
