use crate::cli::RestoreArgs;
use crate::context::Context;
use crate::error::failure;
use crate::export::{Document, Unheld};
use crate::files;
use crate::render;
use crate::views::RestoreView;
use anyhow::Result;

/// The first bytes of every SQLite database file.
const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

pub fn run(args: RestoreArgs, ctx: &Context) -> Result<()> {
    let file = args.file.display();
    let bytes = std::fs::read(&args.file)
        .map_err(|e| failure(format!("cannot read {file}: {}", files::io_reason(&e))))?;
    if bytes.starts_with(SQLITE_HEADER) {
        return Err(failure(format!(
            "{file} is an SQLite database (a backup?), not a JSON export; use it with --db {file}, or copy it into place"
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        failure(format!(
            "{file} is not an mlpath JSON export (not UTF-8 text)"
        ))
    })?;
    let mut doc: Document = serde_json::from_str(&text)
        .map_err(|e| failure(format!("{file} is not an mlpath JSON export: {e}")))?;
    if let Some(item) = doc
        .items
        .iter()
        .find(|i| !crate::slug::is_well_formed(&i.slug))
    {
        return Err(failure(format!(
            "{file} gives item {} ('{}') the slug '{}', which is not a slug (lower-case letters, digits, single hyphens); fix it in the export",
            item.id,
            render::safe(&item.title, false),
            item.slug.escape_default()
        )));
    }
    let bad_uid = doc.items.iter().find_map(|i| {
        i.events
            .iter()
            .find(|e| {
                e.uid
                    .as_deref()
                    .is_some_and(|u| !crate::journal::is_uuid(u))
            })
            .map(|e| (i, e))
    });
    if let Some((item, event)) = bad_uid {
        return Err(failure(format!(
            "{file} gives event {} of item {} a uid that is not a UUID; fix it in the export or remove the uid",
            event.id, item.slug
        )));
    }
    let mut store = ctx.store_unseeded()?;
    doc.rate_unrated();
    let unheld = doc.drop_unheld_lists();
    let count = store.restore(&doc, ctx.now)?;
    for line in unheld_lines(&file.to_string(), &unheld) {
        eprintln!("mlpath: warning: {line}");
    }
    if ctx.json {
        let view = RestoreView {
            database: ctx.db_path.display().to_string(),
            items: count,
        };
        return Ok(render::emit(&render::json(&view)?)?);
    }
    Ok(render::line(format!(
        "restored {count} items into {}",
        ctx.db_path.display()
    ))?)
}

/// One line per list that items name but the document does not hold (an older `export --list`
/// wrote such places): the items are restored, without their place in that list.
fn unheld_lines(file: &str, unheld: &[Unheld]) -> Vec<String> {
    let mut lists: Vec<(&str, Vec<&str>, bool)> = Vec::new();
    for u in unheld {
        match lists.iter_mut().find(|(list, ..)| *list == u.list) {
            Some((_, slugs, hidden)) => {
                slugs.push(&u.slug);
                *hidden |= u.hidden;
            }
            None => lists.push((&u.list, vec![&u.slug], u.hidden)),
        }
    }
    lists
        .into_iter()
        .map(|(list, slugs, hidden)| {
            let mut named: Vec<String> = slugs.iter().take(3).map(|s| render::safe(s, false)).collect();
            if slugs.len() > 3 {
                named.push("…".into());
            }
            format!(
                "{} does not hold the list '{}' that {} item(s) name ({}); they are restored without their place in it{}",
                render::safe(file, false),
                render::safe(list, false),
                slugs.len(),
                named.join(", "),
                match hidden {
                    true => ", and those no other list holds are hidden with their history (`mlpath list --all` shows them)",
                    false => "",
                }
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unheld(slug: &str, list: &str) -> Unheld {
        Unheld {
            slug: slug.into(),
            list: list.into(),
            hidden: slug == "y",
        }
    }

    #[test]
    fn one_warning_per_missing_list() {
        let lines = unheld_lines(
            "a.json",
            &[
                unheld("x", "Beta"),
                unheld("y", "Gamma"),
                unheld("z", "Beta"),
                unheld("w", "Beta"),
                unheld("v", "Beta"),
            ],
        );
        assert_eq!(
            lines,
            [
                "a.json does not hold the list 'Beta' that 4 item(s) name (x, z, w, …); they are restored without their place in it",
                "a.json does not hold the list 'Gamma' that 1 item(s) name (y); they are restored without their place in it, and those no other list holds are hidden with their history (`mlpath list --all` shows them)",
            ]
        );
    }
}
