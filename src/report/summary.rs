//! The Markdown step summary: under GitHub Actions (`$GITHUB_STEP_SUMMARY` set), `check`
//! appends a table of the reported findings to that file, whatever `--format` is.
//!
//! ```markdown
//! ### chronolint: 1 error, 0 warnings, 0 infos in 2 files
//!
//! | severity | code | location | message |
//! | --- | --- | --- | --- |
//! | error | `date-conflict` | `b.txt:1:4` | the Triple Intervention is dated 1894 here but 1895 in a.txt |
//! ```

use super::Locator;
use crate::diagnostic::Severity;
use crate::engine::Run;

/// The most rows written; GitHub caps a step summary at 1 MiB.
pub const MAX_ROWS: usize = 500;

/// The Markdown summary of a run.
pub fn render(run: &Run) -> String {
    let loc = Locator::new(run);
    let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    let mut out = format!(
        "### chronolint: {}, {}, {} in {}\n\n",
        plural(run.count(Severity::Error), "error"),
        plural(run.count(Severity::Warning), "warning"),
        plural(run.count(Severity::Info), "info"),
        plural(run.files, "file"),
    );
    if run.diagnostics.is_empty() {
        out.push_str("No findings.\n\n");
        return out;
    }
    out.push_str("| severity | code | location | message |\n| --- | --- | --- | --- |\n");
    for d in run.diagnostics.iter().take(MAX_ROWS) {
        let p = loc.position(&d.primary.file, d.primary.span);
        out.push_str(&format!(
            "| {} | `{}` | `{}:{}:{}` | {} |\n",
            d.severity.as_str(),
            d.code,
            cell(&d.primary.file).replace('`', "'"),
            p.line,
            p.column,
            cell(&d.message),
        ));
    }
    if run.diagnostics.len() > MAX_ROWS {
        out.push_str(&format!("\n… and {} more findings.\n", run.diagnostics.len() - MAX_ROWS));
    }
    out.push('\n');
    out
}

/// Text safe inside one table cell: no line breaks, pipes and HTML escaped.
fn cell(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_stay_in_one_cell() {
        assert_eq!(cell("a | b\nc <d>"), "a \\| b c &lt;d&gt;");
    }
}
