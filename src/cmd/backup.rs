use crate::cli::BackupArgs;
use crate::context::Context;
use crate::files;
use crate::render;
use crate::views::BackupView;
use anyhow::Result;

pub fn run(args: BackupArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let stamp = ctx.now.format("%Y%m%d-%H%M%S");
    let db_name = ctx
        .db_path
        .file_name()
        .map_or("mlpath.db".into(), |n| n.to_string_lossy().into_owned());
    let dated = format!("{db_name}.{stamp}.backup");
    let target = match args.path {
        // `backup DIR` puts the dated copy inside the folder.
        Some(p) if p.is_dir() => p.join(dated),
        Some(p) => p,
        None => ctx.db_path.with_file_name(dated),
    };
    // Into a temporary file, renamed at the end: an interrupted backup leaves nothing that
    // looks like a database at `target`, and a retry to the same path works.
    files::create_atomically(&target, |temp| Ok(store.backup_to(temp)?))?;
    if ctx.json {
        let view = BackupView {
            database: ctx.db_path.display().to_string(),
            path: std::path::absolute(&target)
                .unwrap_or_else(|_| target.clone())
                .display()
                .to_string(),
            bytes: std::fs::metadata(&target).map_or(0, |m| m.len()),
        };
        return Ok(render::emit(&render::json(&view)?)?);
    }
    Ok(render::line(format!(
        "backed up {} to {}",
        ctx.db_path.display(),
        target.display()
    ))?)
}
