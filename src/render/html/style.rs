//! The page's only style sheet, inlined into its `<head>`: the report must work offline, from
//! `file://` and as an e-mail attachment, so nothing is fetched. Colours are CSS variables, so
//! that the dark scheme, print and the SVG charts (whose shapes carry classes) share them.

pub const CSS: &str = r#"
:root {
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --card: #f6f8fa;
  --accent: #0969da; --done: #1a7f37; --started: #bf8700; --todo: #d1d9e0; --skipped: #8c959f;
  --heat0: #ebedf0; --heat1: #9be9a8; --heat2: #40c463; --heat3: #30a14e; --heat4: #216e39;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --card: #151b23;
    --accent: #4493f8; --done: #3fb950; --started: #d29922; --todo: #3d444d; --skipped: #656c76;
    --heat0: #262d37; --heat1: #033a16; --heat2: #196c2e; --heat3: #2ea043; --heat4: #56d364;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
main { max-width: 1100px; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .3rem; }
a { color: var(--accent); }
.muted, figcaption, .chart .label { color: var(--muted); }
.summary { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; padding: 0; list-style: none; }
.summary li { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .5rem .9rem; }
.summary b { display: block; font-size: 1.3rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 460px), 1fr)); gap: 1rem; }
figure { margin: 0; background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .75rem; overflow-x: auto; }
figure.wide { grid-column: 1 / -1; }
figcaption { font-weight: 600; margin-bottom: .5rem; }
svg.chart { display: block; max-width: 100%; height: auto; font: 12px system-ui, sans-serif; }
/* The calendar keeps its size and scrolls sideways on a phone (shrunk, its days would be dots),
   starting at its right end, today: a right-to-left box starts scrolled there. */
.scroll { overflow-x: auto; direction: rtl; }
.scroll svg.chart { max-width: none; direction: ltr; margin: 0 auto 0 0; }
.chart text { fill: var(--muted); }
.chart .axis { stroke: var(--line); }
.chart .goal { stroke: var(--muted); stroke-dasharray: 4 3; fill: none; }
.chart .curve { stroke: var(--done); stroke-width: 2; fill: none; }
.chart .area { fill: var(--done); opacity: .15; }
.chart .bar-done { fill: var(--done); }
.chart .bar-started { fill: var(--started); }
.chart .bar-todo { fill: var(--todo); }
.chart .bar-time { fill: var(--accent); }
.heat0 { fill: var(--heat0); } .heat1 { fill: var(--heat1); } .heat2 { fill: var(--heat2); }
.heat3 { fill: var(--heat3); } .heat4 { fill: var(--heat4); }
ol.log { list-style: none; padding: 0; margin: 0; }
ol.log li { padding: .3rem 0; border-bottom: 1px solid var(--line); }
ol.log time { color: var(--muted); margin-right: .5rem; font-variant-numeric: tabular-nums; }
table.items { width: 100%; border-collapse: collapse; }
table.items th, table.items td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
table.items thead th { color: var(--muted); font-weight: 600; }
table.items tr.section th { background: var(--card); padding-top: .6rem; }
table.items td.num, table.items td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
.status { display: inline-block; border-radius: 999px; padding: 0 .55rem; font-size: .85em; border: 1px solid var(--line); }
.status.done, .status.reviewed { color: var(--done); border-color: var(--done); }
.status.started { color: var(--started); border-color: var(--started); }
.status.skipped { color: var(--skipped); }
.notes { margin: .25rem 0 0; padding-left: 1rem; color: var(--muted); font-size: .9em; }
footer { margin-top: 2rem; color: var(--muted); font-size: .85em; }
@media (max-width: 700px) {
  table.items thead { display: none; }
  table.items, table.items tbody, table.items tr, table.items td, table.items th { display: block; width: 100%; }
  table.items tr.item { border: 1px solid var(--line); border-radius: 8px; margin: .5rem 0; padding: .3rem 0; }
  table.items td { border: 0; padding: .1rem .6rem; }
  table.items td:empty { display: none; }
  table.items td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); }
}
@media print {
  :root { --bg: #fff; --fg: #000; --card: #fff; --muted: #444; --line: #bbb; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  figure, tr.item { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .8em; color: var(--muted); word-break: break-all; }
}
"#;
