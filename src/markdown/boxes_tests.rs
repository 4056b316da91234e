use super::*;

fn spot(src: &str, line: usize) -> BoxSpot {
    find_boxes(src)
        .remove(&line)
        .unwrap_or_else(|| panic!("no item on line {line} of {src:?}"))
}

/// Sets every item of `src` to `done`, as write-back does.
fn set_all(src: &str, done: bool, add: bool) -> String {
    let edits: Vec<Edit> = find_boxes(src)
        .values()
        .filter_map(|s| edit_for(s, done, add))
        .collect();
    apply(src, &edits)
}

#[test]
fn boxes_are_found_at_their_character() {
    let src = "# L\n\n- [ ] a\n- [x] b\n  - [X] c\n1. [ ] d\n";
    for (line, ch, checked) in [
        (3, ' ', false),
        (4, 'x', true),
        (5, 'X', true),
        (6, ' ', false),
    ] {
        let (at, found) = spot(src, line).mark.expect("a box");
        assert_eq!(src.as_bytes()[at] as char, ch, "line {line}");
        assert_eq!(src.as_bytes()[at - 1], b'[', "line {line}");
        assert_eq!(found, checked, "line {line}");
    }
}

#[test]
fn ticking_and_unticking_change_only_the_box_character() {
    let src = "- [ ] [A](https://a.org) *x*\r\n- [x] **B**\r\n\r\n  text\r\n";
    assert_eq!(
        set_all(src, true, false),
        "- [x] [A](https://a.org) *x*\r\n- [x] **B**\r\n\r\n  text\r\n"
    );
    assert_eq!(
        set_all(src, false, false),
        "- [ ] [A](https://a.org) *x*\r\n- [ ] **B**\r\n\r\n  text\r\n"
    );
}

#[test]
fn boxes_are_added_after_the_bullet_only_with_add() {
    let cases = [
        ("- [A](https://a.org)\n", "- [ ] [A](https://a.org)\n"),
        ("*   **B** text\n", "*   [ ] **B** text\n"),
        ("3) `c`\n", "3) [ ] `c`\n"),
        ("> - quoted\n", "> - [ ] quoted\n"),
        ("- a\n\n- loose\n", "- [ ] a\n\n- [ ] loose\n"),
        // Not items that take a box: a heading in an item, a table row, a paragraph.
        ("- ### Arrays\n", "- ### Arrays\n"),
        (
            "| a | b |\n|---|---|\n| [x](u) | 1 |\n",
            "| a | b |\n|---|---|\n| [x](u) | 1 |\n",
        ),
        ("**[1]** \"**T**.\" (2015)\n", "**[1]** \"**T**.\" (2015)\n"),
        // Two items on one line: which one the box is for would be a guess.
        ("* * [x](u)\n", "* * [x](u)\n"),
    ];
    for (src, want) in cases {
        assert_eq!(set_all(src, false, false), src, "without add: {src:?}");
        assert_eq!(set_all(src, false, true), want, "{src:?}");
    }
    assert_eq!(set_all("- a\n", true, true), "- [x] a\n");
}

#[test]
fn added_boxes_parse_as_boxes() {
    let src = "- [A](https://a.org)\n- b\n  - c\n";
    let boxed = set_all(src, true, true);
    let spots = find_boxes(&boxed);
    assert_eq!(spots.len(), 3);
    assert!(spots.values().all(|s| s.mark.is_some_and(|(_, c)| c)));
    let items = crate::markdown::parse(&boxed);
    assert!(items.iter().all(|i| i.checked == Some(true)), "{items:?}");
}

/// A small deterministic generator, so that the test needs no crate and fails the same way.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn random_list(rng: &mut Lcg) -> String {
    const PIECES: &[&str] = &[
        "- ",
        "* ",
        "+ ",
        "1. ",
        "2) ",
        "  - ",
        "    * ",
        "> - ",
        "- [ ] ",
        "- [x] ",
        "- [X] ",
        "  - [ ] ",
        "# ",
        "## ",
        "| a | b |\n|---|---|\n| ",
        "**[3]** ",
        "```\n- [ ] code\n```",
        "",
        "\t- ",
    ];
    const TEXT: &[&str] = &[
        "[Title](https://a.org/x)",
        "**Bold** words",
        "plain *text*",
        "`code`",
        "[x]",
        "[ ]",
        "Title [[pdf]](u) (2015)",
        "",
    ];
    const ENDS: &[&str] = &["\n", "\r\n", "\n\n", "\r\n\r\n"];
    let mut out = String::new();
    for _ in 0..rng.next(25) {
        out.push_str(PIECES[rng.next(PIECES.len())]);
        out.push_str(TEXT[rng.next(TEXT.len())]);
        out.push_str(ENDS[rng.next(ENDS.len())]);
    }
    out
}

#[test]
fn over_random_lists_only_box_bytes_change() {
    let mut rng = Lcg(0x5eed);
    let (mut changed, mut boxes_added) = (0, 0);
    for round in 0..2000 {
        let src = random_list(&mut rng);
        let (done, add) = (rng.next(2) == 1, rng.next(2) == 1);
        let out = set_all(&src, done, add);
        changed += usize::from(out != src);
        if !add {
            assert_eq!(out.len(), src.len(), "round {round}: {src:?}");
            for (i, (a, b)) in src.bytes().zip(out.bytes()).enumerate() {
                if a != b {
                    assert!(
                        b"xX ".contains(&a) && b"x ".contains(&b) && src.as_bytes()[i - 1] == b'[',
                        "round {round}: byte {i} of {src:?} became {out:?}"
                    );
                }
            }
        }
        // Taking the added boxes out again gives the file back, box characters aside.
        let added: Vec<usize> = find_boxes(&src)
            .values()
            .filter(|s| add && s.mark.is_none())
            .filter_map(|s| s.text_at)
            .collect();
        assert_eq!(
            out.len(),
            src.len() + 4 * added.len(),
            "round {round}: {src:?}"
        );
        boxes_added += added.len();
        let mut stripped = out.clone();
        let mut sorted = added.clone();
        sorted.sort_unstable();
        for (n, at) in sorted.iter().enumerate().rev() {
            let at = at + 4 * n;
            assert!(
                matches!(&stripped[at..at + 4], "[ ] " | "[x] "),
                "round {round}: {out:?}"
            );
            stripped.replace_range(at..at + 4, "");
        }
        let unboxed = |s: &str| s.replace("[x]", "[ ]").replace("[X]", "[ ]");
        assert_eq!(unboxed(&stripped), unboxed(&src), "round {round}: {src:?}");
        // Every item ends up showing `done`, and a second pass changes nothing.
        assert_eq!(
            set_all(&out, done, add),
            out,
            "round {round}: {src:?} → {out:?}"
        );
        for spot in find_boxes(&out).values() {
            if let Some((_, checked)) = spot.mark {
                assert_eq!(checked, done, "round {round}: {out:?}");
            }
        }
    } // The generator must reach what it tests.
    assert!(
        changed > 500 && boxes_added > 500,
        "{changed} {boxes_added}"
    );
}
