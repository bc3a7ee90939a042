//! `brazen history` (being written).

use super::Global;

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {}

pub fn run(_args: HistoryArgs, _global: Global) -> anyhow::Result<i32> {
    anyhow::bail!("brazen history is not implemented yet")
}
