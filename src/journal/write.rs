//! Appending to this device's own journal. No other device writes it, so a file-sync tool
//! never sees two writers.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

/// Holds an exclusive lock on the journal (created if missing) until dropped.
pub fn lock(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    file.lock()?;
    Ok(file)
}

/// Drops a last line left without its newline by a crash during an append (the lines of this
/// device that it held are written again whole). Returns the file's length afterwards.
pub fn repair_tail(path: &Path) -> std::io::Result<u64> {
    let mut file = match OpenOptions::new().read(true).write(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(0);
    }
    let mut last = [0u8];
    file.seek(SeekFrom::Start(len - 1))?;
    file.read_exact(&mut last)?;
    if last[0] == b'\n' {
        return Ok(len);
    }
    let mut text = Vec::new();
    file.seek(SeekFrom::Start(0))?;
    file.read_to_end(&mut text)?;
    let keep = text
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i as u64 + 1);
    file.set_len(keep)?;
    file.sync_data()?;
    Ok(keep)
}

/// Appends whole lines in one write and waits for the disk; returns the file's new length.
pub fn append(path: &Path, lines: &[String]) -> std::io::Result<u64> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    // Notes are private: readable by this user only, like the database.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file: File = options.open(path)?;
    if !lines.is_empty() {
        let mut text = String::with_capacity(lines.iter().map(|l| l.len() + 1).sum());
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
        file.write_all(text.as_bytes())?;
        file.sync_data()?;
    }
    Ok(file.metadata()?.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_last_line_is_dropped_and_whole_lines_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("me.jsonl");
        assert_eq!(repair_tail(&path).unwrap(), 0, "no file yet");
        append(&path, &["{\"a\":1}".into(), "{\"b\":2}".into()]).unwrap();
        let whole = std::fs::metadata(&path).unwrap().len();
        assert_eq!(repair_tail(&path).unwrap(), whole);
        std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"{\"c\":")
            .unwrap();
        assert_eq!(repair_tail(&path).unwrap(), whole);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"a\":1}\n{\"b\":2}\n"
        );
    }
}
