//! What an installed binary needs: it runs from any folder, and it carries its manual page.

use crate::support::{TestEnv, command_paths, copy_binary, has_tool, output_of_copy};

/// `cargo install` copies only the binary: the seed list and migrations must be inside it.
#[test]
fn the_binary_works_from_any_folder_with_nothing_beside_it() {
    let env = TestEnv::new();
    let home = env.path("home");
    std::fs::create_dir(&home).unwrap();
    let bin = env.path("mlpath");
    copy_binary(&bin);
    let work = env.path("elsewhere");
    std::fs::create_dir(&work).unwrap();
    let out = output_of_copy(
        env.program(&bin)
            .current_dir(&work)
            .env_remove("MLPATH_DB")
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .args(["status", "--json"]),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("imported the built-in study list (19 items)"),
        "{stderr}"
    );
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["total"], 19);
    let first: Vec<&str> = status["sections"][0]["section"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(first, ["Tutorials"]);
    assert!(home.join(".local/share/mlpath/mlpath.db").is_file());
    assert_eq!(
        std::fs::read_dir(&work).unwrap().count(),
        0,
        "nothing written to the cwd"
    );
}

/// What a parallel test's fork does to a fresh copy, on purpose: the copy is held open for
/// writing for a moment, and running it waits instead of failing with "Text file busy".
#[test]
fn a_copy_held_open_for_writing_runs_once_it_is_closed() {
    let env = TestEnv::new();
    let bin = env.path("mlpath");
    copy_binary(&bin);
    let writer = std::fs::OpenOptions::new().append(true).open(&bin).unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(150));
        drop(writer);
    });
    let out = output_of_copy(env.program(&bin).arg("--version"));
    release.join().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("mlpath "));
}

#[test]
fn man_prints_a_roff_page_with_every_command() {
    let env = TestEnv::new();
    let page = env.ok(&["man"]);
    assert!(page.contains("\n.TH mlpath 1 "), "no roff title:\n{page}");
    assert!(page.contains("\n.SH SYNOPSIS\n") && page.contains("\n.SH COMMANDS\n"));
    for path in command_paths() {
        let name = path.join(" ");
        assert!(
            page.contains(&format!(".SS \"mlpath {name}\"")),
            "the page lacks {name}"
        );
    }
    assert!(
        page.contains("\\fB\\-\\-dry\\-run\\fR"),
        "import's --dry-run"
    );
    assert!(page.contains("Example: mlpath done alpa orca \\-\\-at yesterday"));
    assert!(!env.db.exists(), "man needs no database");
}

/// What a person reads with `mlpath man | man -l -`: groff accepts it without a warning.
#[test]
fn man_page_renders_with_man() {
    if !has_tool("/usr/bin/man") {
        return;
    }
    let env = TestEnv::new();
    let page = env.ok(&["man"]);
    let mut child = env
        .program("/usr/bin/man")
        .args(["--warnings", "-l", "-"])
        .env("MANWIDTH", "100")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let warnings = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{warnings}");
    assert!(warnings.is_empty(), "{warnings}");
    assert!(
        text.contains("SYNOPSIS") && text.contains("ENVIRONMENT"),
        "{text}"
    );
    for path in command_paths() {
        let name = path.join(" ");
        assert!(
            text.contains(&format!("   mlpath {name}\n")),
            "{name}:\n{text}"
        );
    }
    assert!(text.contains("--dry-run"), "{text}");
}
