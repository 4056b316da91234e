use crate::cli::AddArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::markdown::venue_year;
use crate::model::{Kind, names_section, section_label};
use crate::render::{self, safe};
use crate::slug;
use crate::store::{NewItem, Store};
use crate::sync::normalize_title;
use crate::text::normalize_url;
use anyhow::Result;

/// The section `text` names: an existing section when it names one as `--section` filters
/// compare (`papers/llm` is `Papers / LLM`; the oldest of several, parents included), else a
/// new path split at `/`.
pub(super) fn section_path(store: &Store, text: &str) -> Result<Vec<String>> {
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

/// Refuses an item that is already there: a URL any item has (a removed hand-added item's
/// too: undo brings that one back with its history), or a title, unless `force`.
fn refuse_double(store: &Store, url: Option<&str>, title: &str, force: bool) -> Result<()> {
    let back = |slug: &str| format!("`mlpath undo {slug} --all` brings it back with its history");
    if let Some(u) = url {
        if let Some(existing) = store.item_with_url(u)? {
            return Err(usage(format!("{u} is already an item: {existing}")));
        }
        if let Some(removed) = store.removed_item_with_url(u)? {
            return Err(usage(format!(
                "{u} is the URL of {removed}, which was removed; {}",
                back(&removed)
            )));
        }
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

pub fn run(args: AddArgs, ctx: &Context) -> Result<()> {
    let title = crate::text::collapse(&args.title);
    if title.is_empty() {
        return Err(usage("the title is empty"));
    }
    let url = args.url.as_deref().and_then(normalize_url);
    let mut store = ctx.store()?;
    let section = match args.section.as_deref() {
        Some(text) => section_path(&store, text)?,
        None => Vec::new(),
    };
    refuse_double(&store, url.as_deref(), &title, args.force)?;
    let kind = args.kind.unwrap_or_else(|| {
        section
            .iter()
            .rev()
            .find_map(|s| Kind::from_section_name(s))
            .unwrap_or_else(|| url.as_deref().map_or(Kind::Other, Kind::from_url))
    });
    let mut taken: slug::Taken = store.all_slugs()?.into_iter().collect();
    let item = NewItem {
        slug: slug::unique(&slug::base(&title), &mut taken),
        title,
        section,
        kind,
        url,
        year: args.venue.as_deref().and_then(venue_year),
        venue: args.venue.filter(|v| !v.trim().is_empty()),
    };
    let id = store.add_item(&item, ctx.now)?;
    if ctx.json {
        let row = store
            .item_by_id(id)?
            .ok_or_else(|| failure(format!("the new item {} cannot be read back", item.slug)))?;
        return Ok(render::emit(&render::json(&super::item_view(
            &store, row, ctx.now,
        )?)?)?);
    }
    let place = if item.section.is_empty() {
        "at the end of the list".to_string()
    } else {
        format!("at the end of {}", section_label(&item.section))
    };
    Ok(render::line(format!(
        "added {} · {} ({}, {})",
        item.slug,
        safe(&item.title, false),
        item.kind,
        safe(&place, false)
    ))?)
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
