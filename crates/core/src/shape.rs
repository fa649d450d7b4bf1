//! The shape of prerendered HTML: how many elements and comments, and a hash of their tag
//! names and the comments' text in document order. The build stamps it on the prerendered
//! widget (`data-fm-shape`); before hydrating, the widget computes it from the DOM it finds.
//! A docs theme that wrapped the table in a `<div>`, a translation extension that wrapped
//! text in `<font>`, a minifier that dropped comments (Yew's hydration markers), or HTML
//! written by another version of the widget changes it: the widget then renders afresh
//! instead of hydrating a DOM it cannot patch.

/// The shape of a sequence of tag names (compared case-insensitively) and comments.
pub fn of_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> String {
    // FNV-1a, 32 bits: small, and a changed structure changes it.
    let mut hash: u32 = 0x811c_9dc5;
    let mut count = 0u32;
    for tag in tags {
        count += 1;
        for b in tag.bytes().map(|b| b.to_ascii_lowercase()).chain([b',']) {
            hash ^= u32::from(b);
            hash = hash.wrapping_mul(0x0100_0193);
        }
    }
    format!("{count}-{hash:08x}")
}

/// The shape of an HTML fragment as Yew's server renderer writes it, or as the browser
/// serializes the DOM (`innerHTML`): start tags and comments (Yew's hydration markers, which
/// hydration expects exactly as written) counted, end tags skipped. Text and attribute values
/// hold no raw `<` (both escape it; a browser that left one in an attribute would only make
/// the widget render afresh).
pub fn of_html(html: &str) -> String {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            let end = after.find("-->").unwrap_or(after.len());
            tags.push(&rest[..end + 3]);
            rest = after.get(end + 3..).unwrap_or_default();
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/').unwrap_or(rest.len());
        tags.push(&rest[..end]);
    }
    of_tags(tags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_and_dom_views_agree_and_wrappers_change_the_shape() {
        let html = "<section id=\"fm\"><!--<[x]>--><div class=\"a\"><table><tbody><tr><td>a &lt; b</td></tr></tbody></table></div><br/></section>";
        assert_eq!(of_html(html), of_tags(["SECTION", "!--<[x]>", "div", "table", "tbody", "tr", "td", "br"]));
        let wrapped = html.replace("<table>", "<div class=\"scroll\"><table>").replace("</table>", "</table></div>");
        assert_ne!(of_html(&wrapped), of_html(html));
        let translated = html.replace("a &lt; b", "<font><font>a &lt; b</font></font>");
        assert_ne!(of_html(&translated), of_html(html));
        assert!(of_html(html).starts_with("8-"));
        // Hydration markers count: without them (a minifier), or other ones (another
        // version's HTML), the widget renders afresh.
        assert_ne!(of_html(&html.replace("<!--<[x]>-->", "")), of_html(html));
        assert_ne!(of_html(&html.replace("<!--<[x]>-->", "<!--<#>-->")), of_html(html));
        // An unclosed comment is read to the end, as a browser reads it.
        assert!(of_html("<p><!--x").starts_with("2-"));
    }
}
