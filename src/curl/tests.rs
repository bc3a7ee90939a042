//! Tests of curl import and export: parsing, credential masking, round trips and the markdown report.
//!
//! Test-only; may use `history::fixtures` to build recorded exchanges. Otherwise the same rule as the rest of `curl`:
//! Adapter over the core (pure text in, text out): may use the core and `config` (the instance table, the sandbox's
//! name, key masking); must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, cli, tui, service, system}.

use super::*;
use crate::exchange::{Exchange, NetworkErrorKind};
use crate::history::fixtures::{self, Answer};
use crate::i18n::Lang;

const DOC_EXAMPLE: &str = r#"curl --location --request POST 'https://rest.iad-03.braze.com/messages/send' \
--header 'Content-Type: application/json' \
--header 'Authorization: Bearer 0123456789abcdef-secret-middle-9876' \
--data-raw '{
  "external_user_ids": ["user-1"],
  "messages": {"apple_push": {"alert": "it'\''s here"}}
}'"#;

#[test]
fn a_documentation_example_imports_with_the_key_masked() {
    let r = parse_curl(DOC_EXAMPLE).unwrap();
    assert_eq!(r.method, "POST");
    assert_eq!(r.endpoint, "/messages/send");
    assert!(r.known_endpoint);
    assert_eq!(r.environment, "US-03");
    assert_eq!(r.base_url, "https://rest.iad-03.braze.com");
    assert_eq!(r.url, "https://rest.iad-03.braze.com/messages/send");
    assert_eq!(r.key.as_deref(), Some("0123…9876"));
    assert_eq!(
        r.headers,
        [
            ("Content-Type".to_string(), "application/json".to_string()),
            ("Authorization".to_string(), "Bearer 0123…9876".to_string())
        ]
    );
    let body: serde_json::Value = serde_json::from_str(r.body.as_deref().unwrap()).unwrap();
    assert_eq!(body["messages"]["apple_push"]["alert"], "it's here");
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("secret"), "{json}");
}

#[test]
fn short_options_clusters_and_attached_values() {
    let r = parse_curl("curl -sSL -XPOST -H'Content-Type: application/json' -d'{}' rest.fra-01.braze.eu/users/track")
        .unwrap();
    assert_eq!((r.method.as_str(), r.endpoint.as_str(), r.environment.as_str()), ("POST", "/users/track", "EU-01"));
    assert_eq!(r.url, "https://rest.fra-01.braze.eu/users/track", "a Braze host gets https");
    assert_eq!(r.body.as_deref(), Some("{}"));
    assert!(r.warnings.iter().any(|w| w.contains("no Authorization")), "{:?}", r.warnings);
}

#[test]
fn method_defaults_follow_curl() {
    assert_eq!(parse_curl("curl http://127.0.0.1:9/sends/data_series").unwrap().method, "GET");
    assert_eq!(parse_curl("curl -d '{}' http://127.0.0.1:9/users/track").unwrap().method, "POST");
    let g = parse_curl("curl -G -d send_id=abc -d length=7 'http://127.0.0.1:9/sends/data_series?x=1'").unwrap();
    assert_eq!(g.method, "GET");
    assert_eq!(g.url, "http://127.0.0.1:9/sends/data_series?x=1&send_id=abc&length=7");
    assert_eq!(g.body, None);
    assert_eq!(g.environment, "custom");
    assert_eq!(g.base_url, "http://127.0.0.1:9");
}

#[test]
fn with_get_data_urlencode_values_are_query_parameters() {
    let g = parse_curl(
        "curl -G https://rest.iad-01.braze.com/campaigns/details --data-urlencode 'campaign_id=campaign-push'",
    )
    .unwrap();
    assert_eq!((g.method.as_str(), g.endpoint.as_str()), ("GET", "/campaigns/details"));
    assert_eq!(g.url, "https://rest.iad-01.braze.com/campaigns/details?campaign_id=campaign-push");
    assert_eq!(g.query.as_deref(), Some("campaign_id=campaign-push"));
    assert_eq!(g.body, None);
    // Values are encoded as curl encodes them; names and `-d` values go as written, in order; -G may come last.
    let g = parse_curl(
        "curl 'http://h/sends/data_series?a=1' --data-urlencode 'q=a b&c/é' -d length=7 --data-urlencode =x+y \
         --data-urlencode plain -G",
    )
    .unwrap();
    assert_eq!(g.url, "http://h/sends/data_series?a=1&q=a%20b%26c%2F%C3%A9&length=7&x%2By&plain");
    // Reading a value from a file is refused, naming the way out.
    for v in ["@ids.txt", "campaign_id@ids.txt"] {
        let e = parse_curl(&format!("curl -G http://h/x --data-urlencode {v}")).unwrap_err();
        assert!(matches!(e, CurlError::Unsupported { .. }), "{e}");
        assert!(e.to_string().contains("not supported") && e.to_string().contains("=VALUE"), "{e}");
    }
    // Without -G it would be a form body: refused as before.
    let e = parse_curl("curl http://h/users/track --data-urlencode 'a=b'").unwrap_err();
    assert!(e.to_string().starts_with("--data-urlencode: form-encoded bodies are not used"), "{e}");
}

#[test]
fn json_option_sets_the_headers_curl_would() {
    let r = parse_curl("curl --json '{\"a\":1}' https://rest.iad-01.braze.com/users/track").unwrap();
    assert_eq!(r.method, "POST");
    assert!(r.headers.contains(&("Content-Type".into(), "application/json".into())));
    assert!(r.headers.contains(&("Accept".into(), "application/json".into())));
}

#[test]
fn ansi_c_bodies_and_variable_keys() {
    let r = parse_curl(
        "$ curl -X POST https://rest.iad-02.braze.com/messages/send -H \"Authorization: Bearer $BRAZE_API_KEY\" \
         -H 'Content-Type: application/json' --data-raw $'{\"external_user_ids\": [\"a\"],\\n \"x\": \"\\u00e9\"}'",
    )
    .unwrap();
    assert_eq!(r.key.as_deref(), Some("$BRAZE_API_KEY"), "a variable is not a secret: keep it");
    assert_eq!(r.body.as_deref(), Some("{\"external_user_ids\": [\"a\"],\n \"x\": \"é\"}"));
    assert_eq!(r.environment, "US-02");
}

#[test]
fn body_files_are_refused_with_a_way_out() {
    let e = parse_curl("curl -d @body.json https://rest.iad-01.braze.com/messages/send").unwrap_err();
    let msg = e.to_string();
    assert!(msg.starts_with("-d @body.json: reading the body from a file is not supported"), "{msg}");
    assert!(msg.contains("brazen send ENDPOINT body.json"), "{msg}");
    for opt in ["--data-binary @x", "--json @x", "-d@x"] {
        assert!(matches!(parse_curl(&format!("curl {opt} http://h/x")), Err(CurlError::Unsupported { .. })), "{opt}");
    }
    // --data-raw never reads files: an @ is text.
    let r = parse_curl("curl --data-raw @literal http://h/users/track").unwrap();
    assert_eq!(r.body.as_deref(), Some("@literal"));
}

#[test]
fn mistakes_braze_rejects_are_warned_about() {
    let r = parse_curl(
        "curl -H 'Authorization: Bearer \"0123456789abcdef\"' -X GET https://rest.iad-01.braze.com/messages/send",
    )
    .unwrap();
    assert!(r.warnings.iter().any(|w| w.contains("wrapped in quotes")), "{:?}", r.warnings);
    assert!(r.warnings.iter().any(|w| w.contains("takes POST, not GET")), "{:?}", r.warnings);
    assert!(!r.known_endpoint);
    let r = parse_curl("curl -u me:pw -d '{' https://rest.iad-01.braze.com/nope").unwrap();
    assert!(r.warnings.iter().any(|w| w.contains("basic authentication")), "{:?}", r.warnings);
    assert!(r.warnings.iter().any(|w| w.contains("not a Braze REST endpoint")), "{:?}", r.warnings);
    assert!(r.warnings.iter().any(|w| w.contains("not valid JSON")), "{:?}", r.warnings);
    assert!(r.warnings.iter().any(|w| w.contains("no Content-Type")), "{:?}", r.warnings);
}

#[test]
fn the_singular_send_spelling_maps_to_the_real_path() {
    let r =
        parse_curl("curl -X POST https://rest.iad-01.braze.com/send/id/create -H 'Authorization: Bearer x'").unwrap();
    assert_eq!(r.endpoint, "/sends/id/create");
    assert!(r.warnings.iter().any(|w| w.contains("plural")), "{:?}", r.warnings);
}

#[test]
fn input_that_is_not_a_usable_curl_command() {
    assert_eq!(parse_curl("  \n"), Err(CurlError::Empty));
    assert_eq!(parse_curl("wget http://x"), Err(CurlError::NotCurl("wget".into())));
    assert_eq!(parse_curl("curl -s"), Err(CurlError::NoUrl));
    assert_eq!(parse_curl("curl -H"), Err(CurlError::MissingValue("-H".into())));
    assert!(matches!(parse_curl("curl ftp://x/y"), Err(CurlError::BadUrl { .. })));
    assert!(matches!(parse_curl("curl -F a=b http://x"), Err(CurlError::Unsupported { .. })));
}

/// A fake key, in pieces so that no position can match another by accident.
const FAKE: &str = "FAKEKEY-5f2a9c1e7b3d";

/// Every field an import shows (the text summary is made of the same fields; tests/import_curl_cli.rs reads both).
fn shown(r: &ImportedRequest) -> String {
    serde_json::to_string(r).unwrap()
}

#[test]
fn every_credential_the_history_would_redact_is_masked_or_left_out() {
    let k = FAKE;
    let cases: Vec<(&str, String)> = vec![
        (
            "authorization",
            format!("curl https://rest.iad-01.braze.com/users/track -H 'Authorization: Bearer {k}-auth'"),
        ),
        ("query", format!("curl 'https://rest.iad-01.braze.com/users/export/ids?api_key={k}-query&x=1'")),
        ("query, any case and encoding", format!("curl 'http://h/x?API%5Fkey={k}%2Dq2'")),
        ("-G data", format!("curl -G https://rest.iad-01.braze.com/campaigns/list -d page=0 -d api_key={k}-g")),
        ("-G urlencode", format!("curl -G http://h/x --data-urlencode 'api_key={k}-urlenc'")),
        (
            "body",
            format!(
                "curl http://h/users/track -H 'Content-Type: application/json' -d '{{\"api_key\": \"{k}-body\", \"a\": 1}}'"
            ),
        ),
        ("x-api-key", format!("curl http://h/x -H 'X-Api-Key: {k}-xapi'")),
        ("cookie", format!("curl http://h/x -H 'Cookie: session={k}-cookie; theme=dark'")),
        ("proxy-authorization", format!("curl http://h/x -H 'Proxy-Authorization: Basic {k}-proxy'")),
        ("x-auth-token", format!("curl http://h/x -H 'x-auth-token: {k}-token'")),
        ("userinfo", format!("curl 'https://bob:{k}-pw@rest.iad-01.braze.com/users/track'")),
        ("userinfo token", format!("curl 'https://{k}-user@rest.iad-01.braze.com/users/track'")),
        ("-u", format!("curl -u admin:{k}-u http://h/x -d '{{\"note\": \"{k}-u\"}}'")),
        ("oauth2-bearer", format!("curl --oauth2-bearer {k}-oauth http://h/x")),
        ("basic authorization", format!("curl http://h/x -H 'Authorization: Basic {k}-basic'")),
        (
            "copy in the body",
            format!("curl http://h/x -H 'Authorization: Bearer {k}-copy' -d '{{\"k\": \"{k}-copy\"}}'"),
        ),
        ("second url", format!("curl http://h/x 'http://other/y?api_key={k}-second'")),
        ("unknown option's value", format!("curl http://h/x --proxy-header 'X-Api-Key: {k}-ph'")),
        ("after the command", format!("curl http://h/x; curl -H 'X-Api-Key: {k}-after' y")),
        ("environment prefix", format!("BRAZE_API_KEY={k}-env curl http://h/x")),
    ];
    for (what, cmd) in cases {
        let r = parse_curl(&cmd).unwrap_or_else(|e| panic!("{what}: {e}"));
        let out = shown(&r);
        assert!(!out.contains(k), "{what}: the key is shown:\n{out}");
        assert!(!r.send_command.contains("api_key") && !r.send_command.contains('@'), "{what}: {}", r.send_command);
    }
}

#[test]
fn what_is_left_out_is_said_and_the_rest_is_kept_as_written() {
    let r = parse_curl(&format!(
        "curl 'https://bob:{FAKE}@rest.iad-01.braze.com/campaigns/list?page=0&api_key={FAKE}&sort_direction=desc' \
         -H 'X-Api-Key: {FAKE}'"
    ))
    .unwrap();
    assert_eq!(r.url, "https://rest.iad-01.braze.com/campaigns/list?page=0&sort_direction=desc");
    assert_eq!(r.query.as_deref(), Some("page=0&sort_direction=desc"));
    assert_eq!(r.send_command, "brazen send '/campaigns/list?page=0&sort_direction=desc' --env US-01");
    assert_eq!(r.headers, [("X-Api-Key".to_string(), "[REDACTED]".to_string())]);
    let note = r.warnings.iter().find(|w| w.starts_with("left out")).expect("a note says what was left out");
    for part in ["X-Api-Key header", "user and password", "api_key query parameter", "environment's key"] {
        assert!(note.contains(part), "{part}: {note}");
    }
    // Only the query parameter goes; a URL without credentials is kept exactly as given.
    let r = parse_curl("curl 'http://h:4010/x?a=1&b=%20'").unwrap();
    assert_eq!(r.url, "http://h:4010/x?a=1&b=%20");
    assert!(!r.warnings.iter().any(|w| w.starts_with("left out")), "{:?}", r.warnings);
    // A variable is not a secret: kept as written, nothing said.
    let r = parse_curl("curl http://h/x -H 'X-Api-Key: $GATEWAY_KEY'").unwrap();
    assert_eq!(r.headers, [("X-Api-Key".to_string(), "$GATEWAY_KEY".to_string())]);
}

#[test]
fn the_body_loses_only_its_api_key_members() {
    let body = |json: &str| {
        let cmd = format!("curl http://h/users/track -H 'Content-Type: application/json' --data-raw '{json}'");
        parse_curl(&cmd).unwrap().body.unwrap()
    };
    let k = FAKE;
    assert_eq!(body(&format!(r#"{{"api_key": "{k}", "a": 1}}"#)), r#"{"a": 1}"#);
    assert_eq!(body(&format!(r#"{{"a": 1, "api_key": "{k}"}}"#)), r#"{"a": 1}"#);
    assert_eq!(body(&format!(r#"{{"a": 1,"api_key":"{k}" , "b": [2]}}"#)), r#"{"a": 1,"b": [2]}"#);
    assert_eq!(body(&format!(r#"{{"api_key": "{k}"}}"#)), "{}");
    assert_eq!(body(&format!("{{\n  \"api_key\": \"{k}\",\n  \"a\": {{\"b\": 1}}\n}}")), "{\n  \"a\": {\"b\": 1}\n}");
    // Both copies of a repeated key; an escaped spelling of the name too.
    assert_eq!(body(&format!(r#"{{"api_key": "{k}", "a": 1, "api\u005fkey": "{k}x"}}"#)), r#"{"a": 1}"#);
    // A nested `api_key` is data of the request (not the legacy key field): kept, but a known secret never is.
    assert_eq!(body(r#"{"a": {"api_key": "abc"}}"#), r#"{"a": {"api_key": "abc"}}"#);
    // Many members are cut in one pass over the text (each pass once re-read the whole body).
    let many: Vec<String> = (0..10_000).map(|i| format!(r#""api_key": "{k}-{i}", "a{i}": {i}"#)).collect();
    let kept: Vec<String> = (0..10_000).map(|i| format!(r#""a{i}": {i}"#)).collect();
    assert_eq!(body(&format!("{{{}}}", many.join(", "))), format!("{{{}}}", kept.join(", ")));
    // Not JSON: the value is redacted in place.
    let r = parse_curl(&format!("curl http://h/x -d 'api_key={k}&x=1'")).unwrap();
    assert_eq!(r.body.as_deref(), Some("api_key=[REDACTED]&x=1"));
}

#[test]
fn errors_name_no_credential() {
    for cmd in [
        format!("curl 'ftp://bob:{FAKE}@h/x?api_key={FAKE}'"),
        format!("curl 'http://bob:{FAKE}@[::1/x?api_key={FAKE}'"),
    ] {
        let e = parse_curl(&cmd).unwrap_err();
        assert!(matches!(e, CurlError::BadUrl { .. }), "{e}");
        assert!(!e.to_string().contains(FAKE), "{e}");
    }
    // A variable set for the command is skipped, unseen.
    let r = parse_curl(&format!("BRAZE_API_KEY={FAKE} DEBUG=1 curl http://h/x")).unwrap();
    assert_eq!(r.url, "http://h/x");
}

fn exchange_with_secret() -> Exchange {
    let body = "{\"external_user_ids\": [\"user-'1'\"],\n \"messages\": {}}";
    let answer = Answer::Http { status: 400, body: r#"{"message": "No Recipients"}"#.into() };
    let mut ex = fixtures::exchange("POST", "/messages/send", body, answer, jiff::Timestamp::UNIX_EPOCH);
    ex.request.url = "https://rest.iad-03.braze.com/messages/send".into();
    ex.request.headers[0].1 = "Bearer sk-SECRET-123".into();
    ex.id = Some(42);
    ex
}

#[test]
fn export_round_trips_through_import_without_the_key() {
    let ex = exchange_with_secret();
    let cmd = export_curl(&ex);
    assert!(!cmd.contains("sk-SECRET-123"), "{cmd}");
    assert!(cmd.contains("-H \"Authorization: Bearer $BRAZE_API_KEY\""), "{cmd}");
    let back = parse_curl(&cmd).unwrap();
    assert_eq!(back.method, ex.request.method);
    assert_eq!(back.url, ex.request.url);
    assert_eq!(back.endpoint, ex.request.endpoint);
    assert_eq!(back.body.as_deref(), Some(ex.request.body.as_str()));
    assert_eq!(back.key.as_deref(), Some(KEY_VARIABLE));
    assert_eq!(
        back.headers,
        [
            ("Authorization".to_string(), format!("Bearer {KEY_VARIABLE}")),
            ("Content-Type".to_string(), "application/json".to_string())
        ]
    );
    assert!(back.warnings.is_empty(), "{:?}", back.warnings);
}

#[test]
fn export_of_a_get_has_no_body_and_quotes_only_what_needs_it() {
    let answer = Answer::Http { status: 200, body: r#"{"message": "success"}"#.into() };
    let mut ex = fixtures::exchange("GET", "/sends/data_series", "", answer, jiff::Timestamp::UNIX_EPOCH);
    ex.request.url = "http://127.0.0.1:4010/sends/data_series?send_id=a&length=3".into();
    let cmd = export_curl(&ex);
    assert!(cmd.starts_with("curl -X GET 'http://127.0.0.1:4010/sends/data_series?send_id=a&length=3'"), "{cmd}");
    assert!(!cmd.contains("--data-raw"), "{cmd}");
    assert_eq!(shell_quote("plain/path-1.json"), "plain/path-1.json");
    assert_eq!(shell_quote("it's"), "'it'\\''s'");
    assert_eq!(shell_quote(""), "''");
}

#[test]
fn markdown_report_has_every_part_and_no_key() {
    let ex = exchange_with_secret();
    let md = export_markdown(&ex, Lang::En);
    assert!(!md.contains("sk-SECRET-123"), "{md}");
    assert!(md.starts_with("## POST /messages/send → 400 No Recipients (4XX, fatal)"), "{md}");
    assert!(md.contains("| Exchange | #42 |"), "{md}");
    assert!(md.contains(&crate::classify::explanation(ex.outcome.as_ref().unwrap(), Lang::En)), "{md}");
    assert!(md.contains("```sh\ncurl -X POST"), "{md}");
    assert!(md.contains("`HTTP 400`"), "{md}");
    assert!(md.contains("\"message\": \"No Recipients\""), "pretty body: {md}");
    assert!(md.contains("| 1 | 1970-01-01T00:00:00Z | 0 ms | 400 |"), "{md}");
    let ko = export_markdown(&ex, Lang::Ko);
    assert!(ko.contains("### 의미"), "{ko}");
    assert!(ko.contains(&crate::classify::explanation(ex.outcome.as_ref().unwrap(), Lang::Ko)), "{ko}");
}

#[test]
fn a_sandbox_exchange_says_how_to_run_it_again() {
    let mut ex = exchange_with_secret();
    ex.environment = "US-03".into();
    assert_eq!(sandbox_note(&ex, Lang::En), None);
    assert!(!export_markdown(&ex, Lang::En).contains("brazen mock"));
    // The sandbox's URL was a port of the in-process mock of that run.
    ex.environment = crate::config::SANDBOX.into();
    let note = sandbox_note(&ex, Lang::En).unwrap();
    assert!(note.contains("brazen mock") && note.contains("BRAZE_API_KEY"), "{note}");
    assert!(export_markdown(&ex, Lang::En).contains(note));
    assert!(export_markdown(&ex, Lang::Ko).contains(sandbox_note(&ex, Lang::Ko).unwrap()));
}

/// A body kept cut is not the request that was sent: every export says so before the command.
#[test]
fn an_exchange_kept_with_its_body_cut_says_so_in_its_exports() {
    let mut ex = exchange_with_secret();
    ex.environment = "US-03".into();
    assert!(super::export_notes(&ex, Lang::En).is_empty());
    ex.request.body_truncated = true;
    for lang in [Lang::En, Lang::Ko] {
        let notes = super::export_notes(&ex, lang);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].contains("max_body_bytes"), "{notes:?}");
        assert!(export_markdown(&ex, lang).contains(&notes[0]));
    }
}

#[test]
fn markdown_of_a_network_failure_gives_the_advice() {
    let ex = fixtures::exchange(
        "POST",
        "/messages/send",
        "{}",
        Answer::Network(NetworkErrorKind::ConnectionRefused),
        jiff::Timestamp::UNIX_EPOCH,
    );
    let md = export_markdown(&ex, Lang::En);
    assert!(md.contains("No HTTP response."), "{md}");
    assert!(md.contains(&crate::classify::network::advice(NetworkErrorKind::ConnectionRefused, Lang::En)), "{md}");
    assert!(md.contains("(connection_refused)"), "{md}");
}

#[test]
fn markdown_fences_survive_backticks_and_bodies_are_capped() {
    let big = format!("{{\"message\": \"x\", \"pad\": \"{}```\"}}", "a".repeat(MARKDOWN_BODY_CAP * 2));
    let answer = Answer::Http { status: 500, body: big };
    let ex = fixtures::exchange("POST", "/users/track", "{}", answer, jiff::Timestamp::UNIX_EPOCH);
    let md = export_markdown(&ex, Lang::En);
    assert!(md.contains("Only the first 16 KiB"), "{}", &md[..300]);
    assert!(md.len() < MARKDOWN_BODY_CAP * 2, "capped");
    let answer = Answer::Http { status: 400, body: "```not json```".into() };
    let ex = fixtures::exchange("POST", "/users/track", "{}", answer, jiff::Timestamp::UNIX_EPOCH);
    assert!(export_markdown(&ex, Lang::En).contains("````\n```not json```\n````"));
}

#[test]
fn mask_key_matches_the_rest_of_brazen() {
    assert_eq!(mask_key("sandbox-all"), "sand…-all");
    assert_eq!(mask_key("short"), "…");
}
