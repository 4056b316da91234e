//! Items two lists share: which list names and places them when one list is exported alone,
//! restored from such an export, or removed.

use crate::support::TestEnv;

const A: &str = "# A\n## Systems\n- [Alpa](https://a.org)\n- [Shared](https://s.org)\n\
                 ## Models\n- [Bert](https://b.org)\n";
const B: &str = "# B\n## Favourites\n- [Bert, in B](https://b.org)\n\
                 - [Shared, as B names it](https://s.org)\n## Other\n- [Gpt](https://g.org)\n";

/// A database following a.md (first) and b.md, which share bert and shared; shared is done.
fn shared_by_two_lists() -> TestEnv {
    let env = TestEnv::new();
    let a = env.write("a.md", A);
    let b = env.write("b.md", B);
    env.ok(&["import", a.to_str().unwrap()]);
    env.ok(&["import", b.to_str().unwrap()]);
    env.ok(&["done", "shared"]);
    env
}

/// (list, section, total) of each row of a `status --json` answer.
fn sections(env: &TestEnv) -> Vec<(String, String, u64)> {
    env.json(&["status"])["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["list"].as_str().unwrap_or_default().to_string(),
                s["section"][0].as_str().unwrap().to_string(),
                s["total"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn rows(expected: &[(&str, &str, u64)]) -> Vec<(String, String, u64)> {
    expected
        .iter()
        .map(|(l, s, t)| (l.to_string(), s.to_string(), *t))
        .collect()
}

/// The list names in each item's memberships of an export.
fn membership_lists(doc: &serde_json::Value) -> Vec<Vec<String>> {
    doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            i["memberships"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["list"].as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

#[test]
fn an_export_of_one_list_holds_that_list_alone_and_restores() {
    let env = shared_by_two_lists();
    for (list, file, count) in [("A", "a.md", 3), ("B", "b.md", 3)] {
        let json = env.path(&format!("{list}.json"));
        env.ok(&["export", "--list", list, "-o", json.to_str().unwrap()]);
        let doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        assert_eq!(doc["lists"].as_array().unwrap().len(), 1);
        assert_eq!(doc["lists"][0]["name"], list);
        assert!(
            doc["list_source"].as_str().unwrap().ends_with(file),
            "{doc}"
        );
        assert_eq!(membership_lists(&doc), vec![vec![list.to_string()]; count]);

        let restored = env.with_db(&env.path(&format!("{list}.db")));
        let out = restored.run(&["restore", json.to_str().unwrap()]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert_eq!(out.stderr, "", "nothing to warn about");
        assert_eq!(restored.json(&["show", "shared"])["status"], "done");
        let lists = restored.json(&["lists"]);
        assert_eq!(lists.as_array().unwrap().len(), 1);
        assert_eq!(lists[0]["items"], count);
    }
    // B's export restores with B's places, and B's own titles once its file is read.
    let restored = env.with_db(&env.path("B.db"));
    assert_eq!(
        sections(&restored),
        rows(&[("", "Favourites", 2), ("", "Other", 1)])
    );
    let shared = restored.json(&["show", "shared"]);
    assert_eq!(shared["title"], "Shared, as B names it");
    assert_eq!(shared["section"], serde_json::json!(["Favourites"]));
}

#[test]
fn a_restore_keeps_the_items_whose_places_name_a_list_it_lacks() {
    let env = shared_by_two_lists();
    let mut doc: serde_json::Value = serde_json::from_str(&env.ok(&["export"])).unwrap();
    // What `export --list A` wrote before: every place of its items, and B's path as the source.
    doc["lists"].as_array_mut().unwrap().remove(1);
    let b_path = env.path("b.md").canonicalize().unwrap();
    doc["list_source"] = b_path.to_str().unwrap().into();
    let file = env.write("old.json", &doc.to_string());
    let restored = env.with_db(&env.path("old.db"));
    let out = restored.run_without_refresh(&["restore", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("restored 4 items"), "{}", out.stdout);
    let warning = out.stderr.trim_end();
    assert_eq!(warning.lines().count(), 1, "{warning}");
    assert!(
        warning.starts_with("mlpath: warning:")
            && warning.contains("the list 'B' that 3 item(s) name (shared, bert, gpt)")
            && warning.contains("`mlpath list --all`"),
        "{warning}"
    );
    assert_eq!(restored.json(&["show", "shared"])["status"], "done");
    assert_eq!(
        sections(&restored),
        rows(&[("", "Systems", 2), ("", "Models", 1)])
    );
    let all = restored.json(&["list", "--all"]);
    let gpt = all.as_array().unwrap().iter().find(|i| i["slug"] == "gpt");
    assert!(gpt.is_some(), "only B held it: restored, hidden: {all}");
    let listed = restored.json(&["list"]);
    assert!(!listed.to_string().contains("\"gpt\""), "{listed}");
}

#[test]
fn removing_the_first_list_hands_its_shared_items_to_the_next_at_once() {
    let env = shared_by_two_lists();
    let out = env.run(&["lists", "rm", "A"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        sections(&env),
        rows(&[("", "Favourites", 2), ("", "Other", 1)])
    );
    let shared = env.json(&["show", "shared"]);
    assert_eq!(shared["title"], "Shared, as B names it");
    assert_eq!(shared["section"], serde_json::json!(["Favourites"]));
    assert_eq!(shared["status"], "done", "its history stays");
    assert_eq!(env.json(&["show", "bert"])["title"], "Bert, in B");
}

#[test]
fn removing_the_first_list_places_shared_items_even_when_the_next_file_is_gone() {
    let env = shared_by_two_lists();
    std::fs::remove_file(env.path("b.md")).unwrap();
    let out = env.run_without_refresh(&["lists", "rm", "A"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let warning = out.stderr.trim_end();
    assert_eq!(warning.lines().count(), 1, "{warning}");
    assert!(
        warning.starts_with("mlpath: warning:") && warning.contains("`mlpath import`"),
        "{warning}"
    );
    let shared = env.json(&["show", "shared"]);
    assert_eq!(shared["section"], serde_json::json!(["Favourites"]));
    assert_eq!(shared["title"], "Shared", "a.md's title until b.md is read");
}
