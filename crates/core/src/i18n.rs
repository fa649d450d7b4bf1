//! The interface's languages: messages (from `i18n/<lang>.toml`, see `build/messages.rs`),
//! plural forms, numbers, lists, and a catalog's translatable text (category names, the
//! phase-definitions legend, the title) for a language.
//!
//! English is compiled in (`EN_TEXT`). Another language reaches the widget as one string in
//! the same format (its file `i18n/<lang>.js` registers it), which [`Language::parse`] reads: a
//! table of another length is refused and the widget stays in English.

use std::borrow::Cow;
use std::rc::Rc;

use crate::model::{Catalog, Legend, Phase, Text};
pub use crate::plural;

include!(concat!(env!("OUT_DIR"), "/messages.rs"));

/// One language's messages: static text (English is compiled in; a language file's text is
/// kept for the page's life), so the view takes a message without copying it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Messages {
    lang: &'static str,
    /// Its plural rule ([`plural::rule`]).
    rule: u8,
    text: Vec<&'static str>,
}

/// The language tag's primary subtag, lower case: `zh-Hans-CN` → `zh`, `EN_us` → `en`.
pub fn primary(tag: &str) -> String {
    let tag = tag.trim();
    // Bytes, not a `find` with a set of chars: that instantiates a char searcher.
    let end = tag.bytes().position(|b| b == b'-' || b == b'_').unwrap_or(tag.len());
    tag[..end].to_ascii_lowercase()
}

/// The one number formatter: `n` with its digits in groups of three separated by `sep`
/// when it has at least `min` digits (`1,234`, `12 345`).
pub fn group_digits(n: usize, sep: &str, min: usize) -> String {
    let digits = n.to_string();
    if digits.len() < min {
        return digits;
    }
    let mut out = String::new();
    for (i, d) in digits.bytes().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(char::from(d));
    }
    out
}

/// A problem or note for readers or hosts, typed where it is raised and worded by the
/// message files when it is shown: in the widget's language in its error box and console
/// lines, in English (its `Display`, [`english_display`]) for the build's tools and tests.
pub trait Say {
    fn say(&self, m: &Messages) -> String;
}

/// `Display` in English for types that [`Say`] what they are.
#[macro_export]
macro_rules! english_display {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&$crate::i18n::Say::say(self, &$crate::i18n::Messages::english()))
            }
        }
    )*};
}

/// `text` quoted as [`Quoted`] writes it, for a message's placeholder.
pub fn quote(text: &str) -> String {
    Quoted(text).to_string()
}

/// A text in double quotes with its quotes, backslashes and control characters escaped, as
/// `{:?}` writes a `str`. Shipped messages quote with this: the wasm is built with
/// `-Zfmt-debug=none`, where `{:?}` writes nothing.
pub struct Quoted<'a>(pub &'a str);

impl std::fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use std::fmt::Write;
        f.write_char('"')?;
        for c in self.0.chars() {
            // `str`'s Debug leaves single quotes alone; `char::escape_debug` does not.
            if c == '\'' {
                f.write_char(c)?;
            } else {
                for e in c.escape_debug() {
                    f.write_char(e)?;
                }
            }
        }
        f.write_char('"')
    }
}

/// A number as the English messages write it (`1,000`), for texts that are English only
/// (build and console messages).
pub fn english_number(n: usize) -> String {
    group_digits(n, ",", 4)
}

impl Messages {
    pub fn english() -> Messages {
        Rc::unwrap_or_clone(Language::english().messages)
    }

    /// A host tool's table of a language built in (`LANGUAGES`).
    #[cfg(feature = "source")]
    pub fn built_in(lang: &str) -> Option<Messages> {
        if lang == "en" {
            return Some(Messages::english());
        }
        let (_, text) = LANGUAGES.iter().find(|(l, _)| *l == lang)?;
        Language::parse(text).map(|l| Rc::unwrap_or_clone(l.messages))
    }

    pub fn lang(&self) -> &'static str {
        self.lang
    }

    /// The text of a message (its `other` form for a counted one).
    pub fn get(&self, m: Msg) -> &'static str {
        let i = m as usize + if m.counted() { 3 } else { 0 };
        self.text.get(i).copied().unwrap_or_default()
    }

    /// The form of a counted message for `n`.
    pub fn form(&self, m: Msg, n: usize) -> &'static str {
        if !m.counted() {
            return self.get(m);
        }
        match self.text.get(m as usize + plural::category(self.rule, n)) {
            Some(s) if !s.is_empty() => s,
            _ => self.get(m),
        }
    }

    /// Form `i` (0 one, 1 few, 2 many, 3 other) of a counted message as written (empty when
    /// the language does not have it).
    #[cfg(feature = "source")]
    pub fn form_at(&self, m: Msg, i: usize) -> &str {
        self.text.get(m as usize + i).copied().unwrap_or_default()
    }

    /// A message with its placeholders filled in.
    pub fn fill(&self, m: Msg, args: &[(&str, &str)]) -> String {
        fill(self.get(m), args)
    }

    /// A message of one placeholder (used any number of times) filled with `value`, or of
    /// none: one call per message where a problem is worded (a list of named arguments at
    /// each call costs wasm bytes).
    pub fn with(&self, m: Msg, value: &str) -> String {
        let mut out = String::new();
        scan(self.get(m), &mut |field, text| out.push_str(if field { value } else { text }));
        out
    }

    /// [`Messages::with`] with `value` quoted ([`Quoted`]).
    pub fn quoting(&self, m: Msg, value: &str) -> String {
        self.with(m, &quote(value))
    }

    /// A counted message for `n` (`{count}`, written as a number of this language) with the
    /// other placeholders filled in.
    pub fn count(&self, m: Msg, n: usize, args: &[(&str, &str)]) -> String {
        // `{count}` first: a number has no braces, so the second pass sees only the template's.
        fill(&fill(self.form(m, n), &[("count", &self.number(n))]), args)
    }

    /// `n` with this language's digit groups: 1,234 (en), 1 234 (uk), 1234 and 12.345 (es).
    pub fn number(&self, n: usize) -> String {
        // One digit: the smallest number of digits that is grouped.
        let min = self.get(Msg::digit_group_min).bytes().next().map_or(4, |b| usize::from(b.wrapping_sub(b'0')));
        group_digits(n, self.get(Msg::digit_group), min)
    }

    /// `a, b and c` (or `a, b or c` when `or`).
    pub fn list(&self, items: &[&str], or: bool) -> String {
        match items {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [init @ .., last] => {
                let list = join(init, self.get(Msg::list_separator));
                self.fill(if or { Msg::list_or } else { Msg::list_and }, &[("list", &list), ("last", last)])
            }
        }
    }
}

/// `items` with `sep` between them (one plain loop for every join in the wasm: the standard
/// library's specialised `join` is about 1 KB of code per item type).
pub fn join(items: &[&str], sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item);
    }
    out
}

/// Fills `{name}` placeholders of `template`; unknown ones stay as written.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    scan(template, &mut |field, text| match args.iter().find(|(k, _)| field && *k == text) {
        Some((_, v)) => out.push_str(v),
        None if field => {
            out.push('{');
            out.push_str(text);
            out.push('}');
        }
        None => out.push_str(text),
    });
    out
}

/// Splits a message around its placeholders: text pieces and placeholder names, in order
/// (for messages that hold markup, such as keyboard keys or bold text).
pub fn pieces(template: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    scan(template, &mut |field, text| out.push((field, text)));
    out
}

/// Calls `piece` with each piece of `template` in order, as [`pieces`] lists them (one
/// scanner for [`fill`], which runs several times per table row and so collects nothing).
fn scan<'a>(template: &'a str, piece: &mut dyn FnMut(bool, &'a str)) {
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else { break };
        if i > 0 {
            piece(false, &rest[..i]);
        }
        piece(true, &rest[i + 1..i + j]);
        rest = &rest[i + j + 1..];
    }
    if !rest.is_empty() {
        piece(false, rest);
    }
}

/// A catalog's translatable text in one language: the title, category names by id, the
/// phase-definitions legend (for catalogs whose legend defines the same phases).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Translation {
    pub title: Option<String>,
    /// The title the translated title replaces (the built-in page's "Feature Status"); `None`:
    /// any (a custom catalog's own translation).
    pub title_of: Option<String>,
    pub categories: Vec<(String, String)>,
    pub legend: Option<Legend>,
}

impl Translation {
    pub fn is_empty(&self) -> bool {
        self.title.is_none() && self.categories.is_empty() && self.legend.is_none()
    }

    /// The translated legend for a legend that defines `phases` (it must define the same).
    pub fn legend_for(&self, phases: &[Phase]) -> Option<&Legend> {
        self.legend.as_ref().filter(|l| *l.phases == *phases)
    }

    /// `catalog` in this language, and per category its name before (for search, so the
    /// English name finds the rows too; empty where nothing was translated).
    pub fn apply(&self, catalog: Catalog) -> (Catalog, Vec<Text>) {
        let mut out = catalog;
        let mut before = Vec::new();
        for c in out.categories.to_mut() {
            let name = self.categories.iter().find(|(key, _)| *key == c.id || *key == c.name);
            before.push(match name {
                Some((_, name)) => std::mem::replace(&mut c.name, Cow::Owned(name.clone())),
                None => Cow::Borrowed(""),
            });
        }
        if let Some(legend) = self.legend_for(&out.legend.phases) {
            out.legend = legend.clone();
        }
        if let Some(title) = self.title.as_ref().filter(|_| self.title_of.as_ref().is_none_or(|of| *of == out.title)) {
            out.title = Cow::Owned(title.clone());
        }
        (out, before)
    }
}

/// A language the widget can speak: its messages and its catalog text (shared: a custom
/// catalog's widget speaks the same messages with its catalog's own translation).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Language {
    pub messages: Rc<Messages>,
    pub translation: Rc<Translation>,
}

impl Language {
    pub fn english() -> Language {
        Language::parse(EN_TEXT).unwrap_or_else(|| Language {
            // Not reached (a unit test reads `EN_TEXT`); an empty table reads as empty texts.
            messages: Rc::new(Messages { lang: "en", rule: 1, text: Vec::new() }),
            translation: Rc::default(),
        })
    }

    /// A language's messages as its file carries them (see [`Language::write`]): the code and
    /// its plural rule (`uk 3`), then the message table one message per line in key order.
    /// `None` when it is not a table of this build's shape (a file of another version). The
    /// catalog text comes with it separately (`json_catalog::language`). The messages borrow
    /// `text`: a page keeps a language it read (the view takes messages as static text, with
    /// no copy).
    pub fn parse(text: &'static str) -> Option<Language> {
        let mut lines = text.split('\n');
        let (lang, rule) = lines.next()?.split_once(' ')?;
        let text: Vec<&'static str> = lines.collect();
        let messages = Messages { lang, rule: rule.bytes().next()?.wrapping_sub(b'0'), text };
        (messages.text.len() == SLOTS).then(|| Language { messages: Rc::new(messages), translation: Rc::default() })
    }

    /// The text [`Language::parse`] reads (host tools write each language's file with it).
    /// Line breaks inside messages become spaces.
    #[cfg(any(test, feature = "source"))]
    pub fn write(&self) -> String {
        let mut out = format!("{} {}", self.messages.lang, self.messages.rule);
        for m in self.messages.text.iter() {
            out.push('\n');
            out.push_str(&m.replace(['\n', '\r'], " "));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_forms_of_each_language() {
        // Offsets: 0 one, 1 few, 2 many, 3 other.
        let cases = [0, 1, 2, 5, 11, 21, 22, 43, 111, 1001];
        let forms = |lang: &str| cases.map(|n| plural::category(plural::rule(lang), n));
        assert_eq!(forms("en"), [3, 0, 3, 3, 3, 3, 3, 3, 3, 3]);
        assert_eq!(forms("es"), [3, 0, 3, 3, 3, 3, 3, 3, 3, 3]);
        assert_eq!(forms("zh"), [3; 10]);
        assert_eq!(forms("uk"), [2, 0, 1, 2, 2, 0, 1, 1, 2, 0]);
        assert_eq!(plural::needed("uk"), ["one", "few", "many", "other"]);
        assert_eq!(plural::needed("zh"), ["other"]);
        assert_eq!(plural::needed("en"), ["one", "other"]);
    }

    #[test]
    fn quoted_writes_what_debug_writes() {
        for s in [
            "",
            "plain",
            "it's",
            "say \"hi\"",
            "back\\slash",
            "tab\tnew\nline\r",
            "\u{0}\u{7f}\u{85}",
            "e\u{301}",
            "\u{301}x",
            "中文 ї",
            "\u{200b}\u{feff}\u{2028}",
            "🦀",
        ] {
            assert_eq!(Quoted(s).to_string(), format!("{s:?}"), "{s:?}");
        }
    }

    #[test]
    fn english_messages_count_and_fill() {
        let m = Messages::english();
        assert_eq!(m.count(Msg::status, 1, &[("shown", "1")]), "1 of 1 feature");
        assert_eq!(m.count(Msg::status, 43, &[("shown", "0")]), "0 of 43 features");
        assert_eq!(m.count(Msg::matrix_total, 12345, &[]), "12,345 features");
        assert_eq!(m.fill(Msg::release_name, &[("release", "1.24")]), "Istio 1.24");
        assert_eq!(m.list(&["a", "b", "c"], true), "a, b or c");
        assert_eq!(m.list(&["a"], false), "a");
        assert_eq!(fill("{a} {unknown} {", &[("a", "x")]), "x {unknown} {");
        assert_eq!(pieces("Press {slash} now"), [(false, "Press "), (true, "slash"), (false, " now")]);
    }

    #[cfg(feature = "source")]
    #[test]
    fn every_language_counts_and_groups_digits_its_own_way() {
        let uk = Messages::built_in("uk").expect("uk");
        let status = |n: usize| uk.count(Msg::status, n, &[("shown", "0")]);
        assert_eq!(status(1), "0 з 1 функції");
        assert_eq!(status(2), "0 з 2 функцій");
        assert_eq!(status(5), "0 з 5 функцій");
        assert_eq!(status(21), "0 з 21 функції");
        assert_eq!(status(43), "0 з 43 функцій");
        assert_eq!(uk.count(Msg::matrix_total, 21, &[]), "21 функція");
        assert_eq!(uk.count(Msg::matrix_total, 5, &[]), "5 функцій");
        assert_eq!(uk.number(12345), "12\u{a0}345");
        let zh = Messages::built_in("zh").expect("zh");
        for n in [0, 1, 2, 5, 21, 43] {
            assert_eq!(zh.count(Msg::status, n, &[("shown", "0")]), format!("共 {n} 个功能，显示 0 个"));
        }
        let es = Messages::built_in("es").expect("es");
        assert_eq!(es.count(Msg::status, 1, &[("shown", "1")]), "1 de 1 función");
        assert_eq!(es.count(Msg::status, 21, &[("shown", "2")]), "2 de 21 funciones");
        assert_eq!(es.number(1234), "1234");
        assert_eq!(es.number(12345), "12.345");
        assert_eq!(Messages::english().number(1234), "1,234");
    }

    #[test]
    fn a_language_file_of_another_shape_is_refused() {
        let english = Language::english();
        // `parse` keeps what it reads for the page's life (a language is read once).
        let text: &'static str = english.write().leak();
        assert_eq!(Language::parse(text), Some(english));
        // One message short: a file from another version of the widget.
        let short: Vec<&str> = text.lines().take(SLOTS).collect();
        assert_eq!(Language::parse(short.join("\n").leak()), None);
        assert_eq!(Language::parse(""), None);
    }

    #[test]
    fn translation_renames_categories_and_keeps_the_names_before_for_search() {
        let catalog = crate::validate::validate(crate::validate::RawCatalog {
            file: "t".into(),
            docs_base: "https://x.example".into(),
            categories: vec![crate::validate::RawCategory {
                line: None,
                name: "Traffic management".into(),
                features: vec![crate::validate::RawFeature {
                    name: "DNS".into(),
                    phase: "Alpha".into(),
                    ..Default::default()
                }],
            }],
            ..Default::default()
        })
        .expect("valid");
        let t = Translation {
            title: Some("功能状态".into()),
            title_of: None,
            categories: vec![("traffic-management".into(), "流量管理".into())],
            legend: None,
        };
        let (c, before) = t.apply(catalog.clone());
        assert_eq!(c.categories[0].name, "流量管理");
        assert_eq!(c.title, "功能状态");
        assert_eq!(before, ["Traffic management"]);
        let shown = crate::Shown::page_in(std::rc::Rc::new(catalog), Some(&t));
        for text in ["流量", "流量管理", "traffic management", "Traffic"] {
            let q = crate::Query { text: text.into(), ..Default::default() };
            assert_eq!(shown.compute(&q).rows, [0], "{text}");
        }
    }

    #[test]
    fn language_tags_reduce_to_their_primary_subtag() {
        assert_eq!(primary("zh-Hans-CN"), "zh");
        assert_eq!(primary("zh_CN"), "zh");
        assert_eq!(primary(" UK "), "uk");
        assert_eq!(primary(""), "");
    }
}
