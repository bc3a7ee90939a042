//! `brazen import curl` through the real binary: a fake key in every position a credential can take in a curl
//! command never reaches standard output or standard error, in text or JSON, and the suggested command carries
//! none.

use std::path::Path;
use std::process::{Command, Output, Stdio};

const KEY: &str = "FAKEKEY-import-7c41d2e9a0b5";

fn brazen(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_brazen"))
        .args(args)
        .env("BRAZEN_HOME", home)
        .env("NO_COLOR", "1")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("BRAZE_API_KEY")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn both(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

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
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("cmd.sh");
    std::fs::write(&file, everywhere()).unwrap();
    let file = file.display().to_string();
    for format in ["text", "json"] {
        let o = brazen(home.path(), &["import", "curl", &file, "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", both(&o));
        assert!(!both(&o).contains(KEY), "{format}: the key is shown:\n{}", both(&o));
        assert!(both(&o).contains("left out"), "{format}: says what it left out:\n{}", both(&o));
    }
    let o = brazen(home.path(), &["import", "curl", &file, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["send_command"], "brazen send '/users/track?x=1' BODY.json --env US-01");
    assert_eq!(v["url"], "https://rest.iad-01.braze.com/users/track?x=1");
    assert!(!v["body"].as_str().unwrap().contains("api_key"), "{v}");
}

#[test]
fn an_unusable_command_names_no_credential_either() {
    let home = tempfile::tempdir().unwrap();
    for cmd in
        [format!("curl 'ftp://bob:{KEY}@h/x?api_key={KEY}'"), format!("curl 'http://bob:{KEY}@[::1/x?api_key={KEY}'")]
    {
        let file = home.path().join("bad.sh");
        std::fs::write(&file, &cmd).unwrap();
        let o = brazen(home.path(), &["import", "curl", &file.display().to_string()]);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", both(&o));
        assert!(String::from_utf8_lossy(&o.stderr).contains("invalid URL"), "{}", both(&o));
        assert!(!both(&o).contains(KEY), "{cmd}: {}", both(&o));
    }
}
