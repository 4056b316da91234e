use crate::support::{TestEnv, status_of};

#[test]
fn start_done_review_with_notes_and_times() {
    let env = TestEnv::new();
    let out = env.ok(&["start", "flexgen"]);
    assert_eq!(
        out.trim(),
        // Cut to the tests' 100 columns.
        "flexgen: todo → started · FlexGen: High-throughput Generative Inference of Large Language Models…\n\
         flexgen: session started at 09:00; `mlpath stop` ends it"
    );
    env.ok(&[
        "done",
        "flexgen",
        "-m",
        "KV cache offloading is the key idea",
        "--at",
        "2026-11-27 20:15",
    ]);
    env.ok(&["review", "flexgen"]);
    let out = env.ok(&["review", "flexgen", "-m", "again"]);
    assert!(out.contains("reviewed (2 reviews)"), "{out}");
    let show = env.json(&["show", "flexgen"]);
    assert_eq!(show["status"], "reviewed");
    assert_eq!(show["review_count"], 2);
    assert_eq!(show["started_at"], "2026-11-28T09:00:00Z");
    assert_eq!(show["done_at"], "2026-11-27T20:15:00Z");
    let kinds: Vec<&str> = show["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["done", "start", "review", "review"],
        "timeline is in time order"
    );
    assert_eq!(
        show["events"][0]["note"],
        "KV cache offloading is the key idea"
    );
}

#[test]
fn show_prints_details_and_timeline() {
    let env = TestEnv::new();
    env.ok(&[
        "done",
        "orca",
        "-m",
        "iteration-level scheduling",
        "--at",
        "2026-11-20",
    ]);
    insta::assert_snapshot!(env.ok(&["show", "orca"]), @"
    ORCA: A Distributed Serving System for Transformer-Based Generative Models
      slug     orca (id 16)
      section  Papers / LLM / LLM inference
      kind     paper
      venue    OSDI'22
      year     2022
      status   done
      review   next 2026-11-23 (5 days overdue) · recall 79% · 0 reviews · 0 lapses
      url      https://www.usenix.org/system/files/osdi22-yu.pdf
      link     review: reviews/orca.md

    when              event        note
    ─────────────────────────────────────────────────────────
    2026-11-20 00:00  done (good)  iteration-level scheduling
    ");
}

#[test]
fn skipping_a_stage_keeps_no_timestamp_and_repeats_are_no_ops() {
    let env = TestEnv::new();
    env.ok(&["done", "alpa"]);
    let show = env.json(&["show", "alpa"]);
    assert_eq!(show["started_at"], serde_json::Value::Null);
    let out = env.ok(&["done", "alpa"]);
    assert!(
        out.contains("already done") && out.contains("nothing changed"),
        "{out}"
    );
    // Starting a done item opens a study session on it and changes nothing else.
    let out = env.ok(&["start", "alpa"]);
    assert!(
        out.contains("alpa is already done") && out.contains("alpa: session started"),
        "{out}"
    );
    assert!(!out.contains("nothing changed"), "{out}");
    assert_eq!(
        env.json(&["show", "alpa"])["events"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn several_items_in_one_call() {
    let env = TestEnv::new();
    env.ok(&["done", "alpa", "orca"]);
    assert_eq!(status_of(&env, "alpa"), "done");
    assert_eq!(status_of(&env, "orca"), "done");
}

#[test]
fn one_bad_item_changes_nothing() {
    let env = TestEnv::new();
    env.fails(&["done", "alpa", "nosuchthing"], 2);
    assert_eq!(status_of(&env, "alpa"), "todo");
}

#[test]
fn reset_and_skip() {
    let env = TestEnv::new();
    env.ok(&["done", "tabi"]);
    env.ok(&["reset", "tabi"]);
    assert_eq!(status_of(&env, "tabi"), "todo");
    assert_eq!(
        env.json(&["show", "tabi"])["events"]
            .as_array()
            .unwrap()
            .len(),
        2,
        "history kept"
    );
    env.ok(&["skip", "tabi"]);
    assert_eq!(status_of(&env, "tabi"), "skipped");
    env.ok(&["start", "tabi"]);
    assert_eq!(status_of(&env, "tabi"), "started");
}

#[test]
fn lookup_rules() {
    let env = TestEnv::new();
    let cases = [
        ("alpa", "alpa"),
        ("flex", "flexgen"),
        ("neural network", "neural-network"),
        ("speech recognition", "history-of-speech-recognition"),
        ("15", "flexgen"),
        ("calculus", "backpropagation-calculus"),
    ];
    for (query, slug) in cases {
        assert_eq!(env.json(&["show", query])["slug"], slug, "{query}");
    }
    let err = env.fails(&["start", "backprop"], 2);
    assert!(
        err.contains("matches 2 items") && err.contains("backpropagation-calculus"),
        "{err}"
    );
    let err = env.fails(&["start", "flexgn"], 2);
    assert_eq!(
        err,
        "mlpath: no item matches 'flexgn'; did you mean 'flexgen'?"
    );
}

#[test]
fn notes_are_stored_verbatim_and_printed_safely() {
    let env = TestEnv::new();
    let nasty = "line one\nline 'two' \"quoted\" '); DROP TABLE items;-- \u{1b}[31mred";
    env.ok(&["note", "orca", nasty]);
    let show = env.json(&["show", "orca"]);
    assert_eq!(show["events"][0]["note"], nasty);
    assert_eq!(show["note_count"], 1);
    assert_eq!(show["status"], "todo");
    let text = env.ok(&["show", "orca"]);
    assert!(
        !text.contains('\u{1b}'),
        "escape sequence reached the terminal"
    );
    assert_eq!(env.json(&["list"]).as_array().unwrap().len(), 19);
}

#[test]
fn note_needs_text_without_a_terminal() {
    let env = TestEnv::new();
    let err = env.fails(&["note", "orca"], 2);
    assert!(err.contains("give the note text"), "{err}");
}

#[test]
fn undo_reverts_latest_events_in_turn() {
    let env = TestEnv::new();
    env.ok(&["start", "orca"]);
    env.ok(&["done", "orca", "-m", "read"]);
    env.ok(&["start", "alpa"]);
    let out = env.ok(&["undo"]);
    assert_eq!(
        out.trim(),
        "undid start of alpa at 2026-11-28 09:00; alpa is now todo"
    );
    let out = env.ok(&["undo"]);
    assert!(
        out.starts_with("undid done of orca")
            && out.contains("\"read\"")
            && out.contains("now started"),
        "{out}"
    );
    env.ok(&["start", "alpa"]);
    let out = env.ok(&["undo", "orca"]);
    assert!(out.contains("undid start of orca"), "{out}");
    assert_eq!(status_of(&env, "orca"), "todo");
    assert_eq!(status_of(&env, "alpa"), "started");
    env.ok(&["undo"]);
    assert_eq!(env.ok(&["undo"]).trim(), "nothing to undo");
}

#[test]
fn at_accepts_the_documented_forms_and_refuses_others() {
    let env = TestEnv::new();
    for (when, expected) in [
        ("yesterday", "2026-11-27T09:00:00Z"),
        ("3 days ago", "2026-11-25T09:00:00Z"),
        ("2d", "2026-11-26T09:00:00Z"),
        ("5h", "2026-11-28T04:00:00Z"),
        ("2026-11-01T10:00:00+01:00", "2026-11-01T09:00:00Z"),
    ] {
        env.ok(&["done", "orca", "--at", when]);
        assert_eq!(env.json(&["show", "orca"])["done_at"], expected, "{when}");
        env.ok(&["undo"]);
    }
    let err = env.fails(&["done", "orca", "--at", "2026-12-01"], 2);
    assert!(err.contains("future"), "{err}");
    env.fails(&["done", "orca", "--at", "next tuesday"], 2);
}

#[test]
fn removed_items_need_all() {
    let env = TestEnv::new();
    let file = env.write(
        "mine.md",
        "- [Only](https://only.org)\n- [Gone](https://gone.org)\n",
    );
    env.ok(&["import", file.to_str().unwrap()]);
    env.write("mine.md", "- [Only](https://only.org)\n");
    env.ok(&["import", file.to_str().unwrap()]);
    let err = env.fails(&["start", "gone"], 2);
    assert!(err.contains("--all"), "{err}");
    env.ok(&["start", "gone", "--all"]);
}

#[test]
fn parallel_writers_all_succeed() {
    let env = TestEnv::new();
    env.ok(&["list"]);
    let spawn = |n: usize| {
        let mut children = Vec::new();
        for i in 0..n {
            let mut cmd = env.process(&["note", "orca", &format!("note {i}")]);
            cmd.stdout(std::process::Stdio::null());
            children.push(cmd.spawn().expect("spawn"));
        }
        children
    };
    let mut all = spawn(50);
    all.extend(spawn(50));
    for mut child in all {
        assert!(child.wait().expect("wait").success());
    }
    assert_eq!(env.json(&["show", "orca"])["note_count"], 100);
}

/// Runs `mlpath note orca` under a pseudo-terminal (util-linux `script`) with EDITOR set.
fn note_with_editor(env: &TestEnv, editor_body: &str) -> Option<String> {
    crate::support::in_terminal_with_editor(env, editor_body, "note orca")
}

#[test]
fn note_without_text_opens_the_editor_on_a_terminal() {
    let env = TestEnv::new();
    env.ok(&["list"]);
    // The editor appends to the draft, whose header line must not become part of the note,
    // and records the draft's mode and its folder's.
    let editor = "stat -c %a \"$1\" \"$(dirname \"$1\")\" > \"$HOME/modes\"
printf 'from the editor\\nline two\\n' >> \"$1\"";
    let Some(out) = note_with_editor(&env, editor) else {
        return;
    };
    assert!(out.contains("note added"), "{out}");
    let show = env.json(&["show", "orca"]);
    assert_eq!(show["events"][0]["note"], "from the editor\nline two");
    let modes = std::fs::read_to_string(env.path("modes")).unwrap();
    assert_eq!(modes, "600\n700\n", "the draft is private");
    let Some(out) = note_with_editor(&env, "true") else {
        return;
    };
    assert!(out.contains("empty note; nothing added"), "{out}");
    assert_eq!(env.json(&["show", "orca"])["note_count"], 1);
}

#[test]
fn first_runs_at_once_seed_the_database_once() {
    let env = TestEnv::new();
    let children: Vec<_> = (0..4)
        .map(|_| {
            let mut cmd = env.process(&["list", "--json"]);
            cmd.stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().expect("spawn")
        })
        .collect();
    let mut announced = 0;
    for child in children {
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        announced += String::from_utf8_lossy(&out.stderr)
            .matches("imported the built-in")
            .count();
    }
    assert_eq!(announced, 1, "exactly one run seeds the database");
    assert_eq!(env.json(&["list"]).as_array().unwrap().len(), 19);
}
