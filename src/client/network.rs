//! Network failures: which kind a transport error is (from the error's `source()` chain, never its debug dump).
//! What a kind means in words lives in the core, [`crate::classify::network`].

use std::error::Error as StdError;
use std::io;

use crate::classify::network::detail;
use crate::exchange::{NetworkErrorKind, NetworkFailure};

/// Which kind of failure a reqwest error is. reqwest flags both its connect timeout and the whole-request
/// timeout as `is_timeout`; only the first is also `is_connect`.
pub fn classify(err: &reqwest::Error) -> NetworkErrorKind {
    if err.is_timeout() {
        return if err.is_connect() { NetworkErrorKind::ConnectTimeout } else { NetworkErrorKind::ReadTimeout };
    }
    classify_chain(err)
}

/// Walks an error and its causes looking for something we recognise.
pub fn classify_chain(err: &(dyn StdError + 'static)) -> NetworkErrorKind {
    let mut cur: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = cur {
        if e.downcast_ref::<rustls::Error>().is_some() {
            return NetworkErrorKind::Tls;
        }
        if let Some(h) = e.downcast_ref::<hyper::Error>() {
            if h.is_parse() || h.is_parse_status() || h.is_parse_too_large() {
                return NetworkErrorKind::InvalidHttp;
            }
            if h.is_incomplete_message() {
                return NetworkErrorKind::ConnectionReset;
            }
            if h.is_timeout() {
                return NetworkErrorKind::ReadTimeout;
            }
        }
        if let Some(io) = e.downcast_ref::<io::Error>() {
            match io.kind() {
                io::ErrorKind::ConnectionRefused => return NetworkErrorKind::ConnectionRefused,
                io::ErrorKind::ConnectionReset
                | io::ErrorKind::ConnectionAborted
                | io::ErrorKind::BrokenPipe
                | io::ErrorKind::UnexpectedEof => return NetworkErrorKind::ConnectionReset,
                io::ErrorKind::TimedOut => return NetworkErrorKind::ReadTimeout,
                _ => {}
            }
            // io::Error::source() skips the wrapped error itself (tokio-rustls puts rustls::Error there).
            if let Some(inner) = io.get_ref() {
                let kind = classify_chain(inner);
                if kind != NetworkErrorKind::Other {
                    return kind;
                }
            }
        }
        let text = e.to_string();
        // hyper-util's connector names its failures in its message; its error type is private.
        if text.starts_with("dns error") || text.contains("failed to lookup address") {
            return NetworkErrorKind::Dns;
        }
        if text.contains("invalid peer certificate") || text.contains("tls handshake") {
            return NetworkErrorKind::Tls;
        }
        cur = e.source();
    }
    NetworkErrorKind::Other
}

/// A [`NetworkFailure`] from a reqwest error.
pub fn failure(err: &reqwest::Error) -> NetworkFailure {
    NetworkFailure { kind: classify(err), detail: detail(err), status: None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::network::tests::Wrap;

    fn wrap(msg: &'static str, inner: impl StdError + Send + Sync + 'static) -> Wrap {
        Wrap(msg, Some(Box::new(inner)))
    }

    #[test]
    fn io_kinds_deep_in_the_chain_decide() {
        let e = wrap(
            "error sending request",
            wrap("client error (Connect)", io::Error::from(io::ErrorKind::ConnectionRefused)),
        );
        assert_eq!(classify_chain(&e), NetworkErrorKind::ConnectionRefused);
        let e = wrap("error decoding response body", io::Error::from(io::ErrorKind::ConnectionReset));
        assert_eq!(classify_chain(&e), NetworkErrorKind::ConnectionReset);
    }

    #[test]
    fn dns_is_recognised_by_the_connector_message() {
        let e =
            wrap("client error (Connect)", wrap("dns error", io::Error::other("failed to lookup address information")));
        assert_eq!(classify_chain(&e), NetworkErrorKind::Dns);
    }

    #[test]
    fn rustls_errors_inside_io_errors_are_tls() {
        let io = io::Error::new(io::ErrorKind::InvalidData, rustls::Error::DecryptError);
        assert_eq!(classify_chain(&wrap("client error (Connect)", io)), NetworkErrorKind::Tls);
    }

    #[test]
    fn unknown_errors_are_other() {
        let e = wrap("outer: inner", Wrap("inner", None));
        assert_eq!(classify_chain(&e), NetworkErrorKind::Other);
    }
}
