//! `mlpath report`: one self-contained HTML page, escaped, private notes left out by default.
//! (tests/cli/browser.rs renders it in a real browser.)

use crate::ergonomics::open_with_recording_browser;
use crate::support::TestEnv;
use std::os::unix::fs::PermissionsExt;

/// The page `mlpath report ARGS -o -` prints.
fn page(env: &TestEnv, args: &[&str]) -> String {
    let mut all = vec!["report", "-o", "-"];
    all.extend_from_slice(args);
    env.ok(&all)
}

/// The items' slugs in list order, as `list --json` gives them.
pub fn slugs(env: &TestEnv) -> Vec<String> {
    crate::support::slugs(&env.json(&["list"]))
}

/// A database holding crafted text everywhere the page shows text.
fn crafted(env: &TestEnv) {
    let list = env.write(
        "list.md",
        "# Plain\n- [Local file](notes/a.md)\n- [Good link](https://example.org/a?x=1&y=2)\n\
         - [Bad link](javascript:alert(1))\n",
    );
    env.ok(&["import", list.to_str().unwrap(), "--name", "A <i>list</i>"]);
    let title = "<script>alert(1)</script> & \"quoted\"";
    let section = "<b class=\"x\">Bold & section";
    env.ok(&[
        "add",
        title,
        "--section",
        section,
        "--url",
        "javascript:alert(2)",
    ]);
    env.ok(&["note", "script-alert", "<img src=x onerror=alert(3)>"]);
}

#[test]
fn every_title_section_list_and_note_is_escaped_and_only_web_links_are_links() {
    let env = TestEnv::new();
    crafted(&env);
    let html = page(&env, &["--notes"]);
    for raw in ["<script", "<img", "<b class", "<i>list", "javascript:"] {
        assert!(!html.contains(raw), "{raw} is in the page");
    }
    let title = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;";
    assert!(
        html.contains(&format!("<td>{title}<br>")),
        "the item's title"
    );
    assert!(
        html.contains(&format!("note <b>{title}</b>")),
        "the log's title"
    );
    assert!(
        html.contains("<th colspan=\"6\">&lt;b class=&quot;x&quot;&gt;Bold &amp; section</th>")
    );
    assert!(html.contains("<title>Study report: A &lt;i&gt;list&lt;/i&gt;</title>"));
    assert!(html.contains("<li><time>2026-11-28</time> &lt;img src=x onerror=alert(3)&gt;</li>"));
    // javascript: and a relative file are shown, not linked; the web page is linked.
    assert!(html.contains("<td>Local file<br>") && html.contains("<td>Bad link<br>"));
    let links: Vec<&str> = html
        .match_indices("<a href=\"")
        .map(|(i, _)| &html[i..])
        .collect();
    assert_eq!(links.len(), 1, "only the web link: {links:?}");
    assert!(links[0].starts_with("<a href=\"https://example.org/a?x=1&amp;y=2\">Good link</a>"));
}

#[test]
fn notes_are_left_out_unless_asked_for() {
    let env = TestEnv::new();
    env.ok(&["done", "flexgen", "-m", "the offloading policy is an LP"]);
    env.ok(&["note", "orca", "iteration-level scheduling"]);
    env.ok(&["note", "alpa", "a note taken back"]);
    env.ok(&["note", "alpa", "--rm"]);
    let private = page(&env, &[]);
    assert!(!private.contains("offloading policy") && !private.contains("iteration-level"));
    let shared = page(&env, &["--notes"]);
    assert!(shared.contains("<li><time>2026-11-28</time> the offloading policy is an LP</li>"));
    assert!(shared.contains("iteration-level scheduling"));
    assert!(!shared.contains("a note taken back"), "a withdrawn note");
}

#[test]
fn each_item_has_one_row_with_its_slug_in_list_order() {
    let env = TestEnv::new();
    env.ok(&["done", "flexgen", "--spent", "1h30m"]);
    let html = page(&env, &[]);
    let slugs = slugs(&env);
    assert_eq!(slugs.len(), 19);
    let rows: Vec<&str> = html
        .split("<tr class=\"item\" data-slug=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    assert_eq!(rows, slugs);
    let flexgen = html.split("data-slug=\"flexgen\"").nth(1).unwrap();
    let flexgen = flexgen.split("</tr>").next().unwrap();
    assert!(
        flexgen.contains("<span class=\"status done\">done</span>"),
        "{flexgen}"
    );
    assert!(
        flexgen.contains("data-label=\"Time\">1h 30m</td>"),
        "{flexgen}"
    );
    // FlexGen is a paper: done today, it falls due for review.
    assert!(
        flexgen.contains("data-label=\"Next review\">2026-1"),
        "{flexgen}"
    );
    assert!(flexgen.contains("<a href=\"https://arxiv.org/abs/2303.06865\">FlexGen"));
}

#[test]
fn the_page_fetches_nothing_and_draws_its_charts_inline() {
    let env = TestEnv::new();
    env.ok(&["done", "flexgen", "--spent", "45m"]);
    let html = page(&env, &[]);
    for external in [
        "src=\"http",
        "<link",
        "<script",
        "@import",
        "url(",
        "<img",
        "<iframe",
    ] {
        assert!(!html.contains(external), "the page has {external}");
    }
    assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
    assert!(html.contains("<meta name=\"viewport\""));
    assert!(html.contains("prefers-color-scheme: dark") && html.contains("@media print"));
    assert_eq!(html.matches("<svg class=\"chart\"").count(), 4);
    for chart in [
        "Activity over the last year",
        "Items finished over time",
        "Progress per section",
        "Time per section",
    ] {
        assert!(html.contains(&format!("aria-label=\"{chart}\"")), "{chart}");
    }
    assert!(html.contains(">1 of 19 finished</text>"));
    // The tiles and sentences of `mlpath stats`: one item finished in 4 weeks.
    assert!(
        html.contains("<p class=\"muted\">Pace: 0.25 items a week (1 finished in the last 4 weeks")
    );
    assert!(
        html.contains("<li>ETA<b>2028-04-15</b></li>"),
        "the ETA tile"
    );
    assert!(html.contains("<li>Streak<b>1 day</b></li>"));
    assert!(html.contains("<p class=\"muted\">ETA: 18 left, ~72 weeks, around 2028-04-15</p>"));
    assert!(
        html.contains("class=\"heat4\"><title>2026-11-28: 2 events, 45m studied</title>"),
        "today in the calendar: the done and its session"
    );
}

#[test]
fn the_default_file_is_in_the_current_folder_and_json_says_what_was_written() {
    let env = TestEnv::new();
    let mut cmd = env.command(&["report"]);
    cmd.current_dir(env.dir.path());
    let out = crate::support::ok_of(cmd);
    let path = env.path("mlpath-report.html");
    assert_eq!(out, format!("wrote {}\n", path.display()));
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("data-slug=\"flexgen\""));
    assert_eq!(
        std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let other = env.path("other.html");
    let answer = env.json(&["report", "-o", other.to_str().unwrap()]);
    assert_eq!(answer["path"], other.to_str().unwrap());
    assert_eq!(answer["bytes"], std::fs::metadata(&other).unwrap().len());
    assert_eq!(answer["opened"], false);
}

#[test]
fn a_folder_or_a_fifo_is_refused_and_left_alone() {
    let env = TestEnv::new();
    let dir = env.path("folder");
    std::fs::create_dir(&dir).unwrap();
    let err = env.fails(&["report", "-o", dir.to_str().unwrap()], 2);
    assert!(err.contains("is not a regular file"), "{err}");
    let fifo = env.path("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // A FIFO is refused before it is opened, so nothing blocks waiting for a reader.
    let err = env.fails(&["report", "-o", fifo.to_str().unwrap()], 2);
    assert_eq!(
        err,
        format!(
            "mlpath: {} is not a regular file; write to a file path, or to - for standard output",
            fifo.display()
        )
    );
    assert!(
        std::fs::read_dir(env.dir.path())
            .unwrap()
            .all(|e| { !e.unwrap().file_name().to_string_lossy().ends_with(".tmp") })
    );
}

#[test]
fn open_hands_the_written_file_to_the_browser() {
    let env = TestEnv::new();
    let target = env.path("r.html");
    let args = ["report", "-o", target.to_str().unwrap(), "--open"];
    let opened = open_with_recording_browser(&env, &args);
    assert_eq!(opened, format!("{}\n", target.display()));
    // Without a browser the page is still written, and the output says where it is.
    let out = env
        .command(&args)
        .env("BROWSER", env.path("no-such-browser"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout, format!("wrote {}\n", target.display()));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("mlpath: cannot run $BROWSER") && err.lines().count() == 1,
        "{err}"
    );
}

#[test]
fn standard_output_takes_neither_open_nor_json() {
    let env = TestEnv::new();
    let err = env.fails(&["report", "-o", "-", "--open"], 2);
    assert!(err.contains("--open needs a file"), "{err}");
    let err = env.fails(&["report", "-o", "-", "--json"], 2);
    assert!(
        err.contains("--json does not apply to a report on standard output"),
        "{err}"
    );
}

#[test]
fn list_keeps_to_one_list() {
    let env = TestEnv::new();
    let mine = env.write("mine.md", "# Mine\n- [Only mine](https://mine.org)\n");
    let theirs = env.write(
        "theirs.md",
        "# Theirs\n- [One](https://one.org)\n- [Two](https://two.org)\n",
    );
    env.ok(&["import", mine.to_str().unwrap()]);
    env.ok(&["import", theirs.to_str().unwrap()]);
    let html = page(&env, &["--list", "Mine"]);
    assert_eq!(html.matches("<tr class=\"item\"").count(), 1);
    assert!(html.contains("<title>Study report: Mine</title>"));
    let all = page(&env, &[]);
    assert_eq!(all.matches("<tr class=\"item\"").count(), 3);
    assert!(all.contains("<title>Study report: Mine, Theirs</title>"));
    let err = env.fails(&["report", "--list", "Nope"], 2);
    assert!(err.contains("no list is named 'Nope'"), "{err}");
}

#[test]
fn many_sections_are_rolled_up_and_an_empty_list_still_gives_a_page() {
    let env = TestEnv::new();
    let list: String = (1..=30)
        .map(|i| format!("## Part {i}\n### Topic\n- [Item {i}](https://x.org/{i})\n"))
        .collect();
    let file = env.write("many.md", &format!("# Many\n{list}"));
    env.ok(&["import", file.to_str().unwrap()]);
    let html = page(&env, &[]);
    // 30 sections `Part N / Topic`: the charts show the top-level parts, the first 24 of them.
    assert!(html.contains(">Part 24</text>") && !html.contains(">Part 25</text>"));
    assert!(!html.contains(">Part 1 / Topic</text>"));
    assert_eq!(
        html.matches("and 6 more sections, in the table below")
            .count(),
        2
    );
    assert!(
        html.contains("<th colspan=\"6\">Part 30 / Topic</th>"),
        "the table has them all"
    );

    let empty = TestEnv::new();
    let file = empty.write("one.md", "# One\n- [One](https://one.org)\n");
    empty.ok(&["import", file.to_str().unwrap()]);
    empty.ok(&["lists", "rm", "One"]);
    let html = page(&empty, &[]);
    assert!(
        html.contains("<li>Finished<b>0 of 0 (0%)</b></li>"),
        "{html}"
    );
    assert!(html.contains("Nothing recorded yet."));
    assert!(html.ends_with("</tbody></table>\n<footer>Made by mlpath 0.1.0 from its event log.</footer>\n</main>\n</body>\n</html>\n"));
}

#[test]
fn a_new_database_says_no_study_yet_as_stats_does_not_a_pace_of_zero() {
    let env = TestEnv::new();
    let html = page(&env, &[]);
    let stats = env.ok(&["stats"]);
    let sentence = "No study recorded yet: `mlpath start ITEM`, `mlpath done ITEM` and `mlpath \
                    review ITEM` record it (ticked boxes in a list file do not count).";
    assert!(
        html.contains(&format!("<p class=\"muted\">{sentence}</p>")),
        "{html}"
    );
    assert!(
        stats
            .replace('\n', " ")
            .starts_with(&sentence[..sentence.len() - 2]),
        "{stats}"
    );
    assert!(
        !html.contains("Pace:") && !html.contains("Streak:"),
        "{html}"
    );
}
