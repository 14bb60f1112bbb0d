//! `chronolint explain CODE`

use crate::checks;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A check code, e.g. `date-conflict`. Without one, lists every code.
    code: Option<String>,
}

pub fn run(args: Args) -> miette::Result<super::Outcome> {
    let Some(code) = args.code else {
        let mut s = String::new();
        for c in checks::CHECKS {
            s.push_str(&format!("{:<24} {}\n", c.code, c.default_level.as_str()));
        }
        super::emit(&s)?;
        return Ok(super::Outcome::ok());
    };
    match checks::find(&code) {
        Some(c) => {
            let doc: String =
                c.doc.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n");
            super::emit(&format!(
                "# {} (default: {})\n\n{}\n",
                c.code,
                c.default_level.as_str(),
                doc.trim_end()
            ))?;
            Ok(super::Outcome::ok())
        }
        None => {
            let near = checks::nearest(&code).map(|n| format!("; did you mean `{n}`?")).unwrap_or_default();
            Err(miette::miette!("unknown check code `{code}`{near} (`chronolint explain` lists them)"))
        }
    }
}
