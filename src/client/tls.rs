//! reqwest is built with `rustls-no-provider`: the process must choose rustls' crypto provider (ring) before the
//! first client is built.

use std::sync::Once;

/// Installs ring as the process-wide rustls provider; harmless when one is already installed.
pub fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // Err means another provider is already the default; either way one is installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}
