//! Percent-encoding for the address: the query string as browsers write forms
//! (`application/x-www-form-urlencoded`), deep-link fragments, and values in report links.
//! A few lines here rather than `form_urlencoded` and `percent-encoding` in the wasm (about
//! 1.5 KB of code for what these four functions do); the tests check them against both crates.

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `text` to `out` with every byte that `keep` refuses written as `%XX` (and a space
/// as `+` when `plus`).
fn encode_into(out: &mut String, text: &str, keep: fn(u8) -> bool, plus: bool) {
    for &b in text.as_bytes() {
        if keep(b) {
            out.push(char::from(b));
        } else if plus && b == b' ' {
            out.push('+');
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// Every byte but ASCII letters and digits encoded (a value inside a link's query).
pub fn component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    encode_into(&mut out, text, |b| b.is_ascii_alphanumeric(), false);
    out
}

/// A fragment: what the URL standard escapes there (controls, space, `"`, `<`, `>`, `` ` ``,
/// anything not ASCII), plus `%` (so decoding gives the text back) and `#`.
pub fn fragment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    encode_into(
        &mut out,
        text,
        |b| b.is_ascii_graphic() && !matches!(b, b'"' | b'<' | b'>' | b'`' | b'%' | b'#'),
        false,
    );
    out
}

/// `pairs` as a query string (without `?`), as forms encode it.
pub fn form<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    let keep = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_');
    let mut out = String::new();
    for (k, v) in pairs {
        if !out.is_empty() {
            out.push('&');
        }
        encode_into(&mut out, k, keep, true);
        out.push('=');
        encode_into(&mut out, v, keep, true);
    }
    out
}

/// The bytes `%XX` stands for decoded (and `+` as a space when `plus`); a `%` not followed
/// by two hex digits stays as it is.
fn decode_bytes(text: &str, plus: bool) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let hex = |at: usize| bytes.get(at).and_then(|&h| char::from(h).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
            (b'+', _, _) if plus => out.push(b' '),
            _ => out.push(b),
        }
        i += 1;
    }
    out
}

/// A fragment decoded; `None` when its bytes are not UTF-8.
pub fn decode_fragment(text: &str) -> Option<String> {
    String::from_utf8(decode_bytes(text, false)).ok()
}

/// A query string's (name, value) pairs, decoded as forms are (`+` is a space; bytes that
/// are not UTF-8 become U+FFFD). Empty pieces (`a&&b`) are skipped.
pub fn parse_form(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query.split('&').filter(|p| !p.is_empty()).map(|piece| {
        let (k, v) = piece.split_once('=').unwrap_or((piece, ""));
        let text = |s: &str| String::from_utf8_lossy(&decode_bytes(s, true)).into_owned();
        (text(k), text(v))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAGMENT: &percent_encoding::AsciiSet =
        &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`').add(b'%').add(b'#');

    fn samples() -> Vec<String> {
        let mut all: Vec<String> = [
            "",
            "a",
            "dns proxy & co=1",
            "a+b",
            "100%",
            "%zz",
            "%4",
            "%41%42",
            "%e4%b8%ad",
            "%ff%fe",
            "é中ї🦀",
            "x=y=z",
            "&&a=&=b&",
            "#frag",
            "tab\there",
            "<\"`>",
            "~!*'()-._",
            "+%20+",
        ]
        .map(str::to_owned)
        .to_vec();
        // Every byte and a few random-looking mixes.
        all.push((0u8..128).map(char::from).collect());
        for seed in 0u32..200 {
            let s: String = (0..12)
                .map(|i| {
                    let n = seed.wrapping_mul(2654435761).rotate_left(i * 5) % 160;
                    ['%', '+', '&', '=', 'a', 'F', '9', ' ', 'é', '#', '中'][(n % 11) as usize]
                })
                .collect();
            all.push(s);
        }
        all
    }

    #[test]
    fn encodes_as_the_url_crates_do() {
        for s in samples() {
            let ours = component(&s);
            let theirs = percent_encoding::utf8_percent_encode(&s, percent_encoding::NON_ALPHANUMERIC).to_string();
            assert_eq!(ours, theirs, "{s:?}");
            assert_eq!(fragment(&s), percent_encoding::utf8_percent_encode(&s, FRAGMENT).to_string(), "{s:?}");
            let pairs = [("k", s.as_str()), (s.as_str(), "v")];
            let mut ser = form_urlencoded::Serializer::new(String::new());
            ser.extend_pairs(pairs);
            assert_eq!(form(pairs), ser.finish(), "{s:?}");
        }
    }

    #[test]
    fn decodes_as_the_url_crates_do() {
        for s in samples() {
            let ours: Vec<(String, String)> = parse_form(&s).collect();
            let theirs: Vec<(String, String)> =
                form_urlencoded::parse(s.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
            assert_eq!(ours, theirs, "{s:?}");
            let theirs = percent_encoding::percent_decode_str(&s).decode_utf8().ok().map(|c| c.into_owned());
            assert_eq!(decode_fragment(&s), theirs, "{s:?}");
            // What we write reads back.
            assert_eq!(decode_fragment(&fragment(&s)).as_deref(), Some(s.as_str()));
            assert_eq!(parse_form(&form([("k", s.as_str())])).collect::<Vec<_>>(), [("k".to_owned(), s.clone())]);
        }
    }
}
