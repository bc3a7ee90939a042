//! The send engine and SCIM: the credential each request goes out with is the catalog's word, the origin brazen
//! adds is recorded, a SCIM request without a token is refused by the engine itself (nothing leaves, the REST key is
//! not tried), and the token a server echoes back is not kept.

use crate::common;

use base64::Engine as _;
use brazen::client::{CancellationToken, PreparedRequest, ScimAuth, SendPlan, Sender, Target};
use brazen::config::{ApiKey, ScimToken};
use brazen::exchange::NetworkErrorKind;
use common::Recorder;

const KEY: &str = "rest-engine-key-0123456789";
const TOKEN: &str = "scim-engine-token-9876543210";

fn target(url: &str, scim: bool) -> Target {
    let mut t = Target::new("stub", url, ApiKey::new(KEY));
    if scim {
        t.scim = Some(ScimAuth { token: ScimToken::new(TOKEN), origin: Some("ops.example".into()) });
    }
    t
}

async fn send(t: &Target, req: &PreparedRequest) -> brazen::client::Sent {
    let sender = Sender::new(brazen::client::ClientSettings::default()).unwrap();
    sender.send(t, req, &SendPlan::once(), None, &CancellationToken::new()).await
}

#[tokio::test]
async fn a_scim_request_goes_with_the_token_and_the_origin_is_recorded() {
    // The server echoes the token back, plain and in base64.
    let echo = format!(
        r#"{{"detail": "token {TOKEN}", "b64": "{}"}}"#,
        base64::engine::general_purpose::STANDARD.encode(TOKEN)
    );
    let server = Recorder::always("200 OK", &echo);
    let req = PreparedRequest::new("GET /scim/v2/Users/abc", "").unwrap();
    let sent = send(&target(&server.url, true), &req).await;
    let got = server.received();
    assert_eq!(got[0].header("authorization"), [format!("Bearer {TOKEN}").as_str()]);
    assert_eq!(got[0].header("x-request-origin"), ["ops.example"]);
    let ex = &sent.exchange;
    assert!(
        ex.request.headers.contains(&("x-request-origin".into(), "ops.example".into())),
        "{:?}",
        ex.request.headers
    );
    let kept = serde_json::to_string(ex).unwrap();
    assert!(!kept.contains(TOKEN), "{kept}");
    assert!(!kept.contains(&base64::engine::general_purpose::STANDARD.encode(TOKEN)), "{kept}");
    assert!(!kept.contains(KEY), "{kept}");

    // A REST request to the same target: the key, no origin.
    let track = PreparedRequest::new("/users/track", r#"{"attributes": []}"#).unwrap();
    send(&target(&server.url, true), &track).await;
    let got = server.received();
    assert_eq!(got[1].header("authorization"), [format!("Bearer {KEY}").as_str()]);
    assert!(got[1].header("x-request-origin").is_empty());
}

#[tokio::test]
async fn without_a_scim_token_nothing_leaves_and_the_key_is_not_tried() {
    let server = Recorder::always("200 OK", "{}");
    let req = PreparedRequest::new("DELETE /scim/v2/Users/abc", "").unwrap();
    let sent = send(&target(&server.url, false), &req).await;
    assert!(server.received().is_empty(), "{:#?}", server.received());
    let ex = &sent.exchange;
    assert_eq!(ex.attempts.len(), 1);
    let failure = ex.attempts[0].failure.as_ref().expect("the reason");
    assert_eq!(failure.kind, NetworkErrorKind::Other);
    assert!(failure.detail.contains("no SCIM token for stub"), "{}", failure.detail);
    assert!(failure.detail.contains("nothing was sent"), "{}", failure.detail);
    assert!(ex.status().is_none());
}
