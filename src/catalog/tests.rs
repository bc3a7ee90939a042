//! Checks of the shipped data: the error table, the shapes, the endpoint catalog and its templates.
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use super::*;

/// Braze's fatal-error table, in Braze's order (English errors.md @043179b7 and the Korean page agree).
const ERROR_IDS: [&str; 22] = [
    "internal_server_error",
    "bad_request",
    "no_recipients",
    "invalid_campaign_id",
    "message_variant_unspecified",
    "invalid_message_variant",
    "mismatched_message_type",
    "invalid_extra_push_payload",
    "max_input_length_exceeded",
    "max_external_ids_and_aliases_exceeded",
    "max_ids_exceeded",
    "no_message_to_send",
    "slideup_message_length_exceeded",
    "apple_push_length_exceeded",
    "android_push_length_exceeded",
    "send_at_unparseable",
    "local_time_in_past",
    "unauthorized",
    "forbidden",
    "access_denied",
    "not_found",
    "rate_limited",
];

#[test]
fn error_table_has_brazes_22_rows_in_order() {
    // The seed's rows come first and keep their ids; endpoint-specific rows (assets/errors/) follow, tagged.
    let ids: Vec<&str> = errors().rows.iter().take(ERROR_IDS.len()).map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ERROR_IDS);
    assert!(errors().rows[..ERROR_IDS.len()].iter().all(|r| r.endpoints.is_empty()));
    for r in &errors().rows[ERROR_IDS.len()..] {
        for k in &r.endpoints {
            assert!(endpoints().endpoints.iter().any(|e| e.key() == *k), "row {}: {k} is not in the catalog", r.id);
        }
    }
}

#[test]
fn every_error_row_is_complete_in_both_languages_and_sends_nothing() {
    for r in &errors().rows {
        for (what, t) in [("meaning", &r.meaning), ("action", &r.action)] {
            assert!(!t.en.trim().is_empty(), "{} {what}.en is empty", r.id);
            assert!(!t.ko.trim().is_empty(), "{} {what}.ko is empty", r.id);
            assert!(t.ko.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)), "{} {what}.ko is not Korean", r.id);
        }
        assert!(!r.name.trim().is_empty(), "{} has no name", r.id);
        if r.endpoints.is_empty() {
            let ko = r.name_ko.as_deref().unwrap_or_default();
            assert!(ko.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)), "{} has no Korean name", r.id);
        }
        assert!(!r.sent, "{}: a fatal error never sends", r.id);
        assert!((400..600).contains(&r.status), "{}: status {}", r.id, r.status);
    }
}

#[test]
fn every_error_row_has_a_korean_name_of_its_own() {
    // The Korean UI shows `name_ko` (ErrorRow::label) and falls back to the wire name, which for many
    // endpoint-specific rows is an id like `catalog-not-found`: every row, seed or endpoint-specific, needs one.
    let rows = &errors().rows;
    let ids = |bad: &dyn Fn(&ErrorRow, &str) -> bool| -> Vec<&str> {
        rows.iter().filter(|r| r.name_ko.as_deref().is_some_and(|k| bad(r, k))).map(|r| r.id.as_str()).collect()
    };
    let missing: Vec<&str> = rows.iter().filter(|r| r.name_ko.is_none()).map(|r| r.id.as_str()).collect();
    let empty = ids(&|_, k| k.trim().is_empty());
    let english = ids(&|r, k| k.trim().eq_ignore_ascii_case(r.name.trim()));
    assert!(
        missing.is_empty() && empty.is_empty() && english.is_empty(),
        "rows without a Korean name of their own: no name_ko {missing:?}; empty name_ko {empty:?}; \
         name_ko equal to the English name {english:?}"
    );
}

#[test]
fn statuses_and_retry_advice_follow_the_table() {
    let t = errors();
    let five = t.row("internal_server_error").unwrap();
    assert!(five.any_5xx);
    assert_eq!(five.status_label(), "5XX");
    assert_eq!(five.retry, RetryKind::Backoff);
    let rl = t.row("rate_limited").unwrap();
    assert_eq!((rl.status, rl.retry), (429, RetryKind::WaitForReset));
    for r in t.rows.iter().filter(|r| !r.any_5xx && r.status != 429 && r.endpoints.is_empty()) {
        assert_eq!(r.retry, RetryKind::FixRequest, "{}", r.id);
        assert!(!r.any_5xx);
    }
    // An endpoint's documented errors: fixed by the request, or a job to wait for, or (Braze's "arbitrary error"
    // and the like) worth trying again later; never a rate-limit window of their own.
    for r in t.rows.iter().filter(|r| !r.endpoints.is_empty()) {
        assert!(
            matches!(r.retry, RetryKind::FixRequest | RetryKind::WaitForJob | RetryKind::Backoff),
            "{}: {:?}",
            r.id,
            r.retry
        );
        assert!((400..600).contains(&r.status), "{}", r.id);
    }
    let status = |id: &str| t.row(id).unwrap().status;
    assert_eq!(
        [status("unauthorized"), status("forbidden"), status("access_denied"), status("not_found")],
        [401, 403, 403, 404]
    );
    assert_eq!(t.row("send_at_unparseable").unwrap().name, "Bad Request");
    assert_eq!(t.row("local_time_in_past").unwrap().name, "Bad Request");
}

#[test]
fn predictable_rows_are_the_ones_the_body_alone_reveals() {
    // The rows a body cannot reveal: they depend on the server, the key, the campaign or the traffic.
    let unpredictable = [
        "internal_server_error",
        "invalid_campaign_id",
        "invalid_message_variant",
        "mismatched_message_type",
        "unauthorized",
        "forbidden",
        "access_denied",
        "rate_limited",
    ];
    // The seed's rows; the endpoint-specific rows' predictions are the validator's rules (issue 11).
    let seed = errors().rows.iter().filter(|r| r.endpoints.is_empty());
    let predictable: Vec<&str> = seed.filter(|r| r.predictable).map(|r| r.id.as_str()).collect();
    let expected: Vec<&str> = ERROR_IDS.into_iter().filter(|id| !unpredictable.contains(id)).collect();
    assert_eq!(predictable, expected);
}

#[test]
fn by_message_is_case_insensitive_and_tells_the_two_max_rows_apart() {
    let t = errors();
    let id = |m: &str| t.by_message(m).map(|r| r.id.as_str());
    assert_eq!(
        id("the MAX number of external_ids and aliases per request was exceeded"),
        Some("max_external_ids_and_aliases_exceeded")
    );
    assert_eq!(id("The max number of ids per request was exceeded"), Some("max_ids_exceeded"));
    assert_eq!(id("  no recipients "), Some("no_recipients"));
    assert_eq!(id("No message to send"), Some("no_message_to_send"));
    assert_eq!(id("bad request"), Some("bad_request"));
    assert_eq!(id("Too Many Requests"), Some("rate_limited"));
    assert_eq!(id("Rate Limited"), Some("rate_limited"));
    assert_eq!(id("Service Unavailable"), Some("internal_server_error"));
    assert_eq!(id("Gateway Timeout"), Some("internal_server_error"));
    assert_eq!(id("Unknown or missing REST API Key"), Some("unauthorized"));
    assert_eq!(id("forbidden"), Some("forbidden"));
    assert_eq!(id("Access Denied"), Some("access_denied"));
    assert_eq!(id("Invalid URL"), Some("not_found"));
    assert_eq!(id("success"), None);
}

#[test]
fn shapes_cover_success_minor_errors_tracked_and_queued() {
    let t = errors();
    let ids: Vec<&str> = t.shapes.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["success", "success_with_minor_errors", "tracked_send", "queued", "data"]);
    for s in &t.shapes {
        let v: serde_json::Value = serde_json::from_str(&s.example).unwrap();
        assert_eq!(v["message"], s.message.as_str(), "{}", s.id);
        assert!(!s.meaning.en.is_empty() && !s.meaning.ko.is_empty(), "{}", s.id);
    }
    assert!(t.shape("tracked_send").unwrap().example.contains("send_id"));
    assert_eq!(t.shape("queued").unwrap().status, 202);
    assert!(t.shape("success").unwrap().meaning.en.contains("not delivered"));
}

#[test]
fn catalog_holds_each_endpoint_once() {
    // The list of the 128 documented endpoints is in tests/whole_api.rs, which compares the catalog with it.
    let have: Vec<String> = endpoints().endpoints.iter().map(|e| e.key().to_string()).collect();
    assert_eq!(have.len(), 128);
    let mut unique = have.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), have.len(), "an endpoint is listed twice");
    assert_eq!(endpoints().groups()[..2], ["messaging", "schedules"]);
}

#[test]
fn every_endpoint_has_a_template_that_is_its_own_request() {
    for e in &endpoints().endpoints {
        assert!(e.limit.requests > 0 && e.limit.per_seconds > 0, "{}", e.key());
        let file = e.template_request();
        assert_eq!(file.method, e.method, "{}", e.key());
        assert!(e.matches_path(e.template_path()), "{}: {}", e.key(), e.template_path());
        assert!(!e.template_path().contains('{'), "{}: the template fills every path parameter", e.key());
        assert!(!file.note.is_empty(), "{}: the template says what it is for", e.key());
        if e.method == "GET" {
            assert!(file.body.is_empty(), "{}: a GET has no body", e.key());
            assert!(e.idempotent, "{}: a GET is idempotent", e.key());
            assert!(e.kind == Kind::Read || e.kind == Kind::Export, "{}", e.key());
        } else if !e.body.is_empty() {
            let v: serde_json::Value =
                serde_json::from_str(e.template_body()).unwrap_or_else(|err| panic!("{}: {err}", e.template));
            assert!(v.as_object().is_some_and(|o| !o.is_empty()), "{} is not a non-empty object", e.template);
        }
    }
}

#[test]
fn every_endpoint_describes_itself_in_english_and_korean() {
    let hangul = |s: &str| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    for e in &endpoints().endpoints {
        for (what, t) in [("purpose", &e.purpose), ("rate_limit", &e.rate_limit)] {
            assert!(!t.en.trim().is_empty() && !t.ko.trim().is_empty(), "{} {what}", e.key());
            assert!(!hangul(&t.en), "{} {what}: the English text has Hangul", e.key());
            assert!(hangul(&t.ko), "{} {what}: the Korean text has no Hangul", e.key());
            assert_ne!(t.en, t.ko, "{} {what}", e.key());
        }
    }
    // The picker's filter finds an endpoint by its purpose in either language.
    let track = endpoints().resolve("/users/track").unwrap().endpoint;
    assert!(
        track.purpose_search_text().contains("custom events") && track.purpose_search_text().contains("커스텀 이벤트")
    );
}

#[test]
fn documented_rate_limits_reach_the_mock() {
    let limit = |p: &str| endpoints().resolve(p).unwrap().endpoint.limit.rate();
    assert_eq!(limit("POST /users/track"), RateLimit { requests: 3000, per_seconds: 3 });
    assert_eq!(limit("POST /users/delete"), RateLimit { requests: 20000, per_seconds: 60 });
    assert_eq!(limit("POST /sends/id/create"), RateLimit { requests: 100, per_seconds: 86400 });
    assert_eq!(limit("POST /messages/send"), RateLimit { requests: 250000, per_seconds: 3600 });
    assert_eq!(limit("GET /campaigns/data_series"), RateLimit { requests: 50000, per_seconds: 60 });
}

#[test]
fn rule_families_fit_each_endpoint() {
    let ep = |p: &str| endpoints().resolve(p).unwrap().endpoint;
    let send = ep("POST /messages/send");
    for r in [Rule::RecipientsMessaging, Rule::MessagesRequired, Rule::Messages, Rule::MaxExternalIds] {
        assert!(send.has_rule(r), "{r:?}");
    }
    assert!(!send.has_rule(Rule::Schedule));
    assert!(ep("/messages/schedule/create").has_rule(Rule::Schedule));
    assert!(ep("/campaigns/trigger/schedule/create").has_rule(Rule::Schedule));
    assert!(ep("/campaigns/trigger/send").has_rule(Rule::RecipientsTrigger));
    assert!(!ep("/campaigns/trigger/send").has_rule(Rule::RecipientsMessaging));
    assert!(ep("/users/track").has_rule(Rule::UsersTrack));
    for p in ["/users/delete", "/users/identify", "/users/alias/new", "/email/status"] {
        assert!(ep(p).has_rule(Rule::MaxIds), "{p}");
    }
    // Export endpoints share the messaging limit on external ids + aliases (the error table's row for it).
    assert!(ep("/users/export/ids").has_rule(Rule::MaxExternalIds));
    let tx = ep("/transactional/v1/campaigns/abc/send");
    assert!(!tx.has_rule(Rule::RecipientsMessaging) && !tx.has_rule(Rule::RecipientsTrigger));
    assert!(!send.idempotent && !ep("/users/track").idempotent && !ep("/sends/id/create").idempotent);
    assert!(ep("/messages/schedule/delete").idempotent);
}

#[test]
fn resolve_accepts_aliases_with_a_hint_and_concrete_paths() {
    let c = endpoints();
    let r = c.resolve("/send/id/create").unwrap();
    assert_eq!(r.endpoint.path, "/sends/id/create");
    assert!(r.hint.as_deref().is_some_and(|h| h.contains("/sends/id/create")));
    let r = c.resolve("GET /send/data_series?campaign_id=x").unwrap();
    assert_eq!(r.endpoint.path, "/sends/data_series");
    assert!(r.hint.is_some());
    let r = c.resolve("POST /transactional/v1/campaigns/c-123/send").unwrap();
    assert_eq!(r.endpoint.path, "/transactional/v1/campaigns/{campaign_id}/send");
    assert!(r.hint.is_none());
    assert!(c.resolve("/messages/send").unwrap().hint.is_none());
    assert!(c.resolve("GET /messages/send").is_none());
    assert!(c.resolve("/messages/sends").is_none());
}

/// A catalog of one group file holding `endpoints` (TOML).
fn load_one(endpoints: &str) -> Result<EndpointCatalog, CatalogError> {
    let text = format!("[group]\nid = \"g\"\ntitle = {{ en = \"G\", ko = \"지\" }}\n{endpoints}");
    EndpointCatalog::load(&[("g.toml", &text)])
}

const ONE: &str = "[[endpoint]]\nmethod = \"POST\"\npath = \"/users/track\"\nkind = \"write\"\npermission = \"p\"\n\
                   purpose = { en = \"p\", ko = \"p\" }\nrate_limit = { en = \"r\", ko = \"r\" }\n\
                   limit = { requests = 1, per_seconds = 1 }\n";

#[test]
fn load_rejects_a_missing_or_foreign_template_a_bad_method_and_duplicate_error_ids() {
    let err = |t: &str| match load_one(t) {
        Err(CatalogError::Invalid(m)) => m,
        other => panic!("{other:?}"),
    };
    assert!(err(&format!("{ONE}template = \"nope.http\"\n")).contains("nope.http"));
    assert!(err(&format!("{ONE}template = \"messages_send.http\"\n")).contains("is not this endpoint"));
    assert!(load_one(&format!("{ONE}template = \"users_track.http\"\n")).is_ok());
    let fetch = ONE.replace("\"POST\"", "\"FETCH\"");
    assert!(err(&format!("{fetch}template = \"users_track.http\"\n")).contains("method must be one of"));
    let twice = format!("{ONE}template = \"users_track.http\"\n");
    assert!(err(&format!("{twice}{twice}")).contains("listed twice"));
    assert!(err(&format!("{ONE}template = \"users_track.http\"\nsuccess = 404\n")).contains("not a 2XX"));
    let row = "[[error]]\nid = \"a\"\nstatus = 400\nname = \"A\"\nretry = \"fix_request\"\nsent = false\n\
               predictable = true\nmeaning = { en = \"e\", ko = \"k\" }\naction = { en = \"e\", ko = \"k\" }\n";
    let dup = format!("shape = []\n{row}{row}");
    assert!(matches!(ErrorTable::parse(&dup), Err(CatalogError::Invalid(m)) if m.contains("duplicate")));
    let untagged = ErrorTable::load("shape = []\nerror = []\n", &[("x.toml", row)]);
    assert!(matches!(untagged, Err(CatalogError::Invalid(m)) if m.contains("names no endpoints")));
}

#[test]
fn every_template_passes_the_validator_without_a_fatal_diagnostic() {
    let now = jiff::Timestamp::from_second(1_735_689_600).unwrap(); // 2025-01-01T00:00:00Z
    let ctx = crate::validate::Context::new(now, jiff::tz::TimeZone::UTC);
    // The validator must be able to say no, or passing it proves nothing.
    assert!(!crate::validate::check("/messages/send", "{}", &ctx).ok);
    for e in &endpoints().endpoints {
        let target = format!("{} {}", e.method, e.template_path());
        let report = crate::validate::check(&target, e.template_body(), &ctx);
        assert_eq!(report.endpoint, e.key());
        let fatal: Vec<_> = report.fatal().collect();
        assert!(fatal.is_empty(), "{}: {fatal:?}", e.key());
        for d in &report.diagnostics {
            eprintln!("{}: {} {} at {} — {}", e.key(), d.severity.as_str(), d.error, d.pointer, d.message);
        }
    }
}

/// A one-endpoint catalog whose body is `body` (TOML array items) and whose shared file is `tail`.
fn catalog_with(method: &str, body: &str, tail: &str) -> Result<EndpointCatalog, CatalogError> {
    let path = if method == "GET" { "/campaigns/list" } else { "/users/track" };
    let template = if method == "GET" { "campaigns_list.http" } else { "users_track.http" };
    let group = format!(
        "[group]\nid = \"g\"\ntitle = {{ en = \"G\", ko = \"지\" }}\n[[endpoint]]\nmethod = \"{method}\"\npath = \"{path}\"\nkind = \"write\"\n\
         permission = \"p\"\npurpose = {{ en = \"p\", ko = \"p\" }}\nrate_limit = {{ en = \"r\", ko = \"r\" }}\n\
         limit = {{ requests = 1, per_seconds = 1 }}\ntemplate = \"{template}\"\nbody = [\n{body}\n]\n"
    );
    EndpointCatalog::load(&[("g.toml", &group), ("_shared.toml", tail)])
}

#[test]
fn body_keys_parse_every_type_and_an_unknown_type_fails_with_its_location() {
    let c = catalog_with(
        "POST",
        "{ name = \"a\", type = \"string\", required = true, note = \"n\" },\n\
         { name = \"b\", type = \"boolean\" }, { name = \"c\", type = \"object\" }, { name = \"d\", type = \"array\" },\n\
         { name = \"e\", type = \"array_of_strings\" }, { name = \"f\", type = \"array_of_objects\" },\n\
         { name = \"g\", type = \"string_or_array_of_strings\" }, { name = \"h\", type = \"any\" },\n\
         { name = \"i\", type = \"one_of\", values = [\"x\", \"y\"] },",
        "",
    )
    .unwrap();
    let kinds: Vec<&BodyType> = c.endpoints[0].body.iter().map(|k| &k.kind).collect();
    let one_of = BodyType::OneOf(vec!["x".into(), "y".into()]);
    use BodyType::*;
    assert_eq!(
        kinds,
        [&String, &Boolean, &Object, &Array, &ArrayOfStrings, &ArrayOfObjects, &StringOrArrayOfStrings, &Any, &one_of]
    );
    let a = &c.endpoints[0].body[0];
    assert!(a.required && a.note.as_deref() == Some("n"));
    assert!(!c.endpoints[0].body[1].required && c.endpoints[0].body[1].note.is_none());
    assert_eq!(c.endpoints[0].body.len(), 9);

    let err = catalog_with("POST", "{ name = \"a\", type = \"string\" },\n{ name = \"n\", type = \"float\" },", "")
        .unwrap_err()
        .to_string();
    assert!(err.contains("g.toml") && err.contains("float") && err.contains("line 15, column 22"), "{err}");
}

#[test]
fn parse_rejects_inconsistent_body_keys() {
    let rejected = |method: &str, body: &str, tail: &str, says: &str| {
        let err = catalog_with(method, body, tail).expect_err(body).to_string();
        assert!(err.contains(says), "{body}: {err}");
    };
    rejected("POST", "{ name = \"s\", type = \"one_of\" }", "", "non-empty `values`");
    rejected("POST", "{ name = \"s\", type = \"one_of\", values = [] }", "", "non-empty `values`");
    rejected("POST", "{ name = \"s\", type = \"string\", values = [\"a\"] }", "", "only for type = \"one_of\"");
    rejected("POST", "{ name = \"s\", type = \"string\", requried = true }", "", "requried");
    rejected(
        "POST",
        "{ name = \"s\", type = \"string\" }, { name = \"s\", type = \"object\" }",
        "",
        "`s` is listed twice",
    );
    rejected("GET", "{ name = \"s\", type = \"string\" }", "", "GET endpoint takes no body");
    let nested = |keys: &str, under: &str| format!("[[nested]]\nname = \"n\"\nunder = [{under}]\nkeys = [{keys}]\n");
    let k = "{ name = \"t\", type = \"any\" }";
    rejected("POST", "", &nested("{ name = \"t\", type = \"any\", required = true }", "\"p\""), "cannot be required");
    rejected("POST", "", &nested(&format!("{k}, {k}"), "\"p\""), "`t` is listed twice");
    rejected("POST", "", &nested(k, ""), "no `under`");
    rejected("POST", "", &format!("{}{}", nested(k, "\"p\""), nested(k, "\"p[]\"")), "parent of two");
    rejected("POST", "", "[messaging_objects]\ndocumented = [\"sms\"]\nlegacy = [\"sms\"]\n", "`sms` is listed twice");

    let c = catalog_with("POST", "", &nested(k, "\"p[]\", \"q\"")).unwrap();
    assert!(c.nested[0].endpoints.is_empty(), "no `endpoints`: every endpoint");
    let under: Vec<(&str, bool)> = c.nested[0].under.iter().map(|p| (p.key.as_str(), p.each)).collect();
    assert_eq!(under, [("p", true), ("q", false)]);
    assert!(c.endpoints[0].body.is_empty(), "an empty body list documents nothing");
}

#[test]
fn every_post_documents_its_body_keys_and_its_template_uses_only_them() {
    for e in &endpoints().endpoints {
        if e.method == "GET" {
            assert!(e.body.is_empty(), "{}", e.key());
            continue;
        }
        if e.body.is_empty() || e.template_body().trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(e.template_body()).unwrap();
        for k in v.as_object().unwrap().keys() {
            assert!(e.body.iter().any(|b| &b.name == k), "{}: template key `{k}` is not documented", e.key());
        }
        for b in e.body.iter().filter(|b| b.required) {
            assert!(v.get(&b.name).is_some(), "{}: template lacks required `{}`", e.key(), b.name);
        }
    }
}

#[test]
fn nested_objects_hang_under_documented_keys_and_messaging_objects_are_known() {
    let c = endpoints();
    assert!(!c.nested.is_empty());
    for n in &c.nested {
        // Every entry is used, and wherever it applies its parents are objects (arrays of objects for "key[]").
        let mut used = false;
        for e in c.endpoints.iter().filter(|e| n.applies_to(&e.method, &e.path)) {
            for p in &n.under {
                let want = if p.each { BodyType::ArrayOfObjects } else { BodyType::Object };
                let documented = e.body.iter().find(|b| b.name == p.key);
                if !n.endpoints.is_empty() || documented.is_some() {
                    assert_eq!(documented.map(|b| &b.kind), Some(&want), "nested `{}` on {}", n.name, e.key());
                    used = true;
                }
            }
        }
        assert!(used, "nested `{}` applies to no documented key", n.name);
    }
    // The shapes the task names are data, not prose: a catalog item's id, a SCIM user's name, and `user_aliases`
    // with two shapes on disjoint endpoints.
    let named = |name: &str| c.nested.iter().find(|n| n.name == name).unwrap_or_else(|| panic!("{name}"));
    assert!(named("catalog_item").applies_to("PATCH", "/catalogs/{catalog_name}/items"));
    assert!(!named("catalog_item").applies_to("PATCH", "/catalogs/{catalog_name}/items/{item_id}"));
    assert!(named("scim_name").applies_to("PUT", "/scim/v2/Users/{id}"));
    assert!(!named("user_alias").overlaps(named("new_user_alias")));
    let objects = &c.messaging_objects;
    assert!(objects.contains("apple_push") && objects.contains("slideup") && !objects.contains("ios_push"));
    assert!(!objects.documented.iter().any(|o| objects.legacy.contains(o)));
}

#[test]
fn the_catalog_json_keeps_its_shape_without_body_keys() {
    let v = serde_json::to_value(&endpoints().endpoints[0]).unwrap();
    assert!(v.get("path").is_some() && v.get("body").is_none(), "{v}");
}

#[test]
fn every_group_has_a_title_in_both_languages() {
    let c = endpoints();
    for g in c.groups() {
        let t = c.group_titles.get(g).unwrap_or_else(|| panic!("group {g:?} has no title"));
        assert!(g.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "group id {g:?} is snake_case");
        assert!(!t.en.is_empty() && t.en.is_ascii(), "{g}: {}", t.en);
        assert!(t.ko.chars().any(|ch| ('\u{AC00}'..='\u{D7A3}').contains(&ch)), "{g}: {}", t.ko);
    }
    assert!(c.group_titles.len() >= c.groups().len());
}

/// A catalog of POST /users/track and POST /messages/send, both with the body `body`, and the shared file `tail`.
fn two_posts(body: &str, tail: &str) -> Result<EndpointCatalog, CatalogError> {
    let endpoint = |path: &str, template: &str| {
        format!(
            "[[endpoint]]\nmethod = \"POST\"\npath = \"{path}\"\nkind = \"write\"\npermission = \"p\"\n\
             purpose = {{ en = \"p\", ko = \"p\" }}\nrate_limit = {{ en = \"r\", ko = \"r\" }}\n\
             limit = {{ requests = 1, per_seconds = 1 }}\ntemplate = \"{template}\"\nbody = [{body}]\n"
        )
    };
    let group = format!(
        "[group]\nid = \"g\"\ntitle = {{ en = \"G\", ko = \"지\" }}\n{}{}",
        endpoint("/users/track", "users_track.http"),
        endpoint("/messages/send", "messages_send.http")
    );
    EndpointCatalog::load(&[("g.toml", &group), ("_shared.toml", tail)])
}

#[test]
fn nested_endpoints_must_exist_and_document_the_parent_and_only_overlapping_entries_clash() {
    let body = "{ name = \"p\", type = \"array_of_objects\" }, { name = \"o\", type = \"object\" }, \
                { name = \"s\", type = \"string\" }";
    let entry = |name: &str, under: &str, endpoints: &[&str]| {
        let list = endpoints.iter().map(|e| format!("\"{e}\"")).collect::<Vec<_>>().join(", ");
        let endpoints = if endpoints.is_empty() { String::new() } else { format!("endpoints = [{list}]\n") };
        format!(
            "[[nested]]\nname = \"{name}\"\nunder = [{under}]\n{endpoints}keys = [{{ name = \"t\", type = \"any\" }}]\n"
        )
    };
    let (track, send) = ("POST /users/track", "POST /messages/send");
    let rejected = |tail: &str, says: &str| {
        let err = two_posts(body, tail).expect_err(tail).to_string();
        assert!(err.contains(says), "{tail}: {err}");
    };
    rejected(&entry("n", "\"p[]\"", &["POST /nowhere"]), "`POST /nowhere` is not in the catalog");
    rejected(&entry("n", "\"p[]\"", &["GET /users/track"]), "is not in the catalog");
    rejected(&entry("n", "\"q\"", &[track]), "POST /users/track documents no body key `q`");
    rejected(&entry("n", "\"p\"", &[track]), "documents `p` as array_of_objects, not object");
    rejected(&entry("n", "\"o[]\"", &[send]), "documents `o` as object, not array_of_objects");
    // Without `endpoints`, a key documented as something else than an object anywhere needs narrowing.
    rejected(&entry("n", "\"s\"", &[]), "documents `s` as string");
    // Two shapes under one key: fine on disjoint endpoints, not where they meet (nor with an unrestricted one).
    let a = entry("a", "\"p[]\"", &[track]);
    let b = entry("b", "\"p[]\", \"o\"", &[send]);
    let c = two_posts(body, &format!("{a}{b}")).unwrap();
    assert_eq!(c.nested[1].endpoints, [send]);
    rejected(
        &format!("{a}{}", entry("b", "\"o\", \"p[]\"", &[send, track])),
        "`p` is the parent of two nested objects (`a` and `b`",
    );
    rejected(&format!("{a}{}", entry("c", "\"p[]\"", &[])), "`p` is the parent of two nested objects");
    rejected(&entry("d", "\"x[]\", \"x\"", &[]), "`x` is the parent of two nested objects");
}

/// A body key's own type rows (`error`, `items_error`) exist and belong to every endpoint the key is checked on.
#[test]
fn body_keys_name_type_rows_of_their_own_endpoints() {
    let (c, t) = (super::endpoints(), super::errors());
    let check = |key: &super::BodyKey, endpoint: &str| {
        for row in [&key.error, &key.items_error].into_iter().flatten() {
            let r = t.row(row).unwrap_or_else(|| panic!("{endpoint} `{}`: no row {row}", key.name));
            assert!(r.endpoints.is_empty() || r.endpoints.iter().any(|e| e == endpoint), "{endpoint}: {row}");
        }
    };
    for e in &c.endpoints {
        e.body.iter().for_each(|k| check(k, e.key()));
    }
    for n in &c.nested {
        assert!(n.keys.iter().all(|k| k.error.is_none()) || !n.endpoints.is_empty(), "{}: scope it", n.name);
        for e in &n.endpoints {
            n.keys.iter().for_each(|k| check(k, e));
        }
    }
}
