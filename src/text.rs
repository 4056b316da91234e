//! Small text helpers that the parser, slugs, commands and links all use. A leaf module: it
//! imports nothing from the crate, so any layer may depend on it without making a cycle.

/// File endings that make `name.ext` a relative file rather than a bare domain.
const FILE_EXTENSIONS: &[&str] = &[
    "md", "markdown", "html", "htm", "pdf", "png", "jpg", "jpeg", "gif", "svg", "webp", "txt",
    "ipynb", "py", "rs", "json", "yaml", "yml", "csv", "tex", "zip",
];

/// Characters that show as nothing (or as a box) yet would be stored in titles and section names:
/// the object replacement character, soft hyphens, zero-width characters and bidi controls.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{FFFC}'
            | '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061C}'
            | '\u{FEFF}'
    )
}

/// The text without invisible characters; borrowed when there are none, as in almost all text.
pub fn drop_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(is_invisible) {
        text.chars().filter(|&c| !is_invisible(c)).collect()
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Folds runs of white space (including line breaks) into single spaces.
pub fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Byte offset of the first separator that has a `wordy` character somewhere before it.
pub fn first_separator(
    text: &str,
    separators: &[&str],
    wordy: impl Fn(char) -> bool,
) -> Option<usize> {
    let mut seen_word = false;
    for (i, c) in text.char_indices() {
        if seen_word && separators.iter().any(|sep| text[i..].starts_with(sep)) {
            return Some(i);
        }
        seen_word |= wordy(c);
    }
    None
}

/// Trims a link target; empty targets become `None`, and bare domains gain `https://`.
pub fn normalize_url(raw: &str) -> Option<String> {
    let url = raw
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim();
    if url.is_empty() {
        return None;
    }
    if has_scheme(url) || !looks_like_domain(url) {
        return Some(url.to_string());
    }
    Some(format!("https://{url}"))
}

/// Whether a link starts with a URL scheme (`https:`, `mailto:`, `javascript:`).
pub fn has_scheme(url: &str) -> bool {
    match url.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

fn looks_like_domain(url: &str) -> bool {
    if url.starts_with(['.', '/', '#', '?']) {
        return false;
    }
    let host = url.split(['/', '?', '#']).next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty()) {
        return false;
    }
    let tld = labels[labels.len() - 1].to_ascii_lowercase();
    let host_ok = host
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    host_ok
        && (2..=24).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && !FILE_EXTENSIONS.contains(&tld.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_normalization() {
        assert_eq!(normalize_url(""), None);
        assert_eq!(normalize_url("  "), None);
        assert_eq!(
            normalize_url("dlsyscourse.org").as_deref(),
            Some("https://dlsyscourse.org")
        );
        assert_eq!(
            normalize_url("www.x.com/a").as_deref(),
            Some("https://www.x.com/a")
        );
        assert_eq!(
            normalize_url(" https://a.b/c").as_deref(),
            Some("https://a.b/c")
        );
        assert_eq!(
            normalize_url("reviews/flexgen.md").as_deref(),
            Some("reviews/flexgen.md")
        );
        assert_eq!(normalize_url("flexgen.md").as_deref(), Some("flexgen.md"));
        assert_eq!(
            normalize_url("mailto:a@b.c").as_deref(),
            Some("mailto:a@b.c")
        );
        assert_eq!(normalize_url("预训练").as_deref(), Some("预训练"));
    }

    #[test]
    fn collapse_folds_white_space() {
        assert_eq!(collapse("  a \n\t b  c "), "a b c");
        assert_eq!(collapse(""), "");
    }

    #[test]
    fn first_separator_needs_a_word_before_it() {
        let words = |c: char| c.is_alphanumeric();
        assert_eq!(first_separator("| a | b", &["|"], words), Some(4));
        assert_eq!(first_separator("a, b", &[","], words), Some(1));
        assert_eq!(first_separator("abc", &[","], words), None);
    }

    #[test]
    fn schemes() {
        assert!(has_scheme("https://x.org"));
        assert!(has_scheme("mailto:a@b.c"));
        assert!(!has_scheme("reviews/a.md"));
        assert!(!has_scheme("1password:x"));
        assert!(!has_scheme(":x"));
    }
}
