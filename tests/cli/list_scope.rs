//! `--list NAME` keeps every figure to one list (status's streak, last activity and reviews due,
//! `due`), and names a list in any case.

use crate::support::{TestEnv, slugs};

const MINE: &str = "# My list\n## Papers\n- [Alpa](https://a.org)\n- [Shared](https://s.org)\n";
const READING: &str = "# Reading\n## Papers\n- [Bert](https://b.org)\n- [Shared](https://s.org)\n";

/// Two lists; alpa (only in My list) done yesterday, bert (only in Reading) two days before.
fn studied() -> TestEnv {
    let env = TestEnv::new();
    for (file, text) in [("mine.md", MINE), ("reading.md", READING)] {
        let path = env.write(file, text);
        env.ok(&["import", path.to_str().unwrap()]);
    }
    env.ok(&["done", "bert", "--at", "2026-11-25 10:00"]);
    env.ok(&["done", "alpa", "--at", "2026-11-27 10:00"]);
    env
}

#[test]
fn status_of_one_list_counts_only_that_lists_activity() {
    let env = studied();
    let all = env.json(&["status"]);
    assert_eq!(all["streak_days"], 1, "{all}");
    assert_eq!(all["last_activity"], "2026-11-27T10:00:00Z");

    let reading = env.json(&["status", "--list", "Reading"]);
    assert_eq!(reading["streak_days"], 0, "{reading}");
    assert_eq!(reading["last_activity"], "2026-11-25T10:00:00Z");
    let stats = env.json(&["stats", "--list", "Reading"]);
    assert_eq!(reading["streak_days"], stats["streak_current"]);
    let text = env.ok(&["status", "--list", "Reading"]);
    assert!(
        text.contains("last activity 3 days ago") && text.contains("streak 0 days"),
        "{text}"
    );

    let mine = env.json(&["status", "--list", "My list"]);
    assert_eq!(mine["streak_days"], 1, "{mine}");
    assert_eq!(mine["last_activity"], "2026-11-27T10:00:00Z");
}

#[test]
fn status_of_a_list_without_study_has_no_activity() {
    let env = studied();
    let other = env.write("other.md", "# Other\n- [Zed](https://z.org)\n");
    env.ok(&["import", other.to_str().unwrap()]);
    let status = env.json(&["status", "--list", "Other"]);
    assert_eq!(status["streak_days"], 0);
    assert!(status["last_activity"].is_null(), "{status}");
    assert!(
        env.ok(&["status", "--list", "Other"])
            .contains("no activity yet")
    );
}

#[test]
fn reviews_due_are_counted_and_listed_per_list() {
    let env = studied();
    // Both reviews are due a month later.
    let later = env.at("2026-12-28T09:00:00Z");
    assert_eq!(slugs(&later.json(&["due"])), ["bert", "alpa"]);
    assert_eq!(slugs(&later.json(&["due", "--list", "Reading"])), ["bert"]);
    assert_eq!(slugs(&later.json(&["due", "--list", "My list"])), ["alpa"]);
    assert_eq!(later.json(&["status"])["due"], 2);
    assert_eq!(later.json(&["status", "--list", "Reading"])["due"], 1);
    let text = later.ok(&["status", "--list", "Reading"]);
    assert!(text.contains("1 review due"), "{text}");

    let other = env.write("other.md", "# Other\n- [Zed](https://z.org)\n");
    later.ok(&["import", other.to_str().unwrap()]);
    assert_eq!(later.json(&["status", "--list", "Other"])["due"], 0);
    assert_eq!(later.ok(&["due", "--list", "Other"]), "no reviews due\n");
    let err = later.fails(&["due", "--list", "Nope"], 2);
    assert!(err.contains("no list is named 'Nope'"), "{err}");
}

#[test]
fn a_list_is_named_in_any_case_and_a_near_miss_is_suggested() {
    let env = studied();
    assert_eq!(
        env.json(&["status", "--list", "reading"])["total"],
        env.json(&["status", "--list", "Reading"])["total"]
    );
    assert_eq!(
        slugs(&env.json(&["list", "--list", "MY LIST"])),
        ["alpa", "shared"]
    );
    // The export names the list as recorded, not as typed.
    let out = env.path("mine-export.md");
    env.ok(&[
        "export",
        "--list",
        "my list",
        "--format",
        "markdown",
        "-o",
        out.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# My list"), "{text}");

    let err = env.fails(&["status", "--list", "Readng"], 2);
    assert_eq!(
        err,
        "mlpath: no list is named 'Readng'; did you mean 'Reading'? (`mlpath lists` shows them)"
    );
    let err = env.fails(&["export", "--list", "Papers"], 2);
    assert!(err.contains("the lists are 'My list', 'Reading'"), "{err}");
}

#[test]
fn names_that_differ_only_in_case_must_be_given_exactly() {
    let env = TestEnv::new();
    for (file, name) in [("a.md", "Notes"), ("b.md", "NOTES")] {
        let path = env.write(file, &format!("# x\n- [{file}](https://{file}.org)\n"));
        env.ok(&["import", path.to_str().unwrap(), "--name", name]);
    }
    assert_eq!(env.json(&["status", "--list", "NOTES"])["total"], 1);
    let err = env.fails(&["status", "--list", "notes"], 2);
    assert!(
        err.contains("'notes' names 'Notes' and 'NOTES'") && err.contains("exactly"),
        "{err}"
    );
}
