use crate::support::{TestEnv, fixture};

#[test]
fn a_new_database_gets_the_seed_list_and_says_so() {
    let env = TestEnv::new();
    let out = env.run(&["list"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stderr
            .contains("imported the built-in study list (19 items)"),
        "{}",
        out.stderr
    );
    insta::assert_snapshot!(out.stdout, @"
    slug                            title                         section               kind      status
    ────────────────────────────────────────────────────────────────────────────────────────────────────
    deep-learning-with-pytorch      Deep Learning With Pytorch:…  Tutorials             tutorial  todo
    neural-network                  But what is a neural…         Videos / General      video     todo
    gradient-descent                Gradient descent, how…        Videos / General      video     todo
    backpropagation-really-doing    What is backpropagation…      Videos / General      video     todo
    backpropagation-calculus        Backpropagation calculus |…   Videos / General      video     todo
    convolution                     But what is a convolution?    Videos / General      video     todo
    attention-mechanism             Attention mechanism:…         Videos / Transformer  video     todo
    introduction-to-generative-ai   Introduction to Generative…   Videos / Transformer  video     todo
    introduction-to-large-language  Introduction to large…        Videos / Transformer  video     todo
    state-of-gpt                    State of GPT | BRK216HFS      Videos / Transformer  video     todo
    deep-learning-systems-courses   Deep Learning Systems…        Videos / Systems      video     todo
    response-length-perception      Response Length Perception…   …LLM / LLM inference  paper     todo
    olive                           OliVe: Accelerating Large…    …LLM / LLM inference  paper     todo
    tabi                            Tabi: An Efficient…           …LLM / LLM inference  paper     todo
    flexgen                         FlexGen: High-throughput…     …LLM / LLM inference  paper     todo
    orca                            ORCA: A Distributed Serving…  …LLM / LLM inference  paper     todo
    alpaserve                       Alpaserve: Statistical…       …DL training systems  paper     todo
    alpa                            Alpa: Automating Inter- and…  …DL training systems  paper     todo
    history-of-speech-recognition   The History of Speech…        Papers / Speech       paper     todo
    ");
    let second = env.run(&["list"]);
    assert!(
        second.stderr.is_empty(),
        "seed is imported once: {}",
        second.stderr
    );
}

#[test]
fn list_json_has_the_documented_shape() {
    let env = TestEnv::new();
    let list = env.json(&["list"]);
    let items = list.as_array().unwrap();
    assert_eq!(items.len(), 19);
    let flexgen = items.iter().find(|i| i["slug"] == "flexgen").unwrap();
    assert_eq!(
        flexgen,
        &serde_json::json!({
            "id": 15, "slug": "flexgen",
            "title": "FlexGen: High-throughput Generative Inference of Large Language Models with a Single GPU",
            "section": ["Papers", "LLM", "LLM inference"], "kind": "paper",
            "url": "https://arxiv.org/abs/2303.06865",
            "links": [
                {"label": "paper", "url": "https://arxiv.org/abs/2303.06865"},
                {"label": "review", "url": "reviews/flexgen.md"}
            ],
            "venue": "ICML'23", "year": 2023, "position": 15, "removed": false, "manual": false,
            "lists": ["A journey of learning ML"], "status": "todo", "started_at": null, "done_at": null, "reviewed_at": null,
            "review_count": 0, "note_count": 0, "last_event_at": null,
            "due_at": null, "retrievability": null, "time_spent_s": 0
        })
    );
    let alpaserve = items.iter().find(|i| i["slug"] == "alpaserve").unwrap();
    assert_eq!(alpaserve["url"], serde_json::Value::Null);
    assert_eq!(alpaserve["links"][0]["url"], serde_json::Value::Null);
    let positions: Vec<i64> = items
        .iter()
        .map(|i| i["position"].as_i64().unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "list order");
}

#[test]
fn reimport_is_idempotent_and_keeps_progress_through_edits() {
    let env = TestEnv::new();
    let list = env.write(
        "list.md",
        "# Mine\n## Papers\n- Alpa: Automating Parallelism (OSDI'22) # [paper](https://a.org)\n- [Orca: Serving](https://o.org)\n- [Tabi](https://t.org)\n",
    );
    let file = list.to_str().unwrap();
    assert_eq!(
        env.ok(&["import", file]).trim(),
        "imported 3 items: 3 added, 0 updated, 0 unchanged, 0 removed"
    );
    assert_eq!(
        env.ok(&["import", file]).trim(),
        "imported 3 items: 0 added, 0 updated, 3 unchanged, 0 removed"
    );
    env.ok(&["done", "alpa", "-m", "great"]);
    env.write(
        "list.md",
        "# Mine\n## Papers\n- Alpa: Automating Inter- and Intra-Operator Parallelism (OSDI'22) # [paper](https://a.org)\n- [Orca: Serving](https://o.org)\n- [New one](https://n.org)\n",
    );
    assert_eq!(
        env.ok(&["import", file, "--dry-run"]).trim(),
        "+ new-one  New one\n~ alpa  title\n- tabi  Tabi (todo)\nwould import 3 items: 1 added, 1 updated, 1 unchanged, 1 removed"
    );
    assert_eq!(
        env.ok(&["import", file]).trim(),
        "imported 3 items: 1 added, 1 updated, 1 unchanged, 1 removed"
    );
    let alpa = env.json(&["show", "alpa"]);
    assert_eq!(alpa["status"], "done");
    assert_eq!(alpa["events"][0]["note"], "great");
    assert_eq!(
        alpa["title"],
        "Alpa: Automating Inter- and Intra-Operator Parallelism"
    );
    let visible: Vec<String> = crate::support::statuses(&env)
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert_eq!(visible, ["alpa", "orca", "new-one"]);
    let all = env.json(&["list", "--all"]);
    let tabi = all
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["slug"] == "tabi")
        .unwrap();
    assert_eq!(tabi["removed"], true);
}

#[test]
fn the_untouched_seed_list_is_replaced_by_the_first_own_list() {
    let env = TestEnv::new();
    env.ok(&["list"]);
    let file = env.write(
        "mine.md",
        "- [x] [Read this](https://r.org)\n- [ ] [Then that](https://t.org)\n",
    );
    let out = env.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(
        out.trim(),
        "imported 2 items: 2 added, 0 updated, 0 unchanged, 0 removed"
    );
    let all = env.json(&["list", "--all"]);
    assert_eq!(all.as_array().unwrap().len(), 2, "the demo items are gone");
    assert_eq!(
        crate::support::statuses(&env),
        [
            ("read-this".to_string(), "done".to_string()),
            ("then-that".to_string(), "todo".to_string())
        ]
    );
    let show = env.json(&["show", "read-this"]);
    assert_eq!(show["events"][0]["note"], "marked [x] in the imported list");
}

#[test]
fn every_real_world_list_imports() {
    let env = TestEnv::new();
    for name in [
        "DengBoCong__paper__README.md",
        "Hannibal046__Awesome-LLM__README.md",
        "josephmisiti__awesome-machine-learning__README.md",
        "jwasham__coding-interview-university__README.md",
        "mli__paper-reading__README.md",
        "terryum__awesome-deep-learning-papers__README.md",
        "yuanmingqi__awesome-bfm-papers__README.md",
    ] {
        let path = fixture(name);
        let out = env.ok(&["import", path.to_str().unwrap()]);
        assert!(out.starts_with("imported "), "{name}: {out}");
        let again = env.ok(&["import", path.to_str().unwrap()]);
        assert!(
            again.contains(" 0 added, 0 updated,") && again.contains(" 0 removed"),
            "{name}: {again}"
        );
    }
}

#[test]
fn where_names_the_database() {
    let env = TestEnv::new();
    let out = env.ok(&["where"]);
    assert!(
        out.contains(env.db.to_str().unwrap()) && out.contains("not created yet"),
        "{out}"
    );
    env.ok(&["list"]);
    let info = env.json(&["where"]);
    assert_eq!(info["schema_version"], mlpath::store::LATEST_VERSION);
    assert_eq!(info["list_source"], "embedded:seed/ml-journey.md");
}

/// A relative --db is named by its absolute path, as every other message names files.
#[test]
fn where_prints_a_relative_database_as_an_absolute_path() {
    let env = TestEnv::new();
    let folder = env.dir.path().canonicalize().unwrap();
    let run = |args: &[&str]| {
        let out = env.command(args).current_dir(&folder).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let expected = folder.join("rel.db");
    assert_eq!(
        run(&["--db", "rel.db", "where"]),
        format!("database: {} (not created yet)\n", expected.display())
    );
    let info: serde_json::Value =
        serde_json::from_str(&run(&["--db", "rel.db", "where", "--json"])).unwrap();
    assert_eq!(info["database"], expected.to_str().unwrap());
}

#[test]
fn db_flag_beats_the_environment() {
    let env = TestEnv::new();
    let other = env.path("other.db");
    env.ok(&["--db", other.to_str().unwrap(), "list"]);
    assert!(other.exists());
    assert!(!env.db.exists());
}

#[test]
fn a_table_status_column_imports_done_rows_and_titles_by_the_text_cell() {
    let env = TestEnv::new();
    let list = env.write(
        "courses.md",
        "# My courses\n## Learning\n| Status | Course | Link |\n|--|--|--|\n| ✅ | CS229 | [site](https://cs229.stanford.edu) |\n| ✔ | Machine Learning | [site](https://www.coursera.org/learn/machine-learning) |\n|  | \u{FFFC}Practical Deep\u{AD}Learning | [here](https://course.fast.ai) |\n",
    );
    let out = env.ok(&["import", list.to_str().unwrap()]);
    assert!(out.starts_with("imported 3 items: 3 added"), "{out}");
    let items = env.json(&["list", "--all"]);
    let rows: Vec<(String, String, String)> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let field = |k: &str| i[k].as_str().unwrap().to_string();
            (field("title"), field("kind"), field("status"))
        })
        .collect();
    let row = |t: &str, k: &str, s: &str| (t.to_string(), k.to_string(), s.to_string());
    assert_eq!(
        rows,
        [
            row("CS229", "other", "done"),
            row("Machine Learning", "course", "done"),
            row("Practical DeepLearning", "course", "todo"),
        ]
    );
}

/// A hand-added item that a list then holds (same URL) becomes that list's item for good: the
/// list names and places it, and `edit`/`rm` send the user to the file. An item of another list
/// matched by URL keeps its first list's title and section.
#[test]
fn a_list_adopts_a_hand_added_item_but_not_another_lists_item() {
    let env = TestEnv::new();
    let a = env.write(
        "a.md",
        "# A\n## Papers\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n",
    );
    let b = env.write(
        "b.md",
        "# B\n## Reading\n- [The transformer paper](https://arxiv.org/abs/1706.03762)\n- [Hand, as the list says](https://example.com/hand)\n",
    );
    env.ok(&["import", a.to_str().unwrap()]);
    let added = env.json(&["add", "My own find", "--url", "https://example.com/hand"]);
    let slug = added["slug"].as_str().unwrap();
    assert_eq!(env.json(&["show", slug])["manual"], true);
    env.ok(&["import", b.to_str().unwrap()]);

    let shared = env.json(&["show", "attention-is-all"]);
    assert_eq!(shared["title"], "Attention Is All You Need");
    assert_eq!(shared["section"], serde_json::json!(["Papers"]));
    assert_eq!(shared["lists"], serde_json::json!(["A", "B"]));

    let adopted = env.json(&["show", slug]);
    assert_eq!(adopted["manual"], false, "{adopted}");
    assert_eq!(adopted["title"], "Hand, as the list says");
    assert_eq!(adopted["section"], serde_json::json!(["Reading"]));
    assert_eq!(adopted["lists"], serde_json::json!(["B"]));
    let refused = env.run(&["rm", slug]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("b.md line 4"), "{}", refused.stderr);

    // Re-importing the first list changes neither.
    env.ok(&["import", a.to_str().unwrap()]);
    assert_eq!(env.json(&["show", slug])["manual"], false);
    assert_eq!(
        env.json(&["show", "attention-is-all"])["title"],
        "Attention Is All You Need"
    );
}
