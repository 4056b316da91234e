//! The git steps of a sync in a git work tree: pull before the exchange, commit this device's
//! journal and push after it, each failure told in one line with what happens next.

use crate::error::failure;
use crate::journal::git::Repo;
use crate::render;
use crate::views::SyncGitView;
use anyhow::Result;

/// Pulls before anything is exchanged. A work tree in the middle of a rebase or merge (a
/// conflict git stopped at) is left alone: committing into it would bury journals in it.
pub fn pull(repo: &Repo) -> Result<()> {
    let stopped = |what: &str| {
        format!(
            "git is in the middle of a {what} in {} (a conflict to resolve): finish or abort it \
             (`git status` says how), then sync again; nothing was synced",
            repo.root.display()
        )
    };
    if let Some(what) = repo.unfinished() {
        return Err(failure(stopped(what)));
    }
    let conflicted = repo.pull().map_err(|why| match repo.unfinished() {
        Some(what) => failure(format!("git pull failed: {why}; {}", stopped(what))),
        None => failure(format!(
            "git pull in {} failed: {why}; nothing was synced, the next sync tries again",
            repo.root.display()
        )),
    })?;
    if !conflicted.is_empty() {
        render::warn(format!(
            "git pulled changes that conflict with your uncommitted changes to {}: the file has \
             both, between conflict markers, and git keeps yours in `git stash`; edit it, then \
             `git stash drop`",
            conflicted.join(", ")
        ));
    }
    Ok(())
}

/// Commits this device's journal (and the `.gitattributes` beside it), then pushes. The message
/// counts the journal lines the commit adds: after a failed commit, the next sync commits the
/// lines an earlier sync wrote.
pub fn commit_and_push(
    repo: &Repo,
    store: &crate::store::Store,
    dir: &std::path::Path,
) -> Result<SyncGitView> {
    let attributes = super::ensure_gitattributes(dir)?;
    let paths = vec![super::own_journal(store, dir)?, attributes];
    let message = |lines: usize| {
        format!(
            "mlpath: {} from {}",
            match lines {
                1 => "1 event".to_string(),
                n => format!("{n} events"),
            },
            super::device_name()
        )
    };
    let committed = repo.commit(&paths, message).map_err(|why| {
        failure(format!(
            "git commit failed: {why}; the journals were exchanged, the next sync commits this \
             device's"
        ))
    })?;
    let pushed = repo.push().map_err(|why| {
        failure(format!(
            "git push failed: {why}; the events are committed here and the next sync pushes them"
        ))
    })?;
    Ok(SyncGitView { committed, pushed })
}
