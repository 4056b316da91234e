//! A check that the module graph has no cycles, read from the source files (test only).
//!
//! Two levels: the crate's top-level modules (`crate::x` paths), and the files inside each
//! folder module (`super::x` and `crate::folder::x` paths between siblings). Test code is left
//! out: a test may use any module.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// The source of each module file, without its `#[cfg(test)]` tail, keyed by `dir/name`
/// (`store/items`, `markdown/mod`, `lib`). Files of test-only modules are left out.
fn sources() -> BTreeMap<String, String> {
    let mut out = all_sources();
    let test_only: Vec<String> = out
        .iter()
        .flat_map(|(key, text)| {
            // `store/mod` and `lib` declare files beside them; `store/items` would, below it.
            let dir = match key.rsplit_once('/') {
                Some((dir, "mod")) => dir,
                None if key == "lib" || key == "main" => "",
                _ => key.as_str(),
            };
            test_modules(text).into_iter().map(move |name| match dir {
                "" => name,
                dir => format!("{dir}/{name}"),
            })
        })
        .collect();
    for key in test_only {
        out.remove(&key);
    }
    for text in out.values_mut() {
        let code = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
        *text = code;
    }
    out
}

/// The modules that `text` declares only for tests (`#[cfg(test)] mod properties;`).
fn test_modules(text: &str) -> Vec<String> {
    text.match_indices("#[cfg(test)]")
        .filter_map(|(i, tag)| {
            let rest = text[i + tag.len()..].trim_start().strip_prefix("mod ")?;
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            rest[name.len()..]
                .trim_start()
                .starts_with(';')
                .then_some(name)
        })
        .collect()
}

/// The whole text of each module file, keyed as `sources` keys it.
fn all_sources() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = BTreeMap::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let key = path.strip_prefix(&root).unwrap().with_extension("");
                let text = std::fs::read_to_string(&path).unwrap();
                out.insert(key.to_string_lossy().replace('\\', "/"), text);
            }
        }
    }
    out
}

/// The first path segment after each `prefix` in `code` (`crate::store::x` gives `store`;
/// `super::{a, b}` gives `a` and `b`).
fn targets(code: &str, prefix: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices(prefix) {
        let rest = &code[i + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = group.split('}').next().unwrap_or("");
            out.extend(group.split(',').map(|s| ident(s.trim())));
        } else {
            out.insert(ident(rest));
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

fn graphs() -> (Graph, BTreeMap<String, Graph>) {
    let files = sources();
    let top_of = |key: &str| key.split('/').next().unwrap_or(key).to_string();
    let tops: BTreeSet<String> = files.keys().map(|k| top_of(k)).collect();
    let mut top = Graph::new();
    let mut folders: BTreeMap<String, Graph> = BTreeMap::new();
    for (key, code) in &files {
        let from = top_of(key);
        for to in targets(code, "crate::") {
            if to != from && tops.contains(&to) {
                top.entry(from.clone()).or_default().insert(to);
            }
        }
        let Some((folder, name)) = key.split_once('/') else {
            continue;
        };
        if name == "mod" {
            continue;
        }
        let sibling = |s: &str| files.contains_key(&format!("{folder}/{s}")) && s != name;
        let mut edges = targets(code, "super::");
        edges.extend(targets(code, &format!("crate::{folder}::")));
        edges.retain(|s| sibling(s));
        folders
            .entry(folder.to_string())
            .or_default()
            .entry(name.to_string())
            .or_default()
            .extend(edges);
    }
    (top, folders)
}

/// One cycle in `graph`, if it has any, as the path that closes it.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path[start..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_have_no_cycles() {
    let (top, _) = graphs();
    assert!(
        top.contains_key("cmd") && top["cmd"].contains("store"),
        "{top:?}"
    );
    assert_eq!(find_cycle(&top), None);
}

#[test]
fn files_inside_a_folder_module_have_no_cycles() {
    let (_, folders) = graphs();
    assert!(
        folders["markdown"]["title"].contains("venue"),
        "{folders:?}"
    );
    for (folder, graph) in &folders {
        assert_eq!(find_cycle(graph), None, "in {folder}/");
    }
}

#[test]
fn a_cycle_is_found() {
    let graph: Graph = [("a", "b"), ("b", "c"), ("c", "a")]
        .into_iter()
        .map(|(x, y)| (x.to_string(), BTreeSet::from([y.to_string()])))
        .collect();
    assert_eq!(find_cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
}

#[test]
fn test_only_modules_are_left_out() {
    assert_eq!(
        test_modules("mod a;\n#[cfg(test)]\nmod props;\n#[cfg(test)]\nmod tests {}"),
        ["props"]
    );
    let files = sources();
    assert!(files.contains_key("store/items"), "{:?}", files.keys());
    assert!(!files.contains_key("store/properties"));
}
