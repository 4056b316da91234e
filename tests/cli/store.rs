//! The database file itself: strict decoding, foreign files, folders, odd clocks and races.

use crate::support::TestEnv;

/// Runs raw SQL on the test database behind mlpath's back, with its rules switched off.
pub(crate) fn tamper(env: &TestEnv, sql: &str) {
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON; PRAGMA foreign_keys = OFF; PRAGMA journal_mode = WAL;",
    )
    .unwrap();
    conn.execute_batch(sql).unwrap();
}

fn id_of(env: &TestEnv, slug: &str) -> i64 {
    env.json(&["show", slug])["id"].as_i64().unwrap()
}

#[test]
fn an_unknown_value_in_the_database_is_an_error_naming_table_row_and_value() {
    // (tampering SQL, command, the row named, the problem)
    let cases = [
        (
            "UPDATE items SET kind = 'bogus' WHERE slug = 'orca'",
            "list",
            "items row {orca}",
            "unknown kind 'bogus'",
        ),
        (
            "UPDATE items SET status = 'paused' WHERE slug = 'orca'",
            "list",
            "items row {orca}",
            "unknown status 'paused'",
        ),
        (
            "UPDATE items SET links = '[{\"href\":1}]' WHERE slug = 'orca'",
            "export",
            "items row {orca}",
            "links is not valid",
        ),
        (
            "UPDATE items SET done_at = 'yesterday', status = 'done' WHERE slug = 'orca'",
            "list",
            "items row {orca}",
            "'yesterday' is not a time",
        ),
        (
            "UPDATE sections SET path = 'Papers' WHERE id = (SELECT section_id FROM items WHERE slug = 'orca')",
            "status",
            "sections row ",
            "section path is not valid",
        ),
    ];
    for (sql, command, row, problem) in cases {
        let env = TestEnv::new();
        env.ok(&["list"]);
        let orca = id_of(&env, "orca").to_string();
        tamper(&env, &sql.replace("{orca}", &orca));
        let err = env.fails(&[command], 1);
        let row = format!("mlpath: {}", row.replace("{orca}", &orca));
        assert!(err.starts_with(&row), "{sql}: {err}");
        assert!(err.contains(&format!(": {problem}")), "{sql}: {err}");
        assert!(err.ends_with("restore it from a backup"), "{err}");
    }
}

#[test]
fn an_unknown_event_kind_names_its_row() {
    let env = TestEnv::new();
    env.ok(&["list"]);
    let orca = id_of(&env, "orca");
    tamper(
        &env,
        &format!(
            "INSERT INTO events (id, item_id, kind, at) VALUES (4242, {orca}, 'bogus', '2026-11-27T09:00:00Z')"
        ),
    );
    assert_eq!(
        env.fails(&["log"], 1),
        "mlpath: events row 4242: unknown event kind 'bogus'; the database was changed outside mlpath: restore it from a backup"
    );
}

#[test]
fn another_programs_database_with_schema_version_1_is_refused_untouched() {
    let env = TestEnv::new();
    let path = env.path("other.sqlite");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE photos (id INTEGER PRIMARY KEY); INSERT INTO photos VALUES (1);
         PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let err = env.fails(&["--db", path.to_str().unwrap(), "list"], 1);
    assert!(err.contains("another program"), "{err}");
    // Bytes 18 and 19 of the header say WAL (2) or rollback journal (1): still the latter.
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert!(!env.path("other.sqlite-wal").exists());
}

#[test]
fn identical_done_commands_at_once_record_one_done() {
    let env = TestEnv::new();
    env.ok(&["list"]);
    // Each process resolves the item, then waits for the write lock; started together, they
    // all read "todo" before the first one commits.
    let children: Vec<_> = (0..8)
        .map(|_| {
            let mut cmd = env.process(&["done", "orca"]);
            cmd.stdout(std::process::Stdio::null());
            cmd.spawn().expect("spawn")
        })
        .collect();
    for mut child in children {
        assert!(child.wait().expect("wait").success());
    }
    let events = env.json(&["show", "orca"])["events"].clone();
    let dones = events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "done")
        .count();
    assert_eq!(dones, 1, "{events}");
}

#[test]
fn an_explicit_database_in_a_missing_folder_is_refused() {
    let env = TestEnv::new();
    let db = env.path("no/such/folder/mlpath.db");
    let err = env.fails(&["--db", db.to_str().unwrap(), "list"], 1);
    assert_eq!(
        err,
        format!(
            "mlpath: the folder {} does not exist; create it or pass --db with another path",
            env.path("no/such/folder").display()
        )
    );
    assert!(!env.path("no").exists());
}

#[test]
fn the_default_database_folder_is_created() {
    let env = TestEnv::new();
    let out = env
        .program(assert_cmd::cargo::cargo_bin("mlpath"))
        .env_remove("MLPATH_DB")
        .args(["list", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(env.path("xdg/mlpath/mlpath.db").exists());
}

#[test]
fn a_clock_in_year_0_is_refused_in_one_line() {
    let base = TestEnv::new();
    let env = base.at("0000-01-01T00:00:00Z");
    let err = env.fails(&["list"], 2);
    assert!(err.contains("MLPATH_NOW"), "{err}");
    assert!(!err.contains("Conversion"), "{err}");
}

#[test]
fn a_negative_schema_version_is_refused_in_one_line() {
    let env = TestEnv::new();
    env.ok(&["list"]);
    let conn = rusqlite::Connection::open(&env.db).unwrap();
    conn.pragma_update(None, "user_version", -3).unwrap();
    drop(conn);
    let err = env.fails(&["list"], 1);
    assert!(err.contains("schema version -3"), "{err}");
    assert!(!err.contains("CREATE TABLE"), "{err}");
}

#[test]
fn a_character_device_is_not_a_database() {
    let env = TestEnv::new();
    let err = env.fails(&["--db", "/dev/null", "list"], 1);
    assert_eq!(
        err,
        "mlpath: /dev/null is not a regular file; pass --db with the path of a database file"
    );
    assert!(!std::path::Path::new("/dev/null-journal").exists());
}

#[test]
fn a_time_flag_before_1970_is_refused_before_anything_is_written() {
    let base = TestEnv::new();
    let env = base.at("1970-01-01T10:00:00Z");
    env.ok(&["list"]);
    let err = env.fails(&["done", "orca", "--at", "2d"], 2);
    assert!(
        err.contains("--at 2d: 1969-12-30T10:00:00Z is outside the years 1970 to 9999"),
        "{err}"
    );
    assert_eq!(env.json(&["show", "orca"])["events"], serde_json::json!([]));
}
