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
             before re-sending a message."
            / "요청은 전송되었지만 제한 시간 안에 완전한 응답이 오지 않았습니다. 이미 처리되었을 수 있으니 메시지를 \
             다시 보내기 전에 확인하세요.",
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
            "Something answered that does not speak HTTP as expected, so whether the request reached Braze is \
             unknown. Check the URL and port: it may point at a non-HTTP service or a misbehaving proxy."
            / "HTTP로 올바르게 응답하지 않는 대상이 응답해서 요청이 Braze에 닿았는지 알 수 없습니다. URL과 포트를 \
             확인하세요. HTTP가 아닌 서비스나 오작동하는 프록시를 가리키고 있을 수 있습니다.",
        cancelled:
            "Cancelled before an answer came back; if the request had left, it may still have been processed."
            / "응답을 받기 전에 취소되었습니다. 요청이 이미 전송되었다면 처리되었을 수 있습니다.",
        other:
            "The request failed without an HTTP answer, so whether it reached Braze is unknown. Check the URL and \
             your network, and check before re-sending a message."
            / "HTTP 응답 없이 요청이 실패해서 Braze에 닿았는지 알 수 없습니다. URL과 네트워크를 확인하고, 메시지를 \
             다시 보내기 전에 확인하세요.",
    }
}

crate::table! {
    /// What a broken connection means once a response head had arrived, and how to wait longer for an answer, in
    /// the words of each front end.
    pub struct NetworkMore {
        reset_after_success:
            "Braze answered {status} before the connection broke, so the request was accepted and processed; only \
             the rest of the answer was lost. Sending it again would do it twice (a message would go out twice); a \
             read can be sent again to get the whole answer."
            / "연결이 끊기기 전에 Braze가 {status} 상태로 답했으므로 요청은 접수되어 처리되었습니다. 받지 못한 것은 \
               응답의 나머지 부분뿐입니다. 다시 보내면 한 번 더 처리되고(메시지라면 두 번 나갑니다), 조회 요청은 \
               다시 보내서 전체 응답을 받으면 됩니다.",
        reset_after_refusal:
            "Braze answered {status} before the connection broke, so the request was refused and nothing was done; \
             only the details of the refusal were lost. Send it again to read them."
            / "연결이 끊기기 전에 Braze가 {status} 상태로 답했으므로 요청은 거부되었고 아무것도 처리되지 않았습니다. \
               받지 못한 것은 거부 사유뿐이니, 다시 보내서 확인하세요.",
        wait_longer_cli:
            "To wait longer, pass --timeout SECS, or set timeout_secs in config.toml."
            / "더 기다리려면 --timeout SECS 옵션을 주거나 config.toml의 timeout_secs 값을 늘리세요.",
        wait_longer_tui:
            "To wait longer, set timeout_secs under [environment.{environment}] in config.toml (under [defaults] it \
             applies to every environment)."
            / "더 기다리려면 config.toml의 [environment.{environment}]에서 timeout_secs 값을 늘리세요([defaults]에 \
               두면 모든 환경에 적용됩니다).",
    }
}

/// Where an explanation is read. The settings a user can change differ: flags on the command line, `config.toml`
/// per environment in the TUI, which has no flags to pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Front<'a> {
    Cli,
    Tui { environment: &'a str },
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

/// What a failure of this kind means and what to do, in one to three sentences, as the command line says it.
pub fn advice(kind: NetworkErrorKind, lang: Lang) -> String {
    explain(kind, None, Front::Cli, lang)
}

/// What a failure means and what to do, for `front`. `status`: the status of a response head that arrived before
/// the connection broke; once Braze has answered, whether it acted is known, and hedging would mislead.
pub fn explain(kind: NetworkErrorKind, status: Option<u16>, front: Front<'_>, lang: Lang) -> String {
    let more = NetworkMore::get(lang);
    if kind == NetworkErrorKind::ConnectionReset
        && let Some(s) = status
    {
        // A 5XX head still leaves it open whether Braze acted: the hedge below stays right for it.
        let known = match s {
            200..=299 => Some(more.reset_after_success),
            400..=499 => Some(more.reset_after_refusal),
            _ => None,
        };
        if let Some(template) = known {
            return crate::i18n::fill(template, &[("status", &s)]);
        }
    }
    let said = per_kind!(NetworkAdvice::get(lang), kind);
    if kind != NetworkErrorKind::ReadTimeout {
        return said.to_string();
    }
    let wait = match front {
        Front::Cli => more.wait_longer_cli.to_string(),
        Front::Tui { environment } => crate::i18n::fill(more.wait_longer_tui, &[("environment", &environment)]),
    };
    format!("{said} {wait}")
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
        assert!(crate::i18n::check::<NetworkMore>().is_empty());
    }

    #[test]
    fn the_timeout_advice_names_what_each_front_end_can_change() {
        let cli = explain(NetworkErrorKind::ReadTimeout, None, Front::Cli, Lang::En);
        assert!(cli.contains("--timeout SECS") && cli.contains("timeout_secs in config.toml"), "{cli}");
        for lang in [Lang::En, Lang::Ko] {
            let tui = explain(NetworkErrorKind::ReadTimeout, None, Front::Tui { environment: "US-03" }, lang);
            assert!(!tui.contains("--timeout") && tui.contains("[environment.US-03]"), "{tui}");
            assert!(tui.contains("timeout_secs") && tui.contains("[defaults]"), "{tui}");
        }
        // Other kinds read the same everywhere.
        let refused = |front| explain(NetworkErrorKind::ConnectionRefused, None, front, Lang::En);
        assert_eq!(refused(Front::Cli), refused(Front::Tui { environment: "x" }));
    }

    #[test]
    fn a_reset_after_a_status_says_what_the_status_means() {
        let reset = |status, lang| explain(NetworkErrorKind::ConnectionReset, status, Front::Cli, lang);
        let ok = reset(Some(201), Lang::En);
        assert!(ok.contains("201") && ok.contains("accepted and processed") && !ok.contains("may have"), "{ok}");
        assert!(reset(Some(201), Lang::Ko).contains("처리되었습니다"));
        let refused = reset(Some(400), Lang::En);
        assert!(refused.contains("400") && refused.contains("nothing was done"), "{refused}");
        // No head, or a 5XX head: whether Braze acted is still unknown.
        assert_eq!(reset(None, Lang::En), reset(Some(503), Lang::En));
        assert!(reset(None, Lang::En).contains("may have been processed"));
        // Only a reset has a head before it; a timeout's explanation ignores a status.
        let t = |s| explain(NetworkErrorKind::ReadTimeout, s, Front::Cli, Lang::En);
        assert_eq!(t(Some(201)), t(None));
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
