//! `mlpath import [FILE]`: a list file (or the built-in list, or every recorded list) into the
//! database, or `--dry-run` to see what would change.

use crate::cli::ImportArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::history::Origin;
use crate::listfile;
use crate::render::{self, imports};
use crate::store::{ImportRun, Imported};
use anyhow::Result;

pub fn run(args: ImportArgs, ctx: &Context) -> Result<()> {
    let mut file = match &args.file {
        Some(path) => listfile::read(path, args.name.as_deref())?,
        None if args.seed => crate::seed::list_file(false, args.name.as_deref()),
        None => return reimport_all(&args, ctx),
    };
    let what = args
        .file
        .as_ref()
        .map_or("the built-in list".into(), |p| p.display().to_string());
    let mut store = ctx.store_unseeded()?;
    let imported = listfile::import(
        &mut store,
        &mut file,
        ctx.now,
        import_run(args.dry_run),
        &what,
    )?;
    if !args.dry_run && args.file.is_some() {
        // The user named this file: its real folder now bounds `open`'s relative links.
        store.trust_list_folder(&file.source.path)?;
    }
    let name = listfile::file_name(&file.source.path);
    imports::answer(ctx.json, name, &imported, args.dry_run, None)
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
    // With --json, one document for all lists: their changes (or counts) added up.
    let mut total = Imported::default();
    for list in &lists {
        let mut file = if list.is_file() {
            match listfile::read(std::path::Path::new(&list.path), None) {
                Ok(file) => file,
                Err(e) => {
                    render::warn(format!("{e:#}"));
                    failed += 1;
                    continue;
                }
            }
        } else {
            crate::seed::list_file(list.seeded, None)
        };
        let imported = listfile::import(
            &mut store,
            &mut file,
            ctx.now,
            import_run(args.dry_run),
            &list.path,
        )?;
        let name = listfile::file_name(&file.source.path);
        if ctx.json {
            imports::warn_hidden(name, &imported, args.dry_run);
            total.add(imported);
        } else {
            imports::answer(false, name, &imported, args.dry_run, Some(&list.name))?;
        }
    }
    if failed == lists.len() {
        return Err(failure(
            "no recorded list could be read; `mlpath lists` shows their paths",
        ));
    }
    if ctx.json {
        imports::json_answer(&total, args.dry_run)?;
    }
    // The others were imported; the exit code still says that not every list was.
    if failed > 0 {
        return Err(failure(format!(
            "{failed} of {} lists could not be read; `mlpath lists` shows their paths \
             (`mlpath lists rm NAME` stops following one that is gone)",
            lists.len()
        )));
    }
    Ok(())
}

/// A typed import writes as an import (its ticked boxes are not undone by plain `undo`).
fn import_run(dry_run: bool) -> ImportRun {
    match dry_run {
        true => ImportRun::DryRun,
        false => ImportRun::Write(Origin::Import),
    }
}
