use crate::cli::LogArgs;
use crate::context::Context;
use crate::render;
use crate::views::LogEntry;
use anyhow::Result;

pub fn run(args: LogArgs, ctx: &Context) -> Result<()> {
    let since = match &args.since {
        Some(text) => Some(ctx.time_flag("--since", text)?),
        None => None,
    };
    let store = ctx.store()?;
    let list = super::resolve_list(&store, args.list.as_deref())?;
    let entries: Vec<LogEntry> = match args.n {
        // `-n 0` asks for nothing, which is not "no events yet".
        0 => Vec::new(),
        n => store
            .recent_events(since, n, args.all, list)?
            .into_iter()
            .map(LogEntry::from)
            .collect(),
    };
    if ctx.json {
        return Ok(render::emit(&render::json(&entries)?)?);
    }
    if args.n == 0 {
        return Ok(());
    }
    Ok(render::emit(&render::log::table(&entries, &ctx.out))?)
}
