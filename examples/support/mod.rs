//! What the generators share: reading `DB N` from the command line and opening the database.

use mlpath::store::Store;

/// The database named by the first argument, opened, and the count N of the second; the rest of
/// the arguments. Exits with a usage line (2) or the store's error (1) when they are not there.
pub fn store_and_count(program: &str) -> (Store, usize, std::iter::Skip<std::env::Args>) {
    let mut args = std::env::args().skip(1);
    let (Some(db), Some(n)) = (
        args.next(),
        args.next().and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: {program} DB N");
        std::process::exit(2);
    };
    let store = Store::open(db.as_ref()).unwrap_or_else(|e| {
        eprintln!("{program}: {e}");
        std::process::exit(1);
    });
    (store, n, args)
}
