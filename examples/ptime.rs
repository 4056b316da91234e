fn main() {
    let src = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let t = std::time::Instant::now();
    let n = pulldown_cmark::Parser::new_ext(&src, pulldown_cmark::Options::all()).count();
    eprintln!("pulldown events {n}: {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let items = mlpath::markdown::parse(&src);
    eprintln!("parse {}: {:?}", items.len(), t.elapsed());
}
