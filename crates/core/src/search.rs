//! Text search: turning the search box's text into terms, matching them against a
//! feature's searchable fields, and finding the matched ranges to highlight.
//!
//! Matching is case- and accent-insensitive: text is lower-cased, combining marks are
//! dropped and precomposed letters fold to their base letter (`é` → `e`, `Ł` → `l`). The
//! search text is split on whitespace; every term must occur in at least one field. A
//! term may also match through a small alias table of common shorthand (`mtls` → `mutual
//! tls`, `k8s` → `kubernetes`). Highlight ranges are byte ranges into the original text
//! and always fall on `char` boundaries.

use std::ops::Range;

mod table {
    include!(concat!(env!("OUT_DIR"), "/fold_table.rs"));
}

/// Letters with no canonical decomposition that readers still type without the stroke.
const EXTRA_FOLDS: [(char, &str); 9] =
    [('ß', "ss"), ('æ', "ae"), ('ð', "d"), ('ø', "o"), ('þ', "th"), ('đ', "d"), ('ħ', "h"), ('ı', "i"), ('ł', "l")];

/// Shorthand readers type, and the words the catalog uses for it.
pub const ALIASES: [(&str, &str); 8] = [
    ("authn", "authentication"),
    ("authz", "authorization"),
    ("k8s", "kubernetes"),
    ("mtls", "mutual tls"),
    ("vm", "virtual machine"),
    ("vms", "virtual machine"),
    ("wasm", "webassembly"),
    ("otel", "opentelemetry"),
];

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Folds one char, feeding the folded chars (zero or more) to `out`.
fn fold_char(c: char, mut out: impl FnMut(char)) {
    for lc in c.to_lowercase() {
        if is_combining_mark(lc) {
            continue;
        }
        if let Ok(i) = table::FOLD.binary_search_by_key(&lc, |&(k, _)| k) {
            out(table::FOLD[i].1);
        } else if let Ok(i) = EXTRA_FOLDS.binary_search_by_key(&lc, |&(k, _)| k) {
            EXTRA_FOLDS[i].1.chars().for_each(&mut out);
        } else {
            out(lc);
        }
    }
}

/// Case- and accent-folds text for matching.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folded form of `s` to `out` (see [`fold`]).
pub fn fold_into(s: &str, out: &mut String) {
    for c in s.chars() {
        if c.is_ascii() {
            // ASCII folds to its lower case (checked against the full rule in the tests).
            out.push(c.to_ascii_lowercase());
        } else {
            fold_char(c, |f| out.push(f));
        }
    }
}

/// One search term: the folded word and what else it may match (its alias expansion).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    /// The folded term first, then alias expansions.
    pub alternatives: Vec<String>,
}

impl Term {
    fn new(word: &str) -> Self {
        let folded = fold(word);
        let mut alternatives = vec![folded.clone()];
        alternatives.extend(ALIASES.iter().filter(|(k, _)| *k == folded).map(|(_, v)| (*v).to_owned()));
        Term { alternatives }
    }

    /// True when the term, or one of its expansions, occurs in the folded `field`.
    pub fn found_in(&self, field: &str) -> bool {
        self.alternatives.iter().any(|a| !a.is_empty() && field.contains(a.as_str()))
    }
}

/// Splits search text into terms; empty text gives no terms (everything matches).
pub fn terms(text: &str) -> Vec<Term> {
    let mut words: Vec<&str> = text.split_whitespace().collect();
    words.sort_unstable();
    words.dedup();
    let mut out: Vec<Term> = words.into_iter().map(Term::new).filter(|t| !t.alternatives[0].is_empty()).collect();
    out.dedup();
    out
}

/// True when every term occurs in at least one of the (already folded) fields.
pub fn matches<S: AsRef<str>>(fields: &[S], terms: &[Term]) -> bool {
    terms.iter().all(|t| fields.iter().any(|f| t.found_in(f.as_ref())))
}

/// A run of text, matched (to highlight) or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub matched: bool,
}

/// Byte ranges of `text` where any term matches, merged and sorted.
pub fn match_ranges(text: &str, terms: &[Term]) -> Vec<Range<usize>> {
    if terms.is_empty() || text.is_empty() {
        return Vec::new();
    }
    // Folded text, and for each folded byte the source char's byte range.
    let mut folded = String::with_capacity(text.len());
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    for (start, c) in text.char_indices() {
        let end = start + c.len_utf8();
        fold_char(c, |f| {
            folded.push(f);
            spans.extend(std::iter::repeat_n((start, end), f.len_utf8()));
        });
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for term in terms.iter().flat_map(|t| t.alternatives.iter()).filter(|t| !t.is_empty()) {
        let mut from = 0;
        while let Some(pos) = folded[from..].find(term.as_str()) {
            let s = from + pos;
            let e = s + term.len();
            // Keep combining marks that follow the match with their base letter.
            let mut end = spans[e - 1].1;
            while let Some(c) = text[end..].chars().next().filter(|&c| is_combining_mark(c)) {
                end += c.len_utf8();
            }
            ranges.push(spans[s].0..end);
            // Continue after the first char of this match so overlapping matches count.
            from = s + folded[s..].chars().next().map_or(1, char::len_utf8);
        }
    }
    let mut order: Vec<usize> = (0..ranges.len()).collect();
    crate::set::stable_sort(&mut order, &mut |&a, &b| {
        (ranges[a].start, ranges[a].end).cmp(&(ranges[b].start, ranges[b].end))
    });
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in order.into_iter().map(|i| ranges[i].clone()) {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Splits `text` into matched and unmatched segments for rendering.
pub fn segments<'a>(text: &'a str, terms: &[Term]) -> Vec<Segment<'a>> {
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

    #[test]
    fn ascii_fast_path_agrees_with_the_full_fold() {
        for b in 0u8..=127 {
            let c = char::from(b);
            let mut full = String::new();
            fold_char(c, |f| full.push(f));
            assert_eq!(fold(&c.to_string()), full, "{c:?}");
        }
    }

    fn marked(text: &str, q: &str) -> String {
        segments(text, &terms(q))
            .iter()
            .map(|s| if s.matched { format!("[{}]", s.text) } else { s.text.to_owned() })
            .collect()
    }

    fn words(ts: &[Term]) -> Vec<&str> {
        ts.iter().map(|t| t.alternatives[0].as_str()).collect()
    }

    #[test]
    fn terms_split_fold_and_dedup() {
        assert_eq!(words(&terms("  DNS   proxy dns Dns ")), ["dns", "proxy"]);
        assert!(terms("   ").is_empty());
        assert!(terms("\u{301}").is_empty(), "a lone combining mark is no term");
    }

    #[test]
    fn folding_drops_case_and_accents() {
        assert_eq!(fold("Crème Brûlée"), "creme brulee");
        assert_eq!(fold("ÉTÉ"), "ete");
        assert_eq!(fold("e\u{301}te\u{301}"), "ete", "combining marks typed separately");
        assert_eq!(fold("Łódź Straße Ærø"), "lodz strasse aero");
        assert_eq!(fold("Ἀθῆναι"), "αθηναι");
        assert_eq!(fold("Йогурт"), "иогурт");
        assert_eq!(fold("日本語"), "日本語");
    }

    #[test]
    fn fold_table_agrees_with_unicode_normalization() {
        use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
        for &(c, base) in table::FOLD.iter() {
            let mut want = String::new();
            decompose_canonical(c, |d| {
                if canonical_combining_class(d) == 0 {
                    want.push(d);
                }
            });
            assert_eq!(want, base.to_string(), "{c:?}");
        }
        assert!(table::FOLD.windows(2).all(|w| w[0].0 < w[1].0), "sorted for binary search");
        assert!(EXTRA_FOLDS.windows(2).all(|w| w[0].0 < w[1].0), "sorted for binary search");
        assert!(table::FOLD.len() > 500);
    }

    #[test]
    fn aliases_expand_shorthand() {
        let fields = [fold("Service-to-service mutual TLS")];
        assert!(matches(&fields, &terms("mtls")));
        assert!(matches(&fields, &terms("MTLS service")));
        assert!(matches(&[fold("Kubernetes: Istio Control Plane Upgrade")], &terms("k8s upgrade")));
        assert!(matches(&[fold("Virtual Machine Integration")], &terms("VM")));
        assert!(matches(&[fold("VM: Service Credential Distribution")], &terms("vm")));
        assert!(matches(&[fold("WebAssembly Extension")], &terms("wasm")));
        assert!(matches(&[fold("Authorization")], &terms("authz")));
        assert!(matches(&[fold("End User (JWT) Authentication")], &terms("authn")));
        assert!(!matches(&[fold("Authorization")], &terms("authn")));
        assert_eq!(marked("Service-to-service mutual TLS", "mtls"), "Service-to-service [mutual TLS]");
    }

    #[test]
    fn all_terms_must_match_some_field() {
        let fields = [fold("DNS Proxying"), fold("Traffic management")];
        assert!(matches(&fields, &terms("prôxying")));
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
        assert_eq!(marked("Ünïcödé ÜBER", "unicode"), "[Ünïcödé] ÜBER");
        assert_eq!(marked("Straße", "strasse"), "[Straße]");
        assert_eq!(marked("Straße", "ss"), "Stra[ß]e");
        assert_eq!(marked("Cafe\u{301} Wasm", "café"), "[Cafe\u{301}] Wasm");
        assert_eq!(marked("日本語のテキスト", "テキ"), "日本語の[テキ]スト");
    }
}
