use crate::cli::ImportArgs;
use crate::context::{Context, SEED, SEED_SOURCE};
use crate::error::failure;
use crate::markdown;
use crate::render;
use crate::store::StoreError;
use anyhow::Result;

pub fn run(args: ImportArgs, ctx: &Context) -> Result<()> {
    let (text, source) = match &args.file {
        None => (SEED.to_string(), SEED_SOURCE.to_string()),
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| {
                failure(format!("cannot read {}: {}", path.display(), io_reason(&e)))
            })?;
            let text = String::from_utf8(bytes).map_err(|_| {
                failure(format!(
                    "{} is not UTF-8 text; save it as UTF-8 and import again",
                    path.display()
                ))
            })?;
            let absolute = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            (text, absolute.display().to_string())
        }
    };
    let what = args
        .file
        .as_ref()
        .map_or("the seed list".into(), |p| p.display().to_string());
    let mut count = 0;
    // Parse on one core while the other opens the database and reads what it holds.
    let summary = std::thread::scope(|scope| {
        let parsing = scope.spawn(|| markdown::parse(&text));
        let mut store = ctx.store_unseeded()?;
        let summary = store.import_with(
            || {
                let items = parsing.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                count = items.len();
                if items.is_empty() {
                    return Err(StoreError::Invalid(format!(
                        "found no items in {what}: items are list entries or table rows with a link or a title"
                    )));
                }
                Ok(items)
            },
            &source,
            ctx.now,
            args.dry_run,
        )?;
        anyhow::Ok(summary)
    })?;
    if ctx.json {
        return Ok(render::emit(&render::json(&summary))?);
    }
    let prefix = if args.dry_run {
        "would import"
    } else {
        "imported"
    };
    Ok(render::line(format!(
        "{prefix} {count} items: {} added, {} updated, {} unchanged, {} removed",
        summary.added, summary.updated, summary.unchanged, summary.removed
    ))?)
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a directory".into(),
        _ => e.to_string(),
    }
}
