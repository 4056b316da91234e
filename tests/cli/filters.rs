//! Filter values as people type them: enum values in any case, section paths with or without
//! the spaces around `/`.

use crate::support::{TestEnv, slugs};

#[test]
fn enum_values_are_accepted_in_any_case() {
    let env = TestEnv::new();
    env.ok(&["start", "flexgen"]);
    assert_eq!(
        slugs(&env.json(&["list", "--status", "Started"])),
        ["flexgen"]
    );
    let videos = slugs(&env.json(&["list", "--kind", "video"]));
    assert!(videos.len() > 3, "{videos:?}");
    assert_eq!(slugs(&env.json(&["list", "--kind", "Video"])), videos);
    assert_eq!(slugs(&env.json(&["list", "--kind", "VIDEO"])), videos);
    let next = env.json(&["next", "--kind", "Paper"]);
    assert!(
        next.as_array()
            .unwrap()
            .iter()
            .all(|s| s["kind"] == "paper")
    );
    assert_eq!(env.json(&["status", "--kind", "Tutorial"])["total"], 1);
    let added = env.json(&["add", "My book", "--kind", "Book"]);
    assert_eq!(added["kind"], "book");
    let csv = env.ok(&["export", "--format", "CSV"]);
    assert!(csv.starts_with("slug,title,"), "{csv}");
    assert!(env.ok(&["completions", "Bash"]).contains("_mlpath"));
    // A value that is not one, in any case, is still refused with the list of values.
    let out = env.run(&["list", "--status", "Begun"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("possible values"), "{}", out.stderr);
}

#[test]
fn section_filters_ignore_case_and_the_spaces_around_slashes() {
    let env = TestEnv::new();
    let spaced = slugs(&env.json(&["list", "--section", "Videos / General"]));
    assert_eq!(spaced.len(), 5, "{spaced:?}");
    for typed in [
        "videos/general",
        "VIDEOS /general",
        "Videos/ General",
        "os/gen",
    ] {
        assert_eq!(
            slugs(&env.json(&["list", "--section", typed])),
            spaced,
            "{typed}"
        );
        let status = env.json(&["status", "--section", typed]);
        assert_eq!(status["total"], 5, "{typed}");
        let next = env.json(&["next", "--section", typed]);
        let first = &next.as_array().unwrap()[0];
        assert_eq!(first["section"], serde_json::json!(["Videos", "General"]));
    }
    assert!(
        env.json(&["list", "--section", "general/videos"])
            .as_array()
            .unwrap()
            .is_empty()
    );
}
