//! Whether a request is a repeatable write is the catalog's `idempotent`, for every method: a PUT or a DELETE (and
//! any endpoint marked idempotent, such as `POST /users/identify`) may be retried and replayed after a failure that
//! came after Braze may have acted; a POST that creates (`POST /scim/v2/Users`, `/users/track`) may not. These tests
//! walk the whole catalog through each place that decides it — the request rebuilt from history (replay), the send
//! plan (send, batch, replay), the retry decision, the replay's warning — so that no method is treated as safe or
//! unsafe by its name.

use rand::SeedableRng as _;

use crate::client::{PreparedRequest, SendPlan};
use crate::exchange::Exchange;
use crate::history::fixtures::{self, Answer};
use crate::retry::{Decision, Last, RetryPolicy};

fn now() -> jiff::Timestamp {
    jiff::Timestamp::from_second(1_800_000_000).unwrap()
}

/// `method pattern` as the history keeps it after a 503: the catalog path as the endpoint, the concrete one in the URL.
fn failed(method: &str, pattern: &str, concrete: &str) -> Exchange {
    let answer = Answer::Http { status: 503, body: r#"{"message": "Service Unavailable"}"#.into() };
    let mut ex = fixtures::exchange(method, pattern, "{}", answer, now());
    ex.request.url = format!("https://rest.iad-01.braze.com{concrete}");
    ex
}

#[test]
fn every_put_and_delete_of_the_catalog_is_a_repeatable_write() {
    for e in &crate::catalog::endpoints().endpoints {
        if matches!(e.method.as_str(), "PUT" | "DELETE" | "GET") {
            assert!(e.idempotent, "{}: a {} leaves the same state when repeated", e.key(), e.method);
        }
    }
}

#[test]
fn replay_retry_and_batch_read_idempotent_from_the_catalog_for_every_endpoint() {
    let catalog = crate::catalog::endpoints();
    let mut seen = std::collections::BTreeSet::new();
    for e in &catalog.endpoints {
        let concrete = e.template_path().split('?').next().unwrap_or_default().to_string();
        // The history's endpoint resolves back to this very endpoint (not another method of the same path).
        let resolved = catalog.resolve(e.key()).map(|r| r.endpoint.key());
        assert_eq!(resolved, Some(e.key()));

        let ex = failed(&e.method, &e.path, &concrete);
        let req = PreparedRequest::from_record(&ex.request, None);
        assert_eq!(req.idempotent, e.idempotent, "{}: the replayed request", e.key());
        assert_eq!(req.method, e.method, "{}: replays keep the method", e.key());
        assert_eq!(req.path_and_query, concrete, "{}: replays keep the path's values", e.key());
        let plan = SendPlan::for_request(&req, None);
        assert_eq!(plan.retry_unsafe, e.idempotent, "{}: the send plan (send, batch, replay)", e.key());
        // `--retries N` is the user accepting a repeat, whatever the endpoint.
        assert!(SendPlan::for_request(&req, Some(1)).retry_unsafe, "{}", e.key());
        assert_eq!(crate::retry::unsafe_to_repeat(&ex), !e.idempotent, "{}: replay's warning", e.key());

        // After a 503 (which may come after Braze acted) only a repeatable write is retried.
        let Some(Last::Response(outcome)) = Last::of(&ex) else { panic!("{}: a response", e.key()) };
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let policy = RetryPolicy::default();
        let d = crate::retry::decide(&policy, 1, Last::Response(outcome), plan.retry_unsafe, now(), &mut rng);
        assert_eq!(matches!(d, Decision::Retry { .. }), e.idempotent, "{}: {d:?}", e.key());
        seen.insert(e.method.clone());
    }
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), ["DELETE", "GET", "PATCH", "POST", "PUT"]);
}

#[test]
fn a_concrete_path_in_the_record_resolves_to_the_same_answer() {
    // Records whose endpoint is the concrete path (as typed with --force, or by an older brazen) still find the
    // catalog's word through the method and the path's shape.
    for (method, path, idempotent) in [
        ("DELETE", "/catalogs/restaurants/items/bistro-7", true),
        ("PUT", "/scim/v2/Users/7c1e4f2a", true),
        ("POST", "/scim/v2/Users", false),
        ("POST", "/catalogs/restaurants/items/bistro-7", true),
        ("POST", "/cdi/integrations/int-1/sync", false),
    ] {
        let ex = failed(method, path, path);
        assert_eq!(PreparedRequest::from_record(&ex.request, None).idempotent, idempotent, "{method} {path}");
        assert_eq!(crate::retry::unsafe_to_repeat(&ex), !idempotent, "{method} {path}");
    }
}
