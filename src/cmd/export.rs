//! `mlpath export`: every item (or one list's) as JSON, CSV or markdown, to a file or stdout.

use crate::cli::{ExportArgs, ExportFormat};
use crate::context::Context;
use crate::files;
use crate::render;
use crate::views::ExportView;
use anyhow::Result;
use std::io::{IsTerminal, Write};
use std::path::Path;

pub fn run(args: ExportArgs, ctx: &Context) -> Result<()> {
    match args.format {
        ExportFormat::Json => {}
        ExportFormat::Csv => super::refuse_json(ctx, "an export as CSV; use --format json")?,
        ExportFormat::Markdown => {
            super::refuse_json(ctx, "an export as markdown; use --format json")?;
        }
    }
    let store = ctx.store()?;
    // The recorded name, which the export's memberships use (not as the user typed it).
    let list = super::resolve_list_record(&store, args.list.as_deref())?;
    let only = list.as_ref().map(|l| (l.id, l.name.as_str()));
    let output = args.output.as_deref().unwrap_or(Path::new("-"));
    // The rows are read while the temporary file exists: Ctrl-C meanwhile removes it.
    let to_terminal = sanitizes(output, std::io::stdout().is_terminal());
    let written = files::write_output(output, |out| {
        if to_terminal {
            // Raw escapes in a title would act on the terminal; files and pipes get the data.
            let mut safe = render::SafeWriter::new(out);
            render::export::write_export(args.format, &store, only, &mut safe)?;
            Ok(safe.flush()?)
        } else {
            render::export::write_export(args.format, &store, only, out)
        }
    })?;
    match written {
        Some(path) if ctx.json => {
            let view = ExportView {
                format: "json",
                bytes: std::fs::metadata(&path).map_or(0, |m| m.len()),
                path: std::path::absolute(&path)
                    .unwrap_or(path)
                    .display()
                    .to_string(),
            };
            Ok(render::emit(&render::json(&view)?)?)
        }
        Some(path) => Ok(render::line(format!("wrote {}", path.display()))?),
        None => Ok(()),
    }
}

/// Whether the export goes to a terminal (stdout, which is one) and must be sanitized.
fn sanitizes(output: &Path, stdout_is_terminal: bool) -> bool {
    output == Path::new("-") && stdout_is_terminal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_terminal_gets_sanitized_output() {
        assert!(sanitizes(Path::new("-"), true));
        assert!(!sanitizes(Path::new("-"), false));
        assert!(!sanitizes(Path::new("out.csv"), true));
    }
}
