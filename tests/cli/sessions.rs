//! Study sessions: `start` opens one, `stop`/`done`/`review`/`skip`/another `start` close it,
//! `--spent` records one without a clock. The clock moves by running at other MLPATH_NOW values.

use crate::support::TestEnv;

#[test]
fn a_session_runs_from_start_to_stop_and_adds_up_everywhere() {
    let env = TestEnv::new();
    env.ok(&["start", "flexgen"]);
    let out = env.at("2026-11-28T10:30:00Z").ok(&["stop"]);
    assert_eq!(
        out.trim(),
        "flexgen: 1h 30m studied (2026-11-28 09:00 – 10:30)"
    );
    let later = env.at("2026-11-28T11:00:00Z");
    assert_eq!(later.json(&["stop"]), serde_json::json!({"session": null}));
    assert!(later.ok(&["stop"]).contains("no study session is open"));
    let show = later.json(&["show", "flexgen"]);
    assert_eq!(show["time_spent_s"], 5400);
    assert_eq!(show["status"], "started");
    let sessions: Vec<&serde_json::Value> = show["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "session")
        .collect();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0]["at"], "2026-11-28T10:30:00Z");
    assert_eq!(sessions[0]["spent_s"], 5400);
    assert!(
        later
            .ok(&["show", "flexgen"])
            .contains("  time     1h 30m\n")
    );
    let list = later.json(&["list"]);
    let flexgen = list
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["slug"] == "flexgen");
    assert_eq!(flexgen.unwrap()["time_spent_s"], 5400);
    let status = later.json(&["status"]);
    assert_eq!(status["time_spent_s"], 5400);
    let inference = status["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["section"][2] == "LLM inference")
        .unwrap();
    assert_eq!(inference["time_spent_s"], 5400);
    assert_eq!(status["sections"][0]["time_spent_s"], 0);
}

#[test]
fn starting_another_item_or_finishing_this_one_ends_the_session() {
    let env = TestEnv::new();
    env.ok(&["start", "flexgen"]);
    let out = env.at("2026-11-28T09:45:00Z").ok(&["start", "orca"]);
    assert!(out.contains("flexgen: 45m studied"), "{out}");
    assert!(out.contains("orca: session started at 09:45"), "{out}");
    // done of another item leaves orca's session open; done of orca ends it.
    let out = env.at("2026-11-28T10:00:00Z").ok(&["done", "alpa"]);
    assert!(!out.contains("studied"), "{out}");
    let out = env.at("2026-11-28T10:15:00Z").ok(&["done", "orca"]);
    assert!(
        out.contains("orca: 30m studied (2026-11-28 09:45 – 10:15)"),
        "{out}"
    );
    // review and skip end their item's session too.
    let env2 = env.at("2026-11-28T11:00:00Z");
    env2.ok(&["start", "orca"]);
    let out = env.at("2026-11-28T11:20:00Z").ok(&["review", "orca"]);
    assert!(out.contains("orca: 20m studied"), "{out}");
    env.at("2026-11-28T12:00:00Z").ok(&["start", "alpaserve"]);
    let out = env.at("2026-11-28T12:10:00Z").ok(&["skip", "alpaserve"]);
    assert!(out.contains("alpaserve: 10m studied"), "{out}");
    let times: Vec<(String, i64)> = env
        .json(&["list"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["time_spent_s"].as_i64() > Some(0))
        .map(|i| {
            (
                i["slug"].as_str().unwrap().to_string(),
                i["time_spent_s"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        times,
        [
            ("flexgen".to_string(), 2700),
            ("orca".to_string(), 3000),
            ("alpaserve".to_string(), 600)
        ]
    );
}

#[test]
fn start_on_a_started_or_done_item_opens_a_session_and_keeps_its_dates() {
    let env = TestEnv::new();
    env.ok(&[
        "start",
        "flexgen",
        "--at",
        "2026-11-20 09:00",
        "--spent",
        "10m",
    ]);
    env.ok(&["done", "flexgen", "--at", "2026-11-21 09:00"]);
    let out = env.ok(&["start", "flexgen"]);
    assert!(
        out.contains("flexgen is already done") && out.contains("flexgen: session started"),
        "{out}"
    );
    // Starting the open item again keeps its clock.
    let out = env.at("2026-11-28T09:30:00Z").ok(&["start", "flexgen"]);
    assert!(
        out.contains("the session open since 2026-11-28 09:00 goes on"),
        "{out}"
    );
    env.at("2026-11-28T10:00:00Z").ok(&["stop"]);
    let show = env.json(&["show", "flexgen"]);
    assert_eq!(show["status"], "done");
    assert_eq!(show["started_at"], "2026-11-20T09:00:00Z");
    assert_eq!(show["done_at"], "2026-11-21T09:00:00Z");
    assert_eq!(show["time_spent_s"], 600 + 3600);
}

#[test]
fn a_forgotten_session_is_cut_at_session_max_with_a_note() {
    let env = TestEnv::new();
    env.ok(&["start", "flexgen"]);
    let out = env.at("2026-11-29T09:00:00Z").run(&["stop"]);
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout.trim(),
        "flexgen: 4h studied (2026-11-28 09:00 – 13:00)"
    );
    let notes: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(notes.len(), 1, "{}", out.stderr);
    assert!(
        notes[0].contains("was cut at 4h (session.max)"),
        "{}",
        notes[0]
    );
    env.ok(&["config", "session.max", "90 min"]);
    env.ok(&["start", "orca"]);
    let out = env.at("2026-11-28T12:00:00Z").run(&["done", "orca"]);
    assert!(
        out.stdout.contains("orca: 1h 30m studied"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("cut at 1h 30m"), "{}", out.stderr);
}

#[test]
fn spent_records_a_closed_session_in_the_forms_people_type() {
    let env = TestEnv::new();
    let out = env.ok(&["done", "flexgen", "--spent", "1h30m"]);
    assert!(
        out.contains("flexgen: 1h 30m studied (2026-11-28 07:30 – 09:00)"),
        "{out}"
    );
    env.ok(&["review", "flexgen", "--spent", "45m", "--at", "yesterday"]);
    env.ok(&["note", "flexgen", "kv cache", "--spent", "90 min"]);
    env.ok(&["start", "orca", "--spent", "20m"]);
    assert_eq!(
        env.json(&["show", "flexgen"])["time_spent_s"],
        5400 + 2700 + 5400
    );
    // --spent opens no clock.
    assert!(env.ok(&["stop"]).contains("no study session is open"));
    assert_eq!(env.json(&["show", "orca"])["time_spent_s"], 1200);
    let err = env.fails(&["done", "alpa", "--spent", "soon"], 2);
    assert!(
        err.contains("--spent: cannot read the length 'soon'"),
        "{err}"
    );
    let err = env.fails(&["done", "alpa", "orca", "--spent", "1h"], 2);
    assert!(err.contains("one item"), "{err}");
    let err = env.fails(&["reset", "alpa", "--spent", "1h"], 2);
    assert!(err.contains("not reset"), "{err}");
    let err = env.fails(&["done", "alpa", "--spent", "0m"], 2);
    assert!(err.contains("is zero"), "{err}");
}

#[test]
fn spent_replaces_the_open_clock_of_its_item() {
    let env = TestEnv::new();
    env.ok(&["start", "flexgen"]);
    let out = env
        .at("2026-11-28T12:00:00Z")
        .ok(&["done", "flexgen", "--spent", "1h"]);
    assert!(out.contains("replaced by --spent"), "{out}");
    assert_eq!(env.json(&["show", "flexgen"])["time_spent_s"], 3600);
}

#[test]
fn undo_takes_a_session_back_with_its_command_and_redo_restores_it() {
    let env = TestEnv::new();
    env.ok(&["start", "flexgen"]);
    let later = env.at("2026-11-28T10:00:00Z");
    later.ok(&["done", "flexgen"]);
    assert_eq!(later.json(&["show", "flexgen"])["time_spent_s"], 3600);
    let out = later.ok(&["undo"]);
    assert!(out.contains("session") && out.contains("done"), "{out}");
    let show = later.json(&["show", "flexgen"]);
    assert_eq!(
        (show["time_spent_s"].clone(), show["status"].clone()),
        (0.into(), "started".into())
    );
    later.ok(&["redo"]);
    assert_eq!(later.json(&["show", "flexgen"])["time_spent_s"], 3600);
}

#[test]
fn sessions_survive_export_and_restore() {
    let env = TestEnv::new();
    env.ok(&["done", "flexgen", "--spent", "2h"]);
    let file = env.path("backup.json");
    env.ok(&["export", "-o", file.to_str().unwrap()]);
    let copy = env.with_db(&env.path("copy.db"));
    copy.ok(&["restore", file.to_str().unwrap()]);
    let show = copy.json(&["show", "flexgen"]);
    assert_eq!(show["time_spent_s"], 7200);
    assert_eq!(copy.json(&["status"])["time_spent_s"], 7200);
}

#[test]
fn status_shows_time_per_section_and_drops_it_early_when_narrow() {
    let env = TestEnv::new();
    env.ok(&["done", "flexgen", "--spent", "1h30m"]);
    env.ok(&["start", "alpa", "--spent", "45m"]);
    insta::assert_snapshot!("status_time", env.ok(&["status", "--depth", "2"]));
    let narrow = env
        .command(&["status", "--depth", "2"])
        .env("COLUMNS", "70")
        .output()
        .unwrap();
    let narrow = String::from_utf8(narrow.stdout).unwrap();
    assert!(
        !narrow.contains("time") && narrow.contains("done"),
        "{narrow}"
    );
}

#[test]
fn stop_json_names_the_session_it_recorded() {
    let env = TestEnv::new();
    env.ok(&["start", "flexgen"]);
    assert_eq!(
        env.at("2026-11-28T10:00:00Z").json(&["stop"]),
        serde_json::json!({"session": {"slug": "flexgen", "started_at": "2026-11-28T09:00:00Z",
            "ended_at": "2026-11-28T10:00:00Z", "spent_s": 3600, "cut": false}})
    );
}

/// A session under a minute is not recorded, and `stop` says so instead of printing nothing.
#[test]
fn stop_right_after_start_says_nothing_was_recorded() {
    let env = TestEnv::new();
    env.ok(&["start", "orca"]);
    let out = env.ok(&["stop"]);
    assert_eq!(
        out.trim(),
        "orca: the session lasted under a minute; nothing recorded"
    );
    assert_eq!(env.json(&["show", "orca"])["time_spent_s"], 0);
}

/// The built-in list has no file to edit: `rm` and `edit` of its items say what to do instead.
#[test]
fn rm_of_a_built_in_item_says_only_added_items_are_removed() {
    let env = TestEnv::new();
    let err = env.fails(&["rm", "flexgen"], 2);
    assert!(
        err.contains("flexgen comes from the built-in list") && err.contains("mlpath add"),
        "{err}"
    );
}

#[test]
fn undoing_the_start_that_opened_a_session_closes_it_unrecorded() {
    let env = TestEnv::new();
    env.ok(&["start", "flexgen"]);
    let out = env.at("2026-11-28T09:40:00Z").run(&["undo"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "flexgen: the study session its start opened is closed too; no time recorded"
        ),
        "{}",
        out.stderr
    );
    let later = env.at("2026-11-28T10:30:00Z");
    assert!(later.ok(&["stop"]).contains("no study session is open"));
    let show = later.json(&["show", "flexgen"]);
    assert_eq!(show["status"], "todo");
    assert_eq!(show["time_spent_s"], 0);
    // A session opened by an earlier start stays when a later, unrelated command is undone.
    env.ok(&["start", "orca"]);
    env.at("2026-11-28T09:10:00Z")
        .ok(&["note", "orca", "first thoughts"]);
    let out = env.at("2026-11-28T09:20:00Z").run(&["undo"]);
    assert!(!out.stderr.contains("session"), "{}", out.stderr);
    let stop = env.at("2026-11-28T09:30:00Z").ok(&["stop"]);
    assert!(stop.contains("orca: 30m studied"), "{stop}");
}

#[test]
fn a_command_dated_before_the_open_session_says_it_records_no_time() {
    let env = TestEnv::new();
    env.ok(&["start", "flexgen"]);
    let later = env.at("2026-11-28T10:00:00Z");
    // stop cannot end a session before it began: refused, the session stays open.
    let err = later.fails(&["stop", "--at", "yesterday 10:00"], 2);
    assert!(err.contains("before the session opened"), "{err}");
    // Another item started two days ago ends it, with no length to record: said on stderr.
    let out = later.run(&["start", "orca", "--at", "2 days ago"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("flexgen: the session open since 2026-11-28 09:00 would end before it began"),
        "{}",
        out.stderr
    );
    let flexgen = env.json(&["show", "flexgen"]);
    assert_eq!(flexgen["time_spent_s"], 0);
}
