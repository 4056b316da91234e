use super::*;
use crate::model::section_label;

const SEED: &str = include_str!("../../seed/ml-journey.md");

fn sections(items: &[ParsedItem]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        let label = section_label(&item.section);
        if !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

fn find<'a>(items: &'a [ParsedItem], slug: &str) -> &'a ParsedItem {
    items.iter().find(|i| i.slug == slug).unwrap_or_else(|| {
        panic!(
            "no item {slug} in {:?}",
            items.iter().map(|i| &i.slug).collect::<Vec<_>>()
        )
    })
}

#[test]
fn seed_has_19_items_in_7_sections() {
    let items = parse(SEED);
    assert_eq!(items.len(), 19);
    assert_eq!(
        sections(&items),
        [
            "Tutorials",
            "Videos / General",
            "Videos / Transformer",
            "Videos / Systems",
            "Papers / LLM / LLM inference",
            "Papers / LLM / Parallel DL training systems",
            "Papers / Speech",
        ]
    );
}

#[test]
fn seed_flexgen_fields() {
    let items = parse(SEED);
    let flexgen = find(&items, "flexgen");
    assert_eq!(
        flexgen.title,
        "FlexGen: High-throughput Generative Inference of Large Language Models with a Single GPU"
    );
    assert_eq!(flexgen.venue.as_deref(), Some("ICML'23"));
    assert_eq!(flexgen.year, Some(2023));
    assert_eq!(flexgen.kind, Kind::Paper);
    assert_eq!(
        flexgen.url.as_deref(),
        Some("https://arxiv.org/abs/2303.06865")
    );
    let labels: Vec<&str> = flexgen.links.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels, ["paper", "review"]);
    assert_eq!(flexgen.links[1].url.as_deref(), Some("reviews/flexgen.md"));
    assert_eq!(flexgen.line, 30);
}

#[test]
fn seed_slugs_kinds_and_odd_links() {
    let items = parse(SEED);
    let slugs: Vec<&str> = items.iter().map(|i| i.slug.as_str()).collect();
    for slug in [
        "flexgen",
        "orca",
        "olive",
        "tabi",
        "alpaserve",
        "alpa",
        "neural-network",
    ] {
        assert!(slugs.contains(&slug), "missing {slug} in {slugs:?}");
    }
    let alpaserve = find(&items, "alpaserve");
    assert_eq!(
        alpaserve.url, None,
        "empty [paper]() is missing, review is not primary"
    );
    assert_eq!(
        alpaserve.links[0],
        Link {
            label: "paper".into(),
            url: None
        }
    );
    let sched = find(&items, "response-length-perception");
    assert_eq!(sched.venue.as_deref(), Some("arxiv"));
    assert_eq!(sched.year, None);
    let course = items
        .iter()
        .find(|i| i.title == "Deep Learning Systems Courses")
        .unwrap();
    assert_eq!(course.url.as_deref(), Some("https://dlsyscourse.org"));
    assert_eq!(course.kind, Kind::Video);
    let nn = find(&items, "neural-network");
    assert_eq!(
        nn.title,
        "But what is a neural network? | Chapter 1, Deep learning"
    );
    assert_eq!(nn.kind, Kind::Video);
    assert_eq!(items[0].kind, Kind::Tutorial);
    let speech = items.last().unwrap();
    assert_eq!(
        speech.title,
        "The History of Speech Recognition to the Year 2030"
    );
    assert_eq!(speech.kind, Kind::Paper);
}

#[test]
fn nested_generic_children_add_links_and_details_are_dropped() {
    let src = "## Papers\n- Attention Is All You Need (NeurIPS'17)\n  - [pdf](https://a.org/a.pdf)\n  - [code](https://github.com/x)\n- [Alpa](https://alpa.ai)\n  - Lianmin Zheng et al.\n  - [Ray](https://ray.io)\n";
    let items = parse(src);
    let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Attention Is All You Need", "Alpa", "Ray"]);
    assert_eq!(items[0].links.len(), 2);
    assert_eq!(items[0].url.as_deref(), Some("https://a.org/a.pdf"));
    assert_eq!(items[0].year, Some(2017));
    assert_eq!(items[1].links.len(), 1, "author line is a detail");
}

#[test]
fn linkless_parent_is_a_group() {
    let src = "## Videos\n- Online Courses:\n  - [Core Hash Tables (video)](https://c.org/1)\n  - [Data Structures (video)](https://c.org/2)\n";
    let items = parse(src);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].section, ["Videos", "Online Courses"]);
}

#[test]
fn heading_inside_list_item_is_a_section() {
    let src = "## More\n- ### Binary search\n    - [ ] [Binary Search (video)](https://y.com/1)\n- ### Trees\n    - [x] [Trees](https://y.com/2)\n";
    let items = parse(src);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].section, ["More", "Binary search"]);
    assert_eq!(items[1].section, ["More", "Trees"]);
    assert_eq!(items[0].checked, Some(false));
    assert_eq!(items[1].checked, Some(true));
}

#[test]
fn anchors_images_and_badges() {
    let src = "# T\n- [Intro](#intro)\n- [Back](./#top)\n## Intro\n| Date | Title | Video |\n|--|--|--|\n| 9/04/24 | Llama talk | [![bilibili](https://img/x.svg)](https://www.bilibili.com/video/BV1) |\n| 1/1/24 | no link | ![img](https://img/y.png) |\n";
    let items = parse(src);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].title, "Llama talk");
    assert_eq!(
        items[0].url.as_deref(),
        Some("https://www.bilibili.com/video/BV1")
    );
    assert_eq!(items[0].links[0].label, "bilibili");
    assert_eq!(items[0].kind, Kind::Video);
}

#[test]
fn table_title_prefers_a_titled_link_cell() {
    let src = "## Milestones\n| Date | keywords | Paper |\n|--|--|--|\n| 2017-06 | Transformers | [Attention Is All You Need](https://arxiv.org/pdf/1706.03762.pdf) |\n";
    let items = parse(src);
    assert_eq!(items[0].title, "Attention Is All You Need");
    assert_eq!(items[0].year, Some(2017));
}

#[test]
fn table_status_column_marks_done_rows() {
    let src = "## Papers\n| Status | Paper |\n|--|--|\n| ✅ | [A](https://a.org) |\n| ✔ | [B](https://b.org) |\n| ✓ | [C](https://c.org) |\n| ☑️ | [D](https://d.org) |\n| [x] | [E](https://e.org) |\n|  | [F](https://f.org) |\n| ❌ | [G](https://g.org) |\n";
    let items = parse(src);
    let checked: Vec<(&str, Option<bool>)> = items
        .iter()
        .map(|i| (i.title.as_str(), i.checked))
        .collect();
    assert_eq!(
        checked,
        [
            ("A", Some(true)),
            ("B", Some(true)),
            ("C", Some(true)),
            ("D", Some(true)),
            ("E", Some(true)),
            ("F", Some(false)),
            ("G", Some(false)),
        ]
    );
    // A check mark in a column that is not the learner's status (mli's "recorded") is not a
    // done mark, and a table without a status column has no marks at all.
    let recorded = "| 已录制 | 名字 |\n|--|--|\n| ✅ | [AlexNet](https://a.org) |\n";
    assert_eq!(parse(recorded)[0].checked, None);
    let done_header = "| Title | Done |\n|--|--|\n| [A](https://a.org) | ✔️ |\n";
    assert_eq!(parse(done_header)[0].checked, Some(true));
}

#[test]
fn course_platforms_give_kind_course() {
    let src = "## Learning\n- [ML](https://www.coursera.org/learn/machine-learning)\n- [Practical DL](https://course.fast.ai)\n- [6.036](https://ocw.mit.edu/courses/6-036)\n- [CS50](https://www.edx.org/cs50)\n- [DL](https://www.udacity.com/course/ud730)\n- [Blog](https://blog.org)\n";
    let kinds: Vec<Kind> = parse(src).iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Course,
            Kind::Course,
            Kind::Course,
            Kind::Course,
            Kind::Course,
            Kind::Other
        ]
    );
}

#[test]
fn generic_or_address_links_in_a_table_never_title_the_row() {
    let src = "## Courses\n| Name | Link |\n|--|--|\n| CS229 | [site](https://cs229.stanford.edu) |\n| FSDL | [site](fullstackdeeplearning.com) |\n| Karpathy | [here](https://karpathy.ai) |\n| D2L | [d2l.ai](d2l.ai) |\n| Raw | <https://raw.org/x> |\n| Helm | [Helm](https://helm.org) 全面评测 |\n";
    let items = parse(src);
    let rows: Vec<(&str, Option<&str>)> = items
        .iter()
        .map(|i| (i.title.as_str(), i.url.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [
            ("CS229", Some("https://cs229.stanford.edu")),
            ("FSDL", Some("https://fullstackdeeplearning.com")),
            ("Karpathy", Some("https://karpathy.ai")),
            ("D2L", Some("https://d2l.ai")),
            ("Raw", Some("https://raw.org/x")),
            ("Helm 全面评测", Some("https://helm.org")),
        ]
    );
}

/// Rows shaped like dair-ai/ML-Papers-of-the-Week's tables (written here, not copied).
#[test]
fn numbered_bold_table_rows_are_titled_by_their_bold_run() {
    let src = "## Top ML Papers of the Week (July 22 - July 28) - 2024\n| **Paper**  | **Links** |\n| ------------- | ------------- |\n| 8) **MINT-1T** - open-sources a multimodal dataset of 1T tokens.  | [Paper](https://arxiv.org/abs/2406.11271),  [Tweet](https://x.com/a/1)  |\n| 10. **The Art of Refusal** - a survey of refusal in LLMs. | [Paper](https://arxiv.org/abs/2407.18418), [Tweet](https://x.com/a/2) |\n| 3) Common Pile v0.1  The Common Pile is an 8TB dataset of openly licensed text. | [Paper](https://arxiv.org/abs/2506.05209), [Tweet](https://x.com/a/3) |\n| 2001: A Space Odyssey | [Paper](https://x.org/2001) |\n| 1) o3-mini  OpenAI has launched o3-mini. | [System Card](https://x.org/o3.pdf), [Tweet](https://x.com/a/4) |\n| 7) Claude for Affective Use  A study of how users seek support from it[s Claude.ai](http://claude.ai/) assistant. | [Paper](https://x.org/7) |\n";
    let items = parse(src);
    let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "MINT-1T",
            "The Art of Refusal",
            "Common Pile v0.1",
            "2001: A Space Odyssey",
            "o3-mini",
            "Claude for Affective Use"
        ]
    );
    assert_eq!(items[0].kind, Kind::Paper);
    assert_eq!(items[0].links.len(), 2);
}

#[test]
fn invisible_characters_leave_titles_and_sections() {
    let src = "## \u{200B}Pa\u{00AD}pers\u{2069}\n- \u{FFFC}Flash\u{00AD}Attention\u{200D} [pdf](https://a.org)\n- [\u{FEFF}Ring\u{2060} \u{202E}Attention\u{200C}](https://b.org)\n\n**\u{200E}Bold\u{2066} group**\n\n| Name | Link |\n|--|--|\n| \u{FFFC}Helm | [site](https://h.org) |\n";
    let items = parse(src);
    let rows: Vec<(String, &str)> = items
        .iter()
        .map(|i| (section_label(&i.section), i.title.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Papers".to_string(), "FlashAttention"),
            ("Papers".to_string(), "Ring Attention"),
            ("Papers / Bold group".to_string(), "Helm"),
        ]
    );
    assert_eq!(items[0].slug, "flashattention");
}

#[test]
fn venue_year_reads_tags_as_the_importer_does() {
    let cases = [
        ("NeurIPS'17", Some(2017)),
        ("(ICML'23)", Some(2023)),
        ("[OSDI 2024]", Some(2024)),
        ("arxiv, 2022", Some(2022)),
        ("2015", Some(2015)),
        ("arxiv", None),
        ("my reading group", None),
    ];
    for (venue, year) in cases {
        assert_eq!(venue_year(venue), year, "{venue}");
    }
}

#[test]
fn tolerates_crlf_front_matter_refs_details_and_comments() {
    let src = "---\ntitle: x\n---\r\n# List\r\n## Papers\r\n<!-- - [Hidden](https://h.org) -->\r\n- [Ref Title][r]\r\n- [Spread over\r\n  two lines](https://two.org)\r\n\r\n<details><summary>Org A</summary>\r\n\r\n- [Inside](https://in.org)\r\n\r\n</details>\r\n\r\n- [After](https://after.org)\r\n\r\n[r]: https://ref.org\r\n";
    let items = parse(src);
    let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Ref Title", "Spread over two lines", "Inside", "After"]
    );
    assert_eq!(items[0].url.as_deref(), Some("https://ref.org"));
    assert_eq!(items[2].section, ["Papers", "Org A"]);
    assert_eq!(items[3].section, ["Papers"]);
}

#[test]
fn a_summary_that_repeats_its_heading_adds_no_level_and_pseudo_headings_are_cleaned() {
    let src = "## Milestone Papers\n<details>\n<summary> milestone papers </summary>\n\n- [A](https://a.org)\n\n</details>\n\n<details><summary>Extras:</summary>\n\n- [B](https://b.org)\n\n</details>\n\n**Tools:**\n\n- [C](https://c.org)\n";
    let items = parse(src);
    let sections: Vec<Vec<String>> = items.iter().map(|i| i.section.clone()).collect();
    assert_eq!(
        sections,
        [
            vec!["Milestone Papers"],
            vec!["Milestone Papers", "Extras"],
            vec!["Milestone Papers", "Tools"],
        ]
    );
}

#[test]
fn a_contents_entry_that_forgot_its_hash_is_navigation_too() {
    let src = "# Contents\n+ [综述](#综述)\n+ [预训练](预训练)\n+ [模型](#模型)\n+ [对话](#对话)\n+ [文本相似度(匹配)](文本相似度(匹配))\n\n# Papers\n- [Notes](notes.md)\n- [A](https://a.org)\n- [B](B)\n";
    let titles: Vec<String> = parse(src).into_iter().map(|i| i.title).collect();
    // Outside a table of contents a link to its own label stays an item.
    assert_eq!(titles, ["Notes", "A", "B"]);
}

#[test]
fn duplicate_urls_are_one_item_at_first_position() {
    let src =
        "## A\n- [X](https://x.org)\n## B\n- [X again](https://x.org)\n- [Y](https://y.org)\n";
    let items = parse(src);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].section, ["A"]);
}

#[test]
fn empty_headings_and_non_english_text() {
    let src = "##\n- [深度学习](https://d.cn)\n## 模型 | Model\n1. [A](https://a.org)\n";
    let items = parse(src);
    assert_eq!(items.len(), 2);
    assert!(items[0].section.is_empty());
    assert_eq!(items[1].section, ["模型 | Model"]);
    assert_eq!(items[0].slug, "shen-du-xue-xi");
}

/// Counts for the real lists in tests/fixtures (see ATTRIBUTION.md there).
#[test]
fn real_world_lists_import_with_sensible_counts() {
    let fixtures = [
        (
            "DengBoCong__paper__README.md",
            include_str!("../../tests/fixtures/DengBoCong__paper__README.md"),
        ),
        (
            "Hannibal046__Awesome-LLM__README.md",
            include_str!("../../tests/fixtures/Hannibal046__Awesome-LLM__README.md"),
        ),
        (
            "josephmisiti__awesome-machine-learning__README.md",
            include_str!("../../tests/fixtures/josephmisiti__awesome-machine-learning__README.md"),
        ),
        (
            "jwasham__coding-interview-university__README.md",
            include_str!("../../tests/fixtures/jwasham__coding-interview-university__README.md"),
        ),
        (
            "mli__paper-reading__README.md",
            include_str!("../../tests/fixtures/mli__paper-reading__README.md"),
        ),
        (
            "terryum__awesome-deep-learning-papers__README.md",
            include_str!("../../tests/fixtures/terryum__awesome-deep-learning-papers__README.md"),
        ),
        (
            "yuanmingqi__awesome-bfm-papers__README.md",
            include_str!("../../tests/fixtures/yuanmingqi__awesome-bfm-papers__README.md"),
        ),
    ];
    let mut report = String::new();
    for (name, src) in fixtures {
        let items = parse(src);
        let linked = items.iter().filter(|i| i.url.is_some()).count();
        let sections = sections(&items).len();
        report.push_str(&format!(
            "{name}: {} items, {linked} with url, {sections} sections\n",
            items.len()
        ));
        for item in &items {
            assert!(
                !item.title.is_empty(),
                "{name}: empty title at line {}",
                item.line
            );
            assert!(item.slug.is_ascii() && !item.slug.is_empty());
            assert!(
                !item.title.contains("]("),
                "{name}: markdown left in title {:?}",
                item.title
            );
        }
    }
    insta::assert_snapshot!(report);
}

#[test]
fn a_leading_h1_with_its_own_items_is_a_section_even_across_batches() {
    let mut src = String::from("# Tutorials\n");
    for i in 0..600 {
        src.push_str(&format!("- [T{i}](https://t.org/{i})\n"));
    }
    src.push_str("# Videos\n- [V](https://v.org)\n");
    let items = parse(&src);
    assert_eq!(items.len(), 601);
    assert!(items[..600].iter().all(|i| i.section == ["Tutorials"]));
    assert_eq!(items[600].section, ["Videos"]);
    let mut streamed = Vec::new();
    parse_each(&src, |item| streamed.push(item));
    assert_eq!(streamed, items);
}

#[test]
fn a_leading_title_is_settled_at_the_next_heading() {
    let feed = |src: &str| {
        let mut walker = Walker::new(src);
        for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
            walker.event(event, range.start);
        }
        walker
    };
    // A title followed by a section: items can be handed on at once.
    assert!(feed("# My list\n\n## Papers\n- [a](https://a.org)\n").settle_title(false));
    // An H1 with items of its own: undecided until a later H1 or the end.
    let mut open = feed("# Tutorials\n- [a](https://a.org)\n## More\n- [b](https://b.org)\n");
    assert!(!open.settle_title(false));
    assert!(open.settle_title(true));
    assert_eq!(open.items.len(), 2);
}

#[test]
fn absurdly_deep_nesting_is_read_without_exhausting_the_stack() {
    let mut src = String::new();
    for depth in 0..3000 {
        src.push_str(&format!(
            "{}- [x{depth}](https://x.org/{depth})\n",
            "  ".repeat(depth)
        ));
    }
    // On a thread with a small stack, as the importer's parser thread has.
    let items = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || parse(&src))
        .unwrap()
        .join()
        .unwrap();
    assert!(!items.is_empty() && items.len() <= 3000);
    assert_eq!(items[0].title, "x0");
}

/// Random fragments of the constructs real lists use, glued together: the parser must never
/// panic, and everything it returns must be usable (titled, with ASCII slugs).
#[test]
fn random_markdown_never_panics() {
    const ATOMS: &[&str] = &[
        "- ",
        "* ",
        "1. ",
        "- [ ] ",
        "- [x] ",
        "#",
        "## ",
        "**",
        "*",
        "[",
        "]",
        "(",
        ")",
        "[t](http://a.b/c)",
        "[](x)",
        "![i](p.png)",
        "[![b](i.svg)](https://v.org)",
        "|",
        "|--|",
        "\n",
        "\n\n",
        "  ",
        "\t",
        "<details>",
        "<summary>S</summary>",
        "</details>",
        "<!--",
        "-->",
        "`",
        "```",
        "> ",
        "(ICML'23)",
        "[OSDI'24]",
        ":rocket:",
        "éü中文",
        "\r\n",
        "---\n",
        "[r]: http://r.s\n",
        "[x][r]",
        "#a",
        "./#b",
        "http://",
        "javascript:x",
        "\\",
        "&amp;",
        "<a name='x'>",
        "<br>",
        "[^1]",
        "[^1]: note\n",
        "    - ",
        "      * ",
        "### ",
        "===\n",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for _ in 0..500 {
        let len = 1 + next(300);
        let doc: String = (0..len).map(|_| ATOMS[next(ATOMS.len())]).collect();
        for item in parse(&doc) {
            assert!(!item.title.is_empty(), "empty title from {doc:?}");
            assert!(
                !item.slug.is_empty() && item.slug.is_ascii(),
                "bad slug from {doc:?}"
            );
        }
    }
}

/// Numbered reference paragraphs in the style of reading roadmaps (written for this test).
const ROADMAP: &str = r#"# A Reading Roadmap

Read these in order.

## 1 Basics

**[0]** Doe, Jane, and John Roe. "**Learning to learn slowly**." Journal of Patience 12.3 (2011): 1-20. [[pdf]](https://example.org/slow.pdf) **(start here)** :star::star:

**[1]** Roe, John. "**Attention, briefly**." Advances in Things. 2017. [[pdf]](https://example.org/attn.pdf)[[code]](https://example.org/attn-code)

## 2 Methods

**[2]** Smith, A. "Plain quoted title: no bold." arXiv preprint arXiv:2005.14165 (2020). [[pdf]](https://arxiv.org/abs/2005.14165) :star:

**[3]** A reference without a quoted title (2019). [[pdf]](https://example.org/none.pdf)

Some paragraph mentioning "**a bold quote**" (2018) that is not numbered.
"#;

#[test]
fn numbered_reference_paragraphs_are_items_with_title_links_and_year() {
    let items = parse(ROADMAP);
    let got: Vec<(&str, Option<i32>, String, Option<&str>)> = items
        .iter()
        .map(|i| {
            (
                i.title.as_str(),
                i.year,
                section_label(&i.section),
                i.url.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Learning to learn slowly",
                Some(2011),
                "1 Basics".to_string(),
                Some("https://example.org/slow.pdf")
            ),
            (
                "Attention, briefly",
                Some(2017),
                "1 Basics".to_string(),
                Some("https://example.org/attn.pdf")
            ),
            (
                "Plain quoted title: no bold",
                Some(2020),
                "2 Methods".to_string(),
                Some("https://arxiv.org/abs/2005.14165")
            ),
        ]
    );
    let attention = &items[1];
    let urls: Vec<Option<&str>> = attention.links.iter().map(|l| l.url.as_deref()).collect();
    assert_eq!(
        urls,
        [
            Some("https://example.org/attn.pdf"),
            Some("https://example.org/attn-code")
        ]
    );
    assert_eq!(attention.line, 9);
    assert_eq!(attention.checked, None);
}

fn titles_and_sections(src: &str) -> Vec<(String, Vec<String>)> {
    parse(src)
        .into_iter()
        .map(|i| (i.title, i.section))
        .collect()
}

fn entry(title: &str, section: &[&str]) -> (String, Vec<String>) {
    let section = section.iter().map(|s| s.to_string()).collect();
    (title.to_string(), section)
}

#[test]
fn entries_of_a_translations_or_contents_section_are_navigation() {
    let src = "# Study\n\n<details>\n<summary>Translations:</summary>\n\n- [Bahasa Indonesia](https://x.org/id)\n</details>\n\n<details>\n<summary>Translations in progress:</summary>\n\n- [Afrikaans](https://github.com/a/b/issues/1)\n</details>\n\n## Table of Contents\n\n- [Guide](https://x.org/guide)\n\n## 📖 Languages\n\n| Language | Link |\n|--|--|\n| French | [fr](https://x.org/fr) |\n\n## Contents\n\n### Optimization\n\n- [Adam](https://arxiv.org/abs/1412.6980)\n";
    // Under `## Contents`, a deeper section holds study items as before.
    assert_eq!(
        titles_and_sections(src),
        [entry("Adam", &["Contents", "Optimization"])]
    );
}

#[test]
fn links_to_the_lists_own_translations_are_navigation() {
    let src = "## Read\n\n- [Bahasa Indonesia](translations/README-id.md)\n- [中文](README_zh-CN.md)\n- [Week 1](week1/README.md)\n- [Other project](https://github.com/a/b/blob/main/README_EN.md)\n\n| Language | |\n|--|--|\n| Japanese | [日本語](README.ja.md) |\n";
    let titles: Vec<String> = parse(src).into_iter().map(|i| i.title).collect();
    // Another folder's README and another project's translation are documents to read.
    assert_eq!(titles, ["Week 1", "Other project"]);
}

#[test]
fn a_sentence_is_not_a_section_heading() {
    let src = "## Plan\n\n**You can expect these questions if you have 4+ years of experience.**\n\n- [A](https://a.org)\n\n* C: Very low level. Allows you to deal with pointers, so you feel the data structures in your bones.\n    - [B](https://b.org)\n- How is tail recursion better than not?\n    - [C](https://c.org)\n- MIT Probability (mathy, and go slowly, which is good for mathy things) (videos):\n    - [D](https://d.org)\n- [ ] Practicing the design process: here are some ideas to try working through on paper, each with notes:\n    - [E](https://e.org)\n\n<details><summary>Have a look at these ones, they were all recommended by readers.</summary>\n\n- [F](https://f.org)\n</details>\n\n**Tools, papers, etc.**\n\n- [G](https://g.org)\n";
    // A name with long asides in brackets, or ending in `etc.`, is still a name.
    assert_eq!(
        titles_and_sections(src),
        [
            entry("A", &["Plan"]),
            entry("B", &["Plan"]),
            entry("C", &["Plan"]),
            entry(
                "D",
                &[
                    "Plan",
                    "MIT Probability (mathy, and go slowly, which is good for mathy things) (videos)"
                ]
            ),
            entry("E", &["Plan"]),
            entry("F", &["Plan"]),
            entry("G", &["Plan", "Tools, papers, etc."]),
        ]
    );
}

#[test]
fn a_lead_in_or_a_line_of_prose_is_not_a_linkless_item() {
    let src = "## Testing\n- To cover:\n    - how unit testing works\n    - what are mock objects\n- Considerations:\n- Otherwise, this is just good to know\n- However, skip it on a first pass\n- Unit testing basics\n- [ ] Dependency injection:\n- [Agile Testing](https://t.org)\n";
    let titles: Vec<String> = parse(src).into_iter().map(|i| i.title).collect();
    // A task always counts, with or without its colon.
    assert_eq!(
        titles,
        [
            "Unit testing basics",
            "Dependency injection",
            "Agile Testing"
        ]
    );
}
