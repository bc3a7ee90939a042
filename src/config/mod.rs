//! Configuration: where files live, environments (Braze instances, custom URLs, the sandbox), key sources.

mod paths;

pub use paths::Paths;
