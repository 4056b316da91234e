//! Files mlpath writes and reads: exports, backups, restores, lists, the database's modes.

use crate::support::TestEnv;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::time::{Duration, Instant};

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo (coreutils) is needed");
    assert!(made.success());
}

/// Waits for `child` at most `limit`; kills it and fails the test if it is still running.
fn wait_at_most(mut child: std::process::Child, limit: Duration) -> std::process::Output {
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn export_writes_through_a_symlink_and_keeps_the_mode() {
    let env = TestEnv::new();
    let real = env.write("real.json", "old");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = env.path("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    let out = env.ok(&["export", "-o", link.to_str().unwrap()]);
    assert_eq!(out.trim(), format!("wrote {}", real.display()));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(&real).unwrap();
    assert!(written.starts_with('{') && written.contains("\"flexgen\""));
    assert_eq!(mode(&real), 0o640);
    // A new file is private.
    let new = env.path("new.csv");
    env.ok(&["export", "--format", "csv", "-o", new.to_str().unwrap()]);
    assert_eq!(mode(&new), 0o600);
}

#[test]
fn export_refuses_a_fifo_without_blocking_and_dash_is_stdout() {
    let env = TestEnv::new();
    let fifo = env.path("fifo");
    mkfifo(&fifo);
    let child = env
        .process(&["export", "-o", fifo.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let out = wait_at_most(child, Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.trim_end().ends_with(&format!(
            "mlpath: {} is not a regular file; write to a file path, or to - for standard output",
            fifo.display()
        )),
        "{err}"
    );
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    let csv = env.ok(&["export", "--format", "csv", "-o", "-"]);
    assert!(csv.starts_with("slug,title,"), "{csv}");
    assert!(!csv.contains("wrote "));
}

#[test]
fn ctrl_c_during_export_leaves_no_temporary_file() {
    let env = TestEnv::new();
    let list: String = (0..10_000)
        .map(|i| format!("- [Paper number {i} about things](https://x.org/{i})\n"))
        .collect();
    let file = env.write("big.md", &list);
    env.ok(&["import", file.to_str().unwrap()]);
    let out_dir = env.path("out");
    std::fs::create_dir(&out_dir).unwrap();
    let target = out_dir.join("export.json");
    let child = env
        .process(&["export", "-o", target.to_str().unwrap()])
        .spawn()
        .unwrap();
    // Interrupt as soon as the temporary file is there.
    let started = Instant::now();
    while names(&out_dir).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no temporary file"
        );
        std::thread::sleep(Duration::from_millis(1));
    }
    let seen = names(&out_dir);
    assert!(
        seen[0].starts_with(".export.json.") && seen[0].ends_with(".tmp"),
        "{seen:?}"
    );
    let killed = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = wait_at_most(child, Duration::from_secs(20));
    // 130 is the handler's exit; None means the signal killed it unhandled.
    assert_eq!(out.status.code(), Some(130));
    assert!(names(&out_dir).is_empty(), "{:?}", names(&out_dir));
}

#[test]
fn backup_into_a_folder_is_dated_private_and_leaves_nothing_else() {
    let env = TestEnv::new();
    env.ok(&["done", "orca"]);
    let folder = env.path("backups");
    std::fs::create_dir(&folder).unwrap();
    let out = env.ok(&["backup", &format!("{}/", folder.display())]);
    assert!(out.contains("to "), "{out}");
    assert_eq!(names(&folder), ["mlpath.db.20261128-090000.backup"]);
    let copy = folder.join("mlpath.db.20261128-090000.backup");
    assert_eq!(mode(&copy), 0o600);
    let restored = env.with_db(&copy);
    assert_eq!(crate::support::status_of(&restored, "orca"), "done");
    // The same path again is refused, and the copy stays whole.
    let err = env.fails(&["backup", copy.to_str().unwrap()], 2);
    assert!(
        err.ends_with("already exists; choose another path"),
        "{err}"
    );
    assert_eq!(names(&folder), ["mlpath.db.20261128-090000.backup"]);
}

#[test]
fn restore_of_a_database_says_how_to_use_it() {
    let env = TestEnv::new();
    env.ok(&["list"]);
    let copy = env.path("copy.db");
    env.ok(&["backup", copy.to_str().unwrap()]);
    let fresh = env.with_db(&env.path("fresh.db"));
    let err = fresh.fails(&["restore", copy.to_str().unwrap()], 1);
    assert_eq!(
        err,
        format!(
            "mlpath: {0} is an SQLite database (a backup?), not a JSON export; use it with --db {0}, or copy it into place",
            copy.display()
        )
    );
}

#[test]
fn the_database_its_wal_and_its_new_folder_are_private() {
    let env = TestEnv::new();
    // Only the default data folder is created by mlpath (an explicit --db needs its folder).
    let default_db = |args: &[&str]| {
        let mut cmd = env.command(args);
        cmd.env_remove("MLPATH_DB");
        crate::support::ok_of(cmd);
    };
    default_db(&["done", "orca"]);
    let db = env.path("xdg/mlpath/mlpath.db");
    let folder = db.parent().unwrap();
    assert_eq!(mode(folder), 0o700);
    assert_eq!(mode(&db), 0o600);
    // The WAL files exist while a connection is open: keep one open and look.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.query_row("SELECT count(*) FROM items", [], |r| r.get::<_, i64>(0))
        .unwrap();
    for suffix in ["-wal", "-shm"] {
        let wal = db.with_file_name(format!("mlpath.db{suffix}"));
        assert_eq!(mode(&wal), 0o600, "{suffix}");
    }
    drop(conn);
    // An existing database keeps its mode.
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o640)).unwrap();
    default_db(&["start", "tabi"]);
    assert_eq!(mode(&db), 0o640);
}

#[test]
fn import_reads_only_regular_files() {
    let env = TestEnv::new();
    let err = env.fails(&["import", "/dev/zero"], 1);
    assert_eq!(
        err,
        "mlpath: cannot read /dev/zero: it is not a regular file (a device, FIFO or socket); save the list to a file first"
    );
    let huge = env.path("huge.md");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(256 * 1024 * 1024 + 1)
        .unwrap();
    let err = env.fails(&["import", huge.to_str().unwrap()], 1);
    assert!(
        err.ends_with("is larger than 256 MB; mlpath reads lists up to that size"),
        "{err}"
    );
}

/// An export of the built-in list whose first item is changed by `edit`, restored into a new
/// database; returns that database's environment.
fn restored_with(env: &TestEnv, edit: impl FnOnce(&mut serde_json::Value)) -> (TestEnv, String) {
    env.ok(&["list"]);
    let mut doc = env.json(&["export"]);
    edit(&mut doc["items"][0]);
    let file = env.write("crafted.json", &doc.to_string());
    let restored = env.with_db(&env.path("restored.db"));
    let out = restored.run(&["restore", file.to_str().unwrap()]);
    (restored, out.stderr)
}

#[test]
fn restore_refuses_a_slug_that_is_not_slug_shaped() {
    let env = TestEnv::new();
    let (restored, err) = restored_with(&env, |item| {
        item["slug"] = "tabi\u{1b}]0;pwned\u{7}".into();
    });
    assert!(
        err.contains("the slug 'tabi\\u{1b}]0;pwned\\u{7}', which is not a slug"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    // Refused before the database is even created.
    assert!(!env.path("restored.db").exists());
    drop(restored);
}

#[test]
fn export_to_a_terminal_is_sanitized_but_a_pipe_gets_the_data() {
    let env = TestEnv::new();
    let (restored, err) = restored_with(&env, |item| {
        item["title"] = "Evil \u{1b}]0;pwned\u{7} title".into();
    });
    assert_eq!(err, "");
    for format in ["csv", "markdown"] {
        let piped = restored.ok(&["export", "--format", format]);
        // Markdown escapes the bracket (`\]`); the escape characters themselves stay.
        assert!(
            piped.contains("Evil \u{1b}") && piped.contains("pwned\u{7} title"),
            "{piped}"
        );
    }
    let script = "/usr/bin/script";
    if !crate::support::has_tool(script) {
        return;
    }
    let bin = assert_cmd::cargo::cargo_bin("mlpath");
    for format in ["csv", "markdown"] {
        let out = restored
            .program(script)
            .env("TERM", "dumb")
            .args([
                "-qec",
                &format!("{} export --format {format}", bin.display()),
                "/dev/null",
            ])
            .output()
            .expect("run script");
        let shown = String::from_utf8_lossy(&out.stdout);
        assert!(
            shown.contains("Evil \u{fffd}") && shown.contains("pwned\u{fffd} title"),
            "{shown}"
        );
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown}"
        );
    }
}
