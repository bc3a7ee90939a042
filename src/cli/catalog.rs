//! `brazen catalog` (being written).

use super::Global;

#[derive(Debug, clap::Args)]
pub struct CatalogArgs {}

pub fn run(_args: CatalogArgs, _global: Global) -> anyhow::Result<i32> {
    anyhow::bail!("brazen catalog is not implemented yet")
}
