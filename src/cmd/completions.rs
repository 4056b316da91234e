use crate::cli::{Cli, CompletionsArgs};
use anyhow::Result;
use clap::CommandFactory;

pub fn run(args: CompletionsArgs) -> Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "mlpath", &mut script);
    Ok(crate::render::emit(&String::from_utf8_lossy(&script))?)
}
