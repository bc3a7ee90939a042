//! `brazen import curl` through the real binary: a fake key in every position a credential can take in a curl
//! command never reaches standard output or standard error, in text or JSON, and the suggested command carries
//! none.

mod common;

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
