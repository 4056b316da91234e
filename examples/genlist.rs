//! Writes a synthetic markdown study list of N items to stdout, shaped like real lists:
//! sections, bold sub-headings, papers with venue tags and generic links, videos, nested
//! link children and a table. `cargo run --release --example genlist -- 10000 > list.md`
//! With `--same-title`, N items that all have one title (and so one slug base) and their own
//! links, to time making slugs unique.

use std::fmt::Write;

const WORDS: &[&str] = &[
    "scalable",
    "inference",
    "attention",
    "sparse",
    "distributed",
    "training",
    "transformer",
    "quantization",
    "memory",
    "efficient",
    "serving",
    "pipeline",
    "parallelism",
    "kernel",
    "speculative",
    "decoding",
    "retrieval",
    "graph",
    "compiler",
    "scheduling",
    "learning",
];
const VENUES: &[&str] = &[
    "OSDI'22",
    "ICML'23",
    "arxiv",
    "NeurIPS'21",
    "SOSP'23",
    "ISCA'23",
    "EuroSys'24",
];

/// A small deterministic generator, so the same N always gives the same file.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    if std::env::args().any(|a| a == "--same-title") {
        let mut out = String::from("# One title, many times\n\n");
        for i in 0..n {
            let _ = writeln!(
                out,
                "- [Attention Is All You Need](https://example.org/{i})"
            );
        }
        print!("{out}");
        return;
    }
    let mut rng = Lcg(42);
    let mut out = String::from("# A synthetic study list\n\n");
    let mut i = 0;
    let mut section = 0;
    while i < n {
        section += 1;
        let _ = writeln!(out, "## Part {section}\n");
        for sub in 0..4 {
            let _ = writeln!(out, "**Topic {section}.{sub}**");
            for _ in 0..25 {
                if i >= n {
                    break;
                }
                let title: Vec<&str> = (0..8).map(|_| WORDS[rng.next(WORDS.len())]).collect();
                let name = format!("Sys{i}");
                match i % 10 {
                    0..=5 => {
                        let venue = VENUES[rng.next(VENUES.len())];
                        let _ = writeln!(
                            out,
                            "* {name}: {} ({venue}) # [paper](https://arxiv.org/abs/{i}) | [review](reviews/{i}.md)",
                            title.join(" ")
                        );
                    }
                    6 | 7 => {
                        let _ = writeln!(
                            out,
                            "* [{name} talk: {}](https://youtu.be/v{i})",
                            title.join(" ")
                        );
                    }
                    8 => {
                        let _ = writeln!(
                            out,
                            "- [ ] {name}: {}\n  - [pdf](https://example.org/{i}.pdf)",
                            title.join(" ")
                        );
                    }
                    _ => {
                        let _ = writeln!(
                            out,
                            "1. [{name} tutorial](https://example.org/t/{i}) - {}",
                            title.join(" ")
                        );
                    }
                }
                i += 1;
            }
            out.push('\n');
        }
    }
    print!("{out}");
}
