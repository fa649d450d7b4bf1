//! JSON text read in the core: one loop over the bytes checks it (locating the first syntax
//! error as `JSON.parse` would stop there) and notes where each array and object ends; the
//! catalog readers then walk the text in place through [`JsonValue`]. No tree of values, no
//! copy of the text, no string copied until a reader asks for it (8 bytes per container:
//! 0.8 MB for 100,000 features); nesting is a byte stack, never recursion.
//!
//! The widget reads every catalog this way: a JS object handed to `mount()` arrives as one
//! `JSON.stringify` string rather than field by field across the wasm boundary (at 100,000
//! features that walk was most of the first render).

/// A checked JSON text and, in document order, the first and last byte of each of its
/// arrays and objects.
pub struct Json<'a> {
    text: &'a str,
    containers: Vec<(u32, u32)>,
}

impl<'a> Json<'a> {
    /// The top-level value.
    pub fn root(&self) -> Value<'_, 'a> {
        let v = Value { json: self, at: 0 };
        v.at(v.skip_space(0))
    }
}

/// A value of a [`Json`] text: its first byte.
#[derive(Clone, Copy)]
pub struct Value<'j, 'a> {
    json: &'j Json<'a>,
    at: usize,
}

impl<'j, 'a> Value<'j, 'a> {
    fn byte(&self, i: usize) -> u8 {
        self.json.text.as_bytes().get(i).copied().unwrap_or(0)
    }

    /// The first byte at or after `i` that is not white space.
    fn skip_space(&self, mut i: usize) -> usize {
        while matches!(self.byte(i), b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        i
    }

    /// The byte just after the value that starts at `i`.
    fn end(&self, mut i: usize) -> usize {
        let b = self.json.text.as_bytes();
        match b.get(i) {
            Some(b'[' | b'{') => {
                let c = &self.json.containers;
                let k = c.partition_point(|&(start, _)| (start as usize) < i);
                c.get(k).map_or(b.len(), |&(_, end)| end as usize + 1)
            }
            Some(b'"') => {
                i += 1;
                while let Some(&c) = b.get(i) {
                    i += 1;
                    if c == b'"' {
                        break;
                    }
                    if c == b'\\' {
                        i += 1;
                    }
                }
                i.min(b.len())
            }
            _ => {
                while !matches!(b.get(i), None | Some(b',' | b':' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')) {
                    i += 1;
                }
                i
            }
        }
    }

    /// Calls `item` with each value directly inside the container at `self.at`: the key's
    /// first byte and the byte after it (objects; for arrays the value's first byte twice)
    /// and the value's first byte.
    fn each(&self, keyed: bool, item: &mut dyn FnMut(usize, usize, usize)) {
        let mut i = self.skip_space(self.at + 1);
        while !matches!(self.byte(i), b']' | b'}' | 0) {
            let (key, mut key_end) = (i, i);
            if keyed {
                key_end = self.end(i);
                // Past the key and its colon.
                i = self.skip_space(self.skip_space(key_end) + 1);
            }
            item(key, key_end, i);
            i = self.skip_space(self.end(i));
            if self.byte(i) != b',' {
                break;
            }
            i = self.skip_space(i + 1);
        }
    }

    fn at(&self, at: usize) -> Value<'j, 'a> {
        Value { json: self.json, at }
    }

    /// The string from byte `start` (its opening quote) to `end` (after its closing quote),
    /// escapes decoded.
    fn string_at(&self, start: usize, end: usize) -> String {
        unescape(self.json.text.get(start + 1..end.saturating_sub(1)).unwrap_or_default())
    }
}

/// The JSON types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// Read access to a parsed JSON value.
pub trait JsonValue: Sized {
    fn kind(&self) -> Kind;
    /// The string, when this is a string.
    fn string(&self) -> Option<String>;
    /// The elements, when this is an array.
    fn elements(&self) -> Vec<Self>;
    /// The members `(key, value)`, when this is an object.
    fn members(&self) -> Vec<(String, Self)>;
}

impl JsonValue for Value<'_, '_> {
    fn kind(&self) -> Kind {
        match self.byte(self.at) {
            b'{' => Kind::Object,
            b'[' => Kind::Array,
            b'"' => Kind::String,
            b't' | b'f' => Kind::Bool,
            b'-' | b'0'..=b'9' => Kind::Number,
            _ => Kind::Null,
        }
    }

    fn string(&self) -> Option<String> {
        (self.kind() == Kind::String).then(|| self.string_at(self.at, self.end(self.at)))
    }

    fn elements(&self) -> Vec<Self> {
        let mut out = Vec::new();
        if self.kind() == Kind::Array {
            self.each(false, &mut |_, _, v| out.push(self.at(v)));
        }
        out
    }

    fn members(&self) -> Vec<(String, Self)> {
        let mut out = Vec::new();
        if self.kind() == Kind::Object {
            self.each(true, &mut |k, k_end, v| out.push((self.string_at(k, k_end), self.at(v))));
        }
        out
    }
}

/// The text between a string's quotes with its escapes decoded (the scanner has checked them;
/// a lone surrogate becomes U+FFFD, as a JS string handed to Rust would).
fn unescape(raw: &str) -> String {
    if !raw.contains('\\') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(k) = rest.find('\\') {
        out.push_str(&rest[..k]);
        let esc = &rest[k + 1..];
        let hex = |s: &str| s.get(..4).and_then(|h| u32::from_str_radix(h, 16).ok()).unwrap_or(0xFFFD);
        let (c, used) = match esc.bytes().next() {
            Some(b'u') => {
                let u = hex(&esc[1..]);
                let low = if esc.get(5..7) == Some("\\u") { hex(&esc[7..]) } else { 0 };
                if (0xD800..0xDC00).contains(&u) && (0xDC00..0xE000).contains(&low) {
                    (0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00), 11)
                } else {
                    (u, 5)
                }
            }
            Some(b'n') => (0x0A, 1),
            Some(b't') => (0x09, 1),
            Some(b'r') => (0x0D, 1),
            Some(b'b') => (0x08, 1),
            Some(b'f') => (0x0C, 1),
            // `"`, `\`, `/`: themselves.
            Some(b) => (u32::from(b), 1),
            None => (0xFFFD, 0),
        };
        out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
        rest = esc.get(used..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Where a text stops being JSON: line and column, both 1-based, the column counted in
/// characters; shown as "line 2, column 12".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// Reads `text` as JSON, or says where its first syntax error is (the browser's `JSON.parse`
/// does not always say where: "Unexpected token '}', … is not valid JSON").
pub fn parse(text: &str) -> Result<Json<'_>, SyntaxError> {
    // Offsets are 32-bit (a wasm address is); a longer text is not read.
    if u32::try_from(text.len()).is_err() {
        return Err(position(text, 0));
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Want {
        Value,
        Key,
        Colon,
        After,
    }
    let b = text.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    let mut i = 0;
    // The closing bytes of the open containers, innermost last, with their place in
    // `containers`.
    let mut closers: Vec<(u8, usize)> = Vec::new();
    let mut containers: Vec<(u32, u32)> = Vec::new();
    let close_at = |closers: &mut Vec<(u8, usize)>, containers: &mut Vec<(u32, u32)>, i: usize| {
        if let Some(&(_, k)) = closers.last() {
            closers.pop();
            if let Some(c) = containers.get_mut(k) {
                c.1 = i as u32;
            }
        }
    };
    let mut want = Want::Value;
    // Just after `[` or `{`, where the closing bracket may come at once.
    let mut opened = false;
    loop {
        while matches!(at(i), b' ' | b'\t' | b'\n' | b'\r') {
            i += 1;
        }
        let c = at(i);
        let close = closers.last().map(|&(c, _)| c);
        match (want, c) {
            (Want::Value, b'{' | b'[') => {
                closers.push((c + 2, containers.len()));
                containers.push((i as u32, 0));
                want = if c == b'{' { Want::Key } else { Want::Value };
                opened = true;
                i += 1;
                continue;
            }
            (Want::Value | Want::Key, _) if opened && Some(c) == close && (c == b']') == (want == Want::Value) => {
                close_at(&mut closers, &mut containers, i);
                want = Want::After;
            }
            (Want::Value | Want::Key, b'"') => {
                i += 1;
                loop {
                    match at(i) {
                        b'"' => break,
                        b'\\' if b"\"\\/bfnrt".contains(&at(i + 1)) => i += 1,
                        b'\\' if at(i + 1) == b'u' && (2..6).all(|k| at(i + k).is_ascii_hexdigit()) => i += 5,
                        b'\\' => return Err(position(text, i + 1)),
                        c if c >= 0x20 => {}
                        _ => return Err(position(text, i)),
                    }
                    i += 1;
                }
                want = if want == Want::Key { Want::Colon } else { Want::After };
            }
            (Want::Value, b't' | b'f' | b'n') => {
                let word: &[u8] = if c == b't' {
                    b"true"
                } else if c == b'f' {
                    b"false"
                } else {
                    b"null"
                };
                for &w in word {
                    if at(i) != w {
                        return Err(position(text, i));
                    }
                    i += 1;
                }
                i -= 1;
                want = Want::After;
            }
            (Want::Value, b'-' | b'0'..=b'9') => {
                i += usize::from(c == b'-');
                // Integer part (one 0, or digits not starting with 0), then fraction, exponent.
                let mut part = 0;
                loop {
                    let digits = i;
                    if part == 0 && at(i) == b'0' {
                        i += 1;
                    } else {
                        while at(i).is_ascii_digit() {
                            i += 1;
                        }
                    }
                    if i == digits {
                        return Err(position(text, i));
                    }
                    part += 1;
                    if part == 1 && at(i) == b'.' {
                        i += 1;
                    } else if part < 3 && matches!(at(i), b'e' | b'E') {
                        i += 1 + usize::from(matches!(at(i + 1), b'+' | b'-'));
                        part = 2;
                    } else {
                        break;
                    }
                }
                i -= 1;
                want = Want::After;
            }
            (Want::Colon, b':') => want = Want::Value,
            (Want::After, b',') if close.is_some() => {
                want = if close == Some(b'}') { Want::Key } else { Want::Value };
            }
            (Want::After, _) if c != 0 && Some(c) == close => close_at(&mut closers, &mut containers, i),
            (Want::After, 0) if close.is_none() && i == b.len() => return Ok(Json { text, containers }),
            _ => return Err(position(text, i)),
        }
        opened = false;
        i += 1;
    }
}

/// The error at byte `i` of `text`.
fn position(text: &str, i: usize) -> SyntaxError {
    // `i` always stops at an ASCII byte or the end, so it is a character boundary.
    let (mut line, mut column) = (1, 1);
    for c in text.get(..i).unwrap_or(text).chars() {
        if c == '\n' {
            (line, column) = (line + 1, 1);
        } else {
            column += 1;
        }
    }
    SyntaxError { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tape read back as a `serde_json::Value` (numbers by their text).
    fn to_serde(v: &Value<'_, '_>) -> serde_json::Value {
        match v.kind() {
            Kind::Null => serde_json::Value::Null,
            Kind::Bool => serde_json::Value::Bool(v.byte(v.at) == b't'),
            Kind::Number => serde_json::from_str(&v.json.text[v.at..v.end(v.at)]).expect("number"),
            Kind::String => serde_json::Value::String(v.string().expect("string")),
            Kind::Array => serde_json::Value::Array(v.elements().iter().map(to_serde).collect()),
            Kind::Object => {
                serde_json::Value::Object(v.members().iter().map(|(k, v)| (k.clone(), to_serde(v))).collect())
            }
        }
    }

    fn check(text: &str) -> Option<(usize, usize)> {
        match parse(text) {
            Ok(json) => {
                let expected: serde_json::Value = serde_json::from_str(text).expect("serde_json reads it too");
                assert_eq!(to_serde(&json.root()), expected, "{text:?}");
                None
            }
            Err(e) => {
                assert!(serde_json::from_str::<serde_json::Value>(text).is_err(), "{text:?}");
                Some((e.line, e.column))
            }
        }
    }

    #[test]
    fn syntax_errors_are_located_where_json_parse_would_stop() {
        for ok in
            ["{}", "[]", " {\"a\": [1, -2.5e+3, 0, true, false, null, \"x\\u00e9\\n\"], \"b\": {}} ", "\"s\"", "0"]
        {
            assert_eq!(check(ok), None, "{ok}");
        }
        let cases = [
            ("{\"features\": }", (1, 14)),
            ("{\"features\": [1,]}", (1, 17)),
            ("{\n \"features\": [\n  {\"name\": \"a\",\n  \"id\": x}\n]}", (4, 9)),
            ("{\"a\" 1}", (1, 6)),
            ("{\"features\": [", (1, 15)),
            ("[] x", (1, 4)),
            ("{\"a\": \"b\nc\"}", (1, 9)),
            ("{\"é\": tru}", (1, 10)),
            ("[01]", (1, 3)),
            ("[1.]", (1, 4)),
            ("{\"a\": \"\\q\"}", (1, 9)),
            ("", (1, 1)),
            ("{\"a\": 1,}", (1, 9)),
            ("[1 2]", (1, 4)),
        ];
        for (text, at) in cases {
            assert_eq!(check(text), Some(at), "{text:?}");
        }
        // Every one-byte deletion or insertion in a document: valid exactly when serde_json
        // says so, and then read as serde_json reads it.
        let doc = r#"{"features": [{"name": "A\u00e9\n", "n": -1.5e+3, "ok": [true, false, null, 0]}, {}], "e": []}"#;
        for at in 0..doc.len() {
            let mut variants = vec![format!("{}{}", &doc[..at], &doc[at + 1..])];
            for c in ['"', ',', '}', ']', '{', '[', ':', '0', 'e', '\\', '\u{1}', ' '] {
                variants.push(format!("{}{c}{}", &doc[..at], &doc[at..]));
            }
            for v in variants {
                check(&v);
            }
        }
        let deep = "[".repeat(100_000);
        assert_eq!(check(&deep), Some((1, 100_001)), "deep nesting is no recursion");
        assert_eq!(check("{\"a\": \n  tru}"), Some((2, 6)));
        assert_eq!(parse("[1,").err().map(|e| e.to_string()).as_deref(), Some("line 1, column 4"));
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse(&deep).map(|j| j.root().elements().len()).ok(), Some(1));
    }

    #[test]
    fn strings_are_decoded_as_json_parse_decodes_them() {
        for s in [
            r#""plain""#,
            r#""\"\\\/\b\f\n\r\t""#,
            r#""caf\u00e9 \u6d41\u91cf""#,
            r#""\ud83d\ude00 pair""#,
            r#""é in UTF-8, 流量""#,
            r#"{"k\u0065y": "v", "nested": {"a": [[], {}, [1, {"b": null}]]}}"#,
        ] {
            check(s);
        }
        // A lone surrogate: JS keeps it, a Rust string cannot; U+FFFD as wasm-bindgen gives.
        let lone = parse(r#""a\ud800b""#).expect("valid JSON");
        assert_eq!(lone.root().string().as_deref(), Some("a\u{FFFD}b"));
    }

    #[test]
    fn a_repeated_key_reads_as_its_last_value() {
        // As `JSON.parse` keeps it (the widget read catalogs through it before).
        let text = r#"{"title": "first", "categories": [{"name": "N", "features": [{"name": "A", "phase": "Beta"}]}],
            "title": "last"}"#;
        let json = parse(text).expect("valid");
        let loaded = crate::json_catalog::load("t", "https://x.example", &json.root()).expect("a valid catalog");
        assert_eq!(loaded.catalog.title, "last");
    }
}
