//! `brazen replay` (being written).

use super::Global;

#[derive(Debug, clap::Args)]
pub struct ReplayArgs {}

pub fn run(_args: ReplayArgs, _global: Global) -> anyhow::Result<i32> {
    anyhow::bail!("brazen replay is not implemented yet")
}
