//! A fresh mock on 127.0.0.1:0 with a manual clock, requests built from the catalog's templates, and what came
//! back.

use std::sync::Arc;

use brazen::catalog::{Credential, Endpoint};
use brazen::clock::ManualClock;
use brazen::mock::{self, MockOptions, MockServer};
use serde_json::Value;

/// 2026-06-01T00:00:10Z.
pub const T0: i64 = 1_780_272_010;

pub fn t0() -> jiff::Timestamp {
    jiff::Timestamp::from_second(T0).unwrap()
}

pub struct Env {
    pub server: MockServer,
    pub http: reqwest::Client,
    pub clock: ManualClock,
}

pub async fn env() -> Env {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let clock = ManualClock::new(t0());
    let opts = MockOptions { clock: Arc::new(clock.clone()), ..MockOptions::default() };
    let server = mock::start(opts).await.unwrap();
    Env { server, http: reqwest::Client::new(), clock }
}

/// A request, editable before it is sent: the path as segments, the query as decoded pairs.
#[derive(Debug, Clone)]
pub struct Req {
    pub method: String,
    pub segments: Vec<String>,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    /// `Null`: no body.
    pub body: Value,
    pub token: &'static str,
}

impl Req {
    /// The endpoint's template, with the credential it takes (the SCIM token, else `sandbox-all`).
    pub fn template(ep: &Endpoint) -> Req {
        let t = ep.template_request();
        let body = if t.body.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&t.body).unwrap_or_else(|e| panic!("{}: template body: {e}", ep.key()))
        };
        let token = if ep.credential == Credential::Scim { mock::SANDBOX_SCIM_TOKEN } else { mock::SANDBOX_KEY };
        Req {
            method: ep.method.clone(),
            segments: ep.template_path().split('/').map(str::to_string).collect(),
            query: t.query_pairs(),
            headers: t.headers.clone(),
            body,
            token,
        }
    }

    pub fn new(method: &str, path: &str, body: Value) -> Req {
        Req {
            method: method.into(),
            segments: path.split('/').map(str::to_string).collect(),
            query: Vec::new(),
            headers: Vec::new(),
            body,
            token: mock::SANDBOX_KEY,
        }
    }

    pub fn url(&self, base: &str) -> String {
        let path: Vec<String> =
            self.segments.iter().map(|s| percent_encoding::utf8_percent_encode(s, SEGMENT).to_string()).collect();
        let mut url = format!("{base}{}", path.join("/"));
        if !self.query.is_empty() {
            let q = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(&self.query).finish();
            url = format!("{url}?{q}");
        }
        url
    }
}

/// RFC 3986's unreserved characters stay as they are, so literal segments (`data_series`) match.
const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The error row (or success kind) brazen's classification gives this answer of `ep`.
    pub fn outcome(&self, ep: &Endpoint) -> brazen::classify::Outcome {
        let policy = brazen::policy::RetryPolicy::default();
        brazen::classify::outcome_for(Some(ep), self.status, &self.headers, &self.bytes, t0(), &policy)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }
}

impl Env {
    pub async fn send(&self, r: &Req) -> Answer {
        let method = reqwest::Method::from_bytes(r.method.as_bytes()).unwrap();
        let mut b = self.http.request(method, r.url(&self.server.url())).bearer_auth(r.token);
        for (n, v) in &r.headers {
            b = b.header(n, v);
        }
        if !r.body.is_null() {
            b = b.header("content-type", "application/json").body(r.body.to_string());
        }
        let resp = b.send().await.unwrap();
        let status = resp.status().as_u16();
        let headers =
            resp.headers().iter().map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_string())).collect();
        let bytes = resp.bytes().await.unwrap().to_vec();
        Answer { status, headers, bytes }
    }

    /// Sends `method path` with `body` (JSON, or `Null` for none) as `sandbox-all`.
    pub async fn call(&self, method: &str, path: &str, body: Value) -> Answer {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let mut r = Req::new(method, path, body);
        r.query = url::form_urlencoded::parse(query.as_bytes()).into_owned().collect();
        self.send(&r).await
    }
}

/// The catalog endpoint `key` (`METHOD /path/{param}`).
pub fn endpoint(key: &str) -> &'static Endpoint {
    brazen::catalog::endpoints().endpoints.iter().find(|e| e.key() == key).unwrap_or_else(|| panic!("no {key}"))
}
