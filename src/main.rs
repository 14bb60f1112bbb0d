//! The `chronolint` binary: parse, run, exit status. Everything else lives in the library.

fn main() -> std::process::ExitCode {
    match chronolint::cli::run(std::env::args_os()) {
        Ok(outcome) => outcome.exit_code(),
        Err(report) => {
            // Could not run as asked: arguments, config or rules. Exit status 2.
            #[allow(clippy::print_stderr)]
            {
                eprintln!("{report:?}");
            }
            std::process::ExitCode::from(2)
        }
    }
}
