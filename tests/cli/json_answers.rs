//! `--json` on commands that change or write something: they answer with what they recorded or
//! wrote; where JSON has nothing to say, the flag is refused before anything is written.

use crate::support::{TestEnv, command_names};
use serde_json::{Value, json};
use std::collections::BTreeSet;

fn refused(env: &TestEnv, args: &[&str]) -> String {
    let err = env.fails(args, 2);
    assert!(err.contains("--json does not apply to"), "{err}");
    err
}

/// Every command, with arguments it needs, either prints JSON or refuses `--json`; a new
/// command fails here until it does one or the other.
#[test]
fn every_command_answers_json_or_refuses_it() {
    let env = TestEnv::new();
    let export = env.path("export.json");
    let export = export.to_str().unwrap();
    let copy = env.path("copy.db");
    let restored = env.path("restored.db");
    let runs: Vec<Vec<&str>> = vec![
        vec!["import", "--seed"],
        vec!["list"],
        vec!["show", "flexgen"],
        vec!["start", "flexgen"],
        vec!["done", "flexgen"],
        vec!["review", "flexgen"],
        vec!["skip", "alpa"],
        vec!["reset", "alpa"],
        vec!["note", "orca", "a", "note"],
        vec!["undo"],
        vec!["redo"],
        vec!["status"],
        vec!["next"],
        vec!["log"],
        vec!["open", "flexgen", "--print"],
        vec!["add", "A new paper"],
        vec!["export", "-o", export],
        vec!["backup", copy.to_str().unwrap()],
        vec!["restore", export, "--db", restored.to_str().unwrap()],
        vec!["lists"],
        vec!["config"],
        vec!["where"],
        vec!["completions", "bash"],
        vec!["man"],
    ];
    let mut seen = BTreeSet::new();
    for args in &runs {
        seen.insert(args[0].to_string());
        let mut all = args.clone();
        all.push("--json");
        let out = env.run(&all);
        match args[0] {
            "completions" | "man" => {
                refused(&env, &all);
            }
            _ => {
                assert_eq!(out.code, 0, "{all:?}: {}", out.stderr);
                let value: Result<Value, _> = serde_json::from_str(&out.stdout);
                assert!(value.is_ok(), "{all:?} printed no JSON: {}", out.stdout);
            }
        }
    }
    let missing: Vec<String> = command_names()
        .into_iter()
        .filter(|c| !seen.contains(c))
        .collect();
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
    shown.as_object_mut().unwrap().remove("events");
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
    let out = env
        .command(&["export", "-o", "out.json", "--json"])
        .current_dir(env.dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
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
