use crate::support::TestEnv;

/// A learner three days into the seed list.
pub fn learner() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["done", "neural", "--at", "2026-11-26 10:00"]);
    env.ok(&[
        "done",
        "gradient",
        "--at",
        "2026-11-27 21:30",
        "-m",
        "nice animations",
    ]);
    env.ok(&["start", "flexgen", "--at", "2026-11-28 08:00"]);
    env.ok(&["done", "orca", "--at", "2026-11-28 08:30"]);
    env.ok(&["review", "orca", "--at", "2026-11-28 08:45"]);
    env.ok(&["skip", "tabi", "--at", "2026-11-28 08:50"]);
    env
}

#[test]
fn status_table_and_headline() {
    let env = learner();
    insta::assert_snapshot!(env.ok(&["status"]), @"
    3/19 done (16.7% excl. 1 skipped) · 1 in progress · last activity 15 minutes ago · streak 3 days
    section                                      total  todo  started  done  reviewed  progress       %
    ───────────────────────────────────────────────────────────────────────────────────────────────────
    Tutorials                                        1     1        0     0         0  ░░░░░░░░░░   0.0
    Videos / General                                 5     3        0     2         0  ████░░░░░░  40.0
    Videos / Transformer                             4     4        0     0         0  ░░░░░░░░░░   0.0
    Videos / Systems                                 1     1        0     0         0  ░░░░░░░░░░   0.0
    Papers / LLM / LLM inference                     5     2        1     0         1  ███░░░░░░░  25.0
    Papers / LLM / Parallel DL training systems      2     2        0     0         0  ░░░░░░░░░░   0.0
    Papers / Speech                                  1     1        0     0         0  ░░░░░░░░░░   0.0
    total                                           19    14        1     2         1  ██░░░░░░░░  16.7
    ");
    assert_eq!(env.ok(&[]), env.ok(&["status"]), "mlpath alone is status");
}

#[test]
fn status_filters_and_depth() {
    let env = learner();
    insta::assert_snapshot!(env.ok(&["status", "--depth", "1"]), @"
    3/19 done (16.7% excl. 1 skipped) · 1 in progress · last activity 15 minutes ago · streak 3 days
    section    total  todo  started  done  reviewed  skipped  progress       %
    ──────────────────────────────────────────────────────────────────────────
    Tutorials      1     1        0     0         0        0  ░░░░░░░░░░   0.0
    Videos        10     8        0     2         0        0  ██░░░░░░░░  20.0
    Papers         8     5        1     0         1        1  █░░░░░░░░░  14.3
    total         19    14        1     2         1        1  ██░░░░░░░░  16.7
    ");
    let videos = env.json(&["status", "--kind", "video"]);
    assert_eq!(videos["total"], 10);
    assert_eq!(videos["done"], 2);
    let llm = env.json(&["status", "--section", "llm inf"]);
    assert_eq!(llm["total"], 5);
    assert_eq!(llm["sections"].as_array().unwrap().len(), 1);
    let nested = env.json(&["status", "--section", "papers / llm"]);
    assert_eq!(nested["total"], 7);
}

#[test]
fn status_json_shape() {
    let env = learner();
    let mut s = env.json(&["status"]);
    // The last activity is the last study, the review at 08:45 (the skip at 08:50 is not).
    let sections = s.as_object_mut().unwrap().remove("sections").unwrap();
    assert_eq!(
        s,
        serde_json::json!({
            "total": 19, "todo": 14, "started": 1, "done": 2, "reviewed": 1, "skipped": 1,
            "percent": 16.7, "streak_days": 3, "last_activity": "2026-11-28T08:45:00Z", "due": 0,
            "time_spent_s": 0
        })
    );
    assert_eq!(
        sections[4],
        serde_json::json!({
            "section": ["Papers", "LLM", "LLM inference"], "total": 5, "todo": 2, "started": 1,
            "done": 0, "reviewed": 1, "skipped": 1, "percent": 25.0, "time_spent_s": 0
        })
    );
}

#[test]
fn streak_survives_a_day_without_events_until_it_ends() {
    let env = learner();
    assert_eq!(
        env.at("2026-11-29T20:00:00Z").json(&["status"])["streak_days"],
        3
    );
    assert_eq!(
        env.at("2026-11-30T20:00:00Z").json(&["status"])["streak_days"],
        0
    );
}

#[test]
fn removed_items_are_not_counted() {
    let env = learner();
    let seed_total = env.json(&["status"])["total"].as_i64().unwrap();
    let file = env.write("l.md", "- [A](https://a.org)\n- [B](https://b.org)\n");
    env.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(
        env.json(&["status"])["total"],
        seed_total + 2,
        "a second list adds"
    );
    env.write("l.md", "- [A](https://a.org)\n");
    env.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(env.json(&["status"])["total"], seed_total + 1);
}

#[test]
fn next_puts_work_in_progress_first_then_the_current_section() {
    let env = learner();
    insta::assert_snapshot!(env.ok(&["next"]), @"
    1. flexgen  FlexGen: High-throughput Generative Inference of Large Language Models with a Single GPU
       paper · Papers / LLM / LLM inference · in progress since today
    2. response-length-perception  Response Length Perception and Sequence Scheduling: An LLM-Empowered…
       paper · Papers / LLM / LLM inference · next in its section
    3. deep-learning-with-pytorch  Deep Learning With Pytorch: A 60 min blitz
       tutorial · Tutorials · next in its section
    ");
}

#[test]
fn next_filters_explain_and_json() {
    let env = learner();
    let videos = env.json(&["next", "--kind", "video", "-n", "2"]);
    let slugs: Vec<&str> = videos
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        ["backpropagation-really-doing", "backpropagation-calculus"]
    );
    assert_eq!(
        videos[0],
        serde_json::json!({
            "slug": "backpropagation-really-doing",
            "title": "What is backpropagation really doing? | Chapter 3, Deep learning",
            "kind": "video", "section": ["Videos", "General"], "status": "todo",
            "action": "start", "score": 3.0, "reason": "next in its section"
        })
    );
    let explained = env.ok(&["next", "-n", "1", "--explain"]);
    assert!(
        explained.contains("10×1.000 in_progress") && explained.contains("earliness"),
        "{explained}"
    );
    let speech = env.json(&["next", "--section", "speech"]);
    assert_eq!(speech[0]["slug"], "history-of-speech-recognition");
    assert_eq!(speech.as_array().unwrap().len(), 1);
    let skipped: Vec<String> = env
        .json(&["next", "-n", "30"])
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["slug"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(skipped.len(), 15);
    for slug in ["tabi", "orca", "neural-network"] {
        assert!(
            !skipped.contains(&slug.to_string()),
            "{slug} must not be suggested"
        );
    }
}

#[test]
fn next_says_plainly_when_nothing_is_left() {
    let env = TestEnv::new();
    let file = env.write("l.md", "- [A](https://a.org)\n");
    env.ok(&["import", file.to_str().unwrap()]);
    env.ok(&["done", "a"]);
    assert_eq!(
        env.ok(&["next"]).trim(),
        "nothing to study: every item is done, reviewed or skipped"
    );
    assert_eq!(env.json(&["next"]), serde_json::json!([]));
    assert!(
        env.ok(&["next", "--kind", "book"])
            .contains("no todo or started items match")
    );
}

#[test]
fn log_is_newest_first_and_filtered() {
    let env = learner();
    insta::assert_snapshot!(env.ok(&["log", "-n", "4"]), @"
    when              item     event   note
    ───────────────────────────────────────
    2026-11-28 08:50  tabi     skip
    2026-11-28 08:45  orca     review
    2026-11-28 08:30  orca     done
    2026-11-28 08:00  flexgen  start
    ");
    let since = env.json(&["log", "--since", "yesterday"]);
    assert_eq!(since.as_array().unwrap().len(), 5);
    assert_eq!(since[4]["slug"], "gradient-descent");
    assert_eq!(since[4]["note"], "nice animations");
    assert_eq!(
        since[0],
        serde_json::json!({
            "at": "2026-11-28T08:50:00Z", "slug": "tabi",
            "title": "Tabi: An Efficient Multi-Level Inference System for Large Language Models",
            "kind": "skip", "note": null, "rating": null
        })
    );
    // Dones and reviews carry their rating, as in `show --json`.
    assert_eq!(
        (since[1]["kind"].as_str(), since[1]["rating"].as_str()),
        (Some("review"), Some("good"))
    );
    assert_eq!(
        (since[2]["kind"].as_str(), since[2]["rating"].as_str()),
        (Some("done"), Some("good"))
    );
}

#[test]
fn log_keeps_record_order_within_a_second() {
    let env = TestEnv::new();
    env.ok(&["note", "alpa", "first"]);
    env.ok(&["note", "orca", "second"]);
    env.ok(&["note", "tabi", "third"]);
    let log = env.json(&["log"]);
    let notes: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["note"].as_str().unwrap())
        .collect();
    assert_eq!(notes, ["third", "second", "first"]);
}

#[test]
fn list_filters() {
    let env = learner();
    let slugs = |args: &[&str]| -> Vec<String> {
        env.json(args)
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["slug"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(slugs(&["list", "--status", "started"]), ["flexgen"]);
    assert_eq!(
        slugs(&["list", "--status", "done", "--status", "reviewed"]),
        ["neural-network", "gradient-descent", "orca"]
    );
    assert_eq!(
        slugs(&["list", "--kind", "tutorial"]),
        ["deep-learning-with-pytorch"]
    );
    assert_eq!(
        slugs(&["list", "--section", "speech"]),
        ["history-of-speech-recognition"]
    );
    assert_eq!(
        slugs(&["list", "--search", "animations"]),
        ["gradient-descent"]
    );
    assert_eq!(slugs(&["list", "--search", "icml'23 flexgen"]), ["flexgen"]);
    let table = env.ok(&["list", "--status", "done"]);
    assert!(
        table.contains("2 days ago") && table.contains("yesterday"),
        "{table}"
    );
}
