//! Every `--json` shape on the seed list with a fixed clock, as reviewed snapshots: the JSON
//! output is a stable interface, so any change to a key, a value or its order shows here.

use crate::support::TestEnv;

/// The seed list with a little history: a review, a done item, a started one, a note, a skip.
fn seeded_with_history() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["start", "flexgen", "--at", "2026-11-20T10:00:00Z"]);
    env.ok(&[
        "done",
        "flexgen",
        "-m",
        "offloading is the key",
        "--at",
        "2026-11-24T18:30:00Z",
    ]);
    env.ok(&["review", "flexgen", "--at", "2026-11-26T08:00:00Z"]);
    env.ok(&["done", "neural-network", "--at", "2026-11-27T21:00:00Z"]);
    env.ok(&["start", "orca", "-m", "reading section 3"]);
    env.ok(&["note", "orca", "iteration-level scheduling"]);
    env.ok(&["skip", "history-of-speech-recognition"]);
    env
}

/// The output of `args --json` exactly as printed (key order and layout included).
fn pretty(env: &TestEnv, args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.push("--json");
    checked(env.ok(&all))
}

fn checked(text: String) -> String {
    serde_json::from_str::<serde_json::Value>(&text).expect("valid JSON");
    text
}

#[test]
fn report_json_shapes_match_their_snapshots() {
    let env = seeded_with_history();
    insta::assert_snapshot!("json_list", pretty(&env, &["list"]));
    insta::assert_snapshot!("json_show", pretty(&env, &["show", "flexgen"]));
    insta::assert_snapshot!("json_status", pretty(&env, &["status"]));
    insta::assert_snapshot!("json_next", pretty(&env, &["next"]));
    insta::assert_snapshot!("json_next_explain", pretty(&env, &["next", "--explain"]));
    insta::assert_snapshot!("json_log", pretty(&env, &["log"]));
}

/// The export is compared byte for byte: its exact text is what a restore reads back.
#[test]
fn export_json_matches_its_snapshot() {
    let env = seeded_with_history();
    insta::assert_snapshot!(
        "json_export",
        crate::support::redact_uuids(&checked(env.ok(&["export", "--format", "json"])))
    );
}

#[test]
fn where_json_matches_its_snapshot() {
    let env = seeded_with_history();
    let text = pretty(&env, &["where"]);
    let dir = env.dir.path().to_str().unwrap();
    insta::assert_snapshot!("json_where", text.replace(dir, "[TEMP]"));
}

/// What the commands that change or write something answer with `--json`.
#[test]
fn write_json_shapes_match_their_snapshots() {
    let env = seeded_with_history();
    let temp = |text: String| text.replace(env.dir.path().to_str().unwrap(), "[TEMP]");
    insta::assert_snapshot!(
        "json_note",
        pretty(&env, &["note", "alpa", "two", "lines\nof note"])
    );
    insta::assert_snapshot!(
        "json_add",
        pretty(
            &env,
            &[
                "add",
                "Megatron-LM",
                "--section",
                "Papers / LLM",
                "--venue",
                "arXiv'19"
            ]
        )
    );
    insta::assert_snapshot!(
        "json_edit",
        pretty(
            &env,
            &[
                "edit",
                "megatron-lm",
                "--kind",
                "Video",
                "--title",
                "Megatron-LM talk"
            ]
        )
    );
    insta::assert_snapshot!("json_rm", pretty(&env, &["rm", "megatron-lm"]));
    insta::assert_snapshot!(
        "json_open_print",
        pretty(&env, &["open", "flexgen", "--print"])
    );
    let copy = env.path("copy.db");
    insta::assert_snapshot!(
        "json_backup",
        temp(pretty(&env, &["backup", copy.to_str().unwrap()])).replace(
            &std::fs::metadata(&copy).unwrap().len().to_string(),
            "[BYTES]"
        )
    );
    let export = env.path("export.json");
    insta::assert_snapshot!(
        "json_export_to_file",
        temp(pretty(&env, &["export", "-o", export.to_str().unwrap()])).replace(
            &std::fs::metadata(&export).unwrap().len().to_string(),
            "[BYTES]"
        )
    );
    let restored = env.path("restored.db");
    let restore = [
        "--db",
        restored.to_str().unwrap(),
        "restore",
        export.to_str().unwrap(),
    ];
    insta::assert_snapshot!("json_restore", temp(pretty(&env, &restore)));
    let mine = env.write("mine.md", "# Mine\n- [Old name](https://old.org)\n");
    env.ok(&["import", mine.to_str().unwrap()]);
    env.ok(&["done", "old-name", "--at", "2026-11-27T20:00:00Z"]);
    env.write("mine.md", "# Mine\n- [New name](https://new.org)\n");
    env.ok(&["import"]);
    insta::assert_snapshot!(
        "json_relink",
        pretty(&env, &["relink", "old-name", "new-name"])
    );
    insta::assert_snapshot!("json_lists_rm", pretty(&env, &["lists", "rm", "Mine"]));
}
