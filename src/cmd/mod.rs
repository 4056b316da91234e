//! One module per command; each parses its arguments, calls the store or a pure module, renders.

mod add;
mod backup;
mod completions;
mod config;
mod due;
mod edit;
mod export;
mod hand_added;
mod import;
mod list;
mod lists;
mod log;
mod man;
mod mark;
mod next;
mod note;
mod note_correction;
mod open;
mod redo;
mod relink;
mod report;
mod restore;
mod review;
mod sessions;
mod show;
mod stats;
mod status;
mod stop;
mod sync;
mod undo;
mod where_;
mod writeback;

use crate::cli::Command;
use crate::context::Context;
use crate::error::usage;
use crate::list_name::{self, ListMatch};
use crate::lookup::{self, Found, NamedItem};
use crate::model::EventKind;
use crate::store::{ItemFilter, ItemRow, ListRecord, Store};
use crate::views::ItemView;
use anyhow::Result;
use chrono::{DateTime, Utc};

pub fn run(command: Command, ctx: &Context) -> Result<()> {
    // Commands that record nothing, or that sync themselves.
    let records = !matches!(
        command,
        Command::Sync(_)
            | Command::Config(_)
            | Command::Where
            | Command::Man
            | Command::Completions(_)
            | Command::List(_)
            | Command::Show(_)
            | Command::Status(_)
            | Command::Next(_)
            | Command::Log(_)
            | Command::Due(_)
            | Command::Export(_)
            | Command::Backup(_)
            | Command::Stats(_)
            | Command::Report(_)
            | Command::Open(_)
    );
    dispatch(command, ctx)?;
    if records {
        sync::auto(ctx)?;
    }
    Ok(())
}

fn dispatch(command: Command, ctx: &Context) -> Result<()> {
    match command {
        Command::Import(args) => import::run(args, ctx),
        Command::List(args) => list::run(args, ctx),
        Command::Show(args) => show::run(args, ctx),
        Command::Start(args) => mark::run(EventKind::Start, args, None, ctx),
        Command::Done(args) => mark::run(EventKind::Done, args.mark, Some(args.rating), ctx),
        Command::Review(args) => review::run(args, ctx),
        Command::Due(args) => due::run(args, ctx),
        Command::Skip(args) => mark::run(EventKind::Skip, args, None, ctx),
        Command::Reset(args) => mark::run(EventKind::Reset, args, None, ctx),
        Command::Note(args) => note::run(args, ctx),
        Command::Stop(args) => stop::run(args, ctx),
        Command::Undo(args) => undo::run(args, ctx),
        Command::Redo => redo::run(ctx),
        Command::Status(args) => status::run(args, ctx),
        Command::Stats(args) => stats::run(args, ctx),
        Command::Next(args) => next::run(args, ctx),
        Command::Log(args) => log::run(args, ctx),
        Command::Open(args) => open::run(args, ctx),
        Command::Add(args) => add::run(args, ctx),
        Command::Export(args) => export::run(args, ctx),
        Command::Report(args) => report::run(args, ctx),
        Command::Restore(args) => restore::run(args, ctx),
        Command::Backup(args) => backup::run(args, ctx),
        Command::Completions(args) => completions::run(args, ctx),
        Command::Where => where_::run(ctx),
        Command::Man => man::run(ctx),
        Command::Lists(args) => lists::run(args, ctx),
        Command::Relink(args) => relink::run(args, ctx),
        Command::Edit(args) => edit::edit(args, ctx),
        Command::Rm(args) => edit::rm(args, ctx),
        Command::Config(args) => config::run(args, ctx),
        Command::Writeback(args) => writeback::run(args, ctx),
        Command::Sync(args) => sync::run(args, ctx),
    }
}

/// The id of the list `--list NAME` names, or a usage error naming the lists there are.
pub fn resolve_list(store: &Store, name: Option<&str>) -> Result<Option<i64>> {
    Ok(resolve_list_record(store, name)?.map(|l| l.id))
}

/// The list `--list NAME` names: its exact name, else that name in any case; else a usage error
/// that suggests close names or names the lists there are.
pub fn resolve_list_record(store: &Store, name: Option<&str>) -> Result<Option<ListRecord>> {
    let Some(name) = name else { return Ok(None) };
    let mut lists = store.lists()?;
    let names: Vec<&str> = lists.iter().map(|l| l.name.as_str()).collect();
    let quote =
        |names: &[String]| -> Vec<String> { names.iter().map(|n| format!("'{n}'")).collect() };
    match list_name::find(name, &names) {
        ListMatch::One(at) => Ok(Some(lists.swap_remove(at))),
        ListMatch::Ambiguous(same) => Err(usage(format!(
            "'{name}' names {}, which differ only in case; give the name exactly",
            quote(&same).join(" and ")
        ))),
        ListMatch::None { suggestions } if !suggestions.is_empty() => Err(usage(format!(
            "no list is named '{name}'; did you mean {}? (`mlpath lists` shows them)",
            quote(&suggestions).join(" or ")
        ))),
        ListMatch::None { .. } => {
            let all: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            Err(usage(format!(
                "no list is named '{name}'; the lists are {} (`mlpath lists` shows them)",
                if all.is_empty() {
                    "none yet".to_string()
                } else {
                    quote(&all).join(", ")
                }
            )))
        }
    }
}

/// An item with its links and the names of the lists that hold it, as `show --json` prints it.
pub fn item_view(store: &Store, row: ItemRow, now: DateTime<Utc>) -> Result<ItemView> {
    let links = store.links_of(row.id)?;
    let lists = store
        .places_of(row.id)?
        .into_iter()
        .map(|p| p.list)
        .collect();
    let settings = store.review_settings()?;
    Ok(ItemView::new(row, links, lists, (&settings, now)))
}

/// `--json` where JSON has nothing to say (a script, a manual page, a CSV file): a usage error
/// naming why, before anything is written, rather than output a script would misread.
fn refuse_json(ctx: &Context, why: &str) -> Result<()> {
    if ctx.json {
        return Err(usage(format!("--json does not apply to {why}")));
    }
    Ok(())
}

/// Finds the item ITEM names (see `lookup`), or explains why not with exit code 2.
pub fn resolve_item(store: &Store, query: &str, include_removed: bool) -> Result<ItemRow> {
    let q = query.trim();
    if q.is_empty() {
        return Err(usage(
            "the item is empty; give an id, a slug or words of the title",
        ));
    }
    let exact = match q.parse::<i64>() {
        Ok(id) => store.item_by_id(id)?,
        Err(_) => store.item_by_slug(&q.to_lowercase())?,
    };
    if let Some(item) = exact {
        if item.removed && !include_removed {
            return Err(usage(format!(
                "'{}' is no longer in the list; pass --all to use it anyway",
                item.slug
            )));
        }
        return Ok(item);
    }
    let items = store.items(&ItemFilter {
        include_removed,
        ..ItemFilter::default()
    })?;
    let candidates: Vec<NamedItem> = items
        .iter()
        .map(|i| NamedItem {
            id: i.id,
            slug: &i.slug,
            title: &i.title,
        })
        .collect();
    match lookup::find(q, &candidates) {
        Found::One(id) => items
            .into_iter()
            .find(|i| i.id == id)
            .ok_or_else(|| usage(format!("no item matches '{q}'"))),
        Found::Many(hits) => {
            let shown: Vec<String> = hits
                .iter()
                .take(8)
                .map(|(slug, title)| format!("{slug} ({})", crate::render::safe(title, false)))
                .collect();
            let more = if hits.len() > 8 {
                format!(" and {} more", hits.len() - 8)
            } else {
                String::new()
            };
            Err(usage(format!(
                "'{q}' matches {} items: {}{more}; use a slug to pick one",
                hits.len(),
                shown.join(", ")
            )))
        }
        Found::None { suggestions } if suggestions.is_empty() => Err(usage(format!(
            "no item matches '{q}'; `mlpath list` shows the slugs"
        ))),
        Found::None { suggestions } => {
            let quoted: Vec<String> = suggestions.iter().map(|s| format!("'{s}'")).collect();
            Err(usage(format!(
                "no item matches '{q}'; did you mean {}?",
                quoted.join(" or ")
            )))
        }
    }
}
