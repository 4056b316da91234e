//! The manual page (`mlpath man`): roff generated from the clap definitions, with every command.

use crate::cli::Cli;
use clap::CommandFactory;
use clap_mangen::Man;
use roff::{Roff, bold, roman};

const ENVIRONMENT: &[(&str, &str)] = &[
    ("MLPATH_DB", "The database file, when --db is not given."),
    (
        "MLPATH_NOW",
        "Fixes the clock (RFC 3339), for tests and scripts.",
    ),
    ("COLUMNS", "The width tables are fitted to."),
    (
        "NO_COLOR",
        "Turns colour off (colour is only used on a terminal).",
    ),
    (
        "VISUAL, EDITOR",
        "The editor `mlpath note` opens when no text is given.",
    ),
    (
        "BROWSER",
        "The browser `mlpath open` uses instead of the system default.",
    ),
];

/// The whole manual page as roff text.
pub fn manual_page() -> std::io::Result<String> {
    let mut page = Vec::new();
    write_page(&mut page)?;
    Ok(once_defined(&String::from_utf8_lossy(&page)))
}

/// Every piece roff renders defines the `Aq` string again; the page needs it once, at the top.
fn once_defined(page: &str) -> String {
    const DEFINITION: [&str; 2] = [".ie \\n(.g .ds Aq \\(aq", ".el .ds Aq '"];
    let mut written = [false; 2];
    let mut out = String::with_capacity(page.len());
    for line in page.lines() {
        if let Some(i) = DEFINITION.iter().position(|d| *d == line) {
            if written[i] {
                continue;
            }
            written[i] = true;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Writes the whole page as roff: clap_mangen's sections for mlpath itself, then a COMMANDS
/// section where each subcommand gets its synopsis, description, options and example.
fn write_page(out: &mut Vec<u8>) -> std::io::Result<()> {
    let mut root = Cli::command();
    root.build();
    let man = Man::new(root.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;

    let mut commands = Roff::default();
    commands.control("SH", ["COMMANDS"]);
    commands.to_writer(out)?;
    let globals: Vec<_> = root
        .get_arguments()
        .filter(|a| a.is_global_set())
        .map(|a| a.get_id().clone())
        .collect();
    for sub in root.get_subcommands().filter(|c| c.get_name() != "help") {
        write_command(out, sub, &globals, "mlpath")?;
    }

    let mut tail = Roff::default();
    if let Some(after) = root.get_after_help() {
        tail.control("SH", ["DATABASE AND DAILY USE"]);
        preformatted(&mut tail, &after.to_string());
    }
    tail.control("SH", ["ENVIRONMENT"]);
    for (name, what) in ENVIRONMENT {
        tail.control("TP", [])
            .text([bold(*name)])
            .text([roman(*what)]);
    }
    tail.to_writer(out)?;
    man.render_version_section(out)
}

/// One subcommand as a subsection, then its own subcommands (`lists rm`); the global options
/// are described once, above.
fn write_command(
    out: &mut Vec<u8>,
    sub: &clap::Command,
    globals: &[clap::Id],
    parent: &str,
) -> std::io::Result<()> {
    let mut sub = sub.clone().mut_arg("help", |a| a.hide(true));
    for id in globals {
        // A command's own `--json` (report, export) is not the global one: its help stays.
        sub = sub.mut_arg(id, |a| {
            let global = a.is_global_set();
            a.hide(global)
        });
    }
    let mut heading = Roff::default();
    let path = format!("{parent} {}", sub.get_name());
    heading.control("SS", [path.as_str()]);
    heading.to_writer(out)?;
    let man = Man::new(sub.clone());
    for section in [
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ] {
        let mut text = Vec::new();
        section(&man, &mut text)?;
        out.extend(without_headings(&text));
        // A paragraph break, or the synopsis and the description run together.
        out.extend(b".PP\n");
    }
    if let Some(example) = sub.get_after_help() {
        let mut roff = Roff::default();
        preformatted(&mut roff, &example.to_string());
        roff.to_writer(out)?;
    }
    for nested in sub.get_subcommands().filter(|c| c.get_name() != "help") {
        write_command(out, nested, globals, &path)?;
    }
    Ok(())
}

/// Drops the `.SH` lines of a section clap_mangen rendered, so it can sit under a subsection.
fn without_headings(roff: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(roff);
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with(".SH")).collect();
    let mut joined = kept.join("\n");
    if !joined.is_empty() {
        joined.push('\n');
    }
    joined.into_bytes()
}

/// Text whose lines and spacing matter (examples): no filling, no hyphenation.
fn preformatted(roff: &mut Roff, text: &str) {
    roff.control("PP", []).control("nf", []);
    for line in text.lines() {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_dropped_and_the_rest_kept() {
        let kept = without_headings(b".SH OPTIONS\n.TP\n\\fB\\-n\\fR\n");
        assert_eq!(String::from_utf8(kept).unwrap(), ".TP\n\\fB\\-n\\fR\n");
    }
}
