//! Front matter that helps readers find their way around a list, not what they study: tables of
//! contents, language pickers and the links to the document's own translations.

/// Section names (letters and digits only, lower case) whose own entries are navigation.
const NAVIGATION_SECTIONS: &[&str] = &[
    "contents",
    "table of contents",
    "toc",
    "translations",
    "translations in progress",
    "other translations",
    "languages",
    "other languages",
    "read this in other languages",
    "目录",
];

/// Whether entries read directly under this section path are navigation: its deepest name is
/// one of the names above (alone or as one side of `Contents | 内容`). Only the deepest name
/// counts, so the papers under `## Contents` then `### Optimization` stay items.
pub fn is_navigation_section(section: &[String]) -> bool {
    section.last().is_some_and(|name| {
        name.split(['|', '/'])
            .any(|part| NAVIGATION_SECTIONS.contains(&normalized(part).as_str()))
    })
}

/// Lower case, letters, digits and single spaces: `📖 Table of Contents:` → `table of contents`.
fn normalized(name: &str) -> String {
    let kept: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    kept.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A relative link to a language version of the list's own README (`translations/README-id.md`,
/// `README_zh-CN.md`, `README.ja.md`): the same document in another language. A README in
/// another folder without a language tag (`week1/README.md`) is another document and is not one.
pub fn is_translation(url: &str) -> bool {
    let url = url.trim();
    if url.contains("://") || url.starts_with("//") || url.contains(':') {
        return false;
    }
    let path = url.split(['#', '?']).next().unwrap_or_default();
    let file = path.rsplit('/').next().unwrap_or_default().to_lowercase();
    let Some(stem) = [".md", ".markdown", ".rst"]
        .iter()
        .find_map(|ext| file.strip_suffix(ext))
    else {
        return false;
    };
    let Some(rest) = stem.strip_prefix("readme") else {
        return false;
    };
    let Some(tag) = rest.strip_prefix(['-', '_', '.']) else {
        return false;
    };
    (2..=7).contains(&tag.len())
        && tag
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn navigation_sections_by_their_deepest_name() {
        for names in [
            &["Translations"][..],
            &["Translations in progress"],
            &["Intro", "Table of Contents"],
            &["📖 Contents:"],
            &["Contents | 内容"],
            &["Languages"],
        ] {
            assert!(is_navigation_section(&path(names)), "{names:?}");
        }
        for names in [
            &[][..],
            &["Contents", "Optimization"],
            &["Programming Languages"],
            &["Translation models"],
            &["Papers"],
        ] {
            assert!(!is_navigation_section(&path(names)), "{names:?}");
        }
    }

    #[test]
    fn translations_are_relative_readmes_with_a_language_tag() {
        for url in [
            "translations/README-id.md",
            "README_zh-CN.md",
            "./README.ja.md",
            "docs/readme-ptbr.md#top",
        ] {
            assert!(is_translation(url), "{url}");
        }
        for url in [
            "README.md",
            "week1/README.md",
            "https://github.com/a/b/blob/master/src/README_EN.md",
            "notes.md",
            "README-the-long-version.md",
            "mailto:a@b.org",
        ] {
            assert!(!is_translation(url), "{url}");
        }
    }
}
