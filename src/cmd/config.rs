use crate::cli::ConfigArgs;
use crate::context::Context;
use crate::error::usage;
use crate::render::{self, lists::SettingView};
use crate::settings::{self, SETTINGS};
use anyhow::Result;

pub fn run(args: ConfigArgs, ctx: &Context) -> Result<()> {
    // Unseeded and without a refresh: `config list.refresh off` must work on a list that is
    // slow or broken to read.
    let mut store = ctx.store_unseeded()?;
    let Some(key) = args.key else {
        let views = SETTINGS
            .iter()
            .map(|s| {
                Ok(SettingView {
                    key: s.key,
                    value: s.value_or_default(store.setting(s.key)?),
                    about: s.about,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        if ctx.json {
            return Ok(render::emit(&render::lists::settings_json(&views)?)?);
        }
        return Ok(render::emit(&render::lists::settings_table(
            &views, &ctx.out,
        ))?);
    };
    let setting = settings::find(&key).map_err(usage)?;
    if let Some(value) = args.value {
        setting.check(&value).map_err(usage)?;
        if setting.key == "goal.date" {
            let today = ctx.now.with_timezone(&chrono::Local).date_naive();
            crate::stats::check_goal_ahead(&value, today)
                .map_err(|why| usage(format!("goal.date: {why}")))?;
        }
        if setting.key.starts_with("review.") {
            // The due dates depend on it: the cards are recomputed with the value.
            store.set_review_setting(setting.key, &value)?;
        } else {
            store.set_setting(setting.key, &value)?;
        }
    }
    let value = setting.value_or_default(store.setting(setting.key)?);
    if ctx.json {
        let view = SettingView {
            key: setting.key,
            value,
            about: setting.about,
        };
        return Ok(render::emit(&render::lists::settings_json(&[view])?)?);
    }
    Ok(render::line(value)?)
}
