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
        checked(env.ok(&["export", "--format", "json"]))
    );
}

#[test]
fn where_json_matches_its_snapshot() {
    let env = seeded_with_history();
    let text = pretty(&env, &["where"]);
    let dir = env.dir.path().to_str().unwrap();
    insta::assert_snapshot!("json_where", text.replace(dir, "[TEMP]"));
}
