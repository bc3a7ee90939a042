use std::process::ExitCode;

fn main() -> ExitCode {
    match brazen::cli::run() {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(e) => {
            eprintln!("brazen: {e:#}");
            ExitCode::from(brazen::cli::EXIT_USAGE as u8)
        }
    }
}
