use crate::context::Context;
use crate::render;
use anyhow::Result;
use serde::Serialize;

#[derive(Serialize)]
struct Where {
    database: String,
    exists: bool,
    schema_version: Option<i64>,
    supported_schema_version: i64,
    list_source: Option<String>,
}

/// Reports the database in use without creating it.
pub fn run(ctx: &Context) -> Result<()> {
    let exists = ctx.db_path.exists();
    let (schema_version, list_source) = if exists {
        let store = ctx.store_unseeded()?;
        (Some(store.schema_version()?), store.meta("list_source")?)
    } else {
        (None, None)
    };
    let info = Where {
        database: ctx.db_path.display().to_string(),
        exists,
        schema_version,
        supported_schema_version: crate::store::LATEST_VERSION,
        list_source,
    };
    if ctx.json {
        return Ok(render::emit(&render::json(&info)?)?);
    }
    let mut text = format!("database: {}", info.database);
    if !exists {
        text.push_str(" (not created yet)");
    }
    if let Some(v) = info.schema_version {
        text.push_str(&format!("\nschema:   version {v}"));
    }
    if let Some(source) = &info.list_source {
        text.push_str(&format!("\nlist:     {}", render::safe(source, false)));
    }
    Ok(render::line(text)?)
}
