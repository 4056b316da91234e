//! What an import says: the counts line, the item-by-item dry run, the refresh line, and the
//! warnings for items hidden with their history.

use super::safe;
use crate::store::Imported;
use crate::sync::{Changes, ItemChange};
use anyhow::Result;

/// `imported 12 items: 1 added, 0 updated, 11 unchanged, 0 removed` (`would import` when dry).
pub fn counts_line(imported: &Imported, dry_run: bool) -> String {
    let prefix = if dry_run { "would import" } else { "imported" };
    let s = &imported.summary;
    let items = if imported.count == 1 { "item" } else { "items" };
    format!(
        "{prefix} {} {items}: {} added, {} updated, {} unchanged, {} removed",
        imported.count, s.added, s.updated, s.unchanged, s.removed
    )
}

/// One line per change (`+ slug  title`, `~ slug  what changed`, `- slug  title (done)`).
pub fn change_lines(changes: &Changes) -> Vec<String> {
    let mut lines = Vec::new();
    for item in &changes.added {
        lines.push(format!(
            "+ {}  {}",
            safe(&item.slug, false),
            safe(&item.title, false)
        ));
    }
    for item in &changes.updated {
        lines.push(format!(
            "~ {}  {}",
            safe(&item.slug, false),
            item.changed.join(", ")
        ));
    }
    for item in &changes.removed {
        let status = item.status.map_or("todo", |s| s.as_str());
        lines.push(format!(
            "- {}  {} ({status})",
            safe(&item.slug, false),
            safe(&item.title, false)
        ));
    }
    lines
}

/// `b.md read again for the items 'List Alpha' named: 0 added, 1 updated (shared), 0 removed`,
/// or nothing when nothing changed.
pub fn reread_line(file: &str, removed: &str, imported: &Imported) -> Option<String> {
    let c = &imported.changes;
    let s = &imported.summary;
    (s.added + s.updated + s.removed > 0).then(|| {
        format!(
            "{} read again for the items '{}' named: {}, {}, {}",
            safe(file, false),
            safe(removed, false),
            counted(s.added, "added", &c.added),
            counted(s.updated, "updated", &c.updated),
            counted(s.removed, "removed", &c.removed)
        )
    })
}

/// `README.md changed: 1 added (speculative-decoding), 0 updated, 0 removed`.
pub fn refresh_line(file: &str, imported: &Imported) -> String {
    let c = &imported.changes;
    let s = &imported.summary;
    format!(
        "{} changed: {}, {}, {}",
        safe(file, false),
        counted(s.added, "added", &c.added),
        counted(s.updated, "updated", &c.updated),
        counted(s.removed, "removed", &c.removed)
    )
}

/// `2 added (a, b)`; more than three slugs end in `…`.
fn counted(n: usize, what: &str, items: &[ItemChange]) -> String {
    if items.is_empty() {
        return format!("{n} {what}");
    }
    let mut slugs: Vec<String> = items.iter().take(3).map(|i| safe(&i.slug, false)).collect();
    if items.len() > 3 {
        slugs.push("…".into());
    }
    format!("{n} {what} ({})", slugs.join(", "))
}

/// For each item an import hid that has history: where it went and how to keep it.
pub fn hidden_lines(file: &str, changes: &Changes) -> Vec<String> {
    changes
        .removed
        .iter()
        .filter(|i| i.hidden_with_history)
        .map(|i| {
            let slug = safe(&i.slug, false);
            format!(
                "{slug} ({}) is no longer in {}; its history is kept — mlpath relink {slug} NEW if it was renamed",
                i.status.map_or("todo", |s| s.as_str()),
                safe(file, false)
            )
        })
        .collect()
}

/// `alpa, orca are unticked in README.md but done here; they stay done until `mlpath reset ITEM``.
pub fn unticked_line(file: &str, slugs: &[String]) -> Option<String> {
    let (first, rest) = slugs.split_first()?;
    let mut names: Vec<String> = std::iter::once(first)
        .chain(rest)
        .take(3)
        .map(|s| safe(s, false))
        .collect();
    if slugs.len() > 3 {
        names.push("…".into());
    }
    let (verb, stays) = if slugs.len() == 1 {
        ("is", "it stays")
    } else {
        ("are", "they stay")
    };
    Some(format!(
        "{} {verb} unticked in {} but done here; {stays} done until `mlpath reset ITEM`",
        names.join(", "),
        safe(file, false)
    ))
}

/// What an import of the list file `file` answers: the dry run's changes and the counts line
/// (after `prefix:`, the list's name, when several lists are imported), or the JSON answer; and
/// on stderr the items it hid that have history.
pub fn answer(
    json: bool,
    file: &str,
    imported: &Imported,
    dry_run: bool,
    prefix: Option<&str>,
) -> Result<()> {
    warn_hidden(file, imported, dry_run);
    if json {
        return json_answer(imported, dry_run);
    }
    let mut lines = if dry_run {
        change_lines(&imported.changes)
    } else {
        Vec::new()
    };
    let counts = counts_line(imported, dry_run);
    lines.push(match prefix {
        Some(name) => format!("{}: {counts}", safe(name, false)),
        None => counts,
    });
    Ok(super::line(lines.join("\n"))?)
}

/// Names on stderr each item the import hid that has history.
pub fn warn_hidden(file: &str, imported: &Imported, dry_run: bool) {
    if dry_run {
        return;
    }
    for line in hidden_lines(file, &imported.changes) {
        super::warn(line);
    }
    if let Some(line) = unticked_line(file, &imported.unticked) {
        super::warn(line);
    }
}

/// The dry run's item-by-item account, or the counts of a real import.
pub fn json_answer(imported: &Imported, dry_run: bool) -> Result<()> {
    let text = if dry_run {
        super::json(&imported.changes)?
    } else {
        super::json(&imported.summary)?
    };
    Ok(super::emit(&text)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::sync::Summary;

    fn change(slug: &str) -> ItemChange {
        ItemChange {
            slug: slug.into(),
            title: format!("Title of {slug}"),
            changed: vec![],
            status: None,
            hidden_with_history: false,
        }
    }

    #[test]
    fn the_refresh_line_names_the_changed_items() {
        let imported = Imported {
            list: "My list".into(),
            count: 3,
            summary: Summary {
                added: 1,
                updated: 0,
                unchanged: 2,
                removed: 0,
            },
            changes: Changes {
                added: vec![change("speculative-decoding")],
                ..Changes::default()
            },
            unticked: Vec::new(),
        };
        assert_eq!(
            refresh_line("README.md", &imported),
            "README.md changed: 1 added (speculative-decoding), 0 updated, 0 removed"
        );
    }

    #[test]
    fn hidden_items_with_history_are_named_with_their_status() {
        let mut gone = change("flexgen");
        gone.status = Some(Status::Done);
        gone.hidden_with_history = true;
        let changes = Changes {
            removed: vec![gone, change("quiet")],
            ..Changes::default()
        };
        assert_eq!(
            hidden_lines("README.md", &changes),
            [
                "flexgen (done) is no longer in README.md; its history is kept — mlpath relink flexgen NEW if it was renamed"
            ]
        );
    }
}
