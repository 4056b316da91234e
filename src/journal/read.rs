//! Reading a journal from where the last sync stopped.
//!
//! Only whole lines are read: a last line without its newline is still being written (by a
//! crash that the writer repairs, or by a sync tool) and is left for next time. A damaged line
//! is reported with its line number and read again next time, so the offset kept stops at the
//! first damaged line; the lines after it are read all the same (inserting is by id, so reading
//! them again adds nothing).

use super::line::{Line, MAX_LINE};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// Where reading stopped: a byte offset at the start of a line and the lines before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Position {
    pub offset: u64,
    pub line: u64,
    /// The line that ends at `offset`, to check that the file still holds it there.
    pub tail: Tail,
}

/// The length (newline included) and a checksum of a line. A journal replaced by an older copy
/// and written on since can be longer than a position kept in it and hold other lines before
/// it: reading on from there would skip lines or start mid-line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tail {
    pub len: u64,
    pub sum: u64,
}

impl Tail {
    pub fn of(bytes: &[u8]) -> Tail {
        // FNV-1a: stable across builds, as what is stored must be.
        let sum = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        Tail {
            len: bytes.len() as u64,
            sum,
        }
    }
}

/// A line that could not be read, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Damaged {
    /// 1-based, as an editor counts.
    pub line: u64,
    pub reason: String,
}

/// What reading a journal from a position gave.
#[derive(Debug, Default)]
pub struct Chunk {
    pub lines: Vec<Line>,
    pub damaged: Vec<Damaged>,
    /// Where the next read starts: the first damaged line, else the end of the whole lines.
    pub next: Position,
    /// The end of the whole lines read, damaged or not.
    pub end: Position,
    /// The file was shorter than the position kept, or held another line before it (replaced
    /// or cut): it was read from the top.
    pub restarted: bool,
}

/// Reads the whole lines of `device`'s journal at `path` from `from`. A missing file is empty.
pub fn read_from(path: &Path, device: &str, from: Position) -> std::io::Result<Chunk> {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Chunk {
                next: from,
                end: from,
                ..Chunk::default()
            });
        }
        Err(e) => return Err(e),
    };
    let len = file.metadata()?.len();
    let mut chunk = Chunk::default();
    let mut at = from;
    if from.offset > len || !holds_tail(&file, from)? {
        chunk.restarted = true;
        at = Position::default();
    }
    let mut reader = BufReader::with_capacity(1 << 16, file);
    reader.seek(SeekFrom::Start(at.offset))?;
    let mut first_damaged = None;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        // At most one line's worth in memory, whatever a damaged file holds.
        let n = (&mut reader)
            .take(MAX_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)?;
        let (n, too_long) = if n > MAX_LINE && buf.last() != Some(&b'\n') {
            match skip_line(&mut reader)? {
                Some(rest) => (n + rest, true),
                // Not whole yet: left for next time, as any last line without its newline.
                None => break,
            }
        } else {
            (n, false)
        };
        if n == 0 || (!too_long && buf.last() != Some(&b'\n')) {
            break;
        }
        let number = at.line + 1;
        let parsed = if too_long {
            Some(Err(format!("it is longer than {} MiB", MAX_LINE >> 20)))
        } else {
            let text = String::from_utf8_lossy(&buf);
            let text = text.trim_end_matches(['\n', '\r']);
            (!text.trim().is_empty()).then(|| Line::parse(text, device))
        };
        if let Some(parsed) = parsed {
            match parsed {
                Ok(line) => chunk.lines.push(line),
                Err(reason) => {
                    first_damaged.get_or_insert(at);
                    chunk.damaged.push(Damaged {
                        line: number,
                        reason,
                    });
                }
            }
        }
        at = Position {
            offset: at.offset + n as u64,
            line: number,
            // A line too long to hold is damaged, so never the tail of a position kept.
            tail: Tail::of(&buf),
        };
    }
    chunk.next = first_damaged.unwrap_or(at);
    chunk.end = at;
    Ok(chunk)
}

/// Whether the line before `at` is still the one read there (a position without a tail, kept
/// by an older mlpath or at the top of the file, is taken as it is).
fn holds_tail(file: &File, at: Position) -> std::io::Result<bool> {
    let Tail { len, sum } = at.tail;
    if len == 0 || len > at.offset || len > MAX_LINE as u64 {
        return Ok(true);
    }
    let mut bytes = vec![0; len as usize];
    let mut file = file;
    file.seek(SeekFrom::Start(at.offset - len))?;
    file.read_exact(&mut bytes)?;
    Ok(Tail::of(&bytes).sum == sum)
}

/// Reads past the rest of a line without keeping it; the bytes read up to and including its
/// newline, or `None` when the file ends first.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<Option<usize>> {
    let mut skipped = 0;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(None);
        }
        match available.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(Some(skipped + i + 1));
            }
            None => {
                let len = available.len();
                reader.consume(len);
                skipped += len;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::line::{Body, EventBody};
    use crate::model::EventKind;
    use chrono::{TimeZone, Utc};
    use std::io::Write;

    const DEV: &str = "01937c4e-8a1b-7cc3-9d2e-0123456789ab";

    fn line(n: u8) -> String {
        Line {
            id: format!("01937c4e-8a1b-7cc3-9d2e-0123456789{n:02x}"),
            device: DEV.into(),
            at: Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap(),
            body: Body::Event(EventBody {
                item: "k".into(),
                kind: EventKind::Start,
                note: None,
                rating: None,
                spent_s: None,
                undoes: None,
                supersedes: None,
            }),
        }
        .to_json()
    }

    fn write(dir: &Path, text: &str) -> std::path::PathBuf {
        let path = dir.join("j.jsonl");
        std::fs::File::create(&path)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        path
    }

    #[test]
    fn a_partial_last_line_is_left_for_next_time() {
        let dir = tempfile::tempdir().unwrap();
        let whole = format!("{}\n", line(1));
        let path = write(dir.path(), &format!("{whole}{}", &line(2)[..20]));
        let chunk = read_from(&path, DEV, Position::default()).unwrap();
        assert_eq!(chunk.lines.len(), 1);
        assert!(chunk.damaged.is_empty(), "being written is not damage");
        assert_eq!(
            (chunk.next.offset, chunk.next.line),
            (whole.len() as u64, 1)
        );
        let path = write(dir.path(), &format!("{whole}{}\n", line(2)));
        let chunk = read_from(&path, DEV, chunk.next).unwrap();
        assert_eq!(chunk.lines.len(), 1, "only the new line");
        assert_eq!(chunk.next.line, 2);
    }

    #[test]
    fn a_damaged_line_is_named_skipped_and_kept_for_next_time() {
        let dir = tempfile::tempdir().unwrap();
        let first = format!("{}\n", line(1));
        let text = format!("{first}{{\"id\": oops\n{}\n{}\n", line(3), line(4));
        let path = write(dir.path(), &text);
        let chunk = read_from(&path, DEV, Position::default()).unwrap();
        assert_eq!(chunk.lines.len(), 3, "the lines after it are read");
        assert_eq!(chunk.damaged.len(), 1);
        assert_eq!(chunk.damaged[0].line, 2);
        assert_eq!(
            (chunk.next.offset, chunk.next.line),
            (first.len() as u64, 1),
            "the next read starts at the damaged line"
        );
    }

    #[test]
    fn a_line_too_long_to_hold_is_skipped_without_holding_it() {
        let dir = tempfile::tempdir().unwrap();
        let huge = format!("{{\"note\":\"{}\"}}", "x".repeat(MAX_LINE + 10));
        let first = format!("{}\n", line(1));
        let path = write(dir.path(), &format!("{first}{huge}\n{}\n", line(3)));
        let chunk = read_from(&path, DEV, Position::default()).unwrap();
        assert_eq!(chunk.lines.len(), 2, "the lines around it are read");
        assert_eq!(chunk.damaged.len(), 1);
        assert_eq!(chunk.damaged[0].line, 2);
        assert_eq!(chunk.damaged[0].reason, "it is longer than 8 MiB");
        assert_eq!(chunk.next.offset, first.len() as u64);
        assert_eq!(chunk.end.line, 3);
        // Still being written (no newline yet): left for next time, not called damaged.
        let path = write(dir.path(), &format!("{first}{huge}"));
        let chunk = read_from(&path, DEV, Position::default()).unwrap();
        assert!(chunk.damaged.is_empty());
        assert_eq!(chunk.next.offset, first.len() as u64);
    }

    #[test]
    fn a_position_whose_line_was_replaced_reads_from_the_top() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), &format!("{}\n{}\n", line(1), line(2)));
        let kept = read_from(&path, DEV, Position::default()).unwrap().next;
        let path = write(
            dir.path(),
            &format!("{}\n{}\n{}\n", line(1), line(2), line(3)),
        );
        let chunk = read_from(&path, DEV, kept).unwrap();
        assert!(!chunk.restarted);
        assert_eq!(chunk.lines.len(), 1, "the same lines before it: read on");
        // An older copy written on since: as long, other lines before the position.
        let path = write(
            dir.path(),
            &format!("{}\n{}\n{}\n", line(1), line(4), line(2)),
        );
        let chunk = read_from(&path, DEV, kept).unwrap();
        assert!(chunk.restarted);
        assert_eq!(chunk.lines.len(), 3);
    }

    #[test]
    fn a_position_past_the_end_reads_from_the_top() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), &format!("{}\n", line(1)));
        let far = Position {
            offset: 10_000,
            line: 50,
            tail: Tail::default(),
        };
        let chunk = read_from(&path, DEV, far).unwrap();
        assert!(chunk.restarted);
        assert_eq!(chunk.lines.len(), 1);
        let missing = read_from(&dir.path().join("none.jsonl"), DEV, far).unwrap();
        assert!(missing.lines.is_empty() && missing.next == far);
    }
}
