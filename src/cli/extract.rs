//! `chronolint extract [PATHS]... --shard K/N --output F`: the per-document stage over one
//! shard, for `chronolint check --claims F...` to merge.

use crate::engine::Options;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders of the corpus (the same on every shard). Default: the current folder.
    paths: Vec<PathBuf>,
    /// Which shard, `K/N` (1-based). Default: `1/1`, the whole corpus.
    #[arg(long, default_value = "1/1")]
    shard: String,
    /// Where to write the shard file (JSON Lines); stdout if absent.
    #[arg(long)]
    output: Option<PathBuf>,
    /// The configuration file; otherwise `chronolint.toml` is found upwards from the paths.
    #[arg(long)]
    config: Option<PathBuf>,
    /// A cache folder for per-document results.
    #[arg(long)]
    cache_dir: Option<PathBuf>,
}

pub fn run(args: Args) -> miette::Result<super::Outcome> {
    let shard = crate::shard::parse_shard(&args.shard).ok_or_else(|| {
        miette::miette!("invalid --shard `{}`: write K/N with 1 ≤ K ≤ N, e.g. 2/4", args.shard)
    })?;
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths };
    let options = Options { config: args.config, cache: args.cache_dir, ..Options::default() };
    let text = crate::shard::extract(&paths, &options, shard).map_err(super::shard_report)?;
    match args.output {
        Some(f) => crate::fsutil::write_atomic(&f, text.as_bytes())
            .map_err(|e| miette::miette!("could not write {}: {e}", f.display()))?,
        None => super::emit(&text)?,
    }
    Ok(super::Outcome::ok())
}
