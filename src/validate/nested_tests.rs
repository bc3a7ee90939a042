//! The objects nested in bodies, checked on the real catalog (`assets/endpoints/_shared.toml`): a wrong type of a
//! documented nested key is a fatal `bad_request` at the value, and an entry narrowed with `endpoints` applies
//! to those endpoints only.

use super::tests::ctx;
use super::{Severity, check};

/// 1-based (line, column) of the value of `member` (`"key": value`, unique in `text`).
fn value_at(text: &str, member: &str) -> (usize, usize) {
    let start = text.find(member).unwrap_or_else(|| panic!("{member} is not in the body"));
    let colon = start + member.find(':').unwrap();
    let value = colon + 1 + text[colon + 1..].len() - text[colon + 1..].trim_start().len();
    let before = &text[..value];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// Asserts exactly one fatal finding: `bad_request` at `pointer`, placed at the value of `member`.
fn one_bad_request(endpoint: &str, text: &str, pointer: &str, member: &str) -> String {
    one_fatal(endpoint, text, "bad_request", pointer, member)
}

/// Asserts exactly one fatal finding: row `error` at `pointer`, placed at the value of `member`.
fn one_fatal(endpoint: &str, text: &str, error: &str, pointer: &str, member: &str) -> String {
    let report = check(endpoint, text, &ctx());
    let fatal: Vec<_> = report.fatal().collect();
    assert_eq!(fatal.len(), 1, "{endpoint}: {fatal:#?}");
    let d = fatal[0];
    assert_eq!((d.error.as_str(), d.pointer.as_str()), (error, pointer), "{endpoint}");
    assert_eq!((d.line, d.column), value_at(text, member), "{endpoint}: {}", d.message);
    d.message.clone()
}

fn no_fatal(endpoint: &str, text: &str) {
    let report = check(endpoint, text, &ctx());
    let fatal: Vec<_> = report.fatal().collect();
    assert!(fatal.is_empty(), "{endpoint}: {fatal:#?}");
}

#[test]
fn a_catalog_items_id_must_be_a_string() {
    let body =
        "{\n  \"items\": [\n    { \"id\": \"bistro-7\", \"rating\": 4.8 },\n    { \"id\": 17, \"rating\": 3 }\n  ]\n}";
    for method in ["PATCH", "POST", "PUT", "DELETE"] {
        let endpoint = format!("{method} /catalogs/restaurants/items");
        let msg = one_fatal(&endpoint, body, "catalog_item_ids_not_strings", "/items/1/id", "\"id\": 17");
        assert!(msg.contains("`id`"), "{msg}");
    }
    // The one-item endpoints name the item in the path: the entry is not theirs, so a number there is not judged
    // as a type; an id in their body is Braze's id-in-body (rules/15-catalogs.toml), whatever its type.
    let report =
        check("PATCH /catalogs/restaurants/items/bistro-7", "{\"items\": [{\"id\": 17, \"rating\": 4}]}", &ctx());
    let errors: Vec<&str> = report.fatal().map(|d| d.error.as_str()).collect();
    assert_eq!(errors, ["catalog_item_id_in_body"]);
}

#[test]
fn new_catalog_fields_have_a_documented_type() {
    let body = "{\n  \"fields\": [\n    { \"name\": \"seats\", \"type\": \"integer\" }\n  ]\n}";
    let msg = one_bad_request("POST /catalogs/restaurants/fields", body, "/fields/0/type", "\"type\": \"integer\"");
    assert!(msg.contains("\"time\""), "the documented types are listed: {msg}");
    no_fatal("POST /catalogs/restaurants/fields", "{\"fields\": [{\"name\": \"seats\", \"type\": \"number\"}]}");
    let body = "{\n  \"selection\": {\n    \"name\": \"top\",\n    \"external_id\": \"sel-top\",\n    \"results_limit\": \"20\"\n  }\n}";
    one_bad_request(
        "POST /catalogs/restaurants/selections",
        body,
        "/selection/results_limit",
        "\"results_limit\": \"20\"",
    );
}

#[test]
fn a_scim_users_name_and_permissions_keys_are_typed() {
    let body = "{\n  \"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"],\n  \"userName\": \"mina.park@example.com\",\n  \
                \"name\": {\n    \"givenName\": [\"Mina\"],\n    \"familyName\": \"Park\"\n  },\n  \"department\": \"marketing\"\n}";
    one_bad_request("POST /scim/v2/Users", body, "/name/givenName", "\"givenName\": [");
    let body = "{\n  \"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"],\n  \"name\": {\"givenName\": \"Jonas\", \
                \"familyName\": \"Weber\"},\n  \"department\": \"engineering\",\n  \"permissions\": {\n    \
                \"companyPermissions\": \"admin\",\n    \"appGroup\": []\n  }\n}";
    let msg = one_bad_request(
        "PUT /scim/v2/Users/abc",
        body,
        "/permissions/companyPermissions",
        "\"companyPermissions\": \"admin\"",
    );
    assert!(msg.contains("companyPermissions"), "{msg}");
}

#[test]
fn nested_keys_of_other_new_endpoints_are_typed() {
    let body = "{\n  \"name\": \"prefs\",\n  \"preference_center_page_html\": \"<p>a</p>\",\n  \"confirmation_page_html\": \
                \"<p>b</p>\",\n  \"options\": {\n    \"links-tags\": {\"rel\": \"icon\", \"href\": \"https://x.example/i.png\"}\n  }\n}";
    one_bad_request("POST /preference_center/v1", body, "/options/links-tags", "\"links-tags\": {");
    let body = "{\n  \"app_id\": \"a\",\n  \"activity_id\": \"match\",\n  \"content_state\": {\"goals\": 1},\n  \
                \"notification\": {\"alert\": \"Goal\", \"badge\": \"1\"}\n}";
    one_bad_request("POST /messages/live_activity/update", body, "/notification/badge", "\"badge\": \"1\"");
    let body = "{\n  \"merge_updates\": [\n    {\"identifier_to_merge\": \"guest-1\", \"identifier_to_keep\": {\"external_id\": \
                \"u\"}}\n  ]\n}";
    one_bad_request(
        "POST /users/merge",
        body,
        "/merge_updates/0/identifier_to_merge",
        "\"identifier_to_merge\": \"guest-1\"",
    );
    let body = "{\n  \"purchases\": [\n    {\"external_id\": \"u\", \"product_id\": \"p\", \"currency\": \"USD\", \"price\": \
                \"9.99\", \"time\": \"2024-05-01T09:05:00Z\"}\n  ]\n}";
    one_bad_request("POST /users/track/sync", body, "/purchases/0/price", "\"price\": \"9.99\"");
}

#[test]
fn the_same_key_is_judged_by_the_entry_of_its_endpoint() {
    // `user_aliases` of /users/alias/new may name the user (external_id); elsewhere it holds plain aliases.
    let alias = |external_id: &str| {
        format!(
            "{{\n  \"user_aliases\": [\n    {{\"external_id\": {external_id}, \"alias_name\": \"a\", \"alias_label\": \"b\"}}\n  ]\n}}"
        )
    };
    one_bad_request("POST /users/alias/new", &alias("5"), "/user_aliases/0/external_id", "\"external_id\": 5");
    no_fatal("POST /users/alias/new", &alias("\"user-123\""));
    let d = super::tests::run("POST /users/delete", &alias("5"));
    assert!(!d.iter().any(|x| x.0 == Severity::Fatal), "{d:?}");
    one_bad_request(
        "POST /users/delete",
        "{\n  \"user_aliases\": [\n    {\"alias_name\": 7, \"alias_label\": \"b\"}\n  ]\n}",
        "/user_aliases/0/alias_name",
        "\"alias_name\": 7",
    );
}

#[test]
fn content_block_and_email_template_bodies_are_flat() {
    // Their pages document no nested object: a wrong type is a top-level key's, and a translation map's keys are
    // the message's own tag ids, so any value under them is left to Braze.
    let body = "{\n  \"name\": \"footer\",\n  \"content\": \"<p>Bye</p>\",\n  \"tags\": \"legal\"\n}";
    // Braze's own answers for these (the keys' `error` rows).
    one_fatal("POST /content_blocks/create", body, "templates_tags_not_array", "/tags", "\"tags\": \"legal\"");
    let body = "{\n  \"email_template_id\": \"t-1\",\n  \"should_inline_css\": \"yes\"\n}";
    let (row, member) = ("email_template_inline_css_invalid", "\"should_inline_css\": \"yes\"");
    one_fatal("POST /templates/email/update", body, row, "/should_inline_css", member);
    no_fatal(
        "PUT /content_blocks/translations",
        "{\"content_block_id\": \"cb\", \"locale_id\": \"5e2b7c1a-9d34-4f60-8a21-3c6e0b9f4d12\", \"translation_map\": {\"id_0\": \"Hallo\", \"id_1\": 5}}",
    );
}

#[test]
fn a_declared_date_format_says_no_such_date_for_a_date_that_does_not_exist() {
    let text = r#"{"attributes": [{"external_id": "u", "dob": "1990-02-30"}]}"#;
    let r = check("/users/track", text, &ctx());
    let d = r.diagnostics.iter().find(|d| d.pointer == "/attributes/0/dob").expect("dob is checked");
    assert!(d.message.contains("no such date") && d.message.contains("1990-02-30"), "{}", d.message);
    // A value that is no date at all keeps the rule's own sentence.
    let r = check("/users/track", r#"{"attributes": [{"external_id": "u", "dob": "May 1st"}]}"#, &ctx());
    let d = r.diagnostics.iter().find(|d| d.pointer == "/attributes/0/dob").expect("dob is checked");
    assert!(!d.message.contains("no such date"), "{}", d.message);
    let text = r#"{"schedule": {"time": "2030-07-01T00:00:00Z"}, "external_user_ids": ["u"],
        "messages": {"apple_push": {"alert": "a", "expiry": "2030-02-30T00:00:00Z"}}}"#;
    let r = check("/messages/schedule/create", text, &ctx());
    let d = r.diagnostics.iter().find(|d| d.pointer == "/messages/apple_push/expiry").expect("expiry is checked");
    assert!(d.message.contains("no such date"), "{}", d.message);
}
