//! undo and redo work on whole commands; out-of-order times are recorded with a warning.

use crate::support::{TestEnv, status_of};

#[test]
fn undo_reverts_the_whole_last_command() {
    let env = TestEnv::new();
    env.ok(&["done", "alpa"]);
    env.ok(&["review", "alpa", "orca", "flexgen"]);
    let out = env.ok(&["undo"]);
    assert_eq!(
        out.trim(),
        "undid review of alpa, orca, flexgen at 2026-11-28 09:00; alpa is now done, \
         orca and flexgen are now todo"
    );
    assert_eq!(status_of(&env, "alpa"), "done");
    assert_eq!(status_of(&env, "orca"), "todo");
    assert_eq!(status_of(&env, "flexgen"), "todo");
}

#[test]
fn repeated_undo_reverts_the_commands_before() {
    let env = TestEnv::new();
    env.ok(&["start", "alpa", "orca"]);
    env.ok(&["done", "alpa", "orca"]);
    env.ok(&["note", "orca", "keep", "this"]);
    assert!(env.ok(&["undo"]).starts_with("undid note of orca"));
    assert!(env.ok(&["undo"]).starts_with("undid done of alpa, orca"));
    assert_eq!(status_of(&env, "orca"), "started");
    assert!(env.ok(&["undo"]).starts_with("undid start of alpa, orca"));
    assert_eq!(status_of(&env, "alpa"), "todo");
    assert_eq!(env.ok(&["undo"]).trim(), "nothing to undo");
}

#[test]
fn a_command_that_changed_nothing_is_not_undone() {
    let env = TestEnv::new();
    env.ok(&["done", "alpa"]);
    env.ok(&["done", "alpa"]);
    env.ok(&["undo"]);
    assert_eq!(status_of(&env, "alpa"), "todo");
    assert_eq!(env.ok(&["undo"]).trim(), "nothing to undo");
}

#[test]
fn undo_never_reverts_an_import() {
    let env = TestEnv::new();
    env.ok(&["start", "alpa"]);
    let file = env.write(
        "mine.md",
        "- [x] [Read this](https://r.org)\n- [ ] [Then that](https://t.org)\n",
    );
    env.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(status_of(&env, "read-this"), "done");
    let out = env.ok(&["undo"]);
    assert!(out.starts_with("undid start of alpa"), "{out}");
    assert_eq!(env.ok(&["undo"]).trim(), "nothing to undo");
    assert_eq!(status_of(&env, "read-this"), "done", "the import stays");
    // Naming the item still reverts its latest event, whatever recorded it.
    let out = env.ok(&["undo", "read-this"]);
    assert!(out.starts_with("undid done of read-this"), "{out}");
    assert_eq!(status_of(&env, "read-this"), "todo");
}

#[test]
fn undo_never_reverts_a_refresh() {
    let env = TestEnv::new();
    let file = env.write("mine.md", "- [ ] [Alpa](https://a.org)\n");
    env.ok(&["import", file.to_str().unwrap()]);
    env.ok(&["start", "alpa"]);
    // The file changes: the next command re-imports it first, and its box marks alpa done.
    env.write(
        "mine.md",
        "- [x] [Alpa](https://a.org)\n- [ ] [Orca](https://o.org)\n",
    );
    let out = env.run(&["undo"]);
    assert!(out.stderr.contains("mine.md changed"), "{}", out.stderr);
    assert!(
        out.stdout.starts_with("undid start of alpa"),
        "{}",
        out.stdout
    );
    assert_eq!(status_of(&env, "alpa"), "done", "the refresh's done stays");
    assert_eq!(env.ok(&["undo"]).trim(), "nothing to undo");
}

/// The origin and verb of the command that recorded `slug`'s done.
fn done_recorded_by(env: &TestEnv, slug: &str) -> (String, String) {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.query_row(
        "SELECT c.origin, c.verb FROM events e JOIN items i ON i.id = e.item_id
         JOIN commands c ON c.id = e.command_id WHERE i.slug = ?1 AND e.kind = 'done'",
        [slug],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

#[test]
fn a_box_ticked_before_a_refresh_is_recorded_by_the_refresh_not_an_import() {
    let env = TestEnv::new();
    let file = env.write(
        "mine.md",
        "- [x] [Alpa](https://a.org)\n- [ ] [Orca](https://o.org)\n",
    );
    env.ok(&["import", file.to_str().unwrap()]);
    let typed_import = ("import".to_string(), "import".to_string());
    assert_eq!(done_recorded_by(&env, "alpa"), typed_import);
    // The file grows, so that its size alone tells the refresh that it changed.
    env.write(
        "mine.md",
        "- [x] [Alpa](https://a.org)\n- [x] [Orca](https://o.org)\n- [ ] [Opt](https://p.org)\n",
    );
    let out = env.run(&["status"]);
    assert!(out.stderr.contains("mine.md changed"), "{}", out.stderr);
    let refresh = ("refresh".to_string(), "refresh".to_string());
    assert_eq!(done_recorded_by(&env, "orca"), refresh);
    // `import` typed again records its ticks as an import.
    env.write(
        "mine.md",
        "- [x] [Alpa](https://a.org)\n- [x] [Orca](https://o.org)\n- [ ] [Opt](https://p.org)\n\
         - [x] [Bert](https://b.org)\n",
    );
    env.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(done_recorded_by(&env, "bert"), typed_import);
}

#[test]
fn undo_item_reverts_one_event_of_a_command() {
    let env = TestEnv::new();
    env.ok(&["review", "alpa", "orca", "flexgen"]);
    let out = env.ok(&["undo", "orca"]);
    assert_eq!(
        out.trim(),
        "undid review of orca at 2026-11-28 09:00; orca is now todo"
    );
    assert_eq!(status_of(&env, "alpa"), "reviewed");
    // The rest of the command is what plain undo reverts next.
    let out = env.ok(&["undo"]);
    assert!(out.starts_with("undid review of alpa, flexgen at"), "{out}");
    assert_eq!(env.ok(&["undo", "orca"]).trim(), "nothing to undo");
}

#[test]
fn redo_reapplies_what_undo_reverted_in_reverse_order() {
    let env = TestEnv::new();
    env.ok(&["start", "alpa"]);
    env.ok(&["done", "orca", "flexgen", "--at", "yesterday", "-m", "both"]);
    assert_eq!(env.ok(&["redo"]).trim(), "nothing to redo");
    env.ok(&["undo"]);
    env.ok(&["undo"]);
    assert_eq!(status_of(&env, "alpa"), "todo");
    let out = env.ok(&["redo"]);
    assert_eq!(
        out.trim(),
        "redid start of alpa at 2026-11-28 09:00; alpa is now started"
    );
    let out = env.ok(&["redo"]);
    assert!(
        out.starts_with("redid done of orca, flexgen at 2026-11-27 09:00;"),
        "{out}"
    );
    let show = env.json(&["show", "orca"]);
    assert_eq!(show["done_at"], "2026-11-27T09:00:00Z", "the original time");
    assert_eq!(show["status"], "done");
    assert_eq!(env.ok(&["redo"]).trim(), "nothing to redo");
    // An undo after a redo reverts the redone command again, and can itself be redone.
    assert!(env.ok(&["undo"]).starts_with("undid done of orca, flexgen"));
    assert_eq!(status_of(&env, "flexgen"), "todo");
    assert!(env.ok(&["redo"]).starts_with("redid done of orca, flexgen"));
    assert_eq!(status_of(&env, "flexgen"), "done");
    let log = env.json(&["log"]);
    assert_eq!(
        log.as_array().unwrap().len(),
        3,
        "one start and two dones: {log}"
    );
}

#[test]
fn a_new_command_after_undo_clears_redo() {
    let env = TestEnv::new();
    env.ok(&["start", "alpa"]);
    env.ok(&["undo"]);
    env.ok(&["start", "orca"]);
    assert_eq!(env.ok(&["redo"]).trim(), "nothing to redo");
    assert_eq!(status_of(&env, "alpa"), "todo");
    // A command that changed nothing leaves the chain alone.
    env.ok(&["done", "flexgen"]);
    env.ok(&["undo"]);
    env.ok(&["start", "orca"]);
    assert!(env.ok(&["redo"]).starts_with("redid done of flexgen"));
}

#[test]
fn redo_after_undo_item_brings_that_event_back() {
    let env = TestEnv::new();
    env.ok(&["review", "alpa", "orca"]);
    env.ok(&["undo", "orca"]);
    env.ok(&["redo"]);
    assert_eq!(status_of(&env, "orca"), "reviewed");
    assert_eq!(status_of(&env, "alpa"), "reviewed");
}

#[test]
fn undo_and_redo_answer_json() {
    let env = TestEnv::new();
    env.ok(&["review", "alpa", "orca", "-m", "twice"]);
    let undo = env.json(&["undo"]);
    assert_eq!(undo["action"], "undo");
    let events = undo["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["slug"], "alpa");
    assert_eq!(events[1]["kind"], "review");
    assert_eq!(events[1]["note"], "twice");
    assert_eq!(events[1]["status"], "todo");
    let redo = env.json(&["redo"]);
    assert_eq!(redo["action"], "redo");
    assert_eq!(redo["events"][1]["status"], "reviewed");
    let nothing = env.json(&["redo"]);
    assert_eq!(nothing["events"].as_array().unwrap().len(), 0);
    assert_eq!(nothing["message"], "nothing to redo");
}

#[test]
fn a_restored_history_is_not_undone() {
    let env = TestEnv::new();
    env.ok(&["done", "flexgen"]);
    let file = env.write("export.json", &env.ok(&["export"]));
    let restored = env.with_db(&env.path("restored.db"));
    restored.ok(&["restore", file.to_str().unwrap()]);
    assert_eq!(restored.ok(&["undo"]).trim(), "nothing to undo");
    assert_eq!(status_of(&restored, "flexgen"), "done");
    assert!(
        restored
            .ok(&["undo", "flexgen"])
            .starts_with("undid done of flexgen")
    );
}

#[test]
fn a_stage_dated_before_an_earlier_one_is_recorded_with_a_warning() {
    let base = TestEnv::new();
    let env = base.at("2026-11-28T20:00:00Z");
    env.ok(&["start", "orca", "--at", "2026-11-28 19:00"]);
    let out = env.run(&["done", "orca", "--at", "2026-11-28 08:00"]);
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stderr,
        "mlpath: orca: done at 2026-11-28 08:00 is before its start at 2026-11-28 19:00; \
         recorded anyway (`mlpath undo` reverts it)\n"
    );
    let show = env.json(&["show", "orca"]);
    assert_eq!(show["status"], "done");
    assert_eq!(show["done_at"], "2026-11-28T08:00:00Z");
    let out = env.run(&["review", "orca", "--at", "2026-11-28 07:00"]);
    assert!(
        out.stderr
            .contains("orca: review at 2026-11-28 07:00 is before its done at 2026-11-28 08:00"),
        "{}",
        out.stderr
    );
    // Times in order, or without an earlier stage, say nothing.
    let out = env.run(&["done", "alpa", "--at", "2026-11-28 08:00"]);
    assert_eq!(out.stderr, "");
    let out = env.run(&["review", "alpa", "--at", "2026-11-28 09:00"]);
    assert_eq!(out.stderr, "");
}

#[test]
fn undo_passes_over_add_and_edit_which_record_no_event() {
    let env = TestEnv::new();
    env.ok(&["done", "tabi"]);
    env.ok(&["add", "Own paper", "--url", "https://example.org/own"]);
    env.ok(&["edit", "own-paper", "--title", "Own paper, revised"]);
    let out = env.ok(&["undo"]);
    assert!(out.starts_with("undid done of tabi"), "{out}");
    let own = env.json(&["show", "own-paper"]);
    assert_eq!(own["title"], "Own paper, revised");
    assert_eq!(own["removed"], false);
}
