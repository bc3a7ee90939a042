//! The connection's configuration and TLS. `sslmode` is the driver's (`disable`, `prefer`, `require`); brazen adds
//! `sslrootcert=FILE` (a PEM file of the CA certificates to trust instead of the platform's roots), read and taken
//! out of the URL here because the driver does not know it. The certificate is always verified, host name
//! included: `require` with a self-signed server needs its CA in `sslrootcert`.

use std::str::FromStr as _;
use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject as _;
use tokio_postgres_rustls::MakeRustlsConnect;

use super::CONNECT_TIMEOUT;
use crate::config::LedgerUrl;
use crate::history::HistoryError;

/// The driver's configuration (timeouts set) and the TLS connector for `url`.
pub(super) fn config(url: &LedgerUrl) -> Result<(postgres::Config, MakeRustlsConnect), HistoryError> {
    let bad = |message: String| HistoryError::Ledger { url: url.masked(), message };
    let mut parsed = url::Url::parse(url.expose()).map_err(|_| bad("not a URL".into()))?;
    let pairs: Vec<(String, String)> = parsed.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
    let root_file = pairs.iter().find(|(k, _)| k == "sslrootcert").map(|(_, v)| v.clone());
    if root_file.is_some() {
        let kept: Vec<&(String, String)> = pairs.iter().filter(|(k, _)| k != "sslrootcert").collect();
        if kept.is_empty() {
            parsed.set_query(None);
        } else {
            let mut q = parsed.query_pairs_mut();
            q.clear();
            for (k, v) in kept {
                q.append_pair(k, v);
            }
        }
    }
    let mut config = postgres::Config::from_str(parsed.as_str()).map_err(|e| bad(url.mask_in(&e.to_string())))?;
    config.connect_timeout(CONNECT_TIMEOUT);
    config.keepalives(true);
    config.application_name("brazen");
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| bad(format!("TLS: {e}")))?;
    let tls = match root_file {
        Some(file) => {
            let mut roots = rustls::RootCertStore::empty();
            let certs = CertificateDer::pem_file_iter(&file)
                .map_err(|e| bad(format!("cannot read sslrootcert {file}: {e}")))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| bad(format!("cannot read sslrootcert {file}: {e}")))?;
            for cert in certs {
                roots.add(cert).map_err(|e| bad(format!("sslrootcert {file}: {e}")))?;
            }
            if roots.is_empty() {
                return Err(bad(format!("sslrootcert {file} holds no certificate")));
            }
            builder.with_root_certificates(roots).with_no_client_auth()
        }
        None => {
            let verifier = rustls_platform_verifier::Verifier::new(provider).map_err(|e| bad(format!("TLS: {e}")))?;
            builder.dangerous().with_custom_certificate_verifier(Arc::new(verifier)).with_no_client_auth()
        }
    };
    Ok((config, MakeRustlsConnect::new(tls)))
}
