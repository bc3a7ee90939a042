//! The conversion both ways, on a collection written for these tests (tests/fixtures/postman).

use super::*;
use crate::request::RequestFile;

const BISTRO: &str = include_str!("../../tests/fixtures/postman/bistro.postman_collection.json");

fn find<'a>(i: &'a Import, name: &str) -> &'a RequestFile {
    &i.requests.iter().find(|r| r.name == name).unwrap_or_else(|| panic!("no {name} in {:?}", names(i))).request
}

fn names(i: &Import) -> Vec<&str> {
    i.requests.iter().map(|r| r.name.as_str()).collect()
}

#[test]
fn every_request_becomes_a_named_file_in_its_folder() {
    let i = import(BISTRO).unwrap();
    assert_eq!(i.title, "Bistro workspace");
    assert_eq!(
        names(&i),
        [
            "campaigns/list-campaigns",
            "campaigns/list-campaigns-2",
            "catalogs/menu-items/replace-bistro-7",
            "catalogs/menu-items/update-item-price",
            "send-welcome",
            "partner-ping",
        ]
    );
    let list = find(&i, "campaigns/list-campaigns");
    assert_eq!((list.method.as_str(), list.path.as_str()), ("GET", "/campaigns/list"));
    assert_eq!(list.query, ["page=0", "include_archived=false"], "the disabled parameter is left out");
    assert!(list.headers.is_empty(), "Authorization is dropped");
    assert_eq!(list.note, ["First page of the bistro's campaigns.", "Archived ones left out."]);
    assert_eq!(find(&i, "campaigns/list-campaigns-2").query, ["page=1"]);

    let put = find(&i, "catalogs/menu-items/replace-bistro-7");
    assert_eq!((put.method.as_str(), put.path.as_str()), ("PUT", "/catalogs/{{catalog}}/items/bistro-7"));
    assert_eq!(put.headers, [("Content-Type".to_string(), "application/json".to_string())]);
    assert!(put.body.contains("\"dish\": \"Mushroom risotto\""), "{}", put.body);
    let patch = find(&i, "catalogs/menu-items/update-item-price");
    assert_eq!(patch.path, "/catalogs/{{catalog_name}}/items/bistro-9", "Postman's :variables");

    let send = find(&i, "send-welcome");
    assert_eq!((send.method.as_str(), send.path.as_str()), ("POST", "/campaigns/trigger/send"), "host dropped");
    assert_eq!(send.headers, [("Content-Type".to_string(), "application/json".to_string())]);
    assert!(send.body.contains("\"{{campaignId}}\"") && send.body.contains("{{${first_name}}}"), "{}", send.body);
    assert_eq!(send.note, ["Welcome the week's new guests."]);
    assert_eq!(send.environment.as_deref(), Some("US-01"));
    assert!(i.requests.iter().filter(|r| r.name != "partner-ping").all(|r| r.known));
}

#[test]
fn an_unknown_endpoint_is_kept_with_a_hint_and_an_unusable_body_is_skipped() {
    let i = import(BISTRO).unwrap();
    let ping = i.requests.iter().find(|r| r.name == "partner-ping").unwrap();
    assert!(!ping.known);
    assert_eq!(ping.request.query, ["code={{partnerCode}}"]);
    assert!(ping.request.note.last().unwrap().contains("not an endpoint of the catalog (GET /partner/ping)"));
    assert_eq!(i.skipped.len(), 1, "{:?}", i.skipped);
    assert_eq!(i.skipped[0].name, "Upload menu photo");
    assert_eq!(i.skipped[0].reason, SkipReason::BodyMode("formdata".into()));
    let json = serde_json::to_value(&i.skipped).unwrap();
    assert_eq!(json[0]["reason"], "body mode \"formdata\": brazen sends raw (JSON) bodies only");
}

#[test]
fn credentials_and_scripts_are_dropped_and_said_so() {
    let i = import(BISTRO).unwrap();
    let d = &i.dropped;
    assert!(d.contains(&Dropped::Auth { at: "Bistro workspace".into(), kind: "bearer".into() }), "{d:?}");
    assert!(d.contains(&Dropped::Auth { at: "Catalogs".into(), kind: "apikey".into() }), "{d:?}");
    assert!(d.contains(&Dropped::Auth { at: "Send welcome".into(), kind: "bearer".into() }), "{d:?}");
    let h = |r: &str, n: &str| Dropped::Header { request: r.into(), header: n.into() };
    assert!(d.contains(&h("Campaigns / List campaigns", "Authorization")), "{d:?}");
    assert!(d.contains(&h("Send welcome", "X-Api-Key")), "{d:?}");
    assert!(d.contains(&Dropped::Scripts { at: "Bistro workspace".into() }), "{d:?}");
    assert!(d.contains(&Dropped::Scripts { at: "Send welcome".into() }), "{d:?}");
    assert!(d.contains(&Dropped::HostVariable { name: "baseUrl".into() }), "{d:?}");
    assert!(d.contains(&Dropped::BadVariable { name: "page size".into() }), "{d:?}");
    let all = format!("{i:?}");
    for secret in ["FAKE-bistro-key-7d2e90", "FAKE-partner-31aa", "FAKE-inline-bearer-55", "FAKE-header-key-9b"] {
        assert!(!all.contains(secret), "{secret} was imported");
    }
}

#[test]
fn collection_variables_become_the_variables_file_secrets_without_their_value() {
    let i = import(BISTRO).unwrap();
    let toml = i.variables_toml();
    assert_eq!(
        toml,
        "# The collection's variables, imported from a Postman collection.\n\
         catalog = \"bistro-menu\"\n\
         campaignId = \"camp-bistro-01\"\n\
         apiKey = { value_env = \"API_KEY\", secret = true }\n\
         partnerCode = { value_env = \"PARTNER_CODE\", secret = true }\n"
    );
    assert!(i.dropped.contains(&Dropped::SecretValue { name: "apiKey".into(), env: "API_KEY".into() }));
    let parsed: toml::Table = toml::from_str(&toml).unwrap();
    assert_eq!(parsed["apiKey"]["value_env"].as_str(), Some("API_KEY"));
}

#[test]
fn every_imported_file_reads_back_as_written() {
    for r in import(BISTRO).unwrap().requests {
        let text = r.request.to_text();
        assert_eq!(RequestFile::parse(&text).as_ref(), Ok(&r.request), "{}:\n{text}", r.name);
    }
}

#[test]
fn export_writes_a_v21_collection_with_folders_base_url_and_variables() {
    let i = import(BISTRO).unwrap();
    let requests: Vec<(String, RequestFile)> = i.requests.iter().map(|r| (r.name.clone(), r.request.clone())).collect();
    let vars = parse_variables(&i.variables_toml()).unwrap();
    let c = export("bistro", &requests, &vars);
    assert_eq!(c["info"]["schema"], SCHEMA_V21);
    assert_eq!(c["info"]["name"], "bistro");
    let top: Vec<&str> = c["item"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(top, ["campaigns", "catalogs", "partner-ping", "send-welcome"]);
    let put = &c["item"][1]["item"][0]["item"][0];
    assert_eq!(put["name"], "replace-bistro-7");
    assert_eq!(put["request"]["url"]["raw"], "{{baseUrl}}/catalogs/{{catalog}}/items/bistro-7");
    assert_eq!(put["request"]["url"]["host"][0], "{{baseUrl}}");
    assert_eq!(put["request"]["body"]["mode"], "raw");
    let send = &c["item"][3]["request"];
    assert_eq!(send["description"], "Welcome the week's new guests.\n@environment US-01");
    let vars = c["variable"].as_array().unwrap();
    assert_eq!(vars[0]["key"], BASE_URL);
    let api = vars.iter().find(|v| v["key"] == "apiKey").unwrap();
    assert_eq!((api["value"].as_str(), api["type"].as_str()), (Some(""), Some("secret")));
    let catalog = vars.iter().find(|v| v["key"] == "catalog").unwrap();
    assert_eq!(catalog["value"], "bistro-menu");
}

#[test]
fn import_export_import_gives_the_same_requests_and_variables() {
    let first = import(BISTRO).unwrap();
    let requests: Vec<(String, RequestFile)> =
        first.requests.iter().map(|r| (r.name.clone(), r.request.clone())).collect();
    let exported = export("bistro", &requests, &parse_variables(&first.variables_toml()).unwrap());
    let second = import(&serde_json::to_string(&exported).unwrap()).unwrap();
    let mut a: Vec<(&str, &RequestFile)> = first.requests.iter().map(|r| (r.name.as_str(), &r.request)).collect();
    let mut b: Vec<(&str, &RequestFile)> = second.requests.iter().map(|r| (r.name.as_str(), &r.request)).collect();
    a.sort_by_key(|x| x.0);
    b.sort_by_key(|x| x.0);
    assert_eq!(a, b);
    assert!(second.skipped.is_empty(), "{:?}", second.skipped);
    let mut va = first.variables.clone();
    let mut vb = second.variables.clone();
    va.sort_by(|x, y| x.name.cmp(&y.name));
    vb.sort_by(|x, y| x.name.cmp(&y.name));
    assert_eq!(va, vb);
    // And once more: the export of the second import is the same collection.
    let again: Vec<(String, RequestFile)> =
        second.requests.iter().map(|r| (r.name.clone(), r.request.clone())).collect();
    assert_eq!(export("bistro", &again, &parse_variables(&second.variables_toml()).unwrap()), exported);
}

#[test]
fn hostile_or_foreign_json_is_an_error_not_a_panic() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(import(&deep), Err(ImportError::Json(_))));
    let deep_items = format!(r#"{{"item": {}[]{}}}"#, r#"[{"name": "f", "item": "#.repeat(60), "}]".repeat(60));
    let i = import(&deep_items).unwrap();
    assert!(i.requests.is_empty());
    assert!(matches!(import("[]"), Err(ImportError::NotCollection(_))));
    assert!(matches!(
        import("{\"info\": {\"schema\": \"https://schema.getpostman.com/json/collection/v1.0.0/\"}}"),
        Err(ImportError::NotCollection(_))
    ));
    assert!(matches!(import("{}"), Err(ImportError::NotCollection(_))));
    let odd = r#"{"item": [3, {"name": "x"}, {"name": "no url", "request": {"method": "GET"}},
        {"name": "bad method", "request": {"method": "TRACE", "url": "/x"}},
        {"name": "odd shapes", "request": {"method": 7, "url": {"path": 5, "query": "x", "variable": 1},
          "header": 9, "body": "raw", "description": []}},
        {"name": "string request", "request": "https://rest.iad-01.braze.com/campaigns/list?page=2"}]}"#;
    let i = import(odd).unwrap();
    let reasons: Vec<String> = i.skipped.iter().map(|s| format!("{}: {}", s.name, s.reason)).collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert!(reasons[0].starts_with("item 1: neither"), "{reasons:?}");
    assert!(reasons[2].starts_with("no url: the request has no URL"), "{reasons:?}");
    assert!(reasons[3].contains("TRACE"), "{reasons:?}");
    assert_eq!(names(&i), ["odd-shapes", "string-request"]);
    assert_eq!(find(&i, "string-request").query, ["page=2"]);
}

#[test]
fn folders_deeper_than_the_bound_are_skipped_with_a_reason() {
    let mut json = String::from(r#"{"name": "r", "request": {"method": "GET", "url": "/campaigns/list"}}"#);
    for n in 0..10 {
        json = format!(r#"{{"name": "f{n}", "item": [{json}]}}"#);
    }
    let i = import(&format!(r#"{{"item": [{json}]}}"#)).unwrap();
    assert!(i.requests.is_empty());
    assert_eq!(i.skipped.len(), 1);
    assert_eq!(i.skipped[0].reason, SkipReason::TooDeep);
    assert!(i.skipped[0].name.starts_with("f9 / f8 / "), "{}", i.skipped[0].name);
}

#[test]
fn names_of_variables_and_secrets() {
    assert!(looks_secret("apiKey") && looks_secret("session_token") && looks_secret("PASSWORD"));
    assert!(!looks_secret("campaign_id"));
    assert_eq!(env_name("apiKey"), "API_KEY");
    assert_eq!(env_name("customer.token"), "CUSTOMER_TOKEN");
    assert_eq!(env_name("2fa-secret"), "_2FA_SECRET");
    assert!(is_variable_name("customer.id-2") && !is_variable_name("page size") && !is_variable_name("1x"));
}
