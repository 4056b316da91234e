//! The review loop: ratings, the FSRS schedule, `due`, and review files.

use crate::support::TestEnv;
use serde_json::Value;

/// Three days after the fixed clock: when a paper done "good" at NOW is first due.
const IN_3_DAYS: &str = "2026-12-01T09:00:00Z";

fn due(env: &TestEnv) -> Vec<Value> {
    env.json(&["due"]).as_array().expect("array").clone()
}

fn item(env: &TestEnv, slug: &str) -> Value {
    env.json(&["show", slug])
}

#[test]
fn done_schedules_the_first_review_and_due_lists_it_when_it_comes() {
    let env = TestEnv::new();
    let out = env.ok(&["done", "flexgen"]);
    assert!(out.contains("next review 2026-12-01 (in 3 days)"), "{out}");
    assert_eq!(item(&env, "flexgen")["due_at"], IN_3_DAYS);
    assert_eq!(item(&env, "flexgen")["retrievability"], 1.0);
    assert!(due(&env).is_empty());
    assert_eq!(env.ok(&["due"]), "no reviews due\n");
    let later = env.at(IN_3_DAYS);
    let entries = due(&later);
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(e["slug"], "flexgen");
    assert_eq!(e["due_at"], IN_3_DAYS);
    assert_eq!(e["reviews"], 0);
    assert_eq!(e["last_review_at"], Value::Null);
    let r = e["retrievability"].as_f64().unwrap();
    assert!(
        (0.89..0.91).contains(&r),
        "FSRS aims at 90% recall when due: {r}"
    );
    let text = later.ok(&["due", "--json"]);
    let positions: Vec<usize> = [
        "slug",
        "title",
        "due_at",
        "retrievability",
        "reviews",
        "last_review_at",
    ]
    .iter()
    .map(|k| text.find(&format!("\"{k}\":")).expect(k))
    .collect();
    assert!(
        positions.is_sorted(),
        "fields in their documented order: {text}"
    );
    assert_eq!(e.as_object().unwrap().len(), 6);
    let table = later.ok(&["due"]);
    assert!(
        table.contains("2026-12-01  today") && table.contains("90%"),
        "{table}"
    );
    // Items that are not papers are not scheduled by default.
    env.ok(&["done", "convolution"]);
    let video = item(&env, "convolution");
    assert_eq!(
        (&video["kind"], &video["status"]),
        (&"video".into(), &"done".into())
    );
    assert_eq!(video["due_at"], Value::Null);
    assert_eq!(video["retrievability"], Value::Null);
}

#[test]
fn ratings_set_the_intervals_and_an_unknown_rating_is_a_usage_error() {
    let env = TestEnv::new();
    env.ok(&["done", "flexgen", "--rating", "easy"]);
    assert_eq!(item(&env, "flexgen")["due_at"], "2026-12-13T09:00:00Z");
    env.ok(&["done", "orca", "--rating", "again"]);
    assert_eq!(item(&env, "orca")["due_at"], "2026-11-29T09:00:00Z");
    let out = env.run(&["review", "flexgen", "--rating", "great"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("invalid value 'great'"),
        "{}",
        out.stderr
    );
    assert_eq!(item(&env, "flexgen")["review_count"], 0);
    // A review after 3 days: good grows the interval, again shrinks it and counts a lapse.
    let later = env.at(IN_3_DAYS);
    later.ok(&["review", "orca", "--rating", "again"]);
    later.ok(&["review", "flexgen"]);
    let orca = item(&env, "orca");
    assert_eq!(orca["lapses"], 1);
    assert_eq!(orca["review_count"], 1);
    assert_eq!(orca["status"], "reviewed", "again keeps the status");
    let flexgen = item(&env, "flexgen");
    assert_eq!(flexgen["lapses"], 0);
    assert!(
        flexgen["due_at"].as_str().unwrap() > "2026-12-13",
        "{flexgen}"
    );
    assert!(orca["due_at"].as_str().unwrap() < "2026-12-04", "{orca}");
    let show = later.ok(&["show", "orca"]);
    assert!(
        show.contains("review (again)") && show.contains("1 lapse"),
        "{show}"
    );
}

#[test]
fn undo_restores_the_previous_schedule_and_reset_clears_it() {
    let env = TestEnv::new();
    env.ok(&["done", "flexgen"]);
    let later = env.at(IN_3_DAYS);
    later.ok(&["review", "flexgen", "--rating", "hard"]);
    assert_ne!(item(&env, "flexgen")["due_at"], IN_3_DAYS);
    later.ok(&["undo"]);
    assert_eq!(item(&env, "flexgen")["due_at"], IN_3_DAYS);
    assert_eq!(due(&later).len(), 1);
    later.ok(&["reset", "flexgen"]);
    assert_eq!(item(&env, "flexgen")["due_at"], Value::Null);
    assert!(due(&later).is_empty());
}

#[test]
fn a_backdated_review_replays_in_time_order() {
    let in_order = TestEnv::new();
    in_order.at("2026-11-10T09:00:00Z").ok(&["done", "flexgen"]);
    in_order
        .at("2026-11-14T09:00:00Z")
        .ok(&["review", "flexgen"]);
    in_order.ok(&["review", "flexgen", "--rating", "hard"]);
    let backdated = TestEnv::new();
    backdated
        .at("2026-11-10T09:00:00Z")
        .ok(&["done", "flexgen"]);
    backdated.ok(&["review", "flexgen", "--rating", "hard"]);
    backdated.ok(&["review", "flexgen", "--at", "2026-11-14T09:00:00Z"]);
    assert_eq!(
        item(&in_order, "flexgen")["due_at"],
        item(&backdated, "flexgen")["due_at"]
    );
}

#[test]
fn ticked_boxes_of_an_imported_list_are_not_scheduled_until_reviewed() {
    let env = TestEnv::new();
    let list = env.write(
        "list.md",
        "# Papers\n- [x] [Paper one](https://arxiv.org/abs/1)\n- [x] [Paper two](https://arxiv.org/abs/2)\n- [ ] [Paper three](https://arxiv.org/abs/3)\n",
    );
    env.ok(&["import", list.to_str().unwrap()]);
    let far = env.at("2027-06-01T09:00:00Z");
    assert!(due(&far).is_empty(), "ticked boxes make nothing due");
    assert_eq!(far.json(&["status"])["due"], 0);
    env.ok(&["review", "paper-one"]);
    assert_eq!(item(&env, "paper-one")["due_at"], IN_3_DAYS);
}

#[test]
fn status_counts_due_reviews_and_next_offers_them_after_started_items() {
    let env = TestEnv::new();
    env.at("2026-11-01T09:00:00Z")
        .ok(&["done", "flexgen", "orca"]);
    env.ok(&["start", "alpa"]);
    let status = env.ok(&["status"]);
    assert!(status.contains("2 reviews due"), "{status}");
    assert_eq!(env.json(&["status"])["due"], 2);
    let next = env.json(&["next", "-n", "4", "--explain"]);
    let actions: Vec<(&str, &str)> = next
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["slug"].as_str().unwrap(), s["action"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions[0],
        ("alpa", "continue"),
        "a started item comes first"
    );
    assert!(actions.contains(&("flexgen", "review")), "{actions:?}");
    assert!(actions.iter().any(|(_, a)| *a == "start"), "{actions:?}");
    let review = next
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["action"] == "review")
        .unwrap();
    assert!(
        review["terms"]["review"].as_f64().unwrap() > 0.5,
        "{review}"
    );
    let text = env.ok(&["next", "-n", "4", "--explain"]);
    assert!(
        text.contains("review due since") && text.contains("review"),
        "{text}"
    );
    assert!(text.contains("8×"), "the review term is explained: {text}");
}

#[test]
fn settings_change_the_schedule_and_refuse_bad_values() {
    let env = TestEnv::new();
    env.ok(&["done", "flexgen", "--rating", "easy"]);
    assert_eq!(item(&env, "flexgen")["due_at"], "2026-12-13T09:00:00Z");
    env.ok(&["config", "review.retention", "0.97"]);
    assert_eq!(item(&env, "flexgen")["due_at"], "2026-12-02T09:00:00Z");
    let err = env.fails(&["config", "review.retention", "0.5"], 2);
    assert!(err.contains("0.70 to 0.97"), "{err}");
    env.fails(&["config", "review.max-interval", "0"], 2);
    env.fails(&["config", "review.kinds", "papers"], 2);
    env.ok(&["config", "review.kinds", "video"]);
    assert_eq!(item(&env, "flexgen")["due_at"], Value::Null);
    env.ok(&["done", "convolution"]);
    assert_eq!(item(&env, "convolution")["due_at"], IN_3_DAYS);
}

/// A shell script as $EDITOR, run by `review --edit`.
fn with_editor(env: &TestEnv, body: &str, args: &[&str]) -> std::process::Output {
    let editor = env.write("editor.sh", &format!("#!/bin/sh\n{body}\n"));
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).unwrap();
    env.command(args)
        .env("EDITOR", &editor)
        .output()
        .expect("run mlpath")
}

#[test]
fn review_edit_writes_the_file_from_a_template_and_records_a_changed_one() {
    let env = TestEnv::new();
    env.ok(&["done", "flexgen"]);
    let path = env.ok(&["review", "flexgen", "--print-path"]);
    let expected = env.db.parent().unwrap().join("reviews").join("flexgen.md");
    assert_eq!(path.trim(), expected.to_str().unwrap());
    assert!(!expected.exists(), "--print-path changes nothing");
    // Saving without a change records nothing and leaves no file.
    let out = with_editor(
        &env,
        "cp \"$1\" \"$HOME/template.md\"",
        &["review", "flexgen"],
    );
    assert!(out.status.success());
    let out = with_editor(
        &env,
        "cp \"$1\" \"$HOME/template.md\"",
        &["review", "flexgen", "--edit"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("did not change"));
    assert!(!expected.exists());
    assert!(
        !expected.parent().unwrap().exists(),
        "no empty reviews folder is left"
    );
    let template = std::fs::read_to_string(env.path("template.md")).unwrap();
    assert!(
        template.starts_with("# FlexGen: High-throughput"),
        "{template}"
    );
    for part in [
        "- Links: ",
        "- Dates: done 2026-11-28",
        "## Summary",
        "## Key ideas",
        "## Questions",
    ] {
        assert!(template.contains(part), "{part}: {template}");
    }
    assert_eq!(
        item(&env, "flexgen")["review_count"],
        1,
        "the plain review above"
    );
    // A failing editor records nothing.
    let out = with_editor(
        &env,
        "echo more >> \"$1\"; exit 3",
        &["review", "flexgen", "--edit"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no review recorded"));
    assert_eq!(item(&env, "flexgen")["review_count"], 1);
    // A change is recorded with the rating.
    let out = with_editor(
        &env,
        "printf 'KV cache offloading\\n' >> \"$1\"",
        &["review", "flexgen", "--edit", "--rating", "hard"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let show = item(&env, "flexgen");
    assert_eq!(show["review_count"], 2);
    assert_eq!(
        show["events"].as_array().unwrap().last().unwrap()["rating"],
        "hard"
    );
    let written = std::fs::read_to_string(&expected).unwrap();
    assert!(written.ends_with("KV cache offloading\n"), "{written}");
    let err = env.fails(&["review", "flexgen", "orca", "--edit"], 2);
    assert!(err.contains("one item"), "{err}");
}

#[test]
fn the_review_link_of_a_list_names_the_file_beside_the_list() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.path("notes")).unwrap();
    let list = env.write(
        "notes/list.md",
        "# Papers\n- [Paper one](https://arxiv.org/abs/1) [review](reviews/one.md)\n- [Paper two](https://arxiv.org/abs/2)\n",
    );
    env.ok(&["import", list.to_str().unwrap()]);
    let notes = env.path("notes").canonicalize().unwrap();
    assert_eq!(
        env.ok(&["review", "paper-one", "--print-path"]).trim(),
        notes.join("reviews/one.md").to_str().unwrap()
    );
    assert_eq!(
        env.ok(&["review", "paper-two", "--print-path"]).trim(),
        notes.join("reviews/paper-two.md").to_str().unwrap()
    );
    let out = with_editor(
        &env,
        "echo notes >> \"$1\"",
        &["review", "paper-one", "--edit"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(notes.join("reviews/one.md").exists());
    // `open --link review` opens the same file.
    let opened = env.ok(&["open", "paper-one", "--link", "review", "--print"]);
    assert!(opened.contains("reviews/one.md"), "{opened}");
}

#[test]
fn suspend_stops_the_reviews_of_an_item_until_resume() {
    let env = TestEnv::new();
    env.ok(&["done", "flexgen", "orca"]);
    let out = env.ok(&["review", "flexgen", "--suspend"]);
    assert!(out.contains("flexgen: reviews suspended"), "{out}");
    assert!(
        env.ok(&["review", "flexgen", "--suspend"])
            .contains("already suspended")
    );
    let later = env.at(IN_3_DAYS);
    let slugs: Vec<Value> = due(&later).iter().map(|e| e["slug"].clone()).collect();
    assert_eq!(slugs, ["orca"]);
    let show = item(&env, "flexgen");
    assert_eq!(
        (&show["suspended"], &show["due_at"]),
        (&Value::Bool(true), &Value::Null)
    );
    assert!(later.ok(&["show", "flexgen"]).contains("suspended"));
    later.ok(&["undo"]);
    assert_eq!(due(&later).len(), 2, "undo of a suspend");
    later.ok(&["review", "flexgen", "--suspend"]);
    let out = later.ok(&["review", "flexgen", "--resume"]);
    assert!(
        out.contains("reviews resumed") && out.contains("2026-12-01 (today)"),
        "{out}"
    );
    assert!(
        later
            .ok(&["review", "orca", "--resume"])
            .contains("is not suspended")
    );
    assert_eq!(due(&later).len(), 2);
    assert_eq!(
        item(&env, "flexgen")["review_count"],
        0,
        "suspending is not a review"
    );
    let out = env.run(&["review", "flexgen", "--suspend", "--rating", "hard"]);
    assert_eq!(out.code, 2);
}

#[test]
fn an_export_round_trips_ratings_and_an_older_one_without_them_is_rated_good() {
    let env = TestEnv::new();
    env.ok(&["done", "flexgen", "--rating", "easy"]);
    env.ok(&["done", "orca"]);
    let mut doc: Value = serde_json::from_str(&env.ok(&["export"])).unwrap();
    let restored = env.with_db(&env.path("copy.db"));
    let file = env.write("export.json", &doc.to_string());
    restored.ok(&["restore", file.to_str().unwrap()]);
    assert_eq!(item(&restored, "flexgen")["due_at"], "2026-12-13T09:00:00Z");
    // An export written before ratings existed has none: typed dones count as good.
    for it in doc["items"].as_array_mut().unwrap() {
        for e in it["events"].as_array_mut().unwrap() {
            e.as_object_mut().unwrap().remove("rating");
        }
    }
    let old = env.with_db(&env.path("old.db"));
    let file = env.write("old.json", &doc.to_string());
    old.ok(&["restore", file.to_str().unwrap()]);
    assert_eq!(item(&old, "flexgen")["due_at"], IN_3_DAYS);
    assert_eq!(item(&old, "orca")["due_at"], IN_3_DAYS);
}

#[test]
fn due_at_60_columns_keeps_how_overdue_and_gives_titles_room() {
    let env = TestEnv::new();
    env.at("2026-11-01T09:00:00Z")
        .ok(&["done", "flexgen", "alpa", "orca"]);
    let narrow = env.command(&["due"]).env("COLUMNS", "60").output().unwrap();
    let out = String::from_utf8(narrow.stdout).unwrap();
    for line in out.lines() {
        assert!(line.chars().count() <= 60, "{line:?}");
    }
    assert!(out.contains("24 days overdue  flexgen"), "{out}");
    assert!(out.contains("FlexGen: High"), "{out}");
}
