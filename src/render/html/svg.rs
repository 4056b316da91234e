//! The few SVG shapes the report's charts need, written as text. Shapes carry CSS classes
//! rather than colours, so that the page's light, dark and print styles colour them.

use super::escape;
use std::fmt::Write;

/// Where a text sits relative to its x.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Anchor {
    Start,
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::End => "end",
        }
    }
}

/// An `<svg>` element being drawn; `finish` closes it. Its size scales down on a narrow screen
/// (the style sheet gives `svg.chart` a max-width) and keeps its proportions.
pub struct Svg {
    out: String,
}

impl Svg {
    /// A `width` × `height` drawing; `label` is what a screen reader says for the chart.
    pub fn new(width: f64, height: f64, label: &str) -> Svg {
        let mut out = String::new();
        let _ = write!(
            out,
            r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-label="{label}">"#,
            w = num(width),
            h = num(height),
            label = escape::text(label),
        );
        Svg { out }
    }

    /// A rectangle; `tip` becomes its tooltip (an SVG `<title>`).
    pub fn rect(&mut self, (x, y): (f64, f64), (w, h): (f64, f64), class: &str, tip: Option<&str>) {
        let _ = write!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="2" class="{class}""#,
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0)),
        );
        match tip {
            Some(tip) => {
                let _ = write!(self.out, "><title>{}</title></rect>", escape::text(tip));
            }
            None => self.out.push_str("/>"),
        }
    }

    pub fn text(&mut self, (x, y): (f64, f64), anchor: Anchor, content: &str) {
        let _ = write!(
            self.out,
            r#"<text x="{}" y="{}" text-anchor="{}">{}</text>"#,
            num(x),
            num(y),
            anchor.as_str(),
            escape::text(content)
        );
    }

    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), class: &str) {
        let _ = write!(
            self.out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" class="{class}"/>"#,
            num(from.0),
            num(from.1),
            num(to.0),
            num(to.1)
        );
    }

    /// An open line through `points`, or a closed shape with `closed`.
    pub fn path(&mut self, points: &[(f64, f64)], closed: bool, class: &str) {
        if points.is_empty() {
            return;
        }
        let mut d = String::new();
        for (i, (x, y)) in points.iter().enumerate() {
            let _ = write!(
                d,
                "{}{},{}",
                if i == 0 { "M" } else { " L" },
                num(*x),
                num(*y)
            );
        }
        if closed {
            d.push_str(" Z");
        }
        let _ = write!(self.out, r#"<path d="{d}" class="{class}"/>"#);
    }

    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }
}

/// A coordinate to a tenth of a pixel, without a trailing `.0`.
fn num(v: f64) -> String {
    let tenths = (v * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{}", tenths as i64)
    } else {
        format!("{tenths:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_are_written_with_classes_and_escaped_text() {
        let mut svg = Svg::new(100.0, 50.0, "a <chart>");
        svg.rect((1.0, 2.25), (10.0, -3.0), "heat1", Some("3 events & 1h"));
        svg.text((50.0, 40.0), Anchor::End, "Papers / <LLM>");
        svg.path(&[(0.0, 50.0), (10.0, 40.5)], false, "curve");
        svg.line((0.0, 0.0), (100.0, 0.0), "axis");
        let out = svg.finish();
        assert!(out.starts_with(
            r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50""#
        ));
        assert!(out.contains(r#"aria-label="a &lt;chart&gt;""#));
        assert!(out.contains(
            r#"<rect x="1" y="2.3" width="10" height="0" rx="2" class="heat1"><title>3 events &amp; 1h</title></rect>"#
        ));
        assert!(out.contains(r#"text-anchor="end">Papers / &lt;LLM&gt;</text>"#));
        assert!(out.contains(r#"<path d="M0,50 L10,40.5" class="curve"/>"#));
        assert!(out.ends_with(r#"<line x1="0" y1="0" x2="100" y2="0" class="axis"/></svg>"#));
    }
}
