//! Parts written as HTML text rather than virtual DOM: a row's "Details", plain phase badges
//! and the phase-definitions table. Their content changes seldom (never while the reader
//! types), so a re-render compares one string and keeps the nodes (an open "Details" stays
//! open); hydration takes the prerendered nodes as they are, where Yew would set every
//! attribute of every element again; and new ones come from one parse. Every text and
//! attribute value goes through [`escape`].

use yew::{AttrValue, Html};

/// Appends `text` escaped for HTML text and double-quoted attribute values.
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

/// Markup written with [`escape`] as the view's node.
pub fn markup(html: String) -> Html {
    Html::from_html_unchecked(AttrValue::from(html))
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_escapes_text_and_attribute_values() {
        let mut out = String::from("<a title=\"");
        super::escape(&mut out, r#"a "b" & <script>alert(1)</script> 'c'"#);
        out.push_str("\">");
        assert_eq!(out, "<a title=\"a &quot;b&quot; &amp; &lt;script&gt;alert(1)&lt;/script&gt; 'c'\">");
        let mut plain = String::new();
        super::escape(&mut plain, "Waypoints: DestinationRule");
        assert_eq!(plain, "Waypoints: DestinationRule");
    }
}
