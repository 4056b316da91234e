use crate::cli::ImportArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::listfile::{self, ListFile};
use crate::markdown;
use crate::render::{self, imports};
use crate::store::{Imported, Store, StoreError};
use anyhow::Result;
use chrono::{DateTime, Utc};

pub fn run(args: ImportArgs, ctx: &Context) -> Result<()> {
    let file = match &args.file {
        Some(path) => listfile::read(path, args.name.as_deref())?,
        None if args.seed => listfile::seed(false, args.name.as_deref()),
        None => return reimport_all(&args, ctx),
    };
    let what = args
        .file
        .as_ref()
        .map_or("the built-in list".into(), |p| p.display().to_string());
    let mut store = ctx.store_unseeded()?;
    let imported = import(&mut store, &file, ctx.now, args.dry_run, &what)?;
    report(ctx, &file, &imported, args.dry_run, None)
}

/// `mlpath import` alone: every recorded list again, from its file.
fn reimport_all(args: &ImportArgs, ctx: &Context) -> Result<()> {
    if args.name.is_some() {
        return Err(usage(
            "--name needs FILE (or --seed): which list should get the name?",
        ));
    }
    let mut store = ctx.store_unseeded()?;
    let lists = store.lists()?;
    if lists.is_empty() {
        return Err(usage(
            "no list is recorded yet; pass FILE to import yours, or --seed for the built-in list",
        ));
    }
    let mut failed = 0;
    for list in &lists {
        let file = if list.is_file() {
            match listfile::read(std::path::Path::new(&list.path), None) {
                Ok(file) => file,
                Err(e) => {
                    eprintln!("mlpath: {}", render::safe(&format!("{e:#}"), false));
                    failed += 1;
                    continue;
                }
            }
        } else {
            listfile::seed(list.seeded, None)
        };
        let imported = import(&mut store, &file, ctx.now, args.dry_run, &list.path)?;
        report(ctx, &file, &imported, args.dry_run, Some(&list.name))?;
    }
    if failed == lists.len() {
        return Err(failure(
            "no recorded list could be read; `mlpath lists` shows their paths",
        ));
    }
    Ok(())
}

/// Imports one list file; the parser runs on one core while the store writes on the other.
pub(crate) fn import(
    store: &mut Store,
    file: &ListFile,
    now: DateTime<Utc>,
    dry_run: bool,
    what: &str,
) -> Result<Imported> {
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1024);
        scope.spawn(move || {
            // A send fails only when the import already failed; that error is reported.
            markdown::parse_each(&file.text, |item| {
                let _ = sender.send(Some(item));
            });
            let _ = sender.send(None);
        });
        // Items until the parser says it is done; a channel closed before that means the
        // parser crashed, and the import must not commit half a list.
        let stream = std::iter::from_fn(|| match receiver.recv() {
            Ok(Some(item)) => Some(Ok(item)),
            Ok(None) => None,
            Err(_) => Some(Err(StoreError::Invalid(
                "the parser stopped before the end of the list".into(),
            ))),
        });
        store
            .import_stream(stream, &file.source, now, dry_run)
            .map_err(|e| match e {
                StoreError::NoItems => failure(format!(
                    "found no items in {what}: items are list entries or table rows with a link or a title"
                )),
                other => other.into(),
            })
    })
}

fn report(
    ctx: &Context,
    file: &ListFile,
    imported: &Imported,
    dry_run: bool,
    prefix: Option<&str>,
) -> Result<()> {
    let file_name = listfile::file_name(&file.source.path);
    if !dry_run {
        for line in imports::hidden_lines(file_name, &imported.changes) {
            eprintln!("mlpath: {line}");
        }
    }
    if ctx.json {
        let text = if dry_run {
            render::json(&imported.changes)?
        } else {
            render::json(&imported.summary)?
        };
        return Ok(render::emit(&text)?);
    }
    let mut lines = if dry_run {
        imports::change_lines(&imported.changes)
    } else {
        Vec::new()
    };
    let counts = imports::counts_line(imported, dry_run);
    lines.push(match prefix {
        Some(name) => format!("{}: {counts}", render::safe(name, false)),
        None => counts,
    });
    Ok(render::line(lines.join("\n"))?)
}
