//! Classifying and normalizing the links found in a list.

/// Labels that name a kind of resource rather than the item itself (`[pdf]`, `[code]`, `[阅读笔记]`).
const GENERIC_LABELS: &[&str] = &[
    "pdf",
    "paper",
    "papar",
    "papers",
    "code",
    "codes",
    "github",
    "slides",
    "slide",
    "video",
    "videos",
    "notes",
    "note",
    "review",
    "openreview",
    "project",
    "project page",
    "blog",
    "arxiv",
    "arxiv version",
    "abs",
    "abstract",
    "html",
    "website",
    "homepage",
    "home page",
    "demo",
    "poster",
    "talk",
    "dataset",
    "data",
    "link",
    "here",
    "site",
    "web",
    "tweet",
    "thread",
    "system card",
    "technical report",
    "tech report",
    "supplementary",
    "bibtex",
    "doi",
    "official",
    "repo",
    "youtube",
    "bilibili",
    "pdf link",
    "阅读笔记",
    "笔记",
    "论文",
    "代码",
];

/// Labels of links that are the learner's own notes, never an item's primary URL.
const NOTE_LABELS: &[&str] = &["review", "notes", "note", "阅读笔记", "笔记"];

/// A label without the brackets and punctuation lists wrap labels in (`[pdf]`, `**Code**:`).
fn trim_label(label: &str) -> &str {
    label.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '[' | ']' | '(' | ')' | '{' | '}' | ':' | '.' | '*' | '_')
    })
}

/// Whether `label` is one of `names`, ignoring ASCII case and treating any run of white space
/// as one space.
fn is_one_of(label: &str, names: &[&str]) -> bool {
    // Every name is short; a long label is none of them, however its spaces fold.
    if label.len() > 32 {
        return false;
    }
    if !label.contains(char::is_whitespace) {
        return names.iter().any(|n| label.eq_ignore_ascii_case(n));
    }
    names.iter().any(|n| {
        let (mut x, mut y) = (label.split_whitespace(), n.split_whitespace());
        loop {
            match (x.next(), y.next()) {
                (None, None) => return true,
                (Some(p), Some(q)) if p.eq_ignore_ascii_case(q) => {}
                _ => return false,
            }
        }
    })
}

/// True when a label only says what sort of resource the link is.
pub fn is_generic_label(label: &str) -> bool {
    let label = trim_label(label);
    if label.is_empty() || is_one_of(label, GENERIC_LABELS) {
        return true;
    }
    // "pdf 2", "slides v2", "code (pytorch)": a generic word with a small qualifier.
    if label.len() > 32 {
        return false;
    }
    let first = label.split([' ', '(']).next().unwrap_or("");
    GENERIC_LABELS.iter().any(|g| first.eq_ignore_ascii_case(g))
        && label.chars().count() <= first.chars().count() + 12
}

/// True for the learner's own review or notes links.
pub fn is_note_label(label: &str) -> bool {
    let label = trim_label(label);
    is_one_of(label, NOTE_LABELS)
}

/// Links within the same page (tables of contents, "back to top") are navigation.
pub fn is_anchor(url: &str) -> bool {
    let url = url.trim();
    url.starts_with('#') || url.starts_with("./#") || url.starts_with("/#")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_labels() {
        for label in [
            "pdf",
            "[pdf]",
            "Paper",
            "arxiv version",
            "阅读笔记",
            "Code",
            "slides 2",
            "site",
            "here",
            "Tweet",
            "System Card",
        ] {
            assert!(is_generic_label(label), "{label} should be generic");
        }
        for label in [
            "FlexGen",
            "Attention Is All You Need",
            "Paper Reading Club of 2024",
        ] {
            assert!(!is_generic_label(label), "{label} should not be generic");
        }
    }

    #[test]
    fn anchors() {
        assert!(is_anchor("#section"));
        assert!(is_anchor("./#section"));
        assert!(!is_anchor("https://x.org/#section"));
        assert!(!is_anchor("reviews/a.md"));
    }
}
