use std::process::ExitCode;

fn main() -> ExitCode {
    match brazen::cli::run() {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        Err(e) => {
            // Errors quote file names, config values and server text: through the same filter as all output.
            brazen::cli::print::eprint_text(&format!("brazen: {e:#}\n"));
            // DESIGN §3.1: 2 for usage and unreadable input, 3 for a local failure before anything was sent.
            ExitCode::from(u8::try_from(brazen::cli::exit_code_for(&e)).unwrap_or(1))
        }
    }
}
