use crate::support::{TestEnv, status_of};
use std::path::Path;

/// Runs `mlpath open …` with a BROWSER stand-in that records its argument; returns what it got.
pub fn open_with_recording_browser(env: &TestEnv, args: &[&str]) -> String {
    use std::os::unix::fs::PermissionsExt;
    let log = env.path("opened.txt");
    let script = env.write(
        "browser.sh",
        &format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", log.display()),
    );
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = env.command(args).env("BROWSER", &script).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(&log).unwrap()
}

fn own_list(env: &TestEnv) -> String {
    std::fs::create_dir_all(env.path("notes/reviews")).unwrap();
    std::fs::write(env.path("notes/reviews/flexgen.md"), "# my review\n").unwrap();
    // Real files outside the list's folder: one reached by `..`, one through a symlink.
    std::fs::write(env.path("secret.txt"), "not for the browser\n").unwrap();
    std::os::unix::fs::symlink(env.path("secret.txt"), env.path("notes/reviews/escape.md"))
        .unwrap();
    let list = env.path("notes/list.md");
    std::fs::write(
        &list,
        "# Mine\n## Papers\n- FlexGen: Fast (ICML'23) # [paper](https://arxiv.org/abs/2303.06865) | [review](reviews/flexgen.md) | [notes](reviews/missing.md)\n- Sneaky # [paper](javascript:alert(1)) | [secret](../secret.txt) | [escape](reviews/escape.md)\n",
    )
    .unwrap();
    list.display().to_string()
}

#[test]
fn open_runs_the_browser_with_the_url_and_changes_nothing() {
    let env = TestEnv::new();
    assert_eq!(
        open_with_recording_browser(&env, &["open", "flexgen"]),
        "https://arxiv.org/abs/2303.06865\n"
    );
    assert_eq!(status_of(&env, "flexgen"), "todo");
}

#[test]
fn open_resolves_relative_links_against_the_list_folder() {
    let env = TestEnv::new();
    let list = own_list(&env);
    env.ok(&["import", &list]);
    let opened = open_with_recording_browser(&env, &["open", "flexgen", "--link", "review"]);
    assert!(
        opened.trim_end().ends_with("notes/reviews/flexgen.md"),
        "{opened}"
    );
    assert!(Path::new(opened.trim_end()).is_absolute());
    let printed = env.ok(&["open", "flexgen", "--print"]);
    assert_eq!(printed.trim(), "https://arxiv.org/abs/2303.06865");
}

#[test]
fn open_refuses_unsafe_or_missing_targets() {
    let env = TestEnv::new();
    let list = own_list(&env);
    env.ok(&["import", &list]);
    let err = env.fails(&["open", "flexgen", "--link", "notes"], 2);
    assert!(err.contains("does not exist"), "{err}");
    let err = env.fails(&["open", "sneaky"], 2);
    assert!(
        err.ends_with("only http, https and local files are opened"),
        "{err}"
    );
    let folder = env.path("notes").canonicalize().unwrap();
    for link in ["secret", "escape"] {
        let err = env.fails(&["open", "sneaky", "--link", link], 2);
        let rule = format!("it is outside the list's folder {}", folder.display());
        assert!(err.ends_with(&rule), "{link}: {err}");
    }
    let err = env.fails(&["open", "flexgen", "--link", "video"], 2);
    assert!(err.contains("paper, review, notes"), "{err}");
}

#[test]
fn open_accepts_urls_with_ampersands_quotes_and_braces() {
    let env = TestEnv::new();
    let list = env.write(
        "list.md",
        "## Videos\n- [Talk at 42s](https://www.youtube.com/watch?v=kCc8FmEb1nY&t=42s)\n- [Law](https://en.wikipedia.org/wiki/Hofstadter's_law)\n- [Query](https://x.org/s?q={a}^2)\n",
    );
    env.ok(&["import", list.to_str().unwrap()]);
    for item in ["talk", "law"] {
        open_with_recording_browser(&env, &["open", item]);
    }
    // The stand-in browser appends each link it got to one log.
    assert_eq!(
        open_with_recording_browser(&env, &["open", "query"]),
        "https://www.youtube.com/watch?v=kCc8FmEb1nY&t=42s\n\
         https://en.wikipedia.org/wiki/Hofstadter's_law\n\
         https://x.org/s?q={a}^2\n"
    );
}

/// Runs `open` with a PATH that holds only `launchers` (name → exit code of a stand-in script).
fn open_with_launchers(env: &TestEnv, launchers: &[(&str, i32)]) -> crate::support::Output {
    use std::os::unix::fs::PermissionsExt;
    let bin = env.path("bin");
    std::fs::create_dir_all(&bin).unwrap();
    for (name, code) in launchers {
        let script = bin.join(name);
        std::fs::write(&script, format!("#!/bin/sh\nexit {code}\n")).unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out = env
        .command(&["open", "flexgen"])
        .env("PATH", &bin)
        .output()
        .unwrap();
    crate::support::Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn open_without_a_browser_prints_the_link_and_says_so() {
    let env = TestEnv::new();
    env.ok(&["status"]);
    let mut cases = vec![open_with_launchers(&env, &[])];
    // A launcher that runs but finds no browser (xdg-open's "no method available").
    if cfg!(target_os = "linux") {
        cases.push(open_with_launchers(&env, &[("xdg-open", 3)]));
    }
    for out in cases {
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert_eq!(out.stdout, "https://arxiv.org/abs/2303.06865\n");
        assert_eq!(
            out.stderr,
            "mlpath: no browser found; the link is printed above (set $BROWSER to open it)\n"
        );
    }
    let out = env
        .command(&["open", "flexgen"])
        .env("BROWSER", env.path("no-such-browser"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(out.stdout, b"https://arxiv.org/abs/2303.06865\n");
    assert!(
        stderr.starts_with("mlpath: cannot run $BROWSER") && stderr.lines().count() == 1,
        "{stderr}"
    );
}

#[test]
fn open_of_a_seed_review_link_opens_the_review_file_in_the_data_folder() {
    let env = TestEnv::new();
    let err = env.fails(&["open", "flexgen", "--link", "review", "--print"], 2);
    assert!(
        err.contains("no review file yet") && err.contains("mlpath review flexgen --edit"),
        "{err}"
    );
    // The file `review --edit` writes for an item of the built-in list is the one opened.
    let path = env.ok(&["review", "flexgen", "--print-path"]);
    let path = std::path::Path::new(path.trim());
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, "# FlexGen\n").unwrap();
    let printed = env.ok(&["open", "flexgen", "--link", "review", "--print"]);
    assert_eq!(printed.trim(), path.to_str().unwrap());
    // So is a hand-added item's, which has no review link.
    env.ok(&["add", "Own paper", "--url", "https://example.org/own"]);
    let own = env.ok(&["review", "own-paper", "--print-path"]);
    std::fs::write(own.trim(), "# Own\n").unwrap();
    let printed = env.ok(&["open", "own-paper", "--link", "Review", "--print"]);
    assert_eq!(printed.trim(), own.trim());
}

#[test]
fn add_places_items_at_the_end_of_their_section_and_reimport_keeps_them() {
    let env = TestEnv::new();
    let out = env.ok(&[
        "add",
        "Attention Is All You Need",
        "--url",
        "arxiv.org/abs/1706.03762",
        "--section",
        "Papers / LLM / LLM inference",
        "--venue",
        "NeurIPS'17",
    ]);
    assert!(out.starts_with("added attention-is-all "), "{out}");
    let slugs: Vec<String> = crate::support::statuses(&env)
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let pos = slugs
        .iter()
        .position(|s| s.starts_with("attention-is-all"))
        .unwrap();
    assert_eq!(slugs[pos - 1], "orca", "after the last item of its section");
    let item = env.json(&["show", "attention is all you need"]);
    assert_eq!(item["kind"], "paper");
    assert_eq!(item["url"], "https://arxiv.org/abs/1706.03762");
    assert_eq!(item["manual"], true);
    env.ok(&["import"]);
    let again: Vec<String> = crate::support::statuses(&env)
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert_eq!(slugs, again, "re-import keeps the added item in place");
    let err = env.fails(
        &["add", "Dup", "--url", "https://arxiv.org/abs/1706.03762"],
        2,
    );
    assert!(err.contains("already an item"), "{err}");
}

fn slugs_in_order(env: &TestEnv) -> Vec<String> {
    crate::support::statuses(env)
        .into_iter()
        .map(|(s, _)| s)
        .collect()
}

#[test]
fn add_to_a_parent_section_goes_after_its_last_subsection_item() {
    let env = TestEnv::new();
    let before = slugs_in_order(&env);
    let out = env.ok(&["add", "Megatron-LM", "--section", "Papers / LLM"]);
    assert!(out.contains("at the end of Papers / LLM"), "{out}");
    let mut expected = before.clone();
    let alpa = before.iter().position(|s| s == "alpa").unwrap();
    expected.insert(alpa + 1, "megatron-lm".to_string());
    assert_eq!(
        slugs_in_order(&env),
        expected,
        "after alpa, before Papers / Speech"
    );
    // A section the list does not have, and no section at all, go to the end of the list.
    env.ok(&["add", "Gopher", "--section", "Papers / Brand new"]);
    env.ok(&["add", "Chinchilla"]);
    let after = slugs_in_order(&env);
    assert_eq!(after[after.len() - 2..], ["gopher", "chinchilla"]);
    env.ok(&["import"]);
    assert_eq!(slugs_in_order(&env), after, "re-import keeps them in place");
}

#[test]
fn add_and_edit_find_a_section_in_any_case_and_spacing() {
    let env = TestEnv::new();
    let before = slugs_in_order(&env);
    let out = env.ok(&["add", "Megatron-LM", "--section", "papers/llm"]);
    assert!(out.contains("at the end of Papers / LLM"), "{out}");
    let item = env.json(&["show", "megatron-lm"]);
    assert_eq!(item["section"], serde_json::json!(["Papers", "LLM"]));
    let alpa = before.iter().position(|s| s == "alpa").unwrap();
    assert_eq!(
        slugs_in_order(&env)[alpa + 1],
        "megatron-lm",
        "placed in it"
    );
    env.ok(&["edit", "megatron-lm", "--section", "  PAPERS /speech "]);
    let item = env.json(&["show", "megatron-lm"]);
    assert_eq!(item["section"], serde_json::json!(["Papers", "Speech"]));
    // A section that does not exist is made as typed, split at `/`.
    env.ok(&["add", "Gopher", "--section", "Papers/Brand  new"]);
    let item = env.json(&["show", "gopher"]);
    assert_eq!(item["section"], serde_json::json!(["Papers", "Brand new"]));
}

#[test]
fn add_reads_the_year_from_the_venue() {
    let env = TestEnv::new();
    for (title, venue, year) in [
        ("Transformer paper", "NeurIPS'17", serde_json::json!(2017)),
        ("Pathways", "MLSys 2022", serde_json::json!(2022)),
        ("A preprint", "arxiv", serde_json::Value::Null),
    ] {
        env.ok(&["add", title, "--venue", venue]);
        let item = env.json(&["show", title]);
        assert_eq!(item["venue"], venue);
        assert_eq!(item["year"], year, "{venue}");
    }
}

#[test]
fn add_refuses_a_title_already_in_the_list_unless_forced() {
    let env = TestEnv::new();
    let err = env.fails(&["add", "flexgen: high-throughput generative inference of large language models with a single GPU!"], 2);
    assert!(
        err.contains("is already an item: flexgen") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(slugs_in_order(&env).len(), 19, "nothing was added");
    let out = env.ok(&[
        "add",
        "FlexGen: High-throughput Generative Inference of Large Language Models with a Single GPU",
        "--force",
    ]);
    assert!(out.starts_with("added flexgen-2 "), "{out}");
}

#[test]
fn json_export_restore_round_trip_is_identical() {
    let env = TestEnv::new();
    env.ok(&["done", "flexgen", "-m", "a \"quoted\"\nnote"]);
    env.ok(&["review", "flexgen"]);
    env.ok(&["start", "orca"]);
    env.ok(&["undo"]);
    env.ok(&["add", "Extra", "--section", "Mine"]);
    let first = env.ok(&["export", "--format", "json"]);
    let file = env.write("export.json", &first);
    let other = env.path("restored.db");
    let db = other.to_str().unwrap();
    assert_eq!(
        env.ok(&["--db", db, "restore", file.to_str().unwrap()])
            .trim(),
        format!("restored 20 items into {db}")
    );
    let second = env.ok(&["--db", db, "export", "--format", "json"]);
    assert_eq!(first, second);
    let show = env.json(&["--db", db, "show", "flexgen"]);
    assert_eq!(show["status"], "reviewed");
    assert_eq!(status_of(&env, "orca"), "todo");
}

#[test]
fn restore_refuses_a_database_with_items_and_bad_files() {
    let env = TestEnv::new();
    let export = env.ok(&["export"]);
    let file = env.write("e.json", &export);
    let err = env.fails(&["restore", file.to_str().unwrap()], 1);
    assert!(err.contains("already has items"), "{err}");
    let junk = env.write("junk.json", "{\"hello\": 1}");
    let err = env.fails(
        &[
            "--db",
            env.path("n.db").to_str().unwrap(),
            "restore",
            junk.to_str().unwrap(),
        ],
        1,
    );
    assert!(err.contains("not an mlpath JSON export"), "{err}");
}

#[test]
fn csv_export_quotes_properly() {
    let env = TestEnv::new();
    env.ok(&["done", "neural", "--at", "2026-11-20"]);
    let csv = env.ok(&["export", "--format", "csv"]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "slug,title,section,kind,status,started_at,done_at,reviewed_at,review_count,url"
    );
    let row = lines.find(|l| l.starts_with("neural-network,")).unwrap();
    assert_eq!(
        row,
        "neural-network,\"But what is a neural network? | Chapter 1, Deep learning\",Videos / General,video,done,,2026-11-20T00:00:00Z,,0,https://youtu.be/aircAruvnKk"
    );
    assert_eq!(csv.lines().count(), 20);
}

/// The markdown export imports back to the same list: its title, items without a section,
/// titles (a linkless one without its status), links (a URL with spaces and a tab), sections,
/// done and reviewed dates; notes are written under their item and are not read as titles.
#[test]
fn markdown_export_reimports_to_the_same_items_dates_and_sections() {
    let env = TestEnv::new();
    let list = env.write(
        "winter.md",
        "# Reading for the winter\n- [Loose paper](https://loose.org/p)\n- A linkless reminder\n\
         ## Papers\n- [FlexGen](https://arxiv.org/abs/2303.06865) (ICML'23)\n- [Orca](https://orca.org)\n\
         ### Deep\n- [Alpa](https://alpa.ai)\n",
    );
    env.ok(&["import", list.to_str().unwrap()]);
    env.ok(&[
        "done",
        "flexgen",
        "--at",
        "2026-11-20",
        "-m",
        "KV cache [offloading]",
    ]);
    env.ok(&["note", "flexgen", "a first thought"]);
    env.ok(&["note", "flexgen", "--edit", "a thought, corrected"]);
    env.ok(&["done", "alpa", "--at", "2026-11-10"]);
    env.ok(&["note", "alpa", "withdrawn later"]);
    env.ok(&["note", "alpa", "--rm"]);
    env.ok(&["review", "alpa", "--at", "2026-11-21"]);
    env.ok(&["start", "linkless-reminder", "--at", "2026-11-25"]);
    env.ok(&["note", "orca", "--", "- line one\n\n# line two"]);
    env.ok(&[
        "add",
        "Spaced out",
        "--url",
        "https://example.org/a b\tc",
        "--section",
        "Papers",
    ]);
    let out = env.path("progress.md");
    env.ok(&[
        "export",
        "--format",
        "markdown",
        "-o",
        out.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("# Reading for the winter\n"), "{text}");
    assert!(
        text.contains("- [ ] A linkless reminder — started 2026-11-25\n"),
        "{text}"
    );
    assert!(
        text.contains("— done 2026-11-10, reviewed 2026-11-21\n"),
        "{text}"
    );
    assert!(
        text.contains("  > 2026-11-20: KV cache \\[offloading\\]\n"),
        "{text}"
    );
    assert!(
        text.contains("  > 2026-11-28: - line one\n  >\n  > \\# line two\n"),
        "{text}"
    );
    assert!(text.contains("(<https://example.org/a b\tc>)"), "{text}");

    let fresh = env.path("fresh.db");
    let db = fresh.to_str().unwrap();
    env.ok(&["--db", db, "import", out.to_str().unwrap()]);
    assert_eq!(
        env.json(&["--db", db, "lists"])[0]["name"],
        "Reading for the winter"
    );
    let before = env.json(&["list"]);
    let after = env.json(&["--db", db, "list"]);
    let summary = |v: &serde_json::Value| -> Vec<String> {
        let day = |t: &serde_json::Value| t.as_str().map(|t| t[..10].to_string());
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let finished = matches!(i["status"].as_str(), Some("done" | "reviewed"));
                let status = if finished {
                    i["status"].as_str().unwrap()
                } else {
                    "open"
                };
                format!(
                    "{} | {} | {} | {} | {:?} | {:?}",
                    i["title"].as_str().unwrap(),
                    i["section"],
                    i["url"],
                    status,
                    day(&i["done_at"]),
                    day(&i["reviewed_at"]),
                )
            })
            .collect()
    };
    let mut expected = summary(&before);
    let mut got = summary(&after);
    // Items without a section come first in the export; the order is otherwise the list's.
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    assert!(
        got.iter().any(|i| i.starts_with("Loose paper | []")),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|i| i.contains("Alpa")
                && i.ends_with("Some(\"2026-11-10\") | Some(\"2026-11-21\")")),
        "{got:?}"
    );
}

#[test]
fn backup_copies_the_live_database() {
    let env = TestEnv::new();
    env.ok(&["done", "alpa"]);
    let target = env.path("copy.db");
    env.ok(&["backup", target.to_str().unwrap()]);
    let copy = env.json(&["--db", target.to_str().unwrap(), "show", "alpa"]);
    assert_eq!(copy["status"], "done");
    let err = env.fails(&["backup", target.to_str().unwrap()], 2);
    assert!(err.contains("already exists"), "{err}");
    let out = env.ok(&["backup"]);
    assert!(out.contains("mlpath.db.20261128-090000.backup"), "{out}");
}

#[test]
fn completions_for_each_shell() {
    let env = TestEnv::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = env.ok(&["completions", shell]);
        assert!(
            script.contains("mlpath") && script.contains("import"),
            "{shell}"
        );
    }
    assert!(!env.db.exists(), "completions need no database");
}

#[test]
fn every_command_has_an_example() {
    let env = TestEnv::new();
    for cmd in crate::support::command_names() {
        let help = env.ok(&[cmd.as_str(), "--help"]);
        assert!(
            help.contains("Example: mlpath"),
            "{cmd} --help has no example"
        );
    }
}

#[test]
fn a_restored_list_does_not_bound_open_until_imported_again() {
    let env = TestEnv::new();
    let list = own_list(&env);
    env.ok(&["import", &list]);
    let export = env.path("export.json");
    env.ok(&["export", "-o", export.to_str().unwrap()]);
    // The export names the list's real path; restoring it must not make that folder openable.
    let restored = env.with_db(&env.path("restored.db"));
    restored.ok(&["restore", export.to_str().unwrap()]);
    let err = restored.fails(&["open", "flexgen", "--link", "review", "--print"], 2);
    assert!(err.contains("none was imported here"), "{err}");
    // Importing the list file itself is what sets the folder.
    restored.ok(&["import", &list]);
    let printed = restored.ok(&["open", "flexgen", "--link", "review", "--print"]);
    assert!(
        printed.trim_end().ends_with("notes/reviews/flexgen.md"),
        "{printed}"
    );
}

/// A link without a label (`[](url)` in a list) is shown and exported as its URL, never as an
/// empty `[]` or `: url`, and the export imports back to the same link.
#[test]
fn a_link_without_a_label_shows_and_exports_as_its_url() {
    let env = TestEnv::new();
    let list = env.write(
        "mine.md",
        "# Mine\n- [Paper one](https://a.org/1) [](https://github.com/x/y) [code](https://c.org)\n",
    );
    env.ok(&["import", list.to_str().unwrap()]);
    let show = env.ok(&["show", "paper-one"]);
    assert!(
        show.contains("  link     https://github.com/x/y\n"),
        "{show}"
    );
    let text = env.ok(&["export", "--format", "markdown"]);
    assert!(
        text.contains(
            "- [ ] [Paper one](https://a.org/1) # <https://github.com/x/y> | [code](https://c.org)\n"
        ),
        "{text}"
    );
    let again = TestEnv::new();
    let file = again.write("again.md", &text);
    again.ok(&["import", file.to_str().unwrap()]);
    let urls = |env: &TestEnv| -> Vec<String> {
        env.json(&["show", "paper-one"])["links"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["url"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(urls(&again), urls(&env));
}

#[test]
fn a_csv_export_without_items_still_has_its_header() {
    let env = TestEnv::new();
    env.ok(&["lists", "rm", "A journey of learning ML"]);
    let csv = env.ok(&["export", "--format", "csv"]);
    assert_eq!(
        csv,
        "slug,title,section,kind,status,started_at,done_at,reviewed_at,review_count,url\n"
    );
}
