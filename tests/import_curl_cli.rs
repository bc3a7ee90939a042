//! `brazen import curl` through the real binary: a fake key in every position a credential can take in a curl
//! command never reaches standard output or standard error, in text or JSON, and the suggested command carries
//! none.

use crate::common;

use common::{Home, text};

const KEY: &str = "FAKEKEY-import-7c41d2e9a0b5";

/// One command holding the key everywhere at once.
fn everywhere() -> String {
    let k = KEY;
    format!(
        "BRAZE_API_KEY={k}-env curl --oauth2-bearer {k}-oauth -u admin:{k}-u \\\n\
         'https://bob:{k}-pw@rest.iad-01.braze.com/users/track?api_key={k}-q&x=1' \\\n\
         -H 'Authorization: Bearer {k}' -H 'Proxy-Authorization: Basic {k}-proxy' \\\n\
         -H 'X-Api-Key: {k}-xapi' -H 'Cookie: session={k}-cookie; theme=dark' -H 'X-Auth-Token: {k}-tok' \\\n\
         -H 'Content-Type: application/json' \\\n\
         -d '{{\"api_key\": \"{k}-body\", \"attributes\": [{{\"external_id\": \"u\", \"note\": \"{k}\"}}]}}' \\\n\
         'http://other.example/y?api_key={k}-second' | tee out.txt; curl -H 'X-Api-Key: {k}-after' z\n"
    )
}

#[test]
fn the_key_appears_nowhere_in_text_or_json() {
    let h = Home::new();
    let file = h.file("cmd.sh", &everywhere());
    for format in ["text", "json"] {
        let o = h.run(&["import", "curl", &file, "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", text(&o));
        assert!(!text(&o).contains(KEY), "{format}: the key is shown:\n{}", text(&o));
        assert!(text(&o).contains("left out"), "{format}: says what it left out:\n{}", text(&o));
    }
    let o = h.run(&["import", "curl", &file, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["send_command"], "brazen send '/users/track?x=1' BODY.json --env US-01");
    assert_eq!(v["url"], "https://rest.iad-01.braze.com/users/track?x=1");
    assert!(!v["body"].as_str().unwrap().contains("api_key"), "{v}");
}

#[test]
fn an_unusable_command_names_no_credential_either() {
    let h = Home::new();
    for cmd in
        [format!("curl 'ftp://bob:{KEY}@h/x?api_key={KEY}'"), format!("curl 'http://bob:{KEY}@[::1/x?api_key={KEY}'")]
    {
        let file = h.file("bad.sh", &cmd);
        let o = h.run(&["import", "curl", &file]);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", text(&o));
        assert!(String::from_utf8_lossy(&o.stderr).contains("invalid URL"), "{}", text(&o));
        assert!(!text(&o).contains(KEY), "{cmd}: {}", text(&o));
    }
}

#[test]
fn a_scim_command_shows_its_token_masked_and_keeps_its_origin() {
    let h = Home::new();
    let token = "FAKESCIM-import-3b9e1f7c2d";
    let file = h.file(
        "scim.sh",
        &format!(
            "curl -X PATCH 'https://rest.iad-03.braze.com/scim/v2/Users/7c1e4f2a?x=1' \\\n\
             -H 'Authorization: Bearer {token}' -H 'X-Request-Origin: support.example.com' \\\n\
             -H 'Content-Type: application/json' -d '{{\"note\": \"{token}\"}}'\n"
        ),
    );
    for format in ["text", "json"] {
        let o = h.run(&["import", "curl", &file, "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", text(&o));
        assert!(!text(&o).contains(token), "{format}: the token is shown:\n{}", text(&o));
        assert!(text(&o).contains("support.example.com"), "{format}: the origin is kept: {}", text(&o));
    }
    // PATCH is not a method /scim/v2/Users/{id} has: the endpoint is unknown, said, and the values kept as given.
    let o = h.run(&["import", "curl", &file, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["method"], "PATCH");
    assert_eq!(v["path"], "/scim/v2/Users/7c1e4f2a");
    assert!(v["warnings"].to_string().contains("takes GET, PUT or DELETE, not PATCH"), "{v}");

    let put = h.file(
        "put.sh",
        &format!(
            "curl -X PUT https://rest.iad-03.braze.com/scim/v2/Users/7c1e4f2a -H 'Authorization: Bearer {token}' \
         -H 'X-Request-Origin: support.example.com' -H 'Content-Type: application/json' -d '{{}}'\n"
        ),
    );
    let o = h.run(&["import", "curl", &put, "--format", "json"]);
    assert!(!text(&o).contains(token), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["endpoint"], "/scim/v2/Users/{id}");
    assert_eq!(v["scim"], true);
    assert_eq!(v["path_params"], serde_json::json!({"id": "7c1e4f2a"}));
    assert_eq!(
        v["send_command"],
        "brazen send 'PUT /scim/v2/Users/7c1e4f2a' BODY.json -H 'X-Request-Origin: support.example.com' --env US-03"
    );
}
