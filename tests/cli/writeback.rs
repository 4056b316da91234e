//! Write-back: statuses into the list file as task boxes, and nothing else of the file.

use crate::support::TestEnv;

/// A list with boxes of every kind, items without a box, a table and odd spacing.
const LIST: &str = "# My list\n\n## Papers\n\n- [ ] [Alpa](https://a.org) (OSDI'22)\n*   [X]  **Orca** [pdf](https://o.org)\n- [FlexGen](https://f.org)  \n  - [ ] [Nested](https://n.org)\n\n| Paper | Link |\n|---|---|\n| Bert | [link](https://b.org) |\n\n1. [x] [Done before](https://d.org)\n";

/// A database following `list.md` (with `ends` as line endings), alpa done and orca reset.
fn tracked(ends: &str) -> (TestEnv, std::path::PathBuf) {
    let env = TestEnv::new();
    let path = env.write("list.md", &LIST.replace('\n', ends));
    env.ok(&["import", path.to_str().unwrap()]);
    env.ok(&["done", "alpa"]);
    env.ok(&["reset", "orca"]);
    env.ok(&["review", "nested"]);
    (env, path)
}

fn read(path: &std::path::Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn only_box_characters_change_with_lf_and_crlf() {
    for ends in ["\n", "\r\n"] {
        let (env, path) = tracked(ends);
        let out = env.ok(&["writeback"]);
        assert_eq!(
            out,
            "list.md: 2 boxes ticked (alpa, nested), 1 box unticked (orca); 1 item without a box (--add-boxes adds them)\n"
        );
        let want = LIST
            .replace("- [ ] [Alpa]", "- [x] [Alpa]")
            .replace("[X]  **Orca**", "[ ]  **Orca**")
            .replace("  - [ ] [Nested]", "  - [x] [Nested]")
            .replace('\n', ends);
        assert_eq!(read(&path), want, "{ends:?}");
        // Byte for byte: same length, and only bytes inside `[.]` differ.
        let (before, after) = (LIST.replace('\n', ends), read(&path));
        let differ: Vec<usize> = (0..before.len())
            .filter(|&i| before.as_bytes()[i] != after.as_bytes()[i])
            .collect();
        assert_eq!(differ.len(), 3, "{ends:?}");
        assert!(
            differ
                .iter()
                .all(|&i| &before[i - 1..i] == "[" && &before[i + 1..i + 2] == "]")
        );
        // Its own write is not an edit: no refresh line, and a second run changes nothing.
        let again = env.run(&["writeback"]);
        assert_eq!(again.stderr, "", "{ends:?}");
        assert_eq!(
            again.stdout,
            "list.md: every box is up to date; 1 item without a box (--add-boxes adds them)\n"
        );
    }
}

#[test]
fn add_boxes_puts_a_box_after_the_bullet_and_leaves_tables_alone() {
    let (env, path) = tracked("\r\n");
    env.ok(&["done", "flexgen"]);
    let out = env.ok(&["writeback", "--add-boxes", "--dry-run"]);
    assert_eq!(
        out,
        "list.md (dry run): 2 boxes ticked (alpa, nested), 1 box unticked (orca), 1 box added (flexgen)\n"
    );
    assert_eq!(
        read(&path),
        LIST.replace('\n', "\r\n"),
        "a dry run writes nothing"
    );
    env.ok(&["writeback", "--add-boxes"]);
    let want = LIST
        .replace("- [ ] [Alpa]", "- [x] [Alpa]")
        .replace("[X]  **Orca**", "[ ]  **Orca**")
        .replace("  - [ ] [Nested]", "  - [x] [Nested]")
        .replace("- [FlexGen]", "- [x] [FlexGen]")
        .replace('\n', "\r\n");
    assert_eq!(read(&path), want);
    // The next import reads the boxes it wrote as they are: nothing changes.
    let imported = env.ok(&["import", path.to_str().unwrap()]);
    assert!(imported.contains("0 added, 0 updated"), "{imported}");
}

#[test]
fn a_file_changed_since_its_import_is_refused() {
    let (env, path) = tracked("\n");
    let edited = format!("{LIST}- [New](https://new.org)\n");
    std::fs::write(&path, &edited).unwrap();
    let out = env.run_without_refresh(&["writeback"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        format!(
            "mlpath: {} changed since it was last imported; run `mlpath import` first, then write back\n",
            std::fs::canonicalize(&path).unwrap().display()
        )
    );
    assert_eq!(read(&path), edited, "the edit is kept");
    // With refresh on (the default) the edit is read first, then the boxes are written.
    env.ok(&["writeback"]);
    assert!(read(&path).starts_with(&LIST.replace("- [ ] [Alpa]", "- [x] [Alpa]")[..60]));
    assert!(read(&path).ends_with("- [New](https://new.org)\n"));
}

#[cfg(unix)]
#[test]
fn the_mode_and_the_symlink_are_kept() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let env = TestEnv::new();
    std::fs::create_dir(env.path("notes")).unwrap();
    let real = env.write("notes/list.md", LIST);
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = env.path("link.md");
    symlink(&real, &link).unwrap();
    env.ok(&["import", link.to_str().unwrap()]);
    env.ok(&["done", "alpa"]);
    env.ok(&["writeback"]);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_link(&link).unwrap(), real);
    assert!(read(&real).contains("- [x] [Alpa]"));
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

#[test]
fn with_the_setting_on_every_status_change_is_written_at_once() {
    let env = TestEnv::new();
    let path = env.write("list.md", LIST);
    env.ok(&["import", path.to_str().unwrap()]);
    env.ok(&["done", "alpa"]);
    assert_eq!(read(&path), LIST, "off by default");
    env.ok(&["config", "list.write-back", "on"]);
    let out = env.run(&["done", "nested"]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr, "mlpath: list.md: 1 box ticked (nested)\n");
    assert_eq!(
        read(&path),
        LIST.replace("  - [ ] [Nested]", "  - [x] [Nested]")
    );
    env.ok(&["undo"]);
    assert_eq!(read(&path), LIST);
    env.ok(&["redo"]);
    env.ok(&["reset", "done-before"]);
    assert_eq!(
        read(&path),
        LIST.replace("  - [ ] [Nested]", "  - [x] [Nested]")
            .replace("1. [x] [Done", "1. [ ] [Done")
    );
    // A changed file is still refused; the status change is recorded all the same.
    std::fs::write(&path, format!("{LIST}\n")).unwrap();
    let out = env.run_without_refresh(&["done", "done-before"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.starts_with("mlpath: warning: "),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("changed since it was last imported"));
    assert_eq!(read(&path), format!("{LIST}\n"));
}

#[test]
fn a_ticked_box_is_done_from_the_list_and_an_unticked_one_only_said() {
    let (env, path) = tracked("\n");
    env.ok(&["writeback"]);
    // Tick orca in the file, untick alpa (done here).
    let edited = read(&path)
        .replace("[ ]  **Orca**", "[x]  **Orca**")
        .replace("- [x] [Alpa]", "- [ ] [Alpa]");
    std::fs::write(&path, &edited).unwrap();
    let out = env.run(&["show", "orca", "--json"]);
    assert_eq!(
        out.stderr,
        "mlpath: alpa is unticked in list.md but done here; it stays done until `mlpath reset ITEM`\n"
    );
    let orca: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(orca["status"], "done");
    let alpa: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", "alpa", "--json"])).unwrap();
    assert_eq!(alpa["status"], "done");
    env.ok(&["reset", "alpa"]);
    let alpa: serde_json::Value =
        serde_json::from_str(&env.ok(&["show", "alpa", "--json"])).unwrap();
    assert_eq!(alpa["status"], "todo");
}

#[test]
fn bad_lists_are_named() {
    let env = TestEnv::new();
    env.ok(&["list"]);
    let out = env.run(&["writeback"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "mlpath: no list file is recorded; import one first: mlpath import README.md\n"
    );
    let out = env.run(&["writeback", "--list", "nope"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("mlpath: no list is named 'nope'"),
        "{}",
        out.stderr
    );
    let out = env.run(&["writeback", "--list", "A journey of learning ML"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("the built-in list, which has no file"),
        "{}",
        out.stderr
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_refused_and_left_as_it_was() {
    use std::os::unix::fs::PermissionsExt;
    let (env, path) = tracked("\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let err = env.fails(&["writeback"], 1);
    assert!(
        err.contains("list.md is read-only; make it writable"),
        "{err}"
    );
    assert_eq!(read(&path), LIST);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
    // The dry run still says what would change.
    assert!(
        env.ok(&["writeback", "--dry-run"])
            .contains("2 boxes ticked")
    );
}

#[test]
fn a_list_that_cannot_be_read_does_not_hide_the_others() {
    let (env, path) = tracked("\n");
    let other = env.write("other.md", "# Other\n- [ ] [Alpa](https://a.org)\n");
    env.ok(&["import", other.to_str().unwrap()]);
    std::fs::remove_file(&path).unwrap();
    let out = env.run(&["writeback"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.stdout, "other.md: 1 box ticked (alpa)\n");
    assert!(read(&other).contains("- [x] [Alpa]"));
    assert!(
        out.stderr.contains("list.md: no such file"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .ends_with("mlpath: 1 of 2 list files could not be written back; `mlpath lists` shows their paths (`mlpath lists rm NAME` stops following one that is gone)\n"),
        "{}",
        out.stderr
    );
    // `import` alone imports the others and says, with its exit code, that one was not read.
    let out = env.run(&["import"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains("Other: imported 1 item: 0 added"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("1 of 2 lists could not be read"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_list_of_tables_says_its_items_take_no_box_and_is_left_alone() {
    let env = TestEnv::new();
    let text = "# Papers\n\n| Paper | Link |\n|---|---|\n| Bert | [link](https://b.org) |\n| GPT | [link](https://g.org) |\n";
    let path = env.write("tables.md", text);
    env.ok(&["import", path.to_str().unwrap()]);
    env.ok(&["done", "bert"]);
    for args in [&["writeback"][..], &["writeback", "--add-boxes"]] {
        assert_eq!(
            env.ok(args),
            "tables.md: no box to write; its 2 items are table rows or paragraphs, which take no box\n"
        );
    }
    assert_eq!(read(&path), text);
}
