use std::process::ExitCode;

fn main() -> ExitCode {
    match brazen::cli::run() {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(e) => {
            // Errors quote file names, config values and server text: through the same filter as all output.
            brazen::cli::print::eprint_text(&format!("brazen: {e:#}\n"));
            ExitCode::from(brazen::cli::EXIT_USAGE as u8)
        }
    }
}
