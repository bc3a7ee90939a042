//! Network failures: which kind (from the error's `source()` chain, never its debug dump) and what to do about it.

use std::error::Error as StdError;
use std::io;

use crate::exchange::{NetworkErrorKind, NetworkFailure};
use crate::i18n::Lang;

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

/// One line describing the error and its causes, without repeats.
pub fn detail(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = cur {
        let text = e.to_string().replace(['\n', '\r'], " ");
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        cur = e.source();
    }
    let mut line = parts.join(": ");
    if line.chars().count() > 300 {
        line = line.chars().take(299).collect::<String>() + "…";
    }
    line
}

/// A [`NetworkFailure`] from a reqwest error.
pub fn failure(err: &reqwest::Error) -> NetworkFailure {
    NetworkFailure { kind: classify(err), detail: detail(err) }
}

/// The `snake_case` name of a kind, as in JSON output.
pub fn kind_name(kind: NetworkErrorKind) -> &'static str {
    match kind {
        NetworkErrorKind::ConnectionRefused => "connection_refused",
        NetworkErrorKind::Dns => "dns",
        NetworkErrorKind::ConnectTimeout => "connect_timeout",
        NetworkErrorKind::ReadTimeout => "read_timeout",
        NetworkErrorKind::ConnectionReset => "connection_reset",
        NetworkErrorKind::Tls => "tls",
        NetworkErrorKind::InvalidHttp => "invalid_http",
        NetworkErrorKind::Cancelled => "cancelled",
        NetworkErrorKind::Other => "other",
    }
}

/// A short title: `Connection refused`.
pub fn title(kind: NetworkErrorKind, lang: Lang) -> &'static str {
    use NetworkErrorKind as K;
    match (lang, kind) {
        (Lang::En, K::ConnectionRefused) => "Connection refused",
        (Lang::En, K::Dns) => "DNS lookup failed",
        (Lang::En, K::ConnectTimeout) => "Connect timed out",
        (Lang::En, K::ReadTimeout) => "No answer in time",
        (Lang::En, K::ConnectionReset) => "Connection reset",
        (Lang::En, K::Tls) => "TLS failure",
        (Lang::En, K::InvalidHttp) => "Invalid HTTP answer",
        (Lang::En, K::Cancelled) => "Cancelled",
        (Lang::En, K::Other) => "Network failure",
        (Lang::Ko, K::ConnectionRefused) => "연결 거부",
        (Lang::Ko, K::Dns) => "DNS 조회 실패",
        (Lang::Ko, K::ConnectTimeout) => "연결 시간 초과",
        (Lang::Ko, K::ReadTimeout) => "응답 시간 초과",
        (Lang::Ko, K::ConnectionReset) => "연결 끊김",
        (Lang::Ko, K::Tls) => "TLS 오류",
        (Lang::Ko, K::InvalidHttp) => "잘못된 HTTP 응답",
        (Lang::Ko, K::Cancelled) => "취소됨",
        (Lang::Ko, K::Other) => "네트워크 오류",
    }
}

/// What a failure of this kind means and what to do, in one or two sentences.
pub fn advice(kind: NetworkErrorKind, lang: Lang) -> &'static str {
    use NetworkErrorKind as K;
    match (lang, kind) {
        (Lang::En, K::ConnectionRefused) => {
            "Nothing is listening at that address, so nothing was sent. Check the environment's URL (and port); \
             for a local mock, start it with `brazen mock`."
        }
        (Lang::En, K::Dns) => {
            "The host name did not resolve, so nothing was sent. Check the instance name or URL for typos, and your \
             DNS or VPN."
        }
        (Lang::En, K::ConnectTimeout) => {
            "No connection could be made in time, so nothing was sent. A firewall, proxy or VPN may be dropping \
             traffic; try again, or set a longer connect_timeout_secs in config.toml."
        }
        (Lang::En, K::ReadTimeout) => {
            "The request went out but no complete answer came back in time. It may still have been processed: check \
             before re-sending a message. To wait longer, pass --timeout SECS, or set timeout_secs in config.toml."
        }
        (Lang::En, K::ConnectionReset) => {
            "The connection broke before the answer was complete. The request may have been processed: check before \
             re-sending a message; retrying is safe for reads."
        }
        (Lang::En, K::Tls) => {
            "The secure connection could not be set up (certificate or protocol mismatch), so nothing was sent. Check \
             that the URL uses https:// for Braze and http:// for a local mock, and any TLS-inspecting proxy."
        }
        (Lang::En, K::InvalidHttp) => {
            "Something answered that does not speak HTTP as expected. Check the URL and port: it may point at a \
             non-HTTP service or a misbehaving proxy."
        }
        (Lang::En, K::Cancelled) => {
            "Cancelled before an answer came back; if the request had left, it may still have been processed."
        }
        (Lang::En, K::Other) => {
            "The request failed without an HTTP answer. Check the URL and your network, then try again."
        }
        (Lang::Ko, K::ConnectionRefused) => {
            "해당 주소에서 응답하는 서버가 없어 아무것도 전송되지 않았습니다. 환경의 URL(과 포트)을 확인하세요. \
             로컬 모의 서버라면 `brazen mock`으로 시작하세요."
        }
        (Lang::Ko, K::Dns) => {
            "호스트 이름을 찾을 수 없어 아무것도 전송되지 않았습니다. 인스턴스 이름이나 URL의 오타, DNS 또는 VPN을 확인하세요."
        }
        (Lang::Ko, K::ConnectTimeout) => {
            "제한 시간 안에 연결하지 못해 아무것도 전송되지 않았습니다. 방화벽, 프록시, VPN이 트래픽을 막고 있을 수 \
             있습니다. 다시 시도하거나 config.toml의 connect_timeout_secs를 늘리세요."
        }
        (Lang::Ko, K::ReadTimeout) => {
            "요청은 전송되었지만 제한 시간 안에 완전한 응답이 오지 않았습니다. 이미 처리되었을 수 있으니 메시지를 \
             다시 보내기 전에 확인하세요. 더 기다리려면 --timeout SECS를 주거나 config.toml의 timeout_secs를 늘리세요."
        }
        (Lang::Ko, K::ConnectionReset) => {
            "응답이 끝나기 전에 연결이 끊겼습니다. 요청이 처리되었을 수 있으니 메시지를 다시 보내기 전에 확인하세요. \
             조회 요청은 재시도해도 안전합니다."
        }
        (Lang::Ko, K::Tls) => {
            "보안 연결(인증서 또는 프로토콜)을 설정하지 못해 아무것도 전송되지 않았습니다. Braze에는 https://, 로컬 \
             모의 서버에는 http://를 쓰는지, TLS를 검사하는 프록시가 있는지 확인하세요."
        }
        (Lang::Ko, K::InvalidHttp) => {
            "HTTP로 올바르게 응답하지 않는 대상이 응답했습니다. URL과 포트를 확인하세요. HTTP가 아닌 서비스나 \
             오작동하는 프록시를 가리키고 있을 수 있습니다."
        }
        (Lang::Ko, K::Cancelled) => "응답을 받기 전에 취소되었습니다. 요청이 이미 전송되었다면 처리되었을 수 있습니다.",
        (Lang::Ko, K::Other) => "HTTP 응답 없이 요청이 실패했습니다. URL과 네트워크를 확인한 뒤 다시 시도하세요.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Wrap(&'static str, Option<Box<dyn StdError + Send + Sync>>);
    impl std::fmt::Display for Wrap {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }
    impl StdError for Wrap {
        fn source(&self) -> Option<&(dyn StdError + 'static)> {
            self.1.as_deref().map(|e| e as &(dyn StdError + 'static))
        }
    }

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
    fn unknown_errors_are_other_and_detail_is_one_line_without_repeats() {
        let e = wrap("outer: inner", Wrap("inner", None));
        assert_eq!(classify_chain(&e), NetworkErrorKind::Other);
        assert_eq!(detail(&e), "outer: inner");
        let e = wrap("line one\nline two", Wrap("cause", None));
        assert_eq!(detail(&e), "line one line two: cause");
    }

    #[test]
    fn every_kind_has_advice_in_both_languages() {
        use NetworkErrorKind as K;
        for k in [
            K::ConnectionRefused,
            K::Dns,
            K::ConnectTimeout,
            K::ReadTimeout,
            K::ConnectionReset,
            K::Tls,
            K::InvalidHttp,
            K::Cancelled,
            K::Other,
        ] {
            assert!(advice(k, Lang::En).is_ascii(), "{k:?}");
            assert!(!advice(k, Lang::Ko).is_ascii(), "{k:?} has Korean advice");
            assert_ne!(title(k, Lang::En), title(k, Lang::Ko));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", kind_name(k)));
        }
    }
}
