//! Dynamic completion through clap_complete's environment protocol (`COMPLETE=fish mlpath -- …`).

use crate::support::TestEnv;

fn complete(env: &TestEnv, words: &[&str]) -> Vec<String> {
    let mut cmd = env.command(&[&["--", "mlpath"], words].concat());
    cmd.env("COMPLETE", "fish");
    crate::support::ok_of(cmd)
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn item_slugs_and_list_names_are_completed_from_the_database() {
    let env = TestEnv::new();
    let path = env.write(
        "mine.md",
        "# Mine\n- [Alpa](https://a.org)\n- [Alpaca](https://b.org)\n- [Orca](https://o.org)\n",
    );
    env.ok(&["import", path.to_str().unwrap()]);
    assert_eq!(complete(&env, &["done", "alp"]), ["alpa", "alpaca"]);
    assert_eq!(complete(&env, &["show", "or"]), ["orca"]);
    assert_eq!(
        complete(&env, &["note", "orca", "--at", "x"]),
        Vec::<String>::new()
    );
    assert_eq!(complete(&env, &["list", "--list", "M"]), ["Mine"]);
}

#[test]
fn completing_without_a_database_offers_nothing_and_creates_none() {
    let env = TestEnv::new();
    assert_eq!(complete(&env, &["done", "a"]), Vec::<String>::new());
    assert!(!env.db.exists());
}

#[test]
fn lists_rm_edit_and_relink_complete_their_names() {
    let env = TestEnv::new();
    let path = env.write("mine.md", "# Mine\n- [Orca](https://o.org)\n");
    env.ok(&["import", path.to_str().unwrap()]);
    env.ok(&["add", "Attention notes"]);
    env.write("mine.md", "# Mine\n- [Orca 2](https://o2.org)\n");
    env.ok(&["list"]);
    assert_eq!(complete(&env, &["lists", "rm", "M"]), ["Mine"]);
    assert_eq!(complete(&env, &["edit", "att"]), ["attention-notes"]);
    // OLD is a removed item, NEW one in the lists.
    assert_eq!(complete(&env, &["relink", "or"]), ["orca"]);
    assert_eq!(complete(&env, &["relink", "orca", "or"]), ["orca-2"]);
}
