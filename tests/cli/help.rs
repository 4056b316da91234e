//! Every `--help` text, as a reviewed snapshot: an accidental change to the interface shows.

use crate::support::{TestEnv, command_names, command_paths};
use clap::CommandFactory;

#[test]
fn every_help_text_matches_its_snapshot() {
    let env = TestEnv::new();
    insta::assert_snapshot!("help", env.ok(&["--help"]));
    for path in command_paths() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        insta::assert_snapshot!(format!("help_{}", path.join("_")), env.ok(&args));
    }
}

/// The examples under each command's help are commands to copy: at any usual width every
/// example line comes out whole, as written.
#[test]
fn help_examples_are_never_wrapped() {
    let env = TestEnv::new();
    let root = mlpath::cli::Cli::command();
    let mut pages = vec![(vec!["--help".to_string()], root.get_after_help())];
    for sub in root.get_subcommands().filter(|c| c.get_name() != "help") {
        let args = vec![sub.get_name().to_string(), "--help".to_string()];
        pages.push((args, sub.get_after_help()));
    }
    for columns in ["60", "80", "120", "200"] {
        for (args, after) in &pages {
            let after = after.expect("every command has an example").to_string();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let out = env.command(&args).env("COLUMNS", columns).output().unwrap();
            let help = String::from_utf8(out.stdout).unwrap();
            let lines: Vec<&str> = help.lines().collect();
            for line in after.lines().filter(|l| l.contains("mlpath ")) {
                assert!(
                    lines.contains(&line),
                    "`mlpath {}` at {columns} columns wraps the example line {line:?}:\n{help}",
                    args.join(" ")
                );
            }
        }
    }
}

/// `--db` is optional everywhere; MLPATH_DB being set must not make usage lines show it.
#[test]
fn usage_lines_do_not_show_the_database_as_required() {
    let env = TestEnv::new();
    let err = env.run(&["done"]).stderr;
    assert!(err.contains("Usage: mlpath done <ITEM>..."), "{err}");
    let help = env.ok(&["done", "--help"]);
    assert!(
        help.contains("Usage: mlpath done [OPTIONS] <ITEM>..."),
        "{help}"
    );
    for name in command_names() {
        let help = env.ok(&[name.as_str(), "--help"]);
        let usage = help.lines().find(|l| l.starts_with("Usage:")).unwrap();
        assert!(!usage.contains("--db"), "{name}: {usage}");
    }
}

/// `report` and `export` print no table: their `--json` says what it prints instead, and works
/// before the command name as after it.
#[test]
fn json_help_of_report_and_export_says_what_is_printed() {
    let env = TestEnv::new();
    let json_line = |cmd: &str| {
        let help = env.ok(&[cmd, "--help"]);
        let line = help.lines().find(|l| l.contains("--json")).unwrap();
        line.trim().to_string()
    };
    assert!(!json_line("report").contains("table"));
    assert!(json_line("report").contains("what was written"));
    assert!(!json_line("export").contains("table"));
    assert!(json_line("export").contains("what was written"));
    assert!(
        !json_line("start").contains("table"),
        "start prints no table either"
    );
    for args in [
        ["report", "--json", "-o", "r.html"],
        ["--json", "report", "-o", "r.html"],
        ["export", "--json", "-o", "e.json"],
        ["--json", "export", "-o", "e.json"],
    ] {
        let mut cmd = env.command(&args);
        cmd.current_dir(env.dir.path());
        let out = crate::support::Output::of(cmd);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let answer: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert!(answer["bytes"].as_u64().unwrap() > 0, "{args:?}");
    }
}
