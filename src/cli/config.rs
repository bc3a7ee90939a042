//! `brazen config` (being written).

use super::Global;

#[derive(Debug, clap::Args)]
pub struct ConfigArgs {}

pub fn run(_args: ConfigArgs, _global: Global) -> anyhow::Result<i32> {
    anyhow::bail!("brazen config is not implemented yet")
}
