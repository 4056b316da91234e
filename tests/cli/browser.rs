//! The report in a real browser: headless Chromium renders the page, its DOM must hold every
//! item and chart, and its screenshot must not be blank. Ignored by a plain `cargo test` (a
//! browser takes seconds to start); `.ci/run` runs it with `cargo test -- --ignored report`,
//! after installing Chromium, and there a missing browser fails the test.
//!
//! `MLPATH_REPORT_SCREENSHOT=examples/report.png` keeps the screenshot: the README's picture.

use crate::report::slugs;
use crate::support::{TestEnv, has_tool};
use std::path::Path;
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";

/// Some weeks of study of the built-in list, as (command, item, local time, time spent).
const PROGRESS: &[(&str, &str, &str, &str)] = &[
    (
        "start",
        "deep-learning-with-pytorch",
        "2026-10-05 19:00",
        "1h",
    ),
    (
        "done",
        "deep-learning-with-pytorch",
        "2026-10-06 21:00",
        "2h",
    ),
    ("done", "neural-network", "2026-10-08 20:00", "25m"),
    ("done", "gradient-descent", "2026-10-10 20:00", "30m"),
    (
        "done",
        "backpropagation-really-doing",
        "2026-10-13 20:30",
        "20m",
    ),
    (
        "done",
        "backpropagation-calculus",
        "2026-10-15 21:00",
        "15m",
    ),
    ("done", "convolution", "2026-10-20 20:00", "35m"),
    ("done", "attention-mechanism", "2026-10-24 10:00", "40m"),
    (
        "done",
        "introduction-to-generative-ai",
        "2026-10-27 20:00",
        "30m",
    ),
    ("start", "flexgen", "2026-11-02 19:00", "1h15m"),
    ("done", "flexgen", "2026-11-04 21:00", "2h30m"),
    ("done", "orca", "2026-11-09 20:00", "1h45m"),
    ("review", "flexgen", "2026-11-12 08:30", "20m"),
    ("done", "alpa", "2026-11-16 20:00", "3h"),
    ("start", "olive", "2026-11-19 20:00", "1h"),
    ("review", "orca", "2026-11-21 09:00", "15m"),
    ("done", "tabi", "2026-11-23 21:00", "1h30m"),
    ("start", "alpaserve", "2026-11-26 20:00", "45m"),
    (
        "done",
        "introduction-to-large-language",
        "2026-11-27 20:00",
        "30m",
    ),
];

/// The built-in list with the progress above, at the tests' fixed clock.
fn demo() -> TestEnv {
    let env = TestEnv::new();
    for (verb, item, at, spent) in PROGRESS {
        env.ok(&[verb, item, "--at", at, "--spent", spent]);
    }
    env.ok(&[
        "note",
        "olive",
        "outlier-victim pairs: quantize the outlier, prune its neighbour",
    ]);
    env
}

/// Runs headless Chromium on `args`; returns what it printed. Fails after a minute.
fn chromium(env: &TestEnv, args: &[&str]) -> String {
    let profile = tempfile::tempdir().expect("a profile folder");
    let mut child = env
        .program(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
        ])
        .args([
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start chromium");
    // Read while it runs: a page larger than the pipe's buffer would block it otherwise.
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let read_out = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).map(|_| text)
    });
    let read_err = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stderr, &mut text).map(|_| text)
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("chromium {args:?} still running after a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = read_err.join().unwrap().unwrap_or_default();
    assert!(status.success(), "chromium {args:?} failed: {stderr}");
    read_out.join().unwrap().expect("chromium's output")
}

/// How many distinct colours the PNG at `path` has, and the share of its pixels that differ
/// from its top-left one (the page's background).
fn colours(path: &Path) -> (usize, f64) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let step = info.color_type.samples();
    assert!(step >= 3, "an RGB screenshot, not {:?}", info.color_type);
    let pixels: Vec<&[u8]> = buf[..info.buffer_size()]
        .chunks(step)
        .map(|p| &p[..3])
        .collect();
    let background = pixels[0];
    let distinct: std::collections::HashSet<&[u8]> = pixels.iter().copied().collect();
    let drawn = pixels.iter().filter(|p| **p != background).count();
    (distinct.len(), drawn as f64 / pixels.len() as f64)
}

#[test]
#[ignore = "starts a browser; .ci/run runs it (cargo test -- --ignored report)"]
fn report_renders_in_headless_chromium() {
    if !has_tool(CHROMIUM) {
        return;
    }
    let env = demo();
    let page = env.path("report.html");
    env.ok(&["report", "-o", page.to_str().unwrap()]);
    let url = format!("file://{}", page.display());
    let dom = chromium(&env, &["--dump-dom", &url]);
    let slugs = slugs(&env);
    assert_eq!(slugs.len(), 19);
    for slug in &slugs {
        assert!(
            dom.contains(&format!("data-slug=\"{slug}\"")),
            "{slug} is not in the rendered page"
        );
    }
    assert_eq!(
        dom.matches("<svg class=\"chart\"").count(),
        4,
        "the four charts"
    );
    assert!(
        dom.contains(">13 of 19 finished</text>"),
        "the cumulative chart's label"
    );
    assert!(
        dom.contains("<title>2026-11-27: 2 events, 30m studied</title>"),
        "the calendar's last day with activity"
    );

    let shot = env.path("report.png");
    chromium(
        &env,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1200,1600",
            &url,
        ],
    );
    let (distinct, drawn) = colours(&shot);
    assert!(
        distinct >= 16,
        "a nearly blank screenshot: {distinct} colours"
    );
    assert!(
        drawn > 0.05,
        "a nearly blank screenshot: {:.1}% drawn",
        drawn * 100.0
    );
    // The check tells a blank page apart: an empty one, shot the same way, fails it.
    let blank = env.write("blank.html", "<!DOCTYPE html><html><body></body></html>");
    let blank_shot = env.path("blank.png");
    let blank_url = format!("file://{}", blank.display());
    chromium(
        &env,
        &[
            &format!("--screenshot={}", blank_shot.display()),
            "--window-size=1200,1600",
            &blank_url,
        ],
    );
    let (distinct, drawn) = colours(&blank_shot);
    assert!(
        distinct < 16 && drawn < 0.05,
        "a blank page passes: {distinct} colours, {drawn}"
    );
    if let Some(keep) = std::env::var_os("MLPATH_REPORT_SCREENSHOT") {
        std::fs::copy(&shot, keep).expect("keep the screenshot");
    }
}
