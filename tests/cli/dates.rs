//! `--at` and `--since` values as people type them.

use crate::support::TestEnv;

/// `done orca --at WHEN`, then the stored `done_at`; undone again for the next case.
fn done_at(env: &TestEnv, when: &str) -> String {
    env.ok(&["done", "orca", "--at", when]);
    let at = env.json(&["show", "orca"])["done_at"]
        .as_str()
        .unwrap()
        .to_string();
    env.ok(&["undo"]);
    at
}

#[test]
fn at_reads_natural_forms_and_weekdays_in_the_past() {
    // The clock is Saturday 2026-11-28 09:00 UTC.
    let env = TestEnv::new();
    for (when, expected) in [
        ("yesterday 14:00", "2026-11-27T14:00:00Z"),
        ("last monday", "2026-11-23T00:00:00Z"),
        ("monday 9:30", "2026-11-23T09:30:00Z"),
        ("2 weeks ago", "2026-11-14T09:00:00Z"),
        ("30m", "2026-11-28T08:30:00Z"),
        ("2026-11-27T14:00:00", "2026-11-27T14:00:00Z"),
        ("yesterday", "2026-11-27T09:00:00Z"),
        ("today", "2026-11-28T09:00:00Z"),
    ] {
        assert_eq!(done_at(&env, when), expected, "{when}");
    }
    let err = env.fails(&["done", "orca", "--at", "tomorrow 10:00"], 2);
    assert!(err.contains("is in the future"), "{err}");
}

#[test]
fn since_today_and_yesterday_start_at_midnight() {
    let env = TestEnv::new();
    env.ok(&["done", "neural", "--at", "2026-11-27 08:00"]);
    env.ok(&["done", "orca", "--at", "2026-11-28 00:30"]);
    let slugs = |since: &str| -> Vec<String> {
        env.json(&["log", "--since", since])
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["slug"].as_str().unwrap().to_string())
            .collect()
    };
    // Not "now" (nothing) nor "24 hours ago" (08:00 yesterday is 25 hours ago).
    assert_eq!(slugs("today"), ["orca"]);
    assert_eq!(slugs("yesterday"), ["orca", "neural-network"]);
}

/// The reason `next` gives for an item, by slug.
fn reason(env: &TestEnv, slug: &str) -> String {
    let next = env.json(&["next", "-n", "20"]);
    let found = next.as_array().unwrap().iter().find(|s| s["slug"] == slug);
    found.expect("suggested")["reason"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn next_says_today_and_yesterday_rather_than_a_weekday() {
    // The clock is Saturday 2026-11-28 09:00 UTC.
    let env = TestEnv::new();
    for (when, expected) in [
        ("today 8:00", "in progress since today"),
        ("yesterday 23:00", "in progress since yesterday"),
        ("wednesday 10:00", "in progress since Wed"),
        ("2026-11-22 10:00", "in progress since Sun"),
        ("2026-11-21 10:00", "in progress since 2026-11-21"),
    ] {
        env.ok(&["start", "orca", "--at", when]);
        assert_eq!(reason(&env, "orca"), expected, "{when}");
        env.ok(&["undo"]);
    }
    // Done three days ago: the first review falls due today.
    env.ok(&["done", "alpa", "--at", "3 days ago"]);
    assert!(
        reason(&env, "alpa").starts_with("review due since today ("),
        "{}",
        reason(&env, "alpa")
    );
}

#[test]
fn a_session_opened_on_another_day_names_that_day() {
    let env = TestEnv::new();
    let out = env.ok(&["start", "orca", "--at", "yesterday 14:00"]);
    assert!(
        out.contains("orca: session started yesterday at 14:00;"),
        "{out}"
    );
    let out = env.ok(&["start", "alpa"]);
    assert!(out.contains("alpa: session started at 09:00;"), "{out}");
    // Cut at four hours (session.max), past midnight: the end has its date.
    env.ok(&["start", "tabi", "--at", "yesterday 23:00"]);
    let out = env.ok(&["stop"]);
    assert!(
        out.contains("tabi: 4h studied (2026-11-27 23:00 – 2026-11-28 03:00)"),
        "{out}"
    );
}
