//! The temporal grammar. This first cut finds bare years only; the full grammar replaces it.

use super::{TagContext, TimeExpr, TimeValue};
use crate::span::Span;
use regex::Regex;
use std::sync::LazyLock;

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b1[5-9][0-9]{2}\b").expect("valid regex"));

pub(super) fn tag(text: &str, _cx: &TagContext) -> Vec<TimeExpr> {
    YEAR.find_iter(text)
        .filter_map(|m| {
            let y: i64 = m.as_str().parse().ok()?;
            Some(TimeExpr {
                span: Span::new(m.start(), m.end()),
                value: TimeValue::year(y),
                written: None,
                anchor: None,
            })
        })
        .collect()
}
