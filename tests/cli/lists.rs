//! Several lists, followed as their files change: refresh, dry runs, lists, config.

use crate::support::{TestEnv, slugs};

const MINE: &str = "# My list\n## Papers\n- [Alpa](https://a.org)\n- [Shared](https://s.org)\n- [FlexGen](https://f.org)\n";
const READING: &str =
    "# Reading\n- [Shared, as named here](https://s.org)\n- [Bert](https://b.org)\n";

/// A database following two lists, mine.md (first) and reading.md.
fn two_lists() -> TestEnv {
    let env = TestEnv::new();
    let mine = env.write("mine.md", MINE);
    let reading = env.write("reading.md", READING);
    env.ok(&["import", mine.to_str().unwrap()]);
    env.ok(&["import", reading.to_str().unwrap()]);
    env
}

#[test]
fn a_second_list_adds_and_a_shared_url_is_one_item() {
    let env = two_lists();
    let items = env.json(&["list"]);
    assert_eq!(slugs(&items), ["alpa", "shared", "flexgen", "bert"]);
    let shared = &items.as_array().unwrap()[1];
    assert_eq!(shared["title"], "Shared", "the first list names it");
    assert_eq!(shared["lists"], serde_json::json!(["My list", "Reading"]));
    env.ok(&["done", "shared"]);
    let lists = env.json(&["lists"]);
    assert_eq!(lists[0]["name"], "My list");
    assert_eq!(lists[0]["items"], 3);
    assert_eq!(lists[0]["done"], 1);
    assert_eq!(lists[1]["name"], "Reading");
    assert_eq!(lists[1]["done"], 1, "reading it once counts in both lists");
    assert_eq!(lists[1]["percent"], 50.0);
    assert!(lists[1]["path"].as_str().unwrap().ends_with("reading.md"));
    assert_eq!(lists[1]["imported_at"], "2026-11-28T09:00:00Z");
}

#[test]
fn a_changed_file_is_reimported_before_the_next_command() {
    let env = two_lists();
    env.ok(&["done", "flexgen"]);
    env.write(
        "mine.md",
        &MINE.replace(
            "- [FlexGen](https://f.org)\n",
            "- [Speculative decoding](https://sd.org)\n",
        ),
    );
    let out = env.run(&["list"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "mlpath: mine.md changed: 1 added (speculative-decoding), 0 updated, 1 removed (flexgen)\n\
         mlpath: flexgen (done) is no longer in mine.md; its history is kept — mlpath relink flexgen NEW if it was renamed\n"
    );
    assert!(out.stdout.contains("speculative-decoding") && !out.stdout.contains("flexgen"));
    // Nothing changed since: no message, nothing re-read.
    assert_eq!(env.run(&["list"]).stderr, "");
}

#[test]
fn refresh_can_be_turned_off() {
    let env = two_lists();
    env.write("reading.md", &format!("{READING}- [Gpt](https://g.org)\n"));
    let out = env.run_without_refresh(&["list"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert!(!out.stdout.contains("gpt"));
    env.ok(&["config", "list.refresh", "off"]);
    let out = env.run(&["list"]);
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert!(!out.stdout.contains("gpt"));
    assert_eq!(env.ok(&["config", "list.refresh"]).trim(), "off");
    env.ok(&["config", "list.refresh", "on"]);
    let out = env.run(&["list"]);
    assert!(
        out.stderr
            .starts_with("mlpath: reading.md changed: 1 added (gpt)"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.contains("gpt"));
}

#[test]
fn a_missing_file_warns_in_one_line_and_changes_nothing() {
    let env = two_lists();
    std::fs::remove_file(env.path("reading.md")).unwrap();
    let out = env.run(&["list"]);
    assert_eq!(out.code, 0);
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}", out.stderr);
    assert!(
        lines[0].starts_with("mlpath: warning: ")
            && lines[0].contains("reading.md")
            && lines[0].contains("no such file"),
        "{}",
        lines[0]
    );
    assert!(out.stdout.contains("bert"), "its items stay");
}

#[test]
fn import_without_a_file_reimports_every_list() {
    let env = two_lists();
    env.write("reading.md", &format!("{READING}- [Gpt](https://g.org)\n"));
    let out = env.run_without_refresh(&["import"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "My list: imported 3 items: 0 added, 0 updated, 3 unchanged, 0 removed\n\
         Reading: imported 3 items: 1 added, 0 updated, 2 unchanged, 0 removed\n"
    );
}

#[test]
fn the_dry_run_tells_item_by_item_and_changes_nothing() {
    let env = two_lists();
    env.ok(&["done", "flexgen"]);
    let edited = MINE
        .replace("[Alpa]", "[Alpa, retitled]")
        .replace("- [FlexGen](https://f.org)\n", "- [New](https://n.org)\n");
    let file = env.write("mine.md", &edited);
    let file = file.to_str().unwrap();
    let out = env.run_without_refresh(&["import", file, "--dry-run"]);
    assert_eq!(
        out.stdout,
        "+ new  New\n~ alpa  title\n- flexgen  FlexGen (done)\n\
         would import 3 items: 1 added, 1 updated, 1 unchanged, 1 removed\n"
    );
    let json: serde_json::Value = serde_json::from_str(
        &env.run_without_refresh(&["import", file, "--dry-run", "--json"])
            .stdout,
    )
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "added": [{"slug": "new", "title": "New"}],
            "updated": [{"slug": "alpa", "title": "Alpa, retitled", "changed": ["title"]}],
            "removed": [{"slug": "flexgen", "title": "FlexGen", "status": "done"}],
            "unchanged": 1
        })
    );
    let after = env.run_without_refresh(&["list", "--json"]);
    assert!(after.stdout.contains("\"flexgen\"") && !after.stdout.contains("\"new\""));
}

#[test]
fn removing_a_list_hides_only_what_no_other_list_holds() {
    let env = two_lists();
    env.ok(&["start", "bert"]);
    let out = env.run(&["lists", "rm", "Reading"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("bert (started)"), "{}", out.stderr);
    assert_eq!(slugs(&env.json(&["list"])), ["alpa", "shared", "flexgen"]);
    let all = env.json(&["list", "--all"]);
    assert!(
        slugs(&all).contains(&"bert".to_string()),
        "events kept, --all shows it"
    );
    let err = env.fails(&["lists", "rm", "Reading"], 2);
    assert!(err.contains("My list"), "{err}");
}

#[test]
fn the_untouched_seed_gives_way_but_one_with_progress_stays() {
    let env = TestEnv::new();
    env.ok(&["done", "flexgen"]);
    let mine = env.write(
        "mine.md",
        MINE.replace("https://f.org", "https://other.org").as_str(),
    );
    env.ok(&["import", mine.to_str().unwrap()]);
    let lists = env.json(&["lists"]);
    assert_eq!(
        lists.as_array().unwrap().len(),
        2,
        "the seed has progress: kept"
    );
    assert!(slugs(&env.json(&["list"])).contains(&"orca".to_string()));
}

#[test]
fn a_list_name_is_its_heading_or_given() {
    let env = TestEnv::new();
    let plain = env.write("plain.md", "- [A](https://a.org)\n");
    env.ok(&["import", plain.to_str().unwrap()]);
    let other = env.write("other.md", "# plain.md\n- [B](https://b.org)\n");
    let err = env.fails(&["import", other.to_str().unwrap()], 1);
    assert!(err.contains("--name"), "{err}");
    env.ok(&["import", other.to_str().unwrap(), "--name", "Other"]);
    let names: Vec<String> = env
        .json(&["lists"])
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["plain.md", "Other"]);
}

#[test]
fn config_lists_settings_and_refuses_bad_ones() {
    let env = TestEnv::new();
    let table = env.ok(&["config"]);
    assert!(
        table.contains("list.refresh") && table.contains("on") && table.contains("re-import"),
        "{table}"
    );
    assert_eq!(
        env.json(&["config"]),
        serde_json::json!({"list.refresh": "on", "list.write-back": "off",
            "review.retention": "0.9", "review.max-interval": "365", "review.kinds": "paper",
            "session.max": "4h", "goal.date": "none", "sync.dir": "", "sync.notes": "on",
            "sync.auto": "off"})
    );
    let err = env.fails(&["config", "list.refrsh"], 2);
    assert!(err.contains("list.refresh"), "{err}");
    let err = env.fails(&["config", "list.refresh", "yes"], 2);
    assert!(err.contains("on or off"), "{err}");
    let err = env.fails(&["config", "session.max", "soon"], 2);
    assert!(err.contains("cannot read the length 'soon'"), "{err}");
    assert_eq!(
        env.json(&["config"]),
        serde_json::json!({"list.refresh": "on", "list.write-back": "off",
            "review.retention": "0.9", "review.max-interval": "365", "review.kinds": "paper",
            "session.max": "4h", "goal.date": "none", "sync.dir": "", "sync.notes": "on",
            "sync.auto": "off"})
    );
}

#[test]
fn list_filters_restrict_list_status_next_and_log() {
    let env = two_lists();
    env.ok(&["done", "alpa"]);
    env.ok(&["start", "bert"]);
    assert_eq!(
        slugs(&env.json(&["list", "--list", "Reading"])),
        ["shared", "bert"]
    );
    let status = env.json(&["status", "--list", "Reading"]);
    assert_eq!(
        (status["total"].as_i64(), status["started"].as_i64()),
        (Some(2), Some(1))
    );
    assert!(
        status["sections"][0].get("list").is_none(),
        "one list: no list field"
    );
    let next = env.json(&["next", "--list", "My list", "-n", "5"]);
    assert!(slugs(&next).iter().all(|s| s != "bert"), "{next}");
    let log = env.json(&["log", "--list", "Reading"]);
    assert_eq!(log.as_array().unwrap().len(), 1);
    assert_eq!(log[0]["slug"], "bert");
    let err = env.fails(&["status", "--list", "Nope"], 2);
    assert!(err.contains("'My list', 'Reading'"), "{err}");
}

#[test]
fn status_with_several_lists_puts_each_list_on_top() {
    let env = two_lists();
    env.ok(&["done", "shared"]);
    env.ok(&["add", "Mine alone"]);
    insta::assert_snapshot!(env.ok(&["status"]), @"
    1/5 done (20.0%) · 0 in progress · last activity just now · streak 1 day
    section          total  todo  started  done  reviewed  skipped  progress       %
    ────────────────────────────────────────────────────────────────────────────────
    My list              3     2        0     1         0        0  ███░░░░░░░  33.3
      Papers             3     2        0     1         0        0  ███░░░░░░░  33.3
    Reading              2     1        0     1         0        0  █████░░░░░  50.0
      (no section)       2     1        0     1         0        0  █████░░░░░  50.0
    (added by hand)      1     1        0     0         0        0  ░░░░░░░░░░   0.0
      (no section)       1     1        0     0         0        0  ░░░░░░░░░░   0.0
    total                5     4        0     1         0        0  ██░░░░░░░░  20.0
    ");
    let json = env.json(&["status"]);
    assert_eq!(json["total"], 5, "a shared item counts once in the totals");
    let rows: Vec<(String, String)> = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["list"].as_str().unwrap().to_string(),
                s["section"].to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("My list".to_string(), "[\"Papers\"]".to_string()),
            // Shared sits in My list's Papers, and in no section of Reading.
            ("Reading".to_string(), "[]".to_string()),
            ("(added by hand)".to_string(), "[]".to_string()),
        ]
    );
}

#[test]
fn relink_gives_a_renamed_items_history_to_its_successor_and_undo_takes_it_back() {
    let env = two_lists();
    env.ok(&["start", "flexgen", "--at", "2026-11-27 10:00"]);
    env.ok(&["done", "flexgen", "-m", "offloading"]);
    let renamed = MINE.replace(
        "[FlexGen](https://f.org)",
        "[Offloading LLMs](https://flexgen.org)",
    );
    let file = env.write("mine.md", &renamed);
    let out = env.run(&["import", file.to_str().unwrap()]);
    assert!(
        out.stderr
            .contains("flexgen (done) is no longer in mine.md"),
        "{}",
        out.stderr
    );
    let err = env.fails(&["relink", "alpa", "offloading-llms"], 2);
    assert!(err.contains("still in a list"), "{err}");
    // start, the study session `done` closed (cut at session.max after a day), done.
    let out = env.ok(&["relink", "flexgen", "offloading-llms"]);
    assert!(out.contains("3 events") && out.contains("done"), "{out}");
    let new = env.json(&["show", "offloading-llms"]);
    assert_eq!(new["status"], "done");
    assert_eq!(new["started_at"], "2026-11-27T10:00:00Z");
    assert_eq!(new["time_spent_s"], 4 * 3600);
    assert_eq!(new["events"][2]["note"], "offloading");
    assert!(
        env.ok(&["relink", "flexgen", "offloading-llms"])
            .contains("nothing changed")
    );
    env.ok(&["undo"]);
    let new = env.json(&["show", "offloading-llms"]);
    assert_eq!(
        new["status"], "todo",
        "undo reverts the relink as one command"
    );
    assert_eq!(
        env.json(&["show", "flexgen", "--all"])["status"],
        "done",
        "the old item keeps its own"
    );
}

#[test]
fn edit_and_rm_change_hand_added_items_and_refuse_list_items() {
    let env = two_lists();
    env.ok(&["add", "Attention", "--section", "Papers"]);
    env.ok(&[
        "edit",
        "attention",
        "--title",
        "Attention Is All You Need",
        "--url",
        "https://arxiv.org/abs/1706.03762",
        "--kind",
        "paper",
        "--venue",
        "NeurIPS'17",
    ]);
    let item = env.json(&["show", "attention"]);
    assert_eq!(item["title"], "Attention Is All You Need");
    assert_eq!(item["url"], "https://arxiv.org/abs/1706.03762");
    assert_eq!(
        (item["kind"].as_str(), item["year"].as_i64()),
        (Some("paper"), Some(2017))
    );
    let err = env.fails(&["edit", "bert", "--title", "BERT"], 2);
    assert_eq!(
        err,
        "mlpath: bert comes from reading.md line 3: edit it there"
    );
    let err = env.fails(&["rm", "alpa"], 2);
    assert_eq!(err, "mlpath: alpa comes from mine.md line 3: edit it there");
    assert!(
        env.fails(&["edit", "attention"], 2)
            .contains("nothing to change")
    );
    env.ok(&["done", "attention"]);
    env.ok(&["rm", "attention"]);
    assert!(!slugs(&env.json(&["list"])).contains(&"attention".to_string()));
    let kept = env.json(&["show", "attention", "--all"]);
    assert_eq!(
        (kept["removed"].as_bool(), kept["status"].as_str()),
        (Some(true), Some("done"))
    );
}

#[test]
fn undo_of_rm_brings_the_items_back_and_redo_removes_them_again() {
    let env = TestEnv::new();
    env.ok(&["add", "Attention Is All You Need", "--section", "Mine"]);
    env.ok(&["add", "Deep Residual Learning", "--section", "Mine"]);
    env.ok(&["start", "attention-is-all"]);
    let before = env.json(&["list"]);
    let out = env.ok(&["rm", "attention-is-all", "deep-residual-learning"]);
    assert!(out.contains("`mlpath undo` brings them back"), "{out}");
    let listed = slugs(&env.json(&["list"]));
    assert!(!listed.contains(&"attention-is-all".to_string()));
    assert!(!listed.contains(&"deep-residual-learning".to_string()));
    let out = env.ok(&["undo"]);
    assert_eq!(
        out.trim(),
        "undid remove of attention-is-all, deep-residual-learning at 2026-11-28 09:00; \
         attention-is-all is now started, deep-residual-learning is now todo"
    );
    assert_eq!(
        env.json(&["list"]),
        before,
        "back in place, with their state"
    );
    env.ok(&["redo"]);
    assert_eq!(slugs(&env.json(&["list"])).len(), slugs(&before).len() - 2);
    let shown = env.json(&["show", "attention-is-all", "--all"]);
    assert_eq!(shown["removed"], true);
    assert_eq!(shown["status"], "started", "the removal is not a stage");
    assert_eq!(
        shown["last_event_at"], "2026-11-28T09:00:00Z",
        "nor an activity: last_event_at is the start's"
    );
    // Undo of the item's latest event brings one back.
    env.ok(&["undo", "deep-residual-learning", "--all"]);
    assert!(slugs(&env.json(&["list"])).contains(&"deep-residual-learning".to_string()));
}

#[test]
fn relink_from_a_removed_hand_added_item_leaves_its_removal_behind() {
    let env = TestEnv::new();
    env.ok(&["add", "Deep Residual Learning", "--section", "Mine"]);
    env.ok(&["done", "deep-residual-learning"]);
    env.ok(&["rm", "deep-residual-learning"]);
    let relinked = env.json(&["relink", "deep-residual-learning", "orca"]);
    let kinds: Vec<&str> = relinked["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["done"]);
    let orca = env.json(&["show", "orca"]);
    assert_eq!(
        (orca["status"].as_str(), orca["removed"].as_bool()),
        (Some("done"), Some(false))
    );
}

#[test]
fn removing_an_item_is_not_study_activity() {
    let env = TestEnv::new();
    env.ok(&["add", "Deep Residual Learning", "--section", "Mine"]);
    env.ok(&["rm", "deep-residual-learning"]);
    let status = env.json(&["status"]);
    assert_eq!(status["last_activity"], serde_json::Value::Null);
    assert_eq!(status["streak_days"], 0);
}

/// Two lists that place the same items differently: bert and shared are in both.
fn lists_placing_items_differently() -> TestEnv {
    let env = TestEnv::new();
    let a = env.write(
        "a.md",
        "# A\n## Systems\n- [Alpa](https://a.org)\n- [Shared](https://s.org)\n\
         ## Models\n- [Bert](https://b.org)\n",
    );
    let b = env.write(
        "b.md",
        "# B\n## Favourites\n- [Bert](https://b.org)\n- [Shared](https://s.org)\n\
         ## Other\n- [Gpt](https://g.org)\n",
    );
    env.ok(&["import", a.to_str().unwrap()]);
    env.ok(&["import", b.to_str().unwrap()]);
    env.ok(&["done", "shared"]);
    env
}

/// (slug, section joined with " / ") of each item of a `list --json` answer.
fn placed(items: &serde_json::Value) -> Vec<(String, String)> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let section: Vec<&str> = i["section"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
                .collect();
            (i["slug"].as_str().unwrap().to_string(), section.join(" / "))
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn list_of_one_list_uses_its_sections_and_order() {
    let env = lists_placing_items_differently();
    let b = env.json(&["list", "--list", "B"]);
    assert_eq!(
        placed(&b),
        pairs(&[
            ("bert", "Favourites"),
            ("shared", "Favourites"),
            ("gpt", "Other")
        ])
    );
    let a = env.json(&["list", "--list", "A"]);
    assert_eq!(
        placed(&a),
        pairs(&[
            ("alpa", "Systems"),
            ("shared", "Systems"),
            ("bert", "Models")
        ])
    );
    let table = env.ok(&["list", "--list", "B", "--section", "favourites"]);
    let rows: Vec<&str> = table.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{table}");
    assert!(
        rows[0].starts_with("bert ") && rows[1].starts_with("shared "),
        "{table}"
    );
    let md = env.ok(&["export", "--format", "markdown", "--list", "B"]);
    let favourites = md.find("## Favourites").expect(&md);
    assert!(
        favourites < md.find("Bert").unwrap() && !md.contains("Models"),
        "{md}"
    );
}

#[test]
fn status_shows_a_shared_item_under_its_section_in_each_list() {
    let env = lists_placing_items_differently();
    let status = env.json(&["status"]);
    let rows: Vec<(String, String, u64, u64)> = status["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["list"].as_str().unwrap().to_string(),
                s["section"][0].as_str().unwrap().to_string(),
                s["total"].as_u64().unwrap(),
                s["done"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("A", "Systems", 2, 1),
        ("A", "Models", 1, 0),
        ("B", "Favourites", 2, 1),
        ("B", "Other", 1, 0),
    ];
    let expected: Vec<(String, String, u64, u64)> = expected
        .iter()
        .map(|(l, s, t, d)| (l.to_string(), s.to_string(), *t, *d))
        .collect();
    assert_eq!(rows, expected);
    let one = env.json(&["status", "--list", "B"]);
    let sections: Vec<&str> = one["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["section"][0].as_str().unwrap())
        .collect();
    assert_eq!(sections, ["Favourites", "Other"]);
}

#[test]
fn next_of_one_list_names_the_section_that_list_gives() {
    let env = lists_placing_items_differently();
    let next = env.json(&["next", "--list", "B", "-n", "1"]);
    assert_eq!(next[0]["slug"], "bert");
    assert_eq!(next[0]["section"], serde_json::json!(["Favourites"]));
    let next = env.json(&["next", "--list", "A", "-n", "3"]);
    let bert = next
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["slug"] == "bert")
        .expect("bert is suggested");
    assert_eq!(bert["section"], serde_json::json!(["Models"]));
}

#[test]
fn export_version_2_keeps_the_lists_and_restore_still_reads_version_1() {
    let env = two_lists();
    env.ok(&["done", "shared"]);
    let first = env.ok(&["export"]);
    let doc: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(doc["version"], 2);
    assert_eq!(doc["lists"][1]["name"], "Reading");
    let shared = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["slug"] == "shared")
        .unwrap();
    let names: Vec<&str> = shared["memberships"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["list"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["My list", "Reading"]);
    let file = env.write("v2.json", &first);
    let restored = env.with_db(&env.path("v2.db"));
    restored.ok(&["restore", file.to_str().unwrap()]);
    let again = restored.run_without_refresh(&["export"]).stdout;
    assert_eq!(first, again, "export → restore → export is identical");
    assert_eq!(restored.json(&["lists"]).as_array().unwrap().len(), 2);

    // A version 1 export: one list_source, no lists, no memberships.
    let mut old = doc.clone();
    old["version"] = 1.into();
    old.as_object_mut().unwrap().remove("lists");
    for item in old["items"].as_array_mut().unwrap() {
        item.as_object_mut().unwrap().remove("memberships");
    }
    let file = env.write("v1.json", &old.to_string());
    let restored = env.with_db(&env.path("v1.db"));
    restored.ok(&["restore", file.to_str().unwrap()]);
    let lists = restored.run_without_refresh(&["lists", "--json"]).stdout;
    let lists: serde_json::Value = serde_json::from_str(&lists).unwrap();
    assert_eq!(lists.as_array().unwrap().len(), 1, "{lists}");
    assert_eq!(lists[0]["name"], "reading.md");
    assert_eq!(
        lists[0]["items"], 4,
        "the items not removed belong to the one list"
    );
    assert_eq!(restored.json(&["show", "shared"])["status"], "done");
}

#[test]
fn export_takes_one_list() {
    let env = two_lists();
    let csv = env.ok(&["export", "--format", "csv", "--list", "Reading"]);
    let slugs: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(slugs, ["shared", "bert"]);
    let doc: serde_json::Value =
        serde_json::from_str(&env.ok(&["export", "--list", "Reading"])).unwrap();
    assert_eq!(doc["lists"].as_array().unwrap().len(), 1);
    assert_eq!(doc["items"].as_array().unwrap().len(), 2);
}

#[test]
fn lists_rm_finds_the_list_as_list_does_in_any_case() {
    let env = two_lists();
    let out = env.run(&["lists", "rm", "reading"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("stopped following 'Reading'"),
        "{}",
        out.stdout
    );
    let err = env.fails(&["lists", "rm", "My lst"], 2);
    assert!(err.contains("did you mean 'My list'?"), "{err}");
}

#[test]
fn reports_of_a_database_without_items_say_how_to_add_a_list() {
    let env = TestEnv::new();
    env.ok(&["lists", "rm", "A journey of learning ML"]);
    let hint = "no items yet: `mlpath import FILE` adds your list\n";
    for args in [
        &["status"][..],
        &["next"],
        &["list"],
        &["next", "--kind", "paper"],
    ] {
        assert_eq!(env.ok(args), hint, "{args:?}");
    }
    let stats = env.ok(&["stats"]);
    assert!(stats.contains("No items yet"), "{stats}");
    assert!(!stats.contains("every item is done"), "{stats}");
    // A filter that matches nothing, among items, is still said to match nothing.
    env.ok(&["add", "Own paper", "--url", "https://example.org/own"]);
    assert_eq!(env.ok(&["list", "--kind", "video"]), "no items match\n");
    assert_eq!(
        env.ok(&["status", "--kind", "video"]).lines().last(),
        Some("no items match")
    );
}
