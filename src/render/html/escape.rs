//! Text from the database (titles, notes, section and list names) as HTML: escaped, and a URL
//! becomes a link only when it is a plain web address.

use std::borrow::Cow;

/// `text` for element content or a double-quoted attribute: `& < > " '` are escaped, and
/// control characters (a terminal escape pasted into a title) are dropped; HTML has no use for
/// them and some are not allowed in a document at all.
pub fn text(text: &str) -> Cow<'_, str> {
    let printable: Cow<str> = if text.chars().any(is_dropped) {
        Cow::Owned(text.chars().filter(|&c| !is_dropped(c)).collect())
    } else {
        Cow::Borrowed(text)
    };
    match html_escape::encode_quoted_attribute(&printable) {
        Cow::Borrowed(_) => printable,
        Cow::Owned(escaped) => Cow::Owned(escaped),
    }
}

fn is_dropped(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// The address a title may link to: only `http` and `https` URLs that `mlpath open` would
/// open (no `javascript:`, no `data:`, no local files, nothing with quotes or spaces).
pub fn web_link(url: Option<&str>) -> Option<String> {
    match crate::target::resolve(url?, None) {
        Ok(crate::target::Target::Web(url)) => Some(text(&url).into_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_quotes_are_escaped_and_controls_dropped() {
        assert_eq!(
            text(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;y&#x27;"
        );
        assert_eq!(text("a\u{1b}[31mred\u{7}"), "a[31mred");
        assert!(matches!(text("plain words"), Cow::Borrowed(_)));
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            web_link(Some("https://x.org/a?b=1&c=2")).as_deref(),
            Some("https://x.org/a?b=1&amp;c=2")
        );
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,<b>",
            "reviews/a.md",
            "file:///etc/passwd",
            "https://x.org/\"onmouseover=\"alert(1)",
        ] {
            assert_eq!(web_link(Some(bad)), None, "{bad}");
        }
        assert_eq!(web_link(None), None);
    }
}
