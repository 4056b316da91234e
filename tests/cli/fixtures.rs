//! The real-world lists in tests/fixtures: beyond their counts, a sample of what each becomes
//! (its name, titles, sections, kinds, URLs), so a change to how a real list is read shows in review.

use crate::support::{TestEnv, fixture};

const LISTS: [&str; 7] = [
    "DengBoCong__paper__README.md",
    "Hannibal046__Awesome-LLM__README.md",
    "josephmisiti__awesome-machine-learning__README.md",
    "jwasham__coding-interview-university__README.md",
    "mli__paper-reading__README.md",
    "terryum__awesome-deep-learning-papers__README.md",
    "yuanmingqi__awesome-bfm-papers__README.md",
];

/// Twelve items spread evenly over the list, first and last included, one line each.
fn sample(items: &[serde_json::Value]) -> String {
    let n = items.len();
    let picks = 12.min(n);
    let mut lines = vec![format!("{n} items")];
    for k in 0..picks {
        let item = &items[k * (n - 1) / (picks - 1).max(1)];
        let section: Vec<&str> = item["section"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        lines.push(format!(
            "{} | {} | {} | {} | {}",
            item["position"],
            section.join(" / "),
            item["kind"].as_str().unwrap(),
            item["title"].as_str().unwrap(),
            item["url"].as_str().unwrap_or("-"),
        ));
    }
    lines.join("\n")
}

#[test]
fn real_world_lists_read_as_their_samples_say() {
    for name in LISTS {
        let env = TestEnv::new();
        env.ok(&["import", fixture(name).to_str().unwrap()]);
        let list = env.json(&["list"]);
        let items = list.as_array().unwrap();
        let stem = name.trim_end_matches("__README.md");
        // The name the list gets from its H1 (badges are not part of it).
        let lists = env.json(&["lists"]);
        let list_name = lists[0]["name"].as_str().unwrap();
        let text = format!("list {list_name:?}, {}", sample(items));
        insta::assert_snapshot!(format!("fixture_{stem}"), text);
    }
}
