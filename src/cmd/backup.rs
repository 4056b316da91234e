use crate::cli::BackupArgs;
use crate::context::Context;
use crate::error::usage;
use crate::render;
use anyhow::Result;

pub fn run(args: BackupArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let target = match args.path {
        Some(p) => p,
        None => {
            let stamp = ctx.now.format("%Y%m%d-%H%M%S");
            let name = ctx
                .db_path
                .file_name()
                .map_or("mlpath.db".into(), |n| n.to_string_lossy().into_owned());
            ctx.db_path.with_file_name(format!("{name}.{stamp}.backup"))
        }
    };
    if target.exists() {
        return Err(usage(format!(
            "{} already exists; choose another path",
            target.display()
        )));
    }
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        return Err(usage(format!(
            "the folder {} does not exist",
            parent.display()
        )));
    }
    store.backup_to(&target)?;
    Ok(render::line(format!(
        "backed up {} to {}",
        ctx.db_path.display(),
        target.display()
    ))?)
}
