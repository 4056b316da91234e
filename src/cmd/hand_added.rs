//! What `add` and `edit` share for items added by hand: the section a `--section` names, and
//! refusing an item that is already there.

use crate::error::usage;
use crate::model::names_section;
use crate::render::safe;
use crate::store::Store;
use crate::sync::normalize_title;
use anyhow::Result;

/// The section `text` names: an existing section when it names one as `--section` filters
/// compare (`papers/llm` is `Papers / LLM`; the oldest of several, parents included), else a
/// new path split at `/`.
pub fn section_path(store: &Store, text: &str) -> Result<Vec<String>> {
    let mut known: Vec<(i64, Vec<String>)> = store.section_paths()?.into_iter().collect();
    known.sort_unstable();
    // A parent section (`Papers / LLM`) may have no items of its own, so no row: prefixes count.
    let found = known.iter().find_map(|(_, path)| {
        (1..=path.len())
            .map(|n| &path[..n])
            .find(|prefix| names_section(prefix, text))
    });
    Ok(found.map_or_else(|| new_section_path(text), <[String]>::to_vec))
}

/// `Papers / LLM` (or `Papers/LLM`) as a new section path.
fn new_section_path(text: &str) -> Vec<String> {
    text.split('/')
        .map(|part| part.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Refuses a URL that another item than `except` (a slug) has: a removed hand-added item's
/// too, which undo brings back with its history.
pub fn refuse_taken_url(store: &Store, url: &str, except: Option<&str>) -> Result<()> {
    let other = |slug: &String| Some(slug.as_str()) != except;
    if let Some(existing) = store.item_with_url(url)?.filter(other) {
        return Err(usage(format!("{url} is already an item: {existing}")));
    }
    if let Some(removed) = store.removed_item_with_url(url)?.filter(other) {
        return Err(usage(format!(
            "{url} is the URL of {removed}, which was removed; {}",
            back(&removed)
        )));
    }
    Ok(())
}

fn back(slug: &str) -> String {
    format!("`mlpath undo {slug} --all` brings it back with its history")
}

/// Refuses an item that is already there: a URL any item has (see `refuse_taken_url`), or a
/// title, unless `force`.
pub fn refuse_double(store: &Store, url: Option<&str>, title: &str, force: bool) -> Result<()> {
    if let Some(u) = url {
        refuse_taken_url(store, u, None)?;
    }
    if force {
        return Ok(());
    }
    let wanted = normalize_title(title);
    let same = |titles: Vec<(String, String)>| {
        titles
            .into_iter()
            .find(|(_, t)| !wanted.is_empty() && normalize_title(t) == wanted)
            .map(|(slug, _)| slug)
    };
    if let Some(existing) = same(store.titles()?) {
        return Err(usage(format!(
            "'{}' is already an item: {existing}; add --force to add it anyway",
            safe(title, false)
        )));
    }
    if let Some(removed) = same(store.removed_titles()?) {
        return Err(usage(format!(
            "'{}' is the title of {removed}, which was removed; {}, or add --force to add a new item",
            safe(title, false),
            back(&removed)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_section_is_split_at_slashes_with_spaces_collapsed() {
        let cases = [
            ("Papers / LLM", vec!["Papers", "LLM"]),
            ("papers/llm", vec!["papers", "llm"]),
            ("  Mine  ", vec!["Mine"]),
            ("A //  B   c /", vec!["A", "B c"]),
            ("/", vec![]),
        ];
        for (text, path) in cases {
            assert_eq!(new_section_path(text), path, "{text:?}");
        }
    }
}
