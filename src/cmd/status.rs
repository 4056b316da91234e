use crate::cli::StatusArgs;
use crate::context::Context;
use crate::model::{section_matches, section_search_words};
use crate::progress::{self, SectionProgress};
use crate::render;
use crate::store::{Pool, Store};
use crate::views::StatusView;
use anyhow::Result;
use chrono::Local;

/// Section paths by id.
type Paths = std::collections::HashMap<i64, Vec<String>>;

pub fn run(args: StatusArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let pool = Pool {
        kind: args.kind,
        section_words: section_search_words(args.section.as_deref()),
        list: super::resolve_list(&store, args.list.as_deref())?,
    };
    // Read once: with several lists, each list's sections are counted apart.
    let paths = store.section_paths()?;
    let (totals, mut sections) = sections_of(&store, &paths, &pool, &args)?;
    if pool.list.is_none() && store.lists()?.len() > 1 {
        sections = by_list(&store, &paths, &pool, &args)?;
    }
    let view = StatusView {
        percent: totals.percent(),
        totals,
        // Study only, as `stats` counts it, and only the list's with `--list`.
        streak_days: progress::walk_streak(ctx.now, &Local, |t| {
            store.latest_study_before(pool.list, Some(t))
        })?,
        last_activity: store.last_activity(pool.list)?,
        due: store.due_count(ctx.now, pool.list)?,
        sections,
    };
    if ctx.json {
        return Ok(render::emit(&render::json(&view)?)?);
    }
    if view.sections.is_empty() && !store.has_live_items()? {
        return Ok(render::line(render::NO_ITEMS)?);
    }
    Ok(render::emit(&render::status::report(
        &view, ctx.now, &ctx.out,
    ))?)
}

fn sections_of(
    store: &Store,
    paths: &Paths,
    pool: &Pool,
    args: &StatusArgs,
) -> Result<(progress::Counts, Vec<SectionProgress>)> {
    let mut groups = store.status_groups(pool, paths)?;
    groups.retain(|g| section_matches(&g.section, args.section.as_deref()));
    Ok(progress::by_section(&groups, args.depth.map(usize::from)))
}

/// With several lists, each list heads its own sections; an item in two lists counts in both
/// (the totals count it once). Items added by hand come last.
fn by_list(
    store: &Store,
    paths: &Paths,
    pool: &Pool,
    args: &StatusArgs,
) -> Result<Vec<SectionProgress>> {
    let mut lists: Vec<(i64, String)> =
        store.lists()?.into_iter().map(|l| (l.id, l.name)).collect();
    lists.push((0, "(added by hand)".into()));
    let mut rows = Vec::new();
    for (id, name) in lists {
        let one = Pool {
            list: Some(id),
            ..pool.clone()
        };
        let (_, sections) = sections_of(store, paths, &one, args)?;
        rows.extend(sections.into_iter().map(|s| SectionProgress {
            list: Some(name.clone()),
            ..s
        }));
    }
    Ok(rows)
}
