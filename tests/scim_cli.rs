//! The SCIM credential through the real binary: a SCIM endpoint goes out with the environment's SCIM token and
//! `X-Request-Origin` (never the REST key), a REST endpoint with the key; a missing token or origin is a usage
//! error before anything is sent; `brazen config` shows both settings with the token masked; exports and replays
//! of SCIM exchanges use the token.

use crate::common;

use common::{Home, Recorder, code, err, json, out, text};

const REST_KEY: &str = "rest-key-LEAK-0f1e2d3c4b";
const SCIM_TOKEN: &str = "scim-token-LEAK-9a8b7c6d5e";
const ORIGIN: &str = "support.example.com";
const SCIM_USER: &str = "/scim/v2/Users/7c1e4f2a-5b3d9e80";
const PUT_BODY: &str = r#"{"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "name": {"givenName": "Mina", "familyName": "Park"}, "department": "pm", "permissions": {}}"#;

/// A home whose `stub` environment sends to `url` with both credentials, and whose `keyonly` one has no SCIM token.
fn home(url: &str, origin: bool) -> Home {
    let h = Home::new();
    let origin = if origin { format!("scim_request_origin = \"{ORIGIN}\"\n") } else { String::new() };
    h.config(&format!(
        "[environment.stub]\nurl = \"{url}\"\napi_key_env = \"STUB_KEY\"\nscim_token_env = \"STUB_SCIM\"\n{origin}\n\
         [environment.keyonly]\nurl = \"{url}\"\napi_key_env = \"STUB_KEY\"\n"
    ));
    h
}

fn run(h: &Home, args: &[&str]) -> std::process::Output {
    h.run_with(args, |c| {
        c.env("STUB_KEY", REST_KEY).env("STUB_SCIM", SCIM_TOKEN).env_remove("BRAZE_SCIM_TOKEN");
    })
}

#[test]
fn scim_endpoints_go_with_the_scim_token_and_origin_and_rest_ones_with_the_key() {
    let server = Recorder::always("200 OK", r#"{"message": "success"}"#);
    let h = home(&server.url, true);
    let put = h.file("put.json", PUT_BODY);
    let track = h.file("track.json", r#"{"attributes": [{"external_id": "u1", "x": 1}]}"#);

    let o = run(&h, &["send", &format!("GET {SCIM_USER}"), "--env", "stub"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let o = run(&h, &["send", &format!("PUT {SCIM_USER}"), &put, "--env", "stub"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    // A DELETE of one user takes no body: no FILE.
    let o = run(&h, &["send", &format!("DELETE {SCIM_USER}"), "--env", "stub"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    // The request's own origin wins.
    let o = run(&h, &["send", &format!("GET {SCIM_USER}"), "--env", "stub", "-H", "X-Request-Origin: mine.example"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let o = run(&h, &["send", "/users/track", &track, "--env", "stub"]);
    assert_eq!(code(&o), 0, "{}", text(&o));

    let got = server.received();
    assert_eq!(got.len(), 5, "{got:#?}");
    let scim_token = format!("Bearer {SCIM_TOKEN}");
    for r in &got[..4] {
        assert_eq!(r.header("authorization"), [scim_token.as_str()], "{r:#?}");
        assert!(!r.all().contains(REST_KEY), "the REST key went to a SCIM endpoint: {r:#?}");
    }
    assert_eq!(got[0].line, format!("GET {SCIM_USER} HTTP/1.1"));
    assert_eq!(got[0].header("x-request-origin"), [ORIGIN]);
    assert!(got[1].line.starts_with("PUT "), "{:?}", got[1].line);
    assert_eq!(got[1].body, PUT_BODY);
    assert!(got[2].line.starts_with("DELETE "), "{:?}", got[2].line);
    assert_eq!(got[2].body, "");
    assert_eq!(got[3].header("x-request-origin"), ["mine.example"], "one origin, the request's own");
    let rest = &got[4];
    assert_eq!(rest.header("authorization"), [format!("Bearer {REST_KEY}").as_str()]);
    assert!(rest.header("x-request-origin").is_empty(), "{rest:#?}");
    assert!(!rest.all().contains(SCIM_TOKEN), "{rest:#?}");

    // The history says which origin went out, and the exports name the SCIM token's variable.
    let o = run(&h, &["history", "export", "1", "--as", "curl"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let curl = out(&o);
    assert!(curl.starts_with("curl -X GET "), "{curl}");
    assert!(
        curl.contains("Bearer $BRAZE_SCIM_TOKEN") && curl.contains(&format!("x-request-origin: {ORIGIN}")),
        "{curl}"
    );
    let curl = out(&run(&h, &["history", "export", "2", "--as", "curl"]));
    assert!(curl.starts_with("curl -X PUT ") && curl.contains("--data-raw"), "{curl}");
    let curl = out(&run(&h, &["history", "export", "3", "--as", "curl"]));
    assert!(curl.starts_with("curl -X DELETE ") && !curl.contains("--data"), "{curl}");
    let md = out(&run(&h, &["history", "export", "3", "--as", "markdown"]));
    assert!(md.contains("BRAZE_SCIM_TOKEN") && !md.contains("BRAZE_API_KEY"), "{md}");
    let curl = out(&run(&h, &["history", "export", "5", "--as", "curl"]));
    assert!(curl.contains("Bearer $BRAZE_API_KEY"), "{curl}");
}

#[test]
fn a_missing_scim_token_or_origin_is_a_usage_error_before_anything_is_sent() {
    let server = Recorder::always("200 OK", "{}");
    let h = home(&server.url, false);
    let lines = h.file("users.jsonl", &format!("{PUT_BODY}\n"));
    // No SCIM token: named, exit 2, nothing sent; the REST key is not tried instead.
    for args in [
        vec!["send", "GET /scim/v2/Users/abc", "--env", "keyonly"],
        vec!["batch", "PUT /scim/v2/Users/abc", &lines, "--env", "keyonly"],
    ] {
        let o = run(&h, &args);
        assert_eq!(code(&o), 2, "{args:?}: {}", text(&o));
        assert!(err(&o).contains("no SCIM token for keyonly: set scim_token_env"), "{args:?}: {}", err(&o));
    }
    // A token but no origin anywhere.
    let o = run(&h, &["send", "GET /scim/v2/Users/abc", "--env", "stub"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(err(&o).contains("no SCIM request origin for stub"), "{}", err(&o));
    assert!(err(&o).contains("scim_request_origin") && err(&o).contains("X-Request-Origin"), "{}", err(&o));
    assert!(server.received().is_empty(), "nothing was sent: {:#?}", server.received());
    assert_eq!(h.history_count(), 0, "nothing recorded");
    // The origin given with -H is enough; an ad-hoc --url takes the token from BRAZE_SCIM_TOKEN.
    let o = run(&h, &["send", "GET /scim/v2/Users/abc", "--env", "stub", "-H", &format!("X-Request-Origin: {ORIGIN}")]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let o = h.run_with(
        &["send", "GET /scim/v2/Users/abc", "--url", &server.url, "-H", &format!("X-Request-Origin: {ORIGIN}")],
        |c| {
            c.env("BRAZE_SCIM_TOKEN", SCIM_TOKEN);
        },
    );
    assert_eq!(code(&o), 0, "{}", text(&o));
    let o = h.run(&["send", "GET /scim/v2/Users/abc", "--url", &server.url]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(err(&o).contains("set $BRAZE_SCIM_TOKEN"), "{}", err(&o));
    let got = server.received();
    assert_eq!(got.len(), 2);
    assert!(got.iter().all(|r| r.header("authorization") == [format!("Bearer {SCIM_TOKEN}").as_str()]), "{got:#?}");
}

#[test]
fn config_shows_the_scim_settings_with_the_token_masked() {
    let h = home("http://127.0.0.1:9", true);
    let o = run(&h, &["config", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(!text(&o).contains(SCIM_TOKEN), "{}", text(&o));
    let v = json(&o);
    let env = |name: &str| v["environments"].as_array().unwrap().iter().find(|e| e["name"] == name).unwrap().clone();
    let stub = env("stub");
    assert_eq!(stub["scim"]["token"], serde_json::json!({"masked": "scim…6d5e", "source": "$STUB_SCIM"}));
    assert_eq!(stub["scim"]["request_origin"], serde_json::json!({"value": ORIGIN, "source": "config file"}));
    let sandbox = env("sandbox");
    assert_eq!(sandbox["scim"]["token"]["source"], "built-in");
    assert_eq!(sandbox["scim"]["request_origin"]["value"], "brazen.sandbox");
    let keyonly = env("keyonly");
    assert!(keyonly["scim"]["token"].is_null());
    assert!(keyonly["scim"]["missing_token"].as_str().unwrap().contains("no SCIM token for keyonly"), "{keyonly}");

    let o = run(&h, &["config"]);
    assert!(
        out(&o).contains(&format!("SCIM token scim…6d5e ($STUB_SCIM), origin {ORIGIN} (config file)")),
        "{}",
        out(&o)
    );
    let o = run(&h, &["config", "--env", "stub"]);
    assert!(out(&o).contains("SCIM token") && out(&o).contains("scim…6d5e"), "{}", out(&o));
    assert!(out(&o).contains(&format!("SCIM origin  {ORIGIN}  (config file)")), "{}", out(&o));
    assert!(!text(&o).contains(SCIM_TOKEN), "{}", text(&o));

    // A token pasted where its variable's name belongs is refused without being repeated.
    let h = Home::new();
    h.config(&format!("[environment.US-03]\nscim_token_env = \"{SCIM_TOKEN}\"\n"));
    let o = h.run(&["config"]);
    assert_eq!(code(&o), 3, "{}", text(&o));
    assert!(err(&o).contains("scim_token_env") && !text(&o).contains(SCIM_TOKEN), "{}", text(&o));
}

#[test]
fn a_replayed_scim_exchange_goes_with_the_scim_token_or_not_at_all() {
    // 503 first (worth replaying), then 200.
    let server = Recorder::start(|n| {
        let status = if n == 0 { "503 Service Unavailable" } else { "200 OK" };
        (format!("HTTP/1.1 {status}\r\ncontent-type: application/json"), "{}".into())
    });
    let h = home(&server.url, true);
    let put = h.file("put.json", PUT_BODY);
    let o = run(&h, &["send", &format!("PUT {SCIM_USER}"), &put, "--env", "stub", "--retries", "0"]);
    assert_eq!(code(&o), 5, "{}", text(&o));
    // Where no SCIM token is configured: refused before anything is sent.
    let o = run(&h, &["replay", "--yes", "--env", "keyonly"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(err(&o).contains("cannot re-send #1 to keyonly: no SCIM token"), "{}", err(&o));
    assert_eq!(server.received().len(), 1);
    // Back to its own environment: the SCIM token, and the origin it was sent with.
    let o = run(&h, &["replay", "--yes"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let got = server.received();
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got[1].line.starts_with("PUT "), "{:?}", got[1].line);
    assert_eq!(got[1].header("authorization"), [format!("Bearer {SCIM_TOKEN}").as_str()]);
    assert_eq!(got[1].header("x-request-origin"), [ORIGIN]);
    assert_eq!(got[1].body, PUT_BODY);
}
