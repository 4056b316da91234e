use super::*;
use std::os::unix::fs::PermissionsExt;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Names in `dir`, sorted: shows that no temporary file was left behind.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn write_text(path: &Path, text: &str) -> Result<PathBuf> {
    write_atomically(path, |w| Ok(w.write_all(text.as_bytes())?))
}

#[test]
fn a_new_file_is_private_and_no_temporary_file_remains() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    assert_eq!(write_text(&path, "new").unwrap(), path);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    assert_eq!(mode(&path), 0o600);
    assert_eq!(names(dir.path()), ["out.json"]);
}

#[test]
fn an_existing_file_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    std::fs::write(&path, "old").unwrap();
    std::fs::set_permissions(&path, Permissions::from_mode(0o640)).unwrap();
    write_text(&path, "new").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    assert_eq!(mode(&path), 0o640);
}

#[test]
fn a_symlink_is_written_through_to_its_target() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let real = dir.path().join("real").join("data.md");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.md");
    std::os::unix::fs::symlink("real/data.md", &link).unwrap();
    assert_eq!(write_text(&link, "new").unwrap(), real);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    // A dangling symlink creates its target.
    let dangling = dir.path().join("dangling.md");
    std::os::unix::fs::symlink("real/new.md", &dangling).unwrap();
    write_text(&dangling, "created").unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("real/new.md")).unwrap(),
        "created"
    );
}

#[test]
fn devices_fifos_and_folders_are_refused_without_opening_them() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo (coreutils) is needed");
    assert!(made.success());
    let socket = dir.path().join("socket");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    for path in [fifo.as_path(), socket.as_path(), dir.path()] {
        let err = write_text(path, "x").unwrap_err().to_string();
        assert!(err.contains("is not a regular file"), "{err}");
    }
    assert_eq!(names(dir.path()), ["fifo", "socket"]);
}

#[test]
fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    std::fs::write(&path, "old").unwrap();
    let err = write_atomically(&path, |w| {
        w.write_all(b"half")?;
        Err(std::io::Error::other("disk on fire").into())
    })
    .unwrap_err();
    assert!(err.to_string().starts_with("cannot write "), "{err}");
    assert!(err.to_string().ends_with("out.json: disk on fire"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    assert_eq!(names(dir.path()), ["out.json"]);
}

#[test]
fn create_atomically_shows_nothing_until_done_and_never_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("copy.db");
    let err = create_atomically(&path, |temp| {
        std::fs::write(temp, "partial")?;
        Err(failure("interrupted"))
    })
    .unwrap_err();
    assert_eq!(err.to_string(), "interrupted");
    assert!(names(dir.path()).is_empty());
    // A retry to the same path works, and the copy is private.
    create_atomically(&path, |temp| Ok(std::fs::write(temp, "whole")?)).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "whole");
    assert_eq!(mode(&path), 0o600);
    let err = create_atomically(&path, |temp| Ok(std::fs::write(temp, "again")?)).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "whole");
    assert_eq!(names(dir.path()), ["copy.db"]);
}

#[test]
fn a_missing_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    let expected = format!(
        "the folder {} does not exist; create it first",
        missing.display()
    );
    let err = write_text(&missing.join("out.json"), "x").unwrap_err();
    assert_eq!(err.to_string(), expected);
    let err = create_atomically(&missing.join("copy.db"), |_| Ok(())).unwrap_err();
    assert_eq!(err.to_string(), expected);
    assert!(!missing.exists());
}

#[test]
fn private_files_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("a").join("b");
    create_private_dir(&folder).unwrap();
    assert_eq!(mode(&folder), 0o700);
    assert_eq!(mode(&dir.path().join("a")), 0o700);
    let db = folder.join("mlpath.db");
    create_private(&db).unwrap();
    assert_eq!(mode(&db), 0o600);
    std::fs::set_permissions(&db, Permissions::from_mode(0o644)).unwrap();
    create_private(&db).unwrap();
    assert_eq!(mode(&db), 0o644, "an existing file keeps its mode");
}

#[test]
fn lists_must_be_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    for (path, expected) in [
        (Path::new("/dev/zero"), "not a regular file"),
        (dir.path(), "it is a folder"),
        (Path::new("/nonexistent/list.md"), "no such file"),
    ] {
        let err = read_list(path).unwrap_err().to_string();
        assert!(err.contains(expected), "{path:?}: {err}");
    }
    let huge = dir.path().join("huge.md");
    File::create(&huge)
        .unwrap()
        .set_len(MAX_LIST_BYTES + 1)
        .unwrap();
    let err = read_list(&huge).unwrap_err().to_string();
    assert!(
        err.ends_with("is larger than 256 MB; mlpath reads lists up to that size"),
        "{err}"
    );
    let list = dir.path().join("list.md");
    std::fs::write(&list, "- [A](https://a.org)\n").unwrap();
    assert_eq!(read_list(&list).unwrap(), b"- [A](https://a.org)\n");
}
