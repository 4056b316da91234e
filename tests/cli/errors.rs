use crate::support::TestEnv;

#[test]
fn a_file_that_is_not_a_database_is_refused_and_untouched() {
    let env = TestEnv::new();
    let path = env.write(
        "notes.txt",
        "these are my precious notes, not SQLite\n"
            .repeat(200)
            .as_str(),
    );
    let before = std::fs::read(&path).unwrap();
    let err = env.fails(&["--db", path.to_str().unwrap(), "list"], 1);
    assert!(err.contains("is not an mlpath database"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn another_programs_sqlite_database_is_refused_and_untouched() {
    let env = TestEnv::new();
    let path = env.path("other.sqlite");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE photos (id INTEGER PRIMARY KEY); INSERT INTO photos VALUES (1);",
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let err = env.fails(&["--db", path.to_str().unwrap(), "list"], 1);
    assert!(err.contains("another program"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_database_from_a_newer_mlpath_is_refused() {
    let env = TestEnv::new();
    env.ok(&["list"]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let err = env.fails(&["list"], 1);
    assert!(
        err.contains("schema version 99")
            && err.contains(&format!("up to version {}", mlpath::store::LATEST_VERSION)),
        "{err}"
    );
}

#[test]
fn missing_import_file_names_the_file() {
    let env = TestEnv::new();
    let err = env.fails(&["import", "nope.md"], 1);
    assert_eq!(err, "mlpath: cannot read nope.md: no such file");
}

#[test]
fn a_failed_import_changes_nothing() {
    let env = TestEnv::new();
    env.ok(&["list"]);
    let file = env.write("bin.md", "");
    std::fs::write(&file, [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let err = env.fails(&["import", file.to_str().unwrap()], 1);
    assert!(err.contains("not UTF-8"), "{err}");
    assert_eq!(env.json(&["list"]).as_array().unwrap().len(), 19);
}

#[test]
fn database_path_that_is_a_directory() {
    let env = TestEnv::new();
    let err = env.fails(&["--db", env.dir.path().to_str().unwrap(), "list"], 1);
    assert!(err.contains("is a directory"), "{err}");
}

#[test]
fn bad_clock_override() {
    let env = TestEnv::new().at("yesterday-ish");
    let err = env.fails(&["list"], 2);
    assert!(err.contains("MLPATH_NOW"), "{err}");
}

#[test]
fn usage_errors_exit_2_without_backtraces() {
    let env = TestEnv::new();
    let out = env.run(&["frobnicate"]);
    assert_eq!(out.code, 2);
    assert!(!out.stderr.contains("backtrace"));
    let out = env.run(&["list", "--status", "nope"]);
    assert_eq!(out.code, 2);
}

#[test]
fn read_only_location() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    // The temp folder itself must be reachable by another user when we run as root.
    std::fs::set_permissions(env.dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = env.path("ro");
    std::fs::create_dir(&dir).unwrap();
    let existing = dir.join("existing.db");
    env.ok(&["--db", existing.to_str().unwrap(), "list"]);
    std::fs::set_permissions(&existing, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let as_root = std::fs::write(dir.join("probe"), "x").is_ok();
    let runuser = "/usr/sbin/runuser";
    if as_root && !crate::support::has_tool(runuser) {
        return;
    }
    let bin = env.path("mlpath");
    crate::support::copy_binary(&bin);
    // Root ignores permissions, so then the binary runs as `nobody`.
    let run = |args: &[&str]| {
        let mut cmd = if as_root {
            let mut c = env.program(runuser);
            c.args(["-u", "nobody", "--"]).arg(&bin);
            c
        } else {
            env.program(&bin)
        };
        let out = crate::support::output_of_copy(cmd.args(args));
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let new_db = dir.join("new.db");
    let (code, err) = run(&["--db", new_db.to_str().unwrap(), "list"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with("mlpath: cannot open") && err.contains("--db"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!new_db.exists());
    let (code, err) = run(&["--db", existing.to_str().unwrap(), "done", "alpa"]);
    assert_eq!(code, 1, "{err}");
    let expected = format!(
        "mlpath: cannot write to {}: the database or its folder is read-only; fix the permissions",
        existing.display()
    );
    assert!(err.starts_with(&expected), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(
        crate::support::status_of(&env.with_db(&existing), "alpa"),
        "todo"
    );
}

#[test]
fn help_lists_commands_and_the_database_rule() {
    let env = TestEnv::new();
    let help = env.ok(&["--help"]);
    assert!(help.contains("MLPATH_DB"));
    let names = crate::support::command_names();
    assert!(names.len() >= 20, "{names:?}");
    for name in names {
        assert!(help.contains(&format!("  {name} ")), "--help lacks {name}");
    }
    let help = env.ok(&["done", "--help"]);
    assert!(help.contains("Example:"), "{help}");
}

#[test]
fn closed_stdout_is_not_a_panic() {
    let env = TestEnv::new();
    env.ok(&["list"]);
    let mut child = env.process(&["list", "--json"]);
    child
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = child.spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_list_without_items_is_refused_and_changes_nothing() {
    let env = TestEnv::new();
    env.ok(&["list"]);
    let file = env.write("prose.md", "# Notes\n\nJust some prose, no list here.\n");
    let err = env.fails(&["import", file.to_str().unwrap()], 1);
    assert!(
        err.contains("found no items in") && err.contains("prose.md"),
        "{err}"
    );
    assert_eq!(env.json(&["list"]).as_array().unwrap().len(), 19);
}
