//! HTML escaping, one rule for every piece of markup the project writes: the view's parts
//! written as markup (`feature-matrix-view`'s `components::markup`) and the build's
//! generated badges, changes pages and feed (`crates/prerender`).

/// Appends `text` escaped for HTML text and double-quoted attribute values (`&`, `<`, `>`,
/// `"`).
pub fn escape(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '<', '>', '"']) {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => "&quot;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

/// `text` escaped as [`escape`] does, as a new string.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_and_attribute_values_are_escaped() {
        let mut out = String::from("<a title=\"");
        super::escape(&mut out, r#"a "b" & <script>alert(1)</script> 'c'"#);
        out.push_str("\">");
        assert_eq!(out, "<a title=\"a &quot;b&quot; &amp; &lt;script&gt;alert(1)&lt;/script&gt; 'c'\">");
        assert_eq!(super::escaped("Waypoints: DestinationRule"), "Waypoints: DestinationRule");
        assert_eq!(super::escaped("&amp;"), "&amp;amp;");
    }
}
