use crate::cli::SyncArgs;
use crate::context::Context;
use crate::error::usage;
use crate::exchange;
use crate::journal::git::Repo;
use crate::render;
use crate::views::SyncView;
use anyhow::{Context as _, Result};
use std::path::PathBuf;

/// `mlpath sync [DIR]`: pull (git), exchange journals, commit and push (git).
pub fn run(args: SyncArgs, ctx: &Context) -> Result<()> {
    let mut store = ctx.store()?;
    let stored = store.setting("sync.dir")?.filter(|d| !d.is_empty());
    let dir = match (&args.dir, &stored) {
        (Some(dir), _) => std::path::absolute(dir)
            .with_context(|| format!("cannot use {} as the sync folder", dir.display()))?,
        (None, Some(dir)) => PathBuf::from(dir),
        (None, None) => {
            return Err(usage(
                "no sync folder yet; give one once: `mlpath sync DIR` (a folder in a git \
                 repository, or one Syncthing or Dropbox shares)",
            ));
        }
    };
    if dir.exists() && !dir.is_dir() {
        return Err(usage(format!(
            "{} is a file, not a folder: give `mlpath sync` a folder (it is made when missing)",
            dir.display()
        )));
    }
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create the sync folder {}", dir.display()))?;
    let dir_text = dir.to_string_lossy().into_owned();
    let first = stored.as_deref() != Some(dir_text.as_str());
    let notes = store.setting_on("sync.notes")?;
    let repo = if args.no_git {
        None
    } else {
        Repo::containing(&dir)
    };
    if let Some(repo) = &repo {
        if first && let Some(url) = repo.remote_url() {
            render::warn(format!(
                "this device's events{} will be pushed to {url} (`mlpath config sync.notes off` keeps notes here)",
                if notes { " and notes" } else { "" }
            ));
        }
        exchange::git::pull(repo)?;
    }
    if args.new_device {
        exchange::new_device(&mut store, &dir)?;
    }
    let done = exchange::exchange(&mut store, &dir, notes, ctx.now)?;
    if first {
        store.set_setting("sync.dir", &dir_text)?;
    }
    for line in done.damaged.iter().chain(&done.received.refused) {
        render::warn(line);
    }
    // With list.write-back on, the boxes follow statuses received from other devices too.
    super::writeback::after_change(&mut store, &done.received.touched)?;
    let git = match &repo {
        Some(repo) => Some(exchange::git::commit_and_push(repo, &store, &dir)?),
        None => None,
    };
    let view = SyncView {
        dir: dir_text,
        written: done.written,
        received: done.received.events,
        items: done.received.items,
        held: done.received.held,
        devices: done.devices,
        git,
    };
    if ctx.json {
        return Ok(render::emit(&render::json(&view)?)?);
    }
    Ok(render::line(render::sync::summary(&view))?)
}

/// `sync.auto`: after a command that may have recorded something, append it to this device's
/// journal (no git, no reading of others), so a Syncthing folder stays current.
pub fn auto(ctx: &Context) -> Result<()> {
    // Known from when the command opened the database: most commands open it only once.
    if !ctx.sync_auto.get() {
        return Ok(());
    }
    let mut store = ctx.store_unseeded()?;
    let Some(dir) = store.setting("sync.dir")?.filter(|d| !d.is_empty()) else {
        return Ok(());
    };
    let notes = store.setting_on("sync.notes")?;
    // The command itself succeeded: a journal that cannot be written is a warning.
    if let Err(e) = exchange::write_own(&mut store, std::path::Path::new(&dir), notes, ctx.now) {
        render::warn(format!(
            "sync.auto could not append to the journal ({e:#}); the next sync does"
        ));
    }
    Ok(())
}
