//! The one sanitizer: everything printed for a person passes through it, so no title, slug or
//! note from a list or a restored export can move the cursor, recolour or retitle the terminal,
//! or reorder what is shown ("Trojan Source").

/// Text safe for a terminal. Control characters (escape sequences included), bidirectional
/// overrides and isolates and zero-width characters become `�`; a tab becomes a space. With
/// `keep_newlines` line breaks stay; without, each becomes `⏎` (a note on one table line).
pub fn safe(text: &str, keep_newlines: bool) -> String {
    // Most text is printable ASCII, which needs no change: one scan, one copy.
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' if keep_newlines => out.push('\n'),
            '\n' | '\r' => out.push('⏎'),
            '\t' => out.push(' '),
            c if is_unsafe(c) => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Characters that change what the terminal does or hide what it shows: controls, and what the
/// importer drops from titles (bidi controls and isolates, zero-width characters, …).
fn is_unsafe(c: char) -> bool {
    c.is_control() || crate::text::is_invisible(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_controls_become_visible() {
        assert_eq!(
            safe("a\u{1b}[31mred\u{7}", false),
            "a\u{fffd}[31mred\u{fffd}"
        );
        assert_eq!(safe("\u{9b}31m", false), "\u{fffd}31m");
        assert_eq!(safe("日本語 ok", false), "日本語 ok");
        assert_eq!(safe("a\tb", false), "a b");
    }

    #[test]
    fn line_breaks_stay_or_show_as_a_return_sign() {
        assert_eq!(safe("two\nlines", true), "two\nlines");
        assert_eq!(safe("two\nlines", false), "two⏎lines");
        assert_eq!(safe("dos\r\nline", false), "dos⏎line");
    }

    #[test]
    fn bidi_isolates_and_zero_width_characters_are_caught() {
        for c in [
            '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{061c}', '\u{200b}', '\u{200d}',
            '\u{feff}', '\u{202e}',
        ] {
            assert_eq!(
                safe(&format!("a{c}b"), false),
                "a\u{fffd}b",
                "U+{:04X}",
                c as u32
            );
        }
    }
}
