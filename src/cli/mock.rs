//! `brazen mock`: the built-in mock Braze server in the foreground.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context as _;

use super::Global;
use super::print::{eoutln, outln};
use crate::mock::{self, Fixtures, MockOptions};

#[derive(Debug, clap::Args)]
#[command(after_help = "Keys (default fixtures): sandbox-all (every permission), sandbox-users-only (users.* only), \
sandbox-inactive (account disabled). Faults on demand: send the header X-Brazen-Fault with \
500|502|503|504|html-502|timeout|reset|slow-MS.")]
pub struct MockArgs {
    /// Address to listen on.
    #[arg(long, default_value_t = SocketAddr::from(([127, 0, 0, 1], mock::DEFAULT_PORT)))]
    pub addr: SocketAddr,
    /// Fixtures file (API keys, campaigns, fault rules) instead of the built-in assets/mock/fixtures.toml.
    #[arg(long, value_name = "FILE")]
    pub fixtures: Option<PathBuf>,
    /// N requests per minute per key for every endpoint, instead of the documented limits.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub rate_limit: Option<u64>,
    /// Seed of ids, data series and percentage fault rules (same seed + same requests = same answers).
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,
    /// No line per request (for load tests).
    #[arg(long)]
    pub quiet: bool,
}

pub fn run(args: MockArgs, _global: Global) -> anyhow::Result<i32> {
    let fixtures = match &args.fixtures {
        Some(p) => Fixtures::from_file(p, super::output::configured_input_cap())?,
        None => Fixtures::builtin(),
    };
    let opts = MockOptions {
        addr: args.addr,
        fixtures,
        rate_limit_per_minute: args.rate_limit,
        seed: args.seed,
        log_requests: !args.quiet,
        ..MockOptions::default()
    };
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start tokio")?;
    rt.block_on(serve(opts))
}

async fn serve(opts: MockOptions) -> anyhow::Result<i32> {
    let limit = opts.rate_limit_per_minute;
    let server = mock::start(opts).await?;
    let url = server.url();
    outln!("brazen mock: listening on {url}");
    outln!("API keys:");
    // Keys and descriptions come from a fixtures file (`--fixtures`): shown, like everything, through `print`.
    for k in &server.fixtures().keys {
        outln!("  {:<22} {}", k.key, k.description);
    }
    if !server.fixtures().scim_tokens.is_empty() {
        outln!("SCIM tokens (the /scim/v2 endpoints only, with an X-Request-Origin header):");
        for t in &server.fixtures().scim_tokens {
            outln!("  {:<22} {}", t.token, t.description);
        }
    }
    match limit {
        Some(n) => outln!("rate limit: {n} requests per minute per key, every endpoint (a shared pool counts once)"),
        None => {
            outln!("rate limits: as documented per endpoint, one window per shared pool (--rate-limit N to override)")
        }
    }
    outln!(
        "try: curl -H 'Authorization: Bearer {}' -H 'Content-Type: application/json' -d @body.json {url}/messages/send",
        mock::SANDBOX_KEY
    );
    outln!("Ctrl-C to stop");
    // The same listener as send's: Ctrl-C, SIGTERM or SIGHUP stop the server cleanly.
    super::interrupt::cancel_on_signals().token.cancelled().await;
    eoutln!("brazen mock: stopping after {} requests", server.requests_served());
    server.shutdown().await;
    Ok(0)
}
