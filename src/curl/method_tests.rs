//! Tests of curl import and export for every method the catalog has (GET, POST, PUT, PATCH, DELETE), paths that
//! carry parameter values, and the SCIM endpoints (their token masked, their `X-Request-Origin` kept).
//!
//! Test-only; may use `history::fixtures` to build recorded exchanges. Otherwise the same rule as the rest of `curl`:
//! Adapter over the core (pure text in, text out): may use the core and `config` (the instance table, the sandbox's
//! name, key masking); must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, cli, tui, service, system}.

use super::*;
use crate::exchange::Exchange;
use crate::history::fixtures::{self, Answer};
use crate::i18n::Lang;

const ITEM: &str = "https://rest.iad-01.braze.com/catalogs/restaurants/items/bistro-7";
const AUTH: &str = "-H 'Authorization: Bearer 0123456789-secret-9876' -H 'Content-Type: application/json'";

#[test]
fn put_patch_and_delete_are_imported_with_their_method() {
    for (flag, method) in [("-X PUT", "PUT"), ("-X patch", "PATCH"), ("--request DELETE", "DELETE"), ("-XPUT", "PUT")] {
        let r = parse_curl(&format!("curl {flag} {ITEM} {AUTH} -d '{{\"items\": [{{\"rating\": 5}}]}}'")).unwrap();
        assert_eq!(r.method, method, "{flag}");
        assert_eq!(r.endpoint, "/catalogs/{catalog_name}/items/{item_id}", "{flag}");
        assert!(r.known_endpoint, "{flag}: {:?}", r.warnings);
        assert!(r.body.is_some(), "{flag}");
        // The path alone is five endpoints: the command says which.
        assert_eq!(
            r.send_command,
            format!("brazen send '{method} /catalogs/restaurants/items/bistro-7' BODY.json --env US-01"),
            "{flag}"
        );
    }
}

#[test]
fn a_delete_or_get_without_data_has_no_body_and_no_file() {
    let r = parse_curl(&format!("curl -X DELETE {ITEM} -H 'Authorization: Bearer 0123456789-secret-9876'")).unwrap();
    assert_eq!((r.method.as_str(), r.body.as_deref()), ("DELETE", None));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    assert_eq!(r.send_command, "brazen send 'DELETE /catalogs/restaurants/items/bistro-7' --env US-01");
    // A DELETE that takes a body (the items to delete) keeps it.
    let r = parse_curl(
        "curl -X DELETE https://rest.iad-01.braze.com/catalogs/restaurants/items -H 'Content-Type: application/json' \
         -d '{\"items\": [{\"id\": \"bistro-7\"}]}'",
    )
    .unwrap();
    assert_eq!(r.endpoint, "/catalogs/{catalog_name}/items");
    assert_eq!(r.body.as_deref(), Some("{\"items\": [{\"id\": \"bistro-7\"}]}"));
    assert!(r.send_command.starts_with("brazen send 'DELETE /catalogs/restaurants/items' BODY.json"), "{r:?}");
    // A GET of one item: the path resolves to GET only with its method (DELETE comes first in the catalog).
    let r = parse_curl(&format!("curl {ITEM}")).unwrap();
    assert_eq!((r.method.as_str(), r.body.as_deref()), ("GET", None));
    assert_eq!(r.send_command, "brazen send 'GET /catalogs/restaurants/items/bistro-7' --env US-01");
    // A GET with -d (no -G) sends a body Braze does not read: said, and the data kept as curl had it.
    let r =
        parse_curl("curl -X GET https://rest.iad-01.braze.com/sends/data_series -d '{\"send_id\": \"s\"}'").unwrap();
    assert_eq!(r.body.as_deref(), Some("{\"send_id\": \"s\"}"));
    assert!(r.warnings.iter().any(|w| w.contains("use -G")), "{:?}", r.warnings);
}

#[test]
fn parameter_values_stay_in_the_path_and_the_endpoint_is_the_catalogs() {
    let r = parse_curl(&format!("curl -X PATCH '{ITEM}?trace=1' {AUTH} -d '{{}}'")).unwrap();
    assert_eq!(r.endpoint, "/catalogs/{catalog_name}/items/{item_id}");
    assert_eq!(r.path, "/catalogs/restaurants/items/bistro-7");
    assert_eq!(r.url, format!("{ITEM}?trace=1"));
    assert_eq!(r.query.as_deref(), Some("trace=1"));
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["path_params"], serde_json::json!({"catalog_name": "restaurants", "item_id": "bistro-7"}));
    assert_eq!(
        r.send_command,
        "brazen send 'PATCH /catalogs/restaurants/items/bistro-7?trace=1' BODY.json --env US-01"
    );
    // A path one method has goes without it; the transactional endpoint keeps its campaign id.
    let r = parse_curl(
        "curl https://rest.iad-01.braze.com/transactional/v1/campaigns/camp-9/send -H 'Content-Type: application/json' \
         -d '{}'",
    )
    .unwrap();
    assert_eq!(r.endpoint, "/transactional/v1/campaigns/{campaign_id}/send");
    assert_eq!(r.path_params.get("campaign_id").map(String::as_str), Some("camp-9"));
    assert_eq!(r.send_command, "brazen send /transactional/v1/campaigns/camp-9/send BODY.json --env US-01");
    // A method the path does not have names all those it does.
    let r = parse_curl(&format!("curl -X HEAD {ITEM}")).unwrap();
    assert!(!r.known_endpoint);
    assert!(
        r.warnings.iter().any(|w| w.contains("takes DELETE, GET, PATCH, POST or PUT, not HEAD")),
        "{:?}",
        r.warnings
    );
    // A POST to a path whose first method is GET keeps its method in the command.
    let r =
        parse_curl("curl -X POST https://rest.iad-01.braze.com/catalogs -H 'Content-Type: application/json' -d '{}'")
            .unwrap();
    assert_eq!(r.send_command, "brazen send 'POST /catalogs' BODY.json --env US-01");
}

#[test]
fn a_scim_command_masks_its_token_and_keeps_its_origin() {
    let r = parse_curl(
        "curl -X PUT https://rest.iad-03.braze.com/scim/v2/Users/7c1e4f2a -H 'Authorization: Bearer \
         scim-TOKEN-0123456789-abcd' -H 'X-Request-Origin: support.example.com' -H 'Content-Type: application/json' \
         -d '{\"schemas\": [], \"name\": {}, \"department\": \"pm\", \"permissions\": {}}'",
    )
    .unwrap();
    assert!(r.scim);
    assert_eq!(r.endpoint, "/scim/v2/Users/{id}");
    assert_eq!(r.key.as_deref(), Some("scim…abcd"));
    assert!(r.headers.contains(&("Authorization".into(), "Bearer scim…abcd".into())), "{:?}", r.headers);
    assert!(r.headers.contains(&("X-Request-Origin".into(), "support.example.com".into())), "{:?}", r.headers);
    assert_eq!(
        r.send_command,
        "brazen send 'PUT /scim/v2/Users/7c1e4f2a' BODY.json -H 'X-Request-Origin: support.example.com' --env US-03"
    );
    let shown = serde_json::to_string(&r).unwrap();
    assert!(!shown.contains("TOKEN-0123456789"), "{shown}");
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    // Without the origin or the token: said, in SCIM's words.
    let r = parse_curl("curl -X DELETE https://rest.iad-03.braze.com/scim/v2/Users/7c1e4f2a").unwrap();
    assert!(r.warnings.iter().any(|w| w.contains("X-Request-Origin")), "{:?}", r.warnings);
    assert!(r.warnings.iter().any(|w| w.contains("`Bearer SCIM_TOKEN`")), "{:?}", r.warnings);
    assert_eq!(r.send_command, "brazen send 'DELETE /scim/v2/Users/7c1e4f2a' --env US-03");
    // A left-out credential names the SCIM token as what brazen sends instead.
    let r = parse_curl("curl -X DELETE 'https://rest.iad-03.braze.com/scim/v2/Users/x?api_key=abcdefgh12345'").unwrap();
    let note = r.warnings.iter().find(|w| w.starts_with("left out")).expect("a note");
    assert!(note.contains("SCIM token"), "{note}");
}

fn recorded(method: &str, endpoint: &str, path: &str, body: &str) -> Exchange {
    let answer = Answer::Http { status: 503, body: "{}".into() };
    let mut ex = fixtures::exchange(method, endpoint, body, answer, jiff::Timestamp::UNIX_EPOCH);
    ex.environment = "US-03".into();
    ex.request.url = format!("https://rest.iad-03.braze.com{path}");
    ex
}

#[test]
fn exports_write_the_method_and_no_data_without_a_body() {
    let put = recorded("PUT", "/catalogs/{catalog_name}/items/{item_id}", "/catalogs/r/items/b", "{\"items\": []}");
    let cmd = export_curl(&put);
    assert!(cmd.starts_with("curl -X PUT https://rest.iad-03.braze.com/catalogs/r/items/b"), "{cmd}");
    assert!(cmd.contains("--data-raw '{\"items\": []}'"), "{cmd}");
    assert!(cmd.contains("$BRAZE_API_KEY"), "{cmd}");
    let delete = recorded("DELETE", "/catalogs/{catalog_name}", "/catalogs/r", "");
    let cmd = export_curl(&delete);
    assert!(cmd.starts_with("curl -X DELETE https://rest.iad-03.braze.com/catalogs/r"), "{cmd}");
    assert!(!cmd.contains("--data") && !cmd.contains(" -d "), "{cmd}");
    // Back through import: the same request.
    let back = parse_curl(&cmd).unwrap();
    assert_eq!(
        (back.method.as_str(), back.endpoint.as_str(), back.body.as_deref()),
        ("DELETE", "/catalogs/{catalog_name}", None)
    );
    let patch = recorded("PATCH", "/catalogs/{catalog_name}/items", "/catalogs/r/items", "{}");
    let md = export_markdown(&patch, Lang::En);
    assert!(md.contains("```sh\ncurl -X PATCH https://rest.iad-03.braze.com/catalogs/r/items"), "{md}");
}

#[test]
fn scim_exports_use_the_scim_token_variable_and_keep_the_origin() {
    let mut ex = recorded("DELETE", "/scim/v2/Users/{id}", "/scim/v2/Users/7c1e4f2a", "");
    ex.request.headers.push(("x-request-origin".into(), "support.example.com".into()));
    let cmd = export_curl(&ex);
    assert!(cmd.contains("-H \"Authorization: Bearer $BRAZE_SCIM_TOKEN\""), "{cmd}");
    assert!(!cmd.contains("$BRAZE_API_KEY"), "{cmd}");
    assert!(cmd.contains("-H 'x-request-origin: support.example.com'"), "{cmd}");
    assert!(!cmd.contains("--data"), "{cmd}");
    let back = parse_curl(&cmd).unwrap();
    assert!(back.scim && back.key.as_deref() == Some(SCIM_TOKEN_VARIABLE), "{back:?}");
    for lang in [Lang::En, Lang::Ko] {
        let md = export_markdown(&ex, lang);
        assert!(md.contains("BRAZE_SCIM_TOKEN"), "{md}");
        assert!(!md.contains("BRAZE_API_KEY"), "{md}");
    }
    ex.environment = crate::config::SANDBOX.into();
    assert!(sandbox_note(&ex, Lang::En).unwrap().contains("BRAZE_SCIM_TOKEN"));
}
