//! A `Write` adapter that passes everything through the one sanitizer, for data written
//! straight to a terminal (`export` without `-o`): escapes in a title must not reach it.

use super::safe;
use std::io::{self, Write};

/// Sanitizes what is written to `inner` (line breaks kept). Bytes of a character split between
/// two writes, and a `\r` that may start a `\r\n`, wait for the next write or `flush`.
pub struct SafeWriter<W: Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: Write> SafeWriter<W> {
    pub fn new(inner: W) -> SafeWriter<W> {
        SafeWriter {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes the sanitized form of the pending bytes up to `end`, keeping the rest.
    fn emit(&mut self, end: usize) -> io::Result<()> {
        let text = String::from_utf8_lossy(&self.pending[..end]);
        self.inner.write_all(safe(&text, true).as_bytes())?;
        self.pending.drain(..end);
        Ok(())
    }
}

impl<W: Write> Write for SafeWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let mut end = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            // An incomplete character at the end waits; invalid bytes inside become `�`.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => {
                let len = self.pending.len();
                let tail = self.pending.len().saturating_sub(3);
                match std::str::from_utf8(&self.pending[tail..]) {
                    Err(e) if e.error_len().is_none() => tail + e.valid_up_to(),
                    _ => len,
                }
            }
        };
        if end > 0 && self.pending[end - 1] == b'\r' {
            end -= 1;
        }
        self.emit(end)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        let end = self.pending.len();
        self.emit(end)?;
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(chunks: &[&[u8]]) -> String {
        let mut out = SafeWriter::new(Vec::new());
        for chunk in chunks {
            out.write_all(chunk).unwrap();
        }
        out.flush().unwrap();
        String::from_utf8(out.inner).unwrap()
    }

    #[test]
    fn escapes_become_visible_and_line_breaks_stay() {
        assert_eq!(
            through(&[b"a\x1b]0;pwned\x07,b\r\n", b"c\n"]),
            "a\u{fffd}]0;pwned\u{fffd},b\nc\n"
        );
    }

    #[test]
    fn characters_and_crlf_split_between_writes_survive() {
        let word = "日本\u{202e}".as_bytes();
        assert_eq!(
            through(&[&word[..2], &word[2..7], &word[7..], b"x\r", b"\ny"]),
            "日本\u{fffd}x\ny"
        );
        assert_eq!(through(&[b"bad \xff byte"]), "bad \u{fffd} byte");
    }
}
