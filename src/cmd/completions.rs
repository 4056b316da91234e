use crate::cli::{Cli, CompletionsArgs};
use crate::context::Context;
use anyhow::Result;
use clap::CommandFactory;

pub fn run(args: CompletionsArgs, ctx: &Context) -> Result<()> {
    super::refuse_json(ctx, "completions: it prints a shell script")?;
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "mlpath", &mut script);
    Ok(crate::render::emit(&String::from_utf8_lossy(&script))?)
}
