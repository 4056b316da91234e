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
