//! mlpath: a markdown study list as a tracked learning path.

pub mod cli;
mod cmd;
pub(crate) mod complete;
pub(crate) mod context;
pub(crate) mod editor;
pub(crate) mod error;
pub(crate) mod exchange;
pub(crate) mod export;
pub(crate) mod files;
pub(crate) mod history;
pub(crate) mod journal;
#[cfg(test)]
mod layers;
pub(crate) mod list_name;
pub(crate) mod listfile;
pub(crate) mod lookup;
pub mod markdown;
pub mod model;
pub(crate) mod progress;
pub(crate) mod rank;
pub(crate) mod refresh;
pub(crate) mod render;
pub(crate) mod review_file;
pub(crate) mod schedule;
mod seed;
pub(crate) mod session;
pub(crate) mod settings;
pub(crate) mod slug;
pub(crate) mod state;
pub(crate) mod stats;
pub mod store;
pub(crate) mod sync;
pub(crate) mod target;
pub(crate) mod text;
pub(crate) mod views;
pub(crate) mod when;
pub(crate) mod writeback;

use clap::Parser;

/// Runs mlpath with the process arguments and returns the exit code.
pub fn main_exit_code() -> i32 {
    // `COMPLETE=bash mlpath` prints the shell's completion script; the script calls back here.
    clap_complete::CompleteEnv::with_factory(<cli::Cli as clap::CommandFactory>::command)
        .complete();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return e.exit_code();
        }
    };
    match run(cli) {
        Ok(()) => 0,
        Err(err) => {
            // One line, printed by us: with RUST_BACKTRACE=1 set, returning the error from
            // `main` would print a backtrace.
            let message = render::safe(&format!("{err:#}"), false);
            eprintln!("mlpath: {message}");
            error::exit_code(&err)
        }
    }
}

fn run(cli: cli::Cli) -> anyhow::Result<()> {
    let ctx = context::Context::new(&cli.global)?;
    // `mlpath` alone shows the status, as `task` alone runs its default report.
    let command = cli
        .command
        .unwrap_or(cli::Command::Status(cli::StatusArgs::default()));
    cmd::run(command, &ctx)
}
