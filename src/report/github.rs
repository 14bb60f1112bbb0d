//! `--format github`: GitHub Actions workflow commands, one annotation per finding.
//!
//! ```text
//! ::error file=corpus/a.txt,line=3,col=5,endLine=3,endColumn=33,title=chronolint date-conflict::the Triple ...
//! ```
//!
//! `error` for errors, `warning` for warnings, `notice` for infos. The message is the
//! finding's message, then each related passage (`file:line:col: label`), the notes and
//! the help, one per line. Escaping follows GitHub's runner: in the message `%`, `\r` and
//! `\n` become `%25`, `%0D`, `%0A`; in property values also `:` and `,` (`%3A`, `%2C`).

use super::Locator;
use crate::diagnostic::Severity;
use crate::engine::Run;

/// One workflow command per finding, each on its own line.
pub fn render(run: &Run) -> String {
    let loc = Locator::new(run);
    let mut out = String::new();
    for d in &run.diagnostics {
        let p = loc.position(&d.primary.file, d.primary.span);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.clone();
        for r in &d.related {
            let rp = loc.position(&r.file, r.span);
            message.push_str(&format!("\n{}:{}:{}: {}", r.file, rp.line, rp.column, r.message));
        }
        for n in &d.notes {
            message.push_str(&format!("\nnote: {n}"));
        }
        if let Some(h) = &d.help {
            message.push_str(&format!("\nhelp: {h}"));
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&d.primary.file),
            p.line,
            p.column,
            p.end_line,
            p.end_column,
            escape_property(&format!("chronolint {}", d.code)),
            escape_data(&message),
        ));
    }
    out
}

/// Escapes a command's message: `%`, `\r`, `\n`.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: as data, and also `:` and `,`.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(escape_data("100% sure\r\nnext: a, b"), "100%25 sure%0D%0Anext: a, b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
