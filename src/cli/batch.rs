//! `brazen batch` (being written).

use super::Global;

#[derive(Debug, clap::Args)]
pub struct BatchArgs {}

pub fn run(_args: BatchArgs, _global: Global) -> anyhow::Result<i32> {
    anyhow::bail!("brazen batch is not implemented yet")
}
