//! Prints what the importer finds in a markdown list, one item a line:
//! `cargo run --example parse -- FILE`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse FILE");
        std::process::exit(2);
    };
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("parse: {path}: {e}");
            std::process::exit(1);
        }
    };
    for item in mlpath::markdown::parse(&src) {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            item.line,
            item.slug,
            item.kind,
            item.section.join(" / "),
            item.title,
            item.url.as_deref().unwrap_or("-"),
            item.venue.as_deref().unwrap_or("-"),
        );
    }
}
