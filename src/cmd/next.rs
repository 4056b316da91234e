use crate::cli::NextArgs;
use crate::context::Context;
use crate::model::{Kind, Status, section_matches};
use crate::rank::{self, Reason, Situation, Terms};
use crate::render::{self, safe};
use crate::store::Pool;
use anyhow::Result;
use chrono::{DateTime, Local, Utc};
use serde::Serialize;

/// The public JSON shape of one `mlpath next --json` suggestion.
#[derive(Serialize)]
struct Suggestion {
    slug: String,
    title: String,
    kind: Kind,
    section: Vec<String>,
    status: Status,
    score: f64,
    reason: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    terms: Option<Terms>,
}

pub fn run(args: NextArgs, ctx: &Context) -> Result<()> {
    let store = ctx.store()?;
    let n = args.n.max(1);
    let pool = Pool {
        kind: args.kind,
        section_words: super::status::section_words(args.section.as_deref()),
    };
    let current = store.current_section()?;
    let fetch = if args.section.is_some() { n * 20 } else { n };
    let mut candidates = store.next_candidates(&pool, current.as_deref(), fetch)?;
    candidates.retain(|c| section_matches(&c.section, args.section.as_deref()));
    let positions = match store.pool_positions(&pool)? {
        Some(p) if !candidates.is_empty() => p,
        _ if ctx.json => return Ok(render::emit("[]\n")?),
        _ => return Ok(render::line(nothing_left(&args))?),
    };
    let situation = Situation {
        now: ctx.now,
        current_section: current,
        positions,
    };
    let mut suggestions = Vec::new();
    for ranked in rank::rank(&candidates, &situation, n) {
        let Some(item) = store.item_by_id(ranked.id)? else {
            continue;
        };
        let reason = match &ranked.reason {
            Reason::InProgressSince(t) => format!("in progress since {}", since(*t, ctx.now)),
            Reason::InProgress => "in progress".into(),
            Reason::NextIn(section) if section.is_empty() => "next in the list".into(),
            Reason::NextIn(section) => format!("next in {section}"),
            Reason::After { previous, section } => {
                let prev = store
                    .item_by_id(*previous)?
                    .map(|i| i.slug)
                    .unwrap_or_default();
                format!("after {prev} in {section}")
            }
        };
        suggestions.push(Suggestion {
            slug: item.slug,
            title: item.title,
            kind: item.kind,
            section: item.section,
            status: item.state.status,
            score: ranked.score,
            reason,
            terms: args.explain.then_some(ranked.terms),
        });
    }
    if ctx.json {
        return Ok(render::emit(&render::json(&suggestions))?);
    }
    Ok(render::emit(&text(&suggestions, args.explain, ctx))?)
}

fn nothing_left(args: &NextArgs) -> String {
    if args.kind.is_some() || args.section.is_some() {
        "nothing to study here: no todo or started items match these filters".into()
    } else {
        "nothing to study: every item is done, reviewed or skipped".into()
    }
}

/// "Mon" within the last week, else the date.
fn since(t: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let local = t.with_timezone(&Local);
    if (now - t).num_days() < 6 {
        local.format("%a").to_string()
    } else {
        local.format("%Y-%m-%d").to_string()
    }
}

fn text(suggestions: &[Suggestion], explain: bool, ctx: &Context) -> String {
    let mut out = String::new();
    for (i, s) in suggestions.iter().enumerate() {
        let title_width = usize::from(ctx.width)
            .saturating_sub(s.slug.len() + 6)
            .max(20);
        out.push_str(&format!(
            "{}. {}  {}\n",
            i + 1,
            s.slug,
            render::truncate(&safe(&s.title, false), title_width)
        ));
        out.push_str(&format!(
            "   {} · {} · {}\n",
            s.kind,
            render::section(&s.section),
            safe(&s.reason, false)
        ));
        if explain && let Some(t) = &s.terms {
            out.push_str(&format!(
                "   score {:.3} = {}×{:.3} in_progress + {}×{:.3} recency + {}×{:.3} earliness + {}×{:.3} section\n",
                s.score,
                rank::W_IN_PROGRESS,
                t.in_progress,
                rank::W_RECENCY,
                t.recency,
                rank::W_EARLINESS,
                t.earliness,
                rank::W_SECTION,
                t.section
            ));
        }
    }
    out
}
