//! No two live items share a URL: `add`, `edit` and `undo` refuse to make a double of an item
//! removed by hand, whose URL still names it.

use crate::support::TestEnv;

fn live_slugs(env: &TestEnv) -> Vec<String> {
    env.json(&["list"])
        .as_array()
        .expect("array")
        .iter()
        .map(|i| i["slug"].as_str().expect("slug").to_string())
        .filter(|s| s.starts_with("hand-"))
        .collect()
}

/// hand-one (https://e.com/1) added, done and removed.
fn removed_hand_item() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["add", "Hand one", "--url", "https://e.com/1"]);
    env.ok(&["done", "hand-one"]);
    env.ok(&["rm", "hand-one"]);
    env
}

#[test]
fn add_refuses_the_url_or_title_of_an_item_removed_by_hand_and_says_how_to_bring_it_back() {
    let env = removed_hand_item();
    let err = env.fails(&["add", "Hand one", "--url", "https://e.com/1"], 2);
    assert_eq!(
        err,
        "mlpath: https://e.com/1 is the URL of hand-one, which was removed; \
         `mlpath undo hand-one --all` brings it back with its history"
    );
    // The URL is the item's whatever the title, and --force does not make a double of it.
    env.fails(
        &["add", "Another", "--url", "https://e.com/1", "--force"],
        2,
    );
    let err = env.fails(&["add", "hand ONE"], 2);
    assert!(
        err.contains("'hand ONE' is the title of hand-one, which was removed")
            && err.contains("or add --force to add a new item"),
        "{err}"
    );
    assert_eq!(live_slugs(&env), Vec::<String>::new(), "nothing added");

    // The way the message gives: the item is back with its history, once.
    env.ok(&["undo", "hand-one", "--all"]);
    assert_eq!(live_slugs(&env), ["hand-one"]);
    assert_eq!(env.json(&["show", "hand-one"])["status"], "done");
}

#[test]
fn the_testers_sequence_leaves_one_live_item() {
    let env = removed_hand_item();
    env.fails(&["add", "Hand one", "--url", "https://e.com/1"], 2);
    env.ok(&["undo"]);
    assert_eq!(live_slugs(&env), ["hand-one"]);
    let markdown = env.ok(&["export", "--format", "markdown"]);
    assert_eq!(markdown.matches("https://e.com/1").count(), 1, "{markdown}");
}

#[test]
fn edit_refuses_a_url_another_item_has() {
    let env = removed_hand_item();
    env.ok(&["add", "Hand two", "--url", "https://e.com/2"]);
    env.ok(&["add", "Hand three"]);
    let err = env.fails(&["edit", "hand-three", "--url", "https://e.com/2"], 2);
    assert_eq!(err, "mlpath: https://e.com/2 is already an item: hand-two");
    let err = env.fails(&["edit", "hand-three", "--url", "https://e.com/1"], 2);
    assert!(
        err.contains("is the URL of hand-one, which was removed"),
        "{err}"
    );
    // Its own URL again is no change of owner.
    env.ok(&[
        "edit",
        "hand-two",
        "--url",
        "https://e.com/2",
        "--title",
        "Hand 2",
    ]);
}

#[test]
fn undo_of_a_removal_refuses_when_another_item_has_the_url_by_now() {
    let env = removed_hand_item();
    env.ok(&["add", "Hand two"]);
    // As an earlier mlpath's `edit --url` (or another device) could leave it.
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute(
        "UPDATE items SET url = 'https://e.com/1' WHERE slug = 'hand-two'",
        [],
    )
    .unwrap();
    let before = env.json(&["list", "--all"]);
    let err = env.fails(&["undo"], 1);
    assert_eq!(
        err,
        "mlpath: cannot bring hand-one back: hand-two has its URL https://e.com/1 now; \
         `mlpath rm hand-two`, then `mlpath undo hand-one --all`, or \
         `mlpath relink hand-one hand-two` gives hand-two its history"
    );
    env.fails(&["undo", "hand-one", "--all"], 1);
    assert_eq!(env.json(&["list", "--all"]), before, "nothing changed");

    // Either way the message gives ends with one live item for the URL.
    env.ok(&["rm", "hand-two"]);
    env.ok(&["undo", "hand-one", "--all"]);
    assert_eq!(live_slugs(&env), ["hand-one"]);
}
