//! Network failures in words: each [`NetworkErrorKind`]'s title, advice and JSON name, and an error chain as one
//! line. Pure: which kind a transport error is stays in the client (it reads reqwest's, hyper's and rustls's types);
//! this module only explains a kind, so the CLI, the TUI and exports say the same thing.
//!
//! Must not import the IO crates or the adapters and front ends (see the core list in `lib.rs`).

use std::error::Error as StdError;

use crate::exchange::NetworkErrorKind;
use crate::i18n::{Lang, Table as _};

crate::table! {
    /// The title of each kind of network failure.
    pub struct NetworkTitle {
        connection_refused: "Connection refused" / "연결 거부",
        dns: "DNS lookup failed" / "DNS 조회 실패",
        connect_timeout: "Connect timed out" / "연결 시간 초과",
        read_timeout: "No answer in time" / "응답 시간 초과",
        connection_reset: "Connection reset" / "연결 끊김",
        tls: "TLS failure" / "TLS 오류",
        invalid_http: "Invalid HTTP answer" / "잘못된 HTTP 응답",
        cancelled: "Cancelled" / "취소됨",
        other: "Network failure" / "네트워크 오류",
    }
}

crate::table! {
    /// What each kind of network failure means and what to do, in one or two sentences.
    pub struct NetworkAdvice {
        connection_refused:
            "Nothing is listening at that address, so nothing was sent. Check the environment's URL (and port); \
             for a local mock, start it with `brazen mock`."
            / "해당 주소에서 응답하는 서버가 없어 아무것도 전송되지 않았습니다. 환경의 URL(과 포트)을 확인하세요. \
             로컬 모의 서버라면 `brazen mock`으로 시작하세요.",
        dns:
            "The host name did not resolve, so nothing was sent. Check the instance name or URL for typos, and your \
             DNS or VPN."
            / "호스트 이름을 찾을 수 없어 아무것도 전송되지 않았습니다. 인스턴스 이름이나 URL의 오타, DNS 또는 VPN을 확인하세요.",
        connect_timeout:
            "No connection could be made in time, so nothing was sent. A firewall, proxy or VPN may be dropping \
             traffic; try again, or set a longer connect_timeout_secs in config.toml."
            / "제한 시간 안에 연결하지 못해 아무것도 전송되지 않았습니다. 방화벽, 프록시, VPN이 트래픽을 막고 있을 수 \
             있습니다. 다시 시도하거나 config.toml의 connect_timeout_secs를 늘리세요.",
        read_timeout:
            "The request went out but no complete answer came back in time. It may still have been processed: check \
             before re-sending a message. To wait longer, pass --timeout SECS, or set timeout_secs in config.toml."
            / "요청은 전송되었지만 제한 시간 안에 완전한 응답이 오지 않았습니다. 이미 처리되었을 수 있으니 메시지를 \
             다시 보내기 전에 확인하세요. 더 기다리려면 --timeout SECS를 주거나 config.toml의 timeout_secs를 늘리세요.",
        connection_reset:
            "The connection broke before the answer was complete. The request may have been processed: check before \
             re-sending a message; retrying is safe for reads."
            / "응답이 끝나기 전에 연결이 끊겼습니다. 요청이 처리되었을 수 있으니 메시지를 다시 보내기 전에 확인하세요. \
             조회 요청은 재시도해도 안전합니다.",
        tls:
            "The secure connection could not be set up (certificate or protocol mismatch), so nothing was sent. Check \
             that the URL uses https:// for Braze and http:// for a local mock, and any TLS-inspecting proxy."
            / "보안 연결(인증서 또는 프로토콜)을 설정하지 못해 아무것도 전송되지 않았습니다. Braze에는 https://, 로컬 \
             모의 서버에는 http://를 쓰는지, TLS를 검사하는 프록시가 있는지 확인하세요.",
        invalid_http:
            "Something answered that does not speak HTTP as expected. Check the URL and port: it may point at a \
             non-HTTP service or a misbehaving proxy."
            / "HTTP로 올바르게 응답하지 않는 대상이 응답했습니다. URL과 포트를 확인하세요. HTTP가 아닌 서비스나 \
             오작동하는 프록시를 가리키고 있을 수 있습니다.",
        cancelled:
            "Cancelled before an answer came back; if the request had left, it may still have been processed."
            / "응답을 받기 전에 취소되었습니다. 요청이 이미 전송되었다면 처리되었을 수 있습니다.",
        other:
            "The request failed without an HTTP answer. Check the URL and your network, then try again."
            / "HTTP 응답 없이 요청이 실패했습니다. URL과 네트워크를 확인한 뒤 다시 시도하세요.",
    }
}

/// Picks the field of a per-kind table; one match for both tables, so a new kind cannot be explained by halves.
macro_rules! per_kind {
    ($table:expr, $kind:expr) => {{
        let t = $table;
        match $kind {
            NetworkErrorKind::ConnectionRefused => t.connection_refused,
            NetworkErrorKind::Dns => t.dns,
            NetworkErrorKind::ConnectTimeout => t.connect_timeout,
            NetworkErrorKind::ReadTimeout => t.read_timeout,
            NetworkErrorKind::ConnectionReset => t.connection_reset,
            NetworkErrorKind::Tls => t.tls,
            NetworkErrorKind::InvalidHttp => t.invalid_http,
            NetworkErrorKind::Cancelled => t.cancelled,
            NetworkErrorKind::Other => t.other,
        }
    }};
}

/// A short title: `Connection refused`.
pub fn title(kind: NetworkErrorKind, lang: Lang) -> &'static str {
    per_kind!(NetworkTitle::get(lang), kind)
}

/// What a failure of this kind means and what to do, in one or two sentences.
pub fn advice(kind: NetworkErrorKind, lang: Lang) -> &'static str {
    per_kind!(NetworkAdvice::get(lang), kind)
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

/// One line describing the error and its causes, without repeats, at most 300 characters.
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An error with a message and an optional cause, to build error chains in tests (the client's tests use it too).
    #[derive(Debug)]
    pub(crate) struct Wrap(pub &'static str, pub Option<Box<dyn StdError + Send + Sync>>);
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

    #[test]
    fn tables_use_the_same_placeholders_in_both_languages() {
        assert!(crate::i18n::check::<NetworkTitle>().is_empty());
        assert!(crate::i18n::check::<NetworkAdvice>().is_empty());
    }

    #[test]
    fn detail_is_one_line_without_repeats() {
        let e = Wrap("outer: inner", Some(Box::new(Wrap("inner", None))));
        assert_eq!(detail(&e), "outer: inner");
        let e = Wrap("line one\nline two", Some(Box::new(Wrap("cause", None))));
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
