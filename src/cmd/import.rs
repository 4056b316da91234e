use crate::cli::ImportArgs;
use crate::context::Context;
use crate::error::failure;
use crate::markdown;
use crate::render;
use crate::seed::{SEED, SEED_SOURCE};
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
    // One core parses and hands items over as they are ready; the other opens the database
    // and writes them.
    let (count, summary) = std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1024);
        scope.spawn(move || {
            // A send fails only when the import already failed; that error is reported.
            markdown::parse_each(&text, |item| {
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
        let mut store = ctx.store_unseeded()?;
        store.import_stream(stream, &source, ctx.now, args.dry_run).map_err(|e| match e {
            StoreError::NoItems => failure(format!(
                "found no items in {what}: items are list entries or table rows with a link or a title"
            )),
            other => other.into(),
        })
    })?;
    if ctx.json {
        return Ok(render::emit(&render::json(&summary)?)?);
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
