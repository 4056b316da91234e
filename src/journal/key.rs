//! Stable item keys: the name an item has on every device. Pure.
//!
//! The normalized primary URL (lower-case scheme and host, no fragment, no trailing slash),
//! else the list's file name and the normalized title (`ml.md#attention is all you need`).
//! Items added by hand without a URL use `added` as their list.

/// The key of an item with this primary URL, list file name and title.
pub fn natural(url: Option<&str>, list_file: Option<&str>, title: &str) -> String {
    if let Some(url) = url.and_then(normalize_url) {
        return url;
    }
    format!(
        "{}#{}",
        list_file.unwrap_or("added"),
        normalize_title(title)
    )
}

/// `HTTPS://ArXiv.org/abs/1706.03762/#intro` → `https://arxiv.org/abs/1706.03762`. `None` for
/// text that is not a URL with a host.
pub fn normalize_url(url: &str) -> Option<String> {
    let url = url.trim();
    let url = url.split_once('#').map_or(url, |(before, _)| before);
    let (scheme, rest) = url.split_once("://")?;
    if scheme.is_empty() || rest.is_empty() {
        return None;
    }
    let (host, path) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    if host.is_empty() {
        return None;
    }
    let path = match path.split_once('?') {
        Some((p, query)) => format!("{}?{query}", p.trim_end_matches('/')),
        None => path.trim_end_matches('/').to_string(),
    };
    Some(format!(
        "{}://{}{path}",
        scheme.to_ascii_lowercase(),
        host.to_ascii_lowercase()
    ))
}

/// The file name at the end of a list's path (`/home/me/ml.md` → `ml.md`).
pub fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// Lower case, with runs of white space as one space.
pub fn normalize_title(title: &str) -> String {
    title
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_lose_case_of_scheme_and_host_fragments_and_trailing_slashes() {
        for (raw, key) in [
            (
                "HTTPS://ArXiv.org/abs/1706.03762/#intro",
                "https://arxiv.org/abs/1706.03762",
            ),
            ("https://example.com/", "https://example.com"),
            ("https://example.com", "https://example.com"),
            (
                "https://example.com/A/Path/?q=X#f",
                "https://example.com/A/Path?q=X",
            ),
            ("http://EXAMPLE.com?x=1", "http://example.com?x=1"),
        ] {
            assert_eq!(normalize_url(raw).as_deref(), Some(key), "{raw}");
        }
        assert_eq!(normalize_url("not a url"), None);
        assert_eq!(normalize_url("https://"), None);
        assert_eq!(normalize_url("file:///etc/passwd"), None, "no host");
    }

    #[test]
    fn without_a_url_the_list_file_and_title_name_the_item() {
        assert_eq!(
            natural(None, Some("ml.md"), "  Attention Is\tAll You Need "),
            "ml.md#attention is all you need"
        );
        assert_eq!(natural(None, None, "My Notes"), "added#my notes");
        assert_eq!(
            natural(Some("https://A.org/x/"), Some("ml.md"), "T"),
            "https://a.org/x"
        );
        assert_eq!(
            natural(Some("mailto:a@b"), Some("ml.md"), "T"),
            "ml.md#t",
            "a URL without a host is not a key"
        );
    }
}
