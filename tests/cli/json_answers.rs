//! `--json` on commands that change or write something: they answer with what they recorded or
//! wrote; where JSON has nothing to say, the flag is refused before anything is written.

use crate::support::{TestEnv, command_paths};
use serde_json::{Value, json};
use std::collections::BTreeSet;

fn refused(env: &TestEnv, args: &[&str]) -> String {
    let err = env.fails(args, 2);
    assert!(err.contains("--json does not apply to"), "{err}");
    err
}

/// Every command (nested ones too), with arguments it needs, either prints JSON or refuses
/// `--json`; a new command fails here until it does one or the other.
#[test]
fn every_command_answers_json_or_refuses_it() {
    let env = TestEnv::new();
    let export = env.path("export.json");
    let export = export.to_str().unwrap();
    let report = env.path("report.html");
    let report = report.to_str().unwrap();
    let copy = env.path("copy.db");
    let restored = env.path("restored.db");
    let mine = env.write("mine.md", "# Mine\n- [Old name](https://old.org)\n");
    let journals = env.path("journals");
    let runs: Vec<Vec<&str>> = vec![
        vec!["import", "--seed"],
        vec!["list"],
        vec!["show", "flexgen"],
        vec!["start", "flexgen"],
        vec!["stop"],
        vec!["done", "flexgen"],
        vec!["review", "flexgen"],
        vec!["skip", "alpa"],
        vec!["reset", "alpa"],
        vec!["note", "orca", "a", "note"],
        vec!["undo"],
        vec!["redo"],
        vec!["status"],
        vec!["stats"],
        vec!["next"],
        vec!["log"],
        vec!["due"],
        vec!["open", "flexgen", "--print"],
        vec!["add", "A new paper"],
        vec!["edit", "new-paper", "--title", "A renamed paper"],
        vec!["rm", "new-paper"],
        vec!["export", "-o", export],
        vec!["report", "-o", report],
        vec!["backup", copy.to_str().unwrap()],
        vec!["restore", export, "--db", restored.to_str().unwrap()],
        vec!["import", mine.to_str().unwrap()],
        vec!["done", "old-name"],
        vec!["writeback", "--list", "Mine", "--dry-run"],
        vec!["lists"],
        vec!["config"],
        vec!["config", "list.refresh", "on"],
        vec!["sync", journals.to_str().unwrap()],
        vec!["where"],
        vec!["completions", "bash"],
        vec!["man"],
    ];
    let paths: BTreeSet<String> = command_paths().iter().map(|p| p.join(" ")).collect();
    let mut seen = BTreeSet::new();
    let mut check = |args: &[&str]| {
        let nested = args
            .get(..2)
            .map(|a| a.join(" "))
            .filter(|p| paths.contains(p));
        seen.insert(nested.unwrap_or_else(|| args[0].to_string()));
        let mut all = args.to_vec();
        all.push("--json");
        if ["completions", "man"].contains(&args[0]) {
            refused(&env, &all);
            return;
        }
        let out = env.run(&all);
        assert_eq!(out.code, 0, "{all:?}: {}", out.stderr);
        let value: Result<Value, _> = serde_json::from_str(&out.stdout);
        assert!(value.is_ok(), "{all:?} printed no JSON: {}", out.stdout);
    };
    for args in &runs {
        check(args);
    }
    // The list renames its item (title and URL): relink gives the old one's history to the new.
    env.write("mine.md", "# Mine\n- [New name](https://new.org)\n");
    check(&["import"]);
    check(&["relink", "old-name", "new-name"]);
    check(&["lists", "rm", "Mine"]);
    let missing: Vec<&String> = paths.iter().filter(|p| !seen.contains(*p)).collect();
    assert!(
        missing.is_empty(),
        "check --json of {missing:?} here (answer with JSON, or refuse it)"
    );
}

#[test]
fn note_answers_with_the_event_it_recorded() {
    let env = TestEnv::new();
    let answer = env.json(&["note", "orca", "iteration-level", "scheduling"]);
    let event = &answer["event"];
    assert_eq!(event["slug"], "orca");
    assert_eq!(event["kind"], "note");
    assert_eq!(event["note"], "iteration-level scheduling");
    assert_eq!(event["at"], "2026-11-28T09:00:00Z");
    assert!(event["id"].as_i64().unwrap() > 0, "{answer}");
    // The id is the event's: undo names the same one.
    let undone = env.json(&["undo"]);
    assert_eq!(undone["events"][0]["id"], event["id"]);
    // An empty note records nothing, and says so.
    assert_eq!(env.json(&["note", "orca", " "]), json!({"event": null}));
    assert!(env.json(&["log"]).as_array().unwrap().is_empty());
}

#[test]
fn add_answers_with_the_new_item_as_show_prints_it() {
    let env = TestEnv::new();
    let added = env.json(&[
        "add",
        "Megatron-LM",
        "--section",
        "Papers / LLM",
        "--url",
        "https://arxiv.org/abs/1909.08053",
        "--venue",
        "arXiv'19",
    ]);
    assert_eq!(added["slug"], "megatron-lm");
    assert_eq!(added["section"], json!(["Papers", "LLM"]));
    assert_eq!(added["kind"], "paper");
    assert_eq!(added["year"], 2019);
    assert_eq!(added["manual"], true);
    assert_eq!(added["status"], "todo");
    let mut shown = env.json(&["show", "megatron-lm"]);
    // `show` adds the events and review fields of its own.
    for only_shown in ["events", "lapses", "suspended"] {
        shown.as_object_mut().unwrap().remove(only_shown);
    }
    assert_eq!(added, shown);
}

#[test]
fn backup_and_export_answer_with_the_file_they_wrote() {
    let env = TestEnv::new();
    let copy = env.path("copy.db");
    let backup = env.json(&["backup", copy.to_str().unwrap()]);
    assert_eq!(backup["path"], copy.to_str().unwrap());
    assert_eq!(backup["database"], env.db.to_str().unwrap());
    assert_eq!(
        backup["bytes"].as_u64().unwrap(),
        std::fs::metadata(&copy).unwrap().len()
    );
    // A relative -o is answered with the absolute path written.
    let mut cmd = env.command(&["export", "-o", "out.json", "--json"]);
    cmd.current_dir(env.dir.path());
    let answer: Value = serde_json::from_str(&crate::support::ok_of(cmd)).unwrap();
    let written = env.path("out.json");
    assert_eq!(
        answer,
        json!({
            "format": "json",
            "path": written.to_str().unwrap(),
            "bytes": std::fs::metadata(&written).unwrap().len(),
        })
    );
    // To standard output, the export is the answer.
    assert_eq!(env.json(&["export"])["format"], "mlpath-export");
    let restored = env.path("restored.db");
    let answer = env.json(&[
        "--db",
        restored.to_str().unwrap(),
        "restore",
        written.to_str().unwrap(),
    ]);
    assert_eq!(
        answer,
        json!({"database": restored.to_str().unwrap(), "items": 19})
    );
}

#[test]
fn open_answers_with_the_link() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    assert_eq!(
        env.json(&["open", "flexgen", "--print"]),
        json!({"slug": "flexgen", "url": "https://arxiv.org/abs/2303.06865", "opened": false})
    );
    let browser = env.write("browser.sh", "#!/bin/sh\nexit 0\n");
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = env
        .command(&["open", "flexgen", "--json"])
        .env("BROWSER", &browser)
        .output()
        .unwrap();
    assert!(out.status.success());
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["opened"], true);
}

#[test]
fn json_is_refused_where_it_has_nothing_to_say_and_nothing_is_written() {
    let env = TestEnv::new();
    let err = refused(&env, &["completions", "bash", "--json"]);
    assert!(err.contains("shell script"), "{err}");
    refused(&env, &["man", "--json"]);
    for format in ["csv", "markdown", "CSV"] {
        let file = env.path("out.txt");
        let err = refused(
            &env,
            &[
                "export",
                "--format",
                format,
                "-o",
                file.to_str().unwrap(),
                "--json",
            ],
        );
        assert!(err.contains("--format json"), "{err}");
        assert!(!file.exists(), "{format}: nothing is written");
        refused(&env, &["export", "--format", format, "--json"]);
    }
}

#[test]
fn edit_rm_relink_and_lists_rm_answer_with_what_they_changed() {
    let env = TestEnv::new();
    env.ok(&["add", "Attention", "--section", "Papers"]);
    let edited = env.json(&[
        "edit",
        "attention",
        "--kind",
        "Video",
        "--title",
        "Attention!",
    ]);
    assert_eq!(edited["slug"], "attention");
    assert_eq!(edited["title"], "Attention!");
    assert_eq!(edited["kind"], "video");
    let removed = env.json(&["rm", "attention"]);
    assert_eq!(removed[0]["slug"], "attention");
    assert_eq!(removed[0]["removed"], true);

    let mine = env.write("mine.md", "# Mine\n- [Old name](https://old.org)\n");
    env.ok(&["import", mine.to_str().unwrap()]);
    env.ok(&["done", "old-name", "-m", "read it"]);
    env.write("mine.md", "# Mine\n- [New name](https://new.org)\n");
    env.ok(&["import"]);
    let relinked = env.json(&["relink", "old-name", "new-name"]);
    assert_eq!(relinked["old"], "old-name");
    assert_eq!(relinked["new"], "new-name");
    assert_eq!(relinked["status"], "done");
    let events = relinked["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{relinked}");
    assert_eq!(events[0]["slug"], "new-name");
    assert_eq!(events[0]["kind"], "done");
    assert_eq!(events[0]["note"], "read it");
    let shown = env.json(&["show", "new-name"]);
    assert_eq!(shown["events"][0]["at"], events[0]["at"]);
    // Relinking again copies nothing, and says so with an empty list.
    assert_eq!(
        env.json(&["relink", "old-name", "new-name"])["events"],
        json!([])
    );
    assert_eq!(
        env.json(&["lists", "rm", "Mine"]),
        json!({"list": "Mine", "removed": [{"slug": "new-name", "status": "done"}]})
    );
}

#[test]
fn mark_json_names_the_events_and_the_session_it_recorded() {
    let env = TestEnv::new();
    let started = env.json(&["start", "orca", "--at", "1h"]);
    let start_id = started[0]["event_id"].as_i64().expect("an id");
    assert_eq!(started[0]["session_event_id"], Value::Null);
    let done = env.json(&["done", "orca", "flexgen"]);
    let (orca, flexgen) = (&done[0], &done[1]);
    let done_id = orca["event_id"].as_i64().expect("an id");
    let session_id = orca["session_event_id"].as_i64().expect("the hour closed");
    assert!(start_id < session_id && session_id < done_id, "{done}");
    assert_eq!(flexgen["session_event_id"], Value::Null);
    assert!(flexgen["event_id"].as_i64().unwrap() > done_id);
    // The ids are the events `undo` cancels.
    let undone = env.json(&["undo"]);
    let mut ids: Vec<i64> = undone["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    ids.sort_unstable();
    let expected = [session_id, done_id, flexgen["event_id"].as_i64().unwrap()];
    assert_eq!(ids, expected);
    env.ok(&["redo"]);
    let again = env.json(&["done", "orca"]);
    assert_eq!(again[0]["changed"], false);
    assert_eq!(again[0]["event_id"], Value::Null, "nothing recorded");
}
