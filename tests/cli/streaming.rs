//! `list --json` and every export format are written row by row; these snapshots were taken
//! from the version that gathered everything first, so the streamed output is the same bytes.

use crate::support::TestEnv;

/// Events of every kind, notes with characters JSON, CSV and markdown must escape, an undo and
/// items added by hand (one in a new section, one linkless).
fn busy() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["start", "flexgen", "--at", "2026-11-20"]);
    env.ok(&[
        "done",
        "flexgen",
        "-m",
        "a \"quoted\"\nnote\twith tab \\ and 😀",
    ]);
    env.ok(&["review", "flexgen"]);
    env.ok(&["done", "orca", "--at", "2026-11-21"]);
    env.ok(&["skip", "alpa"]);
    env.ok(&["note", "alpa", "<b>*markdown*</b> | pipe, comma"]);
    env.ok(&["start", "tabi"]);
    env.ok(&["undo"]);
    env.ok(&["add", "Mine, \"quoted\" [x]", "--section", "Mine / Deep"]);
    env.ok(&["add", "Linked", "--url", "https://example.org/a b"]);
    env
}

#[test]
fn list_json_is_unchanged_by_streaming() {
    let env = busy();
    insta::assert_snapshot!("list_all_json", env.ok(&["list", "--all", "--json"]));
    insta::assert_snapshot!(
        "list_json_filtered",
        env.ok(&[
            "list",
            "--json",
            "--section",
            "Papers",
            "--search",
            "markdown"
        ])
    );
    assert_eq!(
        env.ok(&["list", "--json", "--search", "no such words"]),
        "[]\n"
    );
}

#[test]
fn every_export_format_is_unchanged_by_streaming() {
    let env = busy();
    for format in ["json", "csv", "markdown"] {
        let printed = env.ok(&["export", "--format", format]);
        insta::assert_snapshot!(format!("export_{format}"), printed);
        let file = env.path(&format!("export.{format}"));
        env.ok(&["export", "--format", format, "-o", file.to_str().unwrap()]);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), printed, "{format}");
    }
}
