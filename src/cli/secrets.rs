//! The secrets this process knows (the keys and tokens of the environments it loaded), so that the one place
//! that writes text for a person ([`super::output`]) and the error line at the binary edge can remove them,
//! whatever path a copy took (a diagnostic quoting a body, an error quoting a URL, an echo).
//!
//! Process-wide because it guards the process's outputs: the CLI registers a key when it resolves an
//! environment, before anything can print it.

use std::borrow::Cow;
use std::sync::{Mutex, MutexGuard};

use crate::scrub::Secrets;

static KNOWN: Mutex<Option<Secrets>> = Mutex::new(None);

fn known() -> MutexGuard<'static, Option<Secrets>> {
    // A panic while holding it cannot leave a half-added secret: `Secrets::extend` only pushes whole ones.
    KNOWN.lock().unwrap_or_else(|p| p.into_inner())
}

/// Adds `secrets` to those every output of this process hides.
pub fn hide(secrets: &Secrets) {
    if secrets.is_empty() {
        return;
    }
    known().get_or_insert_with(Secrets::new).extend(secrets);
}

/// `text` without any secret this process knows.
pub fn redact(text: &str) -> Cow<'_, str> {
    match known().as_ref() {
        Some(s) => match s.redact(text) {
            Cow::Owned(o) => Cow::Owned(o),
            Cow::Borrowed(_) => Cow::Borrowed(text),
        },
        None => Cow::Borrowed(text),
    }
}

/// A copy of the known secrets, for scrubbing a value before it is serialised.
pub fn all() -> Secrets {
    known().clone().unwrap_or_default()
}

/// The configuration, its every environment's key and URL password hidden from this process's output from now
/// on. Every CLI command loads the configuration through here, so no output path can show a configured key
/// (`brazen config` itself, an error about an environment, an echo).
pub fn load_config() -> Result<crate::config::Config, crate::config::ConfigError> {
    let cfg = crate::config::Config::load(&crate::config::Paths::resolve())?;
    for env in &cfg.environments {
        hide(&env.secrets());
    }
    // The ledger's password, wherever a message might quote its connection string.
    if let Some(url) = &cfg.history_url {
        hide(&Secrets::of(url.value.password().as_deref()));
    }
    Ok(cfg)
}
