//! A progress bar on stderr for long runs: only when stderr is a terminal and the run
//! reads more than `THRESHOLD` documents; otherwise nothing at all.

use crate::engine::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;

/// Runs shorter than this many documents show no bar.
const THRESHOLD: usize = 200;

/// Runs `f` with a progress callback that drives a bar when the run is long enough.
pub fn with_bar<T>(f: impl FnOnce(&(dyn Fn(Progress) + Sync)) -> T) -> T {
    let terminal = std::io::stderr().is_terminal();
    let bar: Mutex<Option<ProgressBar>> = Mutex::new(None);
    let callback = |p: Progress| match p {
        Progress::Files(n) if terminal && n > THRESHOLD => {
            let b = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} documents ({eta})")
            {
                b.set_style(style.progress_chars("=> "));
            }
            b.set_message("reading");
            if let Ok(mut slot) = bar.lock() {
                if let Some(old) = slot.replace(b) {
                    old.finish_and_clear();
                }
            }
        }
        Progress::Files(_) => {}
        Progress::Document => {
            if let Ok(slot) = bar.lock() {
                if let Some(b) = slot.as_ref() {
                    b.inc(1);
                }
            }
        }
    };
    let out = f(&callback);
    if let Ok(mut slot) = bar.lock() {
        if let Some(b) = slot.take() {
            b.finish_and_clear();
        }
    }
    out
}
