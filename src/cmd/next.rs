use crate::cli::NextArgs;
use crate::context::Context;
use crate::model::{section_matches, section_search_words};
use crate::rank::{self, Reason, Situation};
use crate::render;
use crate::store::{Pool, Store};
use crate::views::{Action, Suggestion, reason_text};
use anyhow::Result;

pub fn run(args: NextArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let suggestions = if args.n == 0 {
        Vec::new()
    } else {
        suggest(&store, &args, ctx)?
    };
    if ctx.json {
        return Ok(render::emit(&render::json(&suggestions)?)?);
    }
    if suggestions.is_empty() && args.n > 0 {
        return Ok(render::line(nothing_left(&store, &args)?)?);
    }
    let text = render::next::text(&suggestions, args.explain, &ctx.out);
    Ok(render::emit(&text)?)
}

/// The best `args.n` items to study, best first.
fn suggest(store: &Store, args: &NextArgs, ctx: &Context) -> Result<Vec<Suggestion>> {
    let pool = Pool {
        kind: args.kind,
        section_words: section_search_words(args.section.as_deref()),
        list: super::resolve_list(store, args.list.as_deref())?,
    };
    let current = store.current_section(&pool)?;
    let fetch = if args.section.is_some() {
        args.n.saturating_mul(20)
    } else {
        args.n
    };
    let mut candidates = store.next_candidates(&pool, current.as_deref(), fetch)?;
    candidates.extend(store.due_candidates(&pool, ctx.now, fetch)?);
    candidates.retain(|c| section_matches(&c.section, args.section.as_deref()));
    let positions = match store.pool_positions(&pool)? {
        Some(p) if !candidates.is_empty() => p,
        _ => return Ok(Vec::new()),
    };
    let situation = Situation {
        now: ctx.now,
        current_section: current,
        positions,
    };
    let mut suggestions = Vec::new();
    for ranked in rank::rank(&candidates, &situation, args.n) {
        let Some(item) = store.item_by_id(ranked.id)? else {
            continue;
        };
        // Its section as the pool's list places it (the item's own is its first list's).
        let section = candidates
            .iter()
            .find(|c| c.id == ranked.id)
            .map_or(item.section, |c| c.section.clone());
        let previous = match ranked.reason {
            Reason::After { previous } => store.item_by_id(previous)?.map(|i| i.slug),
            _ => None,
        };
        suggestions.push(Suggestion {
            action: Action::for_item(
                item.state.status,
                matches!(ranked.reason, Reason::ReviewDue(_)),
            ),
            reason: reason_text(&ranked.reason, previous.as_deref(), ctx.now),
            slug: item.slug,
            title: item.title,
            kind: item.kind,
            section,
            status: item.state.status,
            score: ranked.score,
            terms: args.explain.then_some(ranked.terms),
        });
    }
    Ok(suggestions)
}

fn nothing_left(store: &Store, args: &NextArgs) -> Result<String> {
    Ok(if !store.has_live_items()? {
        render::NO_ITEMS.into()
    } else if args.kind.is_some() || args.section.is_some() {
        "nothing to study here: no todo or started items match these filters".into()
    } else {
        "nothing to study: every item is done, reviewed or skipped".into()
    })
}
