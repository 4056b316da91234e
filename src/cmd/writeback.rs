use crate::cli::WritebackArgs;
use crate::context::Context;
use crate::error::{failure, usage};
use crate::render::{self, safe};
use crate::store::Store;
use crate::writeback::{self, ListWriteback};
use anyhow::Result;

/// `writeback`: each item's status into its list files (or the one `--list` names) as boxes.
pub fn run(args: WritebackArgs, ctx: &Context) -> Result<()> {
    let mut store = ctx.store()?;
    let lists = match &args.list {
        Some(name) => {
            let id = super::resolve_list(&store, Some(name))?;
            let list = store.lists()?.into_iter().filter(|l| Some(l.id) == id);
            let list: Vec<_> = list.collect();
            if list.iter().any(|l| !l.is_file()) {
                return Err(usage(format!(
                    "'{}' is the built-in list, which has no file to write to; import your own list first",
                    safe(name, false)
                )));
            }
            list
        }
        None => store.lists()?.into_iter().filter(|l| l.is_file()).collect(),
    };
    if lists.is_empty() {
        return Err(usage(
            "no list file is recorded; import one first: mlpath import README.md",
        ));
    }
    let mut done: Vec<ListWriteback> = Vec::new();
    let mut failed = 0;
    for list in &lists {
        match writeback::write_list(&mut store, list, None, args.add_boxes, args.dry_run) {
            Ok(outcome) => done.push(outcome),
            Err(e) if lists.len() == 1 => return Err(e),
            // One list that cannot be written must not hide what was written to the others.
            Err(e) => {
                render::warn(format!("{e:#}"));
                failed += 1;
            }
        }
    }
    let outcome = report(&done, args.dry_run, ctx);
    if failed > 0 {
        return Err(failure(format!(
            "{failed} of {} list files could not be written back; `mlpath lists` shows their \
             paths (`mlpath lists rm NAME` stops following one that is gone)",
            lists.len()
        )));
    }
    outcome
}

fn report(done: &[ListWriteback], dry_run: bool, ctx: &Context) -> Result<()> {
    if ctx.json {
        return Ok(render::emit(&render::json(&done)?)?);
    }
    if done.is_empty() {
        return Ok(());
    }
    let lines: Vec<String> = done
        .iter()
        .map(|w| render::writeback::line(w, dry_run))
        .collect();
    Ok(render::line(lines.join("\n"))?)
}

/// After a command changed the status of `item_ids`: with `list.write-back on`, writes their
/// boxes into every list file that holds them. A file that cannot be written is a warning:
/// the change itself is recorded.
pub(super) fn after_change(store: &mut Store, item_ids: &[i64]) -> Result<()> {
    if item_ids.is_empty() || !writeback::automatic(store)? {
        return Ok(());
    }
    for list in store.lists()?.iter().filter(|l| l.is_file()) {
        match writeback::write_list(store, list, Some(item_ids), false, false) {
            Ok(done) if done.written => {
                eprintln!("mlpath: {}", render::writeback::line(&done, false))
            }
            Ok(_) => {}
            Err(e) => eprintln!("mlpath: warning: {}", safe(&format!("{e:#}"), false)),
        }
    }
    Ok(())
}
