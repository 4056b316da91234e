//! `list --json` and every export format are written row by row; these snapshots were taken
//! from the version that gathered everything first, so the streamed output is the same bytes.
//! (The JSON export's was retaken when export version 2 added lists and memberships: it adds
//! exactly those; json_shapes' export snapshot, from the gathered version 2, still passes.)

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
        // Event ids are random; everything else is compared byte for byte.
        insta::assert_snapshot!(
            format!("export_{format}"),
            crate::support::redact_uuids(&printed)
        );
        let file = env.path(&format!("export.{format}"));
        env.ok(&["export", "--format", format, "-o", file.to_str().unwrap()]);
        assert_eq!(std::fs::read_to_string(&file).unwrap(), printed, "{format}");
    }
}

#[test]
fn a_bad_stored_value_stops_a_stream_naming_its_row_and_writes_no_file() {
    // (tampering SQL, the arguments, the problem named)
    let cases = [
        (
            "UPDATE items SET links = '[oops' WHERE slug = 'orca'",
            &["list", "--json"][..],
            "items row {orca}: links is not valid",
        ),
        (
            "UPDATE items SET kind = 'bogus' WHERE slug = 'orca'",
            &["export", "--format", "csv"][..],
            "items row {orca}: unknown kind 'bogus'",
        ),
        (
            "INSERT INTO events (id, item_id, kind, at) VALUES (4242, {orca}, 'bogus', '2026-11-27T09:00:00Z')",
            &["export", "--format", "json"][..],
            "events row 4242: unknown event kind 'bogus'",
        ),
        (
            "UPDATE items SET done_at = 'soon', status = 'done' WHERE slug = 'orca'",
            &["export", "--format", "markdown"][..],
            "items row {orca}: 'soon' is not a time",
        ),
        (
            "INSERT INTO events (id, item_id, kind, at) VALUES (4243, {orca}, 'note', 'soon')",
            &["export", "--format", "json"][..],
            "events row 4243: 'soon' is not a time",
        ),
    ];
    for (sql, args, problem) in cases {
        let env = busy();
        let orca = env.json(&["show", "orca"])["id"]
            .as_i64()
            .unwrap()
            .to_string();
        crate::store::tamper(&env, &sql.replace("{orca}", &orca));
        let err = env.fails(args, 1);
        let problem = problem.replace("{orca}", &orca);
        assert!(
            err.starts_with(&format!("mlpath: {problem}")),
            "{sql}: {err}"
        );
        assert!(err.ends_with("restore it from a backup"), "{sql}: {err}");
        if args[0] == "export" {
            let file = env.path("out");
            let mut to_file = args.to_vec();
            to_file.extend(["-o", file.to_str().unwrap()]);
            env.fails(&to_file, 1);
            assert!(!file.exists(), "{sql}: a partial export was left behind");
        }
    }
}
