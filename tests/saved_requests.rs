//! Saved requests with variables through the real binary: `validate --request` and `send --request` (exit codes,
//! diagnostics at their line and column, the documented order of the variables), the saved request's name in the
//! history, and a secret variable's value absent from every output and from the raw bytes of the history.

use crate::common;

use common::{BackgroundMock, Home, allow_key, code, contains_bytes, err, json, out, text};

const KEY: &str = "saved-requests-key-4d8e2a";
/// A secret variable's value, from the process environment (`value_env`).
const TOKEN: &str = "customer-token-7f3a9c51e2";
/// A secret by its name (`api_password`), from the environment's variables.
const PASSWORD: &str = "env-password-b61d04c8aa";

/// A collection in the home: `requests/variables.toml` and `requests/customer-a/<name>.http`; returns the file's
/// path.
fn collection(h: &Home, name: &str, request: &str) -> String {
    let root = h.path().join("requests");
    std::fs::create_dir_all(root.join("customer-a")).unwrap();
    std::fs::write(
        root.join("variables.toml"),
        "campaign = \"from-collection\"\nuser = \"from-collection\"\nsender = \"from-collection\"\n\
         customer_token = { value_env = \"CUSTOMER_TOKEN\", secret = true }\n",
    )
    .unwrap();
    let file = root.join("customer-a").join(format!("{name}.http"));
    std::fs::write(&file, request).unwrap();
    file.display().to_string()
}

const TRIGGER: &str = "# Send the welcome campaign.\nPOST /campaigns/trigger/send\nX-Trace: {{trace}}\n\n{\n  \
                       \"campaign_id\": \"{{campaign}}\",\n  \"recipients\": [{\"external_user_id\": \"{{person}}\"}],\n  \
                       \"trigger_properties\": {\"greeting\": \"Hi {{first_name}}\", \"liquid\": \"{{${first_name}}}\"}\n}\n";

#[test]
fn validate_request_places_undefined_variables_and_takes_var() {
    let h = Home::new();
    let file = collection(&h, "welcome", TRIGGER);

    let o = h.run(&["validate", "--request", &file]);
    assert_eq!(code(&o), 1, "{}", text(&o));
    let report = out(&o);
    // The header and the recipient's id are undefined; the greeting's {{first_name}} is Liquid and passes.
    assert!(report.contains(&format!("{file}:3:10: fatal[undefined_variable]")), "{report}");
    assert!(report.contains(&format!("{file}:7:40: fatal[undefined_variable]")), "{report}");
    assert!(report.contains("{{person}} is not defined"), "{report}");
    assert!(!report.contains("{{first_name}} is not defined"), "{report}");
    assert!(report.contains("  |          ^"), "a caret under the header's reference: {report}");

    let o = h.run(&["validate", "--request", &file, "--var", "trace=t-1", "--var", "person=u-1"]);
    assert_eq!(code(&o), 0, "{}", text(&o));

    let o = h.run(&["validate", "--request", &file, "--var", "person=u-1", "--format", "json"]);
    assert_eq!(code(&o), 1, "{}", text(&o));
    let v = json(&o);
    let d = &v["diagnostics"][0];
    assert_eq!((d["error"].as_str(), d["area"].as_str()), (Some("undefined_variable"), Some("header")), "{v}");
    assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(3), Some(10)), "{v}");

    // Usage errors: a bad --var, ENDPOINT with --request, a file that does not parse.
    let o = h.run(&["validate", "--request", &file, "--var", "person"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(err(&o).contains("--var \"person\": expected NAME=VALUE"), "{}", err(&o));
    let o = h.run(&["validate", "--request", &file, "--var", "1x=y"]);
    assert_eq!(code(&o), 2);
    assert!(err(&o).contains("\"1x\""), "{}", err(&o));
    let o = h.run(&["validate", "/messages/send", "--request", &file]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    let broken = h.file("broken.http", "# A note.\nFETCH /campaigns/list\n");
    let o = h.run(&["validate", "--request", &broken]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(err(&o).contains(&format!("{broken}:2: the request line must start with")), "{}", err(&o));
    // An undefined variable in the path is placed on the request line.
    let path = collection(&h, "details", "GET /catalogs/{{catalog}}/items\n");
    let o = h.run(&["validate", "--request", &path]);
    assert_eq!(code(&o), 1, "{}", text(&o));
    assert!(out(&o).contains(&format!("{path}:1:15: fatal[undefined_variable]")), "{}", out(&o));
}

/// A mock with [`KEY`], an environment `stage` pointing at it with its own variables, and the collection.
fn stage(h: &Home, mock: &BackgroundMock) {
    h.config(&format!(
        "[environment.stage]\nurl = \"{}\"\napi_key_env = \"STAGE_KEY\"\n\n[environment.stage.variables]\n\
         user = \"from-environment\"\nsender = \"from-environment\"\napi_password = \"{PASSWORD}\"\n",
        mock.url
    ));
}

fn run_staged(h: &Home, args: &[&str]) -> std::process::Output {
    h.run_with(args, |c| {
        c.env("STAGE_KEY", KEY).env("CUSTOMER_TOKEN", TOKEN);
    })
}

const TRACK: &str = "# @environment stage\nPOST /users/track\nX-Customer-Token: {{customer_token}}\n\n{\n  \
                     \"attributes\": [\n    {\n      \"external_id\": \"{{user}}\",\n      \"sender\": \"{{sender}}\",\n      \
                     \"campaign\": \"{{campaign}}\",\n      \"note\": \"{{customer_token}} {{api_password}}\"\n    }\n  ]\n}\n";

#[test]
fn send_request_resolves_in_order_and_records_the_saved_request() {
    let mock = BackgroundMock::start(|o| allow_key(o, KEY));
    let h = Home::new();
    stage(&h, &mock);
    let file = collection(&h, "track", TRACK);

    // The file names its environment: collection < environment < --var.
    let o = run_staged(&h, &["send", "--request", &file, "--var", "sender=from-flag", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let o = h.run(&["history", "show", "1", "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let v = json(&o);
    assert_eq!(v["saved_request"], "customer-a/track", "{v}");
    assert_eq!(v["environment"], "stage", "{v}");
    let body: serde_json::Value = serde_json::from_str(v["request"]["body"].as_str().unwrap()).unwrap();
    let attrs = &body["attributes"][0];
    assert_eq!(attrs["campaign"], "from-collection");
    assert_eq!(attrs["external_id"], "from-environment");
    assert_eq!(attrs["sender"], "from-flag");
    assert_eq!(attrs["note"], "{{customer_token}} {{api_password}}", "secrets are kept as references");
    let o = h.run(&["history", "show", "1"]);
    assert!(out(&o).contains("saved request customer-a/track"), "{}", out(&o));

    // An exchange not sent from a saved request has none.
    let plain = h.file("plain.json", r#"{"attributes": [{"external_id": "u-2"}]}"#);
    let o = run_staged(&h, &["send", "/users/track", &plain, "--env", "stage"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let o = h.run(&["history", "list", "--format", "json"]);
    let rows = json(&o);
    assert_eq!(rows[0]["saved_request"], serde_json::Value::Null, "{rows}");
    assert_eq!(rows[1]["saved_request"], "customer-a/track", "{rows}");

    // A value_env that is not set is an error naming it, only because the request uses it.
    let o = h.run_with(&["send", "--request", &file], |c| {
        c.env("STAGE_KEY", KEY).env_remove("CUSTOMER_TOKEN");
    });
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(err(&o).contains("$CUSTOMER_TOKEN"), "{}", err(&o));
}

#[test]
fn a_secret_variables_value_never_reaches_the_history_or_the_output() {
    let mock = BackgroundMock::start(|o| allow_key(o, KEY));
    let h = Home::new();
    stage(&h, &mock);
    let file = collection(&h, "track", TRACK);
    let mut outputs = String::new();
    for args in [
        &["send", "--request", &file][..],
        &["send", "--request", &file, "--format", "json"],
        &["validate", "--request", &file, "--format", "json"],
        &["history", "show", "1"],
        &["history", "show", "1", "--format", "json"],
        &["config", "--env", "stage"],
        &["config", "--format", "json"],
    ] {
        let o = run_staged(&h, args);
        assert!(code(&o) == 0, "{args:?}: {}", text(&o));
        outputs.push_str(&text(&o));
    }
    // A replay of a failed send resolves the references again, and records them as references again.
    let bad = collection(
        &h,
        "bad",
        "# @environment stage\nPOST /users/track\nX-Customer-Token: {{customer_token}}\n\n{\"attributes\": \"{{api_password}}\"}\n",
    );
    let o = run_staged(&h, &["send", "--request", &bad, "--force"]);
    assert_eq!(code(&o), 4, "{}", text(&o));
    let var = format!("customer_token={TOKEN}");
    let o = run_staged(&h, &["replay", "--class", "4XX", "--yes", "--format", "json", "--var", &var]);
    assert_eq!(code(&o), 4, "{}", text(&o));
    assert_eq!(json(&o)[0]["original"], 3, "{}", text(&o));
    outputs.push_str(&text(&o));
    let replayed = json(&h.run(&["history", "show", "4", "--format", "json"]));
    assert_eq!(replayed["saved_request"], "customer-a/bad", "{replayed}");
    assert!(replayed["request"]["body"].as_str().unwrap().contains("{{api_password}}"), "{replayed}");

    for secret in [TOKEN, PASSWORD] {
        assert!(!outputs.contains(secret), "{secret} in the output:\n{outputs}");
        for entry in std::fs::read_dir(h.path()).unwrap().flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("history.sqlite3") {
                let bytes = std::fs::read(entry.path()).unwrap();
                assert!(!contains_bytes(&bytes, secret), "{secret} in {name}");
            }
        }
    }
    let shown = json(&h.run(&["history", "show", "1", "--format", "json"]));
    let headers = shown["request"]["headers"].to_string();
    assert!(headers.contains("{{customer_token}}"), "{headers}");
}
