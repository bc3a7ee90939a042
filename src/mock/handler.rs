//! The one handler every request goes through. The order of checks (documented in [`super`]) is the order of
//! the code below.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use futures_util::StreamExt;

use super::body::{self, Refused};
use super::faults::{self, FAULT_HEADER, Fault, HTML_502};
use super::ratelimit::Window;
use super::state::{Row, Shared};
use super::store::Evicted;
use super::{answers, reads};
use crate::catalog::Credential;

/// Names what the session forgot to make room for what this request stored (`schedule ID`, `send ID`, comma
/// separated when it was more than one).
pub const EVICTED_HEADER: &str = "x-brazen-evicted";

const JSON: &str = "application/json";

/// Who sent the request, for the log line (never the key itself).
enum Who {
    /// The request was refused before its key was looked at (404).
    NotChecked,
    Missing,
    Unknown,
    Key(usize),
}

struct Trace {
    who: Who,
    fault: Option<Fault>,
    evicted: Vec<Evicted>,
}

pub(crate) async fn handle(State(s): State<Arc<Shared>>, req: Request) -> Response {
    let started = Instant::now();
    let (parts, body) = req.into_parts();
    let mut trace = Trace { who: Who::NotChecked, fault: None, evicted: Vec::new() };
    let resp = serve(&s, &parts, body, &mut trace).await;
    s.served.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    if s.log {
        let who = match trace.who {
            Who::NotChecked => "-".to_string(),
            Who::Missing => "none".to_string(),
            Who::Unknown => "unknown".to_string(),
            Who::Key(i) => s.keys[i].name.clone(),
        };
        let fault = trace.fault.map(|f| format!(" fault={f}")).unwrap_or_default();
        eprintln!(
            "{:.0} {} {} {} {:.1}ms key={who}{fault}",
            s.now(),
            parts.method,
            parts.uri.path(),
            resp.status().as_u16(),
            started.elapsed().as_secs_f64() * 1000.0,
        );
        for e in &trace.evicted {
            let cap = match e {
                Evicted::Schedule { .. } => s.limits.max_schedules,
                Evicted::Send { .. } => s.limits.max_sends,
                // A thing names its own bound.
                Evicted::Thing { .. } => 0,
            };
            eprintln!("brazen mock: {}", e.sentence(cap));
        }
    }
    resp
}

async fn serve(s: &Shared, parts: &axum::http::request::Parts, body: Body, trace: &mut Trace) -> Response {
    let now = s.now().as_second();
    let Some((ep, endpoint)) = s.route(parts.method.as_str(), parts.uri.path()) else {
        return row_response(&s.rows.not_found, Window::fresh(s.default_limit, now));
    };
    let presented = bearer(&parts.headers);
    // A SCIM endpoint takes a SCIM token and nothing else; every other endpoint a REST key and nothing else.
    let scim = endpoint.credential == Credential::Scim;
    let Some((key, k)) = presented.and_then(|p| s.key(p)).filter(|(_, k)| k.scim == scim) else {
        trace.who = if presented.is_some() { Who::Unknown } else { Who::Missing };
        return row_response(&s.rows.unauthorized, Window::fresh(s.limiter.limit(ep), now));
    };
    trace.who = Who::Key(key);
    if !k.active {
        return row_response(&s.rows.forbidden, s.limiter.peek(key, ep, now));
    }
    if !k.allowed[ep] {
        return row_response(&s.rows.access_denied, s.limiter.peek(key, ep, now));
    }

    let fault = match parts.headers.get(FAULT_HEADER) {
        Some(v) => match v
            .to_str()
            .map_err(|_| "not ASCII".to_string())
            .and_then(|t| t.parse::<Fault>().map_err(|e| e.to_string()))
        {
            Ok(f) => Some(f),
            Err(e) => {
                let body = serde_json::json!({ "message": s.rows.bad_request.name, "errors": [format!("X-Brazen-Fault: {e}")] });
                return json_response(s.rows.bad_request.status, body.to_string().into(), s.limiter.peek(key, ep, now));
            }
        },
        None => faults::fire(&s.rules, ep, s.seed),
    };
    if let Some(f) = fault {
        trace.fault = Some(f);
        if let Fault::Slow(ms) = f {
            if !sleep_unless_shutdown(s, Duration::from_millis(ms)).await {
                return aborted();
            }
        } else {
            return fault_response(s, f, s.limiter.peek(key, ep, now), now).await;
        }
    }

    let now = s.now();
    let window = match s.limiter.hit(key, ep, now.as_second()) {
        Ok(w) => w,
        Err(w) => return row_response(&s.rows.rate_limited, w),
    };
    let (status, reply) = if endpoint.method == "GET" {
        reads::get(s, ep, endpoint, parts, now, &mut trace.evicted)
    } else {
        // POST, PUT, PATCH and DELETE: the body is read whatever the method (a DELETE may have none).
        let limits = &s.limits;
        match body::read(&parts.headers, body, limits.max_body, &s.bodies, limits.body_timeout).await {
            // The body's share of the budget is held until the answer is made, then given back.
            Ok(read) => answers::post(s, ep, endpoint, parts, &read.bytes, now, &mut trace.evicted),
            Err(refused) => refusal(s, refused),
        }
    };
    let mut resp = if status == StatusCode::NO_CONTENT {
        // 204 means no body: the answers file's `{}` only keeps its `body` field JSON.
        let mut r = respond(status, JSON, Body::empty(), window);
        r.headers_mut().remove(CONTENT_TYPE);
        r
    } else {
        json_response(status, serde_json::to_vec(&reply).unwrap_or_default().into(), window)
    };
    if !trace.evicted.is_empty() {
        // A send id is the client's text: if it cannot be a header value, the header names only the kinds.
        let named: Vec<String> = trace.evicted.iter().map(Evicted::header).collect();
        let kinds: Vec<&str> = trace.evicted.iter().map(Evicted::kind).collect();
        let value = HeaderValue::from_str(&named.join(", "))
            .or_else(|_| HeaderValue::from_str(&kinds.join(", ")))
            .unwrap_or(HeaderValue::from_static("send"));
        resp.headers_mut().insert(HeaderName::from_static(EVICTED_HEADER), value);
    }
    resp
}

/// The answer to a body that was not read, with its reason in `errors`.
fn refusal(s: &Shared, refused: Refused) -> super::finding::Reply {
    let limits = &s.limits;
    let mib = |n: usize| n as f64 / f64::from(1 << 20);
    let (status, name, why) = match refused {
        // Braze's own words for it ("will fail with an HTTP 413 Request Entity Too Large").
        Refused::TooLarge => (
            StatusCode::PAYLOAD_TOO_LARGE,
            "Request Entity Too Large",
            format!("the body is larger than {} MiB, the limit of every endpoint", mib(limits.max_body)),
        ),
        // The request is fine, the server is busy: a 503, which clients retry with backoff.
        Refused::Busy => (
            StatusCode::SERVICE_UNAVAILABLE,
            "Service Unavailable",
            format!(
                "the mock holds {} MiB of request bodies from other connections already; retry shortly",
                mib(limits.bodies_in_flight)
            ),
        ),
        Refused::TooSlow => (
            StatusCode::REQUEST_TIMEOUT,
            "Request Timeout",
            format!("the body did not arrive within {} s", limits.body_timeout.as_secs_f64()),
        ),
        Refused::Broken => (
            s.rows.bad_request.status,
            s.rows.bad_request.name,
            "the body was cut off, or its length is not a number".to_string(),
        ),
    };
    (status, serde_json::json!({ "message": name, "errors": [why] }))
}

/// The key of `Authorization: Bearer KEY`, as sent: quotes around it are kept, so a quoted key is unknown (401),
/// as Braze documents.
fn bearer(h: &HeaderMap) -> Option<&str> {
    let v = h.get(AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, key) = v.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| key.trim())
}

fn row_response(row: &Row, w: Window) -> Response {
    json_response(row.status, row.body.clone().into(), w)
}

fn json_response(status: StatusCode, body: Body, w: Window) -> Response {
    respond(status, JSON, body, w)
}

fn respond(status: StatusCode, content_type: &'static str, body: Body, w: Window) -> Response {
    let mut r = Response::new(body);
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(HeaderName::from_static("x-ratelimit-limit"), HeaderValue::from(w.limit));
    h.insert(HeaderName::from_static("x-ratelimit-remaining"), HeaderValue::from(w.remaining));
    h.insert(HeaderName::from_static("x-ratelimit-reset"), HeaderValue::from(w.reset));
    r
}

async fn fault_response(s: &Shared, f: Fault, w: Window, now: i64) -> Response {
    match f {
        Fault::Status(code) => {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let name = s.rows.by_status(code).or(status.canonical_reason()).unwrap_or("Error");
            let w = if code == 429 { w.played_429(now) } else { w };
            json_response(status, serde_json::json!({ "message": name }).to_string().into(), w)
        }
        Fault::Html502 => respond(StatusCode::BAD_GATEWAY, "text/html", Body::from(HTML_502), w),
        Fault::Reset => {
            // Headers and the start of a body reach the client; then the body stream fails, and hyper, unable to
            // finish the message, drops the connection. The pause makes sure the first part is flushed first.
            let first = futures_util::stream::once(async {
                Ok::<Bytes, std::io::Error>(Bytes::from_static(b"{\"message\":\"succ"))
            });
            let then_fail = futures_util::stream::once(async {
                tokio::time::sleep(Duration::from_millis(50)).await;
                Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "X-Brazen-Fault: reset"))
            });
            respond(s.rows.success, JSON, Body::from_stream(first.chain(then_fail)), w)
        }
        Fault::Timeout => {
            let mut rx = s.shutdown.clone();
            let _ = rx.wait_for(|stop| *stop).await;
            aborted()
        }
        Fault::Slow(_) => aborted(),
    }
}

/// Sleeps unless the server shuts down first; `false` when it did.
async fn sleep_unless_shutdown(s: &Shared, d: Duration) -> bool {
    let mut rx = s.shutdown.clone();
    tokio::select! {
        _ = tokio::time::sleep(d) => true,
        _ = rx.wait_for(|stop| *stop) => false,
    }
}

/// A response whose body fails at once: the connection is dropped without an answer.
fn aborted() -> Response {
    let fail = futures_util::stream::once(async {
        Err::<Bytes, _>(std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "brazen mock shutting down"))
    });
    let mut r = Response::new(Body::from_stream(fail));
    *r.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_keeps_quotes_and_wants_the_scheme() {
        let mut h = HeaderMap::new();
        assert_eq!(bearer(&h), None);
        h.insert(AUTHORIZATION, HeaderValue::from_static("Bearer sandbox-all"));
        assert_eq!(bearer(&h), Some("sandbox-all"));
        h.insert(AUTHORIZATION, HeaderValue::from_static("bearer   sandbox-all "));
        assert_eq!(bearer(&h), Some("sandbox-all"));
        h.insert(AUTHORIZATION, HeaderValue::from_static("Bearer \"sandbox-all\""));
        assert_eq!(bearer(&h), Some("\"sandbox-all\""));
        h.insert(AUTHORIZATION, HeaderValue::from_static("sandbox-all"));
        assert_eq!(bearer(&h), None);
        h.insert(AUTHORIZATION, HeaderValue::from_static("Basic sandbox-all"));
        assert_eq!(bearer(&h), None);
    }
}
