//! Correcting and withdrawing notes: `note ITEM --edit`, `note ITEM --rm`, undo and redo of them.

use crate::support::TestEnv;
use serde_json::Value;

/// The notes `show --json` lists for `slug`, oldest first.
fn notes(env: &TestEnv, slug: &str) -> Vec<String> {
    let show = env.json(&["show", slug]);
    show["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "note")
        .map(|e| e["note"].as_str().unwrap().to_string())
        .collect()
}

/// The notes `log --json` lists for `slug`, newest first.
fn logged_notes(env: &TestEnv, slug: &str) -> Vec<String> {
    let log = env.json(&["log", "--all"]);
    log.as_array()
        .unwrap()
        .iter()
        .filter(|e| e["slug"] == slug && e["kind"] == "note")
        .map(|e| e["note"].as_str().unwrap().to_string())
        .collect()
}

fn note_count(env: &TestEnv, slug: &str) -> u64 {
    env.json(&["show", slug])["note_count"].as_u64().unwrap()
}

fn two_notes(env: &TestEnv) {
    env.ok(&["note", "orca", "first thought", "--at", "yesterday"]);
    env.ok(&["note", "orca", "the batching is per iteratoin"]);
}

#[test]
fn edit_with_text_replaces_the_latest_note_everywhere() {
    let env = TestEnv::new();
    two_notes(&env);
    let out = env.ok(&["note", "orca", "--edit", "the batching is per iteration"]);
    assert_eq!(
        out.trim(),
        "orca: note of 2026-11-28 09:00 corrected · `mlpath undo` brings it back"
    );
    let expected = ["first thought", "the batching is per iteration"];
    assert_eq!(notes(&env, "orca"), expected);
    assert_eq!(
        logged_notes(&env, "orca"),
        ["the batching is per iteration", "first thought"]
    );
    assert_eq!(note_count(&env, "orca"), 2);
    let show = env.ok(&["show", "orca"]);
    assert!(!show.contains("iteratoin"), "{show}");
    let found = env.json(&["list", "--search", "iteratoin"]);
    assert_eq!(found, Value::Array(vec![]), "the old text is not searched");
    let found = env.json(&["list", "--search", "iteration"]);
    assert_eq!(found[0]["slug"], "orca");
}

#[test]
fn rm_withdraws_the_latest_note_and_undo_and_redo_follow() {
    let env = TestEnv::new();
    two_notes(&env);
    let out = env.ok(&["note", "orca", "--rm"]);
    assert_eq!(
        out.trim(),
        "orca: note of 2026-11-28 09:00 withdrawn · `mlpath undo` brings it back"
    );
    assert_eq!(notes(&env, "orca"), ["first thought"]);
    assert_eq!(logged_notes(&env, "orca"), ["first thought"]);
    assert_eq!(note_count(&env, "orca"), 1);
    let out = env.ok(&["undo"]);
    assert_eq!(
        out.trim(),
        "undid note withdrawal of orca at 2026-11-28 09:00; orca is now todo"
    );
    assert_eq!(
        notes(&env, "orca"),
        ["first thought", "the batching is per iteratoin"]
    );
    assert_eq!(note_count(&env, "orca"), 2);
    env.ok(&["redo"]);
    assert_eq!(notes(&env, "orca"), ["first thought"]);
    // Withdrawing again reaches the note before.
    env.ok(&["note", "orca", "--rm"]);
    assert!(notes(&env, "orca").is_empty());
    assert_eq!(note_count(&env, "orca"), 0);
}

#[test]
fn undo_of_an_edit_brings_the_old_text_back_and_redo_after_undoing_both_works() {
    let env = TestEnv::new();
    env.ok(&["note", "orca", "draft"]);
    env.ok(&["note", "orca", "--edit", "fixed"]);
    let out = env.ok(&["undo"]);
    assert!(out.starts_with("undid note correction of orca"), "{out}");
    assert_eq!(notes(&env, "orca"), ["draft"]);
    env.ok(&["undo"]);
    assert!(notes(&env, "orca").is_empty());
    env.ok(&["redo"]);
    assert_eq!(notes(&env, "orca"), ["draft"]);
    env.ok(&["redo"]);
    assert_eq!(
        notes(&env, "orca"),
        ["fixed"],
        "the redone edit replaces the redone note"
    );
    assert_eq!(note_count(&env, "orca"), 1);
    env.ok(&["undo", "orca"]);
    assert_eq!(notes(&env, "orca"), ["draft"]);
}

#[test]
fn edit_and_rm_without_a_note_name_the_fix() {
    let env = TestEnv::new();
    let err = env.fails(&["note", "orca", "--edit", "x"], 2);
    assert_eq!(
        err,
        "mlpath: orca has no note to edit; add one with: mlpath note orca TEXT"
    );
    let err = env.fails(&["note", "orca", "--rm"], 2);
    assert_eq!(
        err,
        "mlpath: orca has no note to withdraw; add one with: mlpath note orca TEXT"
    );
    env.ok(&["note", "orca", "only"]);
    env.ok(&["note", "orca", "--rm"]);
    let err = env.fails(&["note", "orca", "--rm"], 2);
    assert!(err.contains("orca has no note to withdraw"), "{err}");
    // Without a terminal, --edit needs the text.
    env.ok(&["note", "orca", "again"]);
    let err = env.fails(&["note", "orca", "--edit"], 2);
    assert_eq!(
        err,
        "mlpath: give the corrected text: mlpath note orca --edit TEXT..."
    );
    for args in [
        ["note", "orca", "--rm", "text"],
        ["note", "orca", "--edit", "--rm"],
        ["note", "orca", "--edit", "--at=yesterday"],
        ["note", "orca", "--rm", "--spent=1h"],
    ] {
        let out = env.run(&args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("cannot be used with"), "{}", out.stderr);
    }
    assert_eq!(notes(&env, "orca"), ["again"], "nothing was recorded");
}

#[test]
fn an_empty_or_unchanged_correction_records_nothing() {
    let env = TestEnv::new();
    env.ok(&["note", "orca", "kept"]);
    let out = env.ok(&["note", "orca", "--edit", "  "]);
    assert_eq!(
        out.trim(),
        "empty note; the note is unchanged (--rm withdraws it)"
    );
    let out = env.ok(&["note", "orca", "--edit", "kept"]);
    assert_eq!(out.trim(), "same text; the note is unchanged");
    assert_eq!(
        env.json(&["note", "orca", "--edit", "kept"])["event"],
        Value::Null
    );
    assert_eq!(notes(&env, "orca"), ["kept"]);
    // Nothing to undo but the note itself.
    env.ok(&["undo"]);
    assert!(notes(&env, "orca").is_empty());
}

#[test]
fn edit_and_rm_answer_json_naming_the_note_replaced() {
    let env = TestEnv::new();
    let added = env.json(&["note", "orca", "one"]);
    let first = added["event"]["id"].as_i64().unwrap();
    let edited = env.json(&["note", "orca", "--edit", "two"]);
    let event = &edited["event"];
    assert_eq!(event["kind"], "note");
    assert_eq!(event["note"], "two");
    assert_eq!(event["supersedes"], first);
    assert_eq!(
        event["at"], added["event"]["at"],
        "dated like the note it corrects"
    );
    let second = event["id"].as_i64().unwrap();
    let removed = env.json(&["note", "orca", "--rm"]);
    assert_eq!(removed["event"]["note"], Value::Null);
    assert_eq!(removed["event"]["supersedes"], second);
    let undone = env.json(&["undo"]);
    assert_eq!(undone["events"][0]["supersedes"], second);
    assert_eq!(undone["events"][0]["status"], "todo");
}

#[test]
fn export_and_restore_keep_corrections_and_their_undo() {
    let env = TestEnv::new();
    two_notes(&env);
    env.ok(&["note", "orca", "--edit", "corrected"]);
    env.ok(&["note", "flexgen", "gone soon"]);
    env.ok(&["note", "flexgen", "--rm"]);
    let export = env.ok(&["export", "--format", "json"]);
    let document: Value = serde_json::from_str(&export).unwrap();
    let superseding: Vec<&Value> = document["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["events"].as_array().unwrap())
        .filter(|e| e.get("supersedes").is_some())
        .collect();
    assert_eq!(superseding.len(), 2, "{export}");
    let file = env.write("export.json", &export);
    let restored = env.with_db(&env.path("restored.db"));
    restored.ok(&["restore", file.to_str().unwrap()]);
    assert_eq!(restored.ok(&["export", "--format", "json"]), export);
    assert_eq!(notes(&restored, "orca"), ["first thought", "corrected"]);
    assert!(notes(&restored, "flexgen").is_empty());
    assert_eq!(note_count(&restored, "flexgen"), 0);
    restored.ok(&["undo", "flexgen"]);
    assert_eq!(notes(&restored, "flexgen"), ["gone soon"]);
}

#[test]
fn restore_refuses_a_correction_of_another_items_note() {
    let env = TestEnv::new();
    env.ok(&["note", "orca", "mine"]);
    env.ok(&["note", "orca", "--edit", "corrected"]);
    let export = env.ok(&["export", "--format", "json"]);
    let mut document: Value = serde_json::from_str(&export).unwrap();
    // Move the correction to another item: it would replace a note that is not that item's.
    let items = document["items"].as_array_mut().unwrap();
    let from = items.iter().position(|i| i["slug"] == "orca").unwrap();
    let correction = items[from]["events"].as_array_mut().unwrap().pop().unwrap();
    let to = items.iter().position(|i| i["slug"] == "flexgen").unwrap();
    items[to]["events"].as_array_mut().unwrap().push(correction);
    let file = env.write("bad.json", &document.to_string());
    let restored = env.with_db(&env.path("restored.db"));
    let err = restored.fails(&["restore", file.to_str().unwrap()], 1);
    assert!(
        err.contains("the export is inconsistent: a note correction must name an earlier note of the same item"),
        "{err}"
    );
}

/// Runs `mlpath note orca --edit` under a pseudo-terminal (util-linux `script`) with EDITOR set.
fn edit_with_editor(env: &TestEnv, editor_body: &str) -> Option<String> {
    crate::support::in_terminal_with_editor(env, editor_body, "note orca --edit")
}

#[test]
fn edit_opens_the_latest_note_in_the_editor() {
    let env = TestEnv::new();
    two_notes(&env);
    // The draft holds the header and the note; the editor fixes the typo in place.
    let editor = "cp \"$1\" \"$HOME/draft\"; sed -i 's/iteratoin/iteration/' \"$1\"";
    let Some(out) = edit_with_editor(&env, editor) else {
        return;
    };
    assert!(out.contains("note of 2026-11-28 09:00 corrected"), "{out}");
    let draft = std::fs::read_to_string(env.path("draft")).unwrap();
    assert_eq!(
        draft,
        "<!-- mlpath: correct the note for orca below; this line is removed -->\n\
         the batching is per iteratoin\n"
    );
    assert_eq!(
        notes(&env, "orca"),
        ["first thought", "the batching is per iteration"]
    );
    // Saving the draft unchanged records nothing.
    let Some(out) = edit_with_editor(&env, "true") else {
        return;
    };
    assert!(out.contains("same text; the note is unchanged"), "{out}");
    env.ok(&["undo"]);
    assert_eq!(
        notes(&env, "orca"),
        ["first thought", "the batching is per iteratoin"]
    );
}

/// The latest note may have come with `done -m` or `review -m`: `--edit` corrects that one (not
/// an older `note`), the done stays done with its note replaced, and `--rm` withdraws it.
#[test]
fn the_note_of_a_done_is_the_latest_note_and_can_be_corrected() {
    let env = TestEnv::new();
    env.ok(&["note", "orca", "an older note", "--at", "2 days ago"]);
    env.ok(&[
        "done",
        "orca",
        "-m",
        "batching per iteratoin",
        "--at",
        "yesterday",
    ]);
    env.ok(&["note", "orca", "--edit", "batching per iteration"]);
    let show = env.json(&["show", "orca"]);
    assert_eq!(show["status"], "done");
    let events: Vec<(String, Value)> = show["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap().to_string(), e["note"].clone()))
        .collect();
    assert_eq!(
        events,
        [
            ("note".to_string(), Value::from("an older note")),
            ("done".to_string(), Value::Null),
            ("note".to_string(), Value::from("batching per iteration")),
        ],
        "{show}"
    );
    let shown = env.ok(&["show", "orca"]);
    assert!(!shown.contains("iteratoin"), "{shown}");
    let found = env.json(&["list", "--search", "iteratoin"]);
    assert_eq!(found.as_array().unwrap().len(), 0, "{found}");

    env.ok(&["note", "orca", "--rm"]);
    assert_eq!(notes(&env, "orca"), ["an older note"]);
    assert_eq!(env.json(&["show", "orca"])["status"], "done");
    env.ok(&["undo"]);
    env.ok(&["undo"]);
    let show = env.json(&["show", "orca"]);
    let done = show["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "done")
        .unwrap();
    assert_eq!(
        done["note"], "batching per iteratoin",
        "undo brings the done's note back"
    );
    assert_eq!(notes(&env, "orca"), ["an older note"]);
}
