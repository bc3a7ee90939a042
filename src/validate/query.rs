//! GET endpoints take their parameters in the query string. brazen builds it from the path (`?page=1`) and from
//! a JSON object body, whose members become parameters (as `brazen send` and the TUI do). Braze answers 400 when
//! a required parameter is missing, so that is predicted here, with the same words the mock server uses.

use serde_json::{Map, Value};

use super::Sink;
use super::locate::join;
use super::text::BodyText;
use super::types::{describe, suggest};
use crate::catalog::Endpoint;
use crate::i18n::{Table as _, fill};

/// Checks the query of a request to the GET endpoint `e`: `input` is the endpoint as typed (it may carry
/// `?name=value`), `body` the parsed body when there is one.
pub(crate) fn check(e: &Endpoint, input: &str, body: Option<&Value>, sink: &mut Sink) {
    let (lang, t) = (sink.lang, BodyText::get(sink.lang));
    // Members whose value cannot be a query value: already reported, so not "missing" as well.
    let mut refused: Vec<String> = Vec::new();
    let mut given: Vec<(String, String)> = match input.split_once('?') {
        Some((_, q)) => {
            url::form_urlencoded::parse(q.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
        }
        None => Vec::new(),
    };
    let mut body_pairs = 0;
    match body {
        None => {}
        Some(Value::Object(members)) => {
            let (pairs, rejected) = members_as_pairs(members, sink);
            body_pairs = pairs.len();
            given.extend(pairs);
            refused = rejected;
        }
        Some(other) => {
            sink.fatal("bad_request", "", fill(t.query_body_not_an_object, &[("what", &describe(other, lang))]));
            return;
        }
    }
    // The first `typed` pairs came from the path line, the rest from the body.
    let typed = given.len() - body_pairs;
    let from_body: Vec<&String> = match body {
        Some(Value::Object(m)) => m.keys().collect(),
        _ => Vec::new(),
    };
    // A finding about one value points where that value was written: at its key in the body, or at the path line.
    let place = |sink: &mut Sink, severity: super::Severity, id: &str, name: &str, on_path: bool, msg: String| {
        if !on_path && from_body.iter().any(|k| *k == name) {
            sink.push(severity, id, &join("", name), msg).at_key();
        } else {
            sink.push(severity, id, "", msg).on_path_line(super::Area::Query);
        }
    };
    for p in &e.query {
        // (written on the path line, value)
        let values: Vec<(bool, &str)> = given
            .iter()
            .enumerate()
            .filter(|(_, (k, _))| *k == p.name)
            .map(|(i, (_, v))| (i < typed, v.as_str()))
            .collect();
        if let Some((on_path, v)) = values.iter().find(|(_, v)| super::unfilled::is_unfilled(v)) {
            let shown = super::unfilled::variable(v).unwrap_or(v);
            let msg = fill(t.query_unfilled, &[("name", &p.name), ("value", &shown)]);
            place(sink, super::Severity::Fatal, row(p), &p.name, *on_path, msg);
            continue;
        }
        // Braze reads a bad value as a bad request, just as the mock does with the same check.
        let bad = values
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .find_map(|(on_path, v)| p.check_value(v, lang).err().map(|why| (*on_path, why)));
        if let Some((on_path, why)) = &bad {
            place(sink, super::Severity::Fatal, row(p), &p.name, *on_path, fill(t.query_bad_value, &[("why", why)]));
        }
        // Accepted as Braze reads it (`-5:00`), with the strict ISO 8601 form as a hint.
        if bad.is_none() && p.kind == crate::catalog::QueryKind::DateTime {
            let lenient = values
                .iter()
                .find_map(|(on_path, v)| crate::when::parse(v).and_then(|w| w.1).map(|s| (*on_path, *v, s)));
            if let Some((on_path, v, strict)) = lenient {
                let msg = fill(t.rule_strict_form, &[("key", &p.name), ("value", &v), ("strict", &strict)]);
                place(sink, super::Severity::Hint, "strict_form", &p.name, on_path, msg);
            }
        }
        let mut distinct: Vec<&str> = values.iter().map(|(_, v)| *v).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() > 1 {
            let list = distinct.iter().map(|v| format!("{v:?}")).collect::<Vec<_>>().join(", ");
            let name = &p.name;
            let msg = fill(t.query_repeated, &[("name", name), ("count", &values.len()), ("list", &list)]);
            let on_path = values.iter().any(|(on_path, _)| *on_path);
            place(sink, super::Severity::Minor, "query_parameter_repeated", name, on_path, msg);
        }
    }
    for group in &e.query_one_of {
        let present = |n: &String| given.iter().any(|(k, v)| k == n && !v.trim().is_empty());
        if group.iter().any(present) {
            continue;
        }
        let (names, key) = (group.join(", "), e.key());
        sink.fatal("bad_request", "", fill(t.query_one_of, &[("key", &key), ("names", &names)]))
            .on_path_line(super::Area::Query);
    }
    for p in e.query.iter().filter(|p| p.required && !refused.contains(&p.name)) {
        if given.iter().any(|(k, v)| *k == p.name && !v.trim().is_empty()) {
            continue;
        }
        if let Some(i) = given.iter().position(|(k, _)| *k == p.name) {
            let name = &p.name;
            let msg = fill(t.query_required_empty, &[("name", name)]);
            place(sink, super::Severity::Fatal, row(p), name, i < typed, msg);
            continue;
        }
        let (name, example, key) = (&p.name, &p.example, e.key());
        let msg = fill(t.query_required, &[("name", name), ("example", example), ("key", &key)]);
        sink.fatal(row(p), "", msg).on_path_line(super::Area::Query);
    }
    // The rules read each parameter's first non-empty value: pointed at in the body only when it came from there.
    let checked_in_body: Vec<&String> = from_body
        .iter()
        .copied()
        .filter(|k| given.iter().position(|(n, v)| n == *k && !v.trim().is_empty()).is_some_and(|i| i >= typed))
        .collect();
    super::declared::query(e, &given, &checked_in_body, sink);
    let documented: Vec<&str> = e.query.iter().map(|p| p.name.as_str()).collect();
    let mut seen: Vec<&str> = Vec::new();
    for (k, _) in &given {
        if seen.contains(&k.as_str()) {
            continue;
        }
        seen.push(k);
        if documented.contains(&k.as_str()) {
            continue;
        }
        let key = e.key();
        let msg = match suggest(k, &documented) {
            Some(s) => fill(t.query_unknown_near, &[("name", k), ("key", &key), ("near", &s)]),
            None => fill(t.query_unknown, &[("name", k), ("key", &key), ("names", &documented.join(", "))]),
        };
        if from_body.contains(&k) {
            sink.hint("unknown_query_parameter", &join("", k), msg).at_key();
        } else {
            sink.hint("unknown_query_parameter", "", msg).on_path_line(super::Area::Query);
        }
    }
}

/// The row a parameter's problems are answered with: its own where the page quotes Braze's answer.
fn row(p: &crate::catalog::QueryParam) -> &str {
    p.error.as_deref().unwrap_or("bad_request")
}

/// The members of a GET body as query pairs: strings, numbers and booleans, arrays of them as repeated
/// parameters, `null` left out. Anything else cannot be a query value and is a `bad_request`.
fn members_as_pairs(members: &Map<String, Value>, sink: &mut Sink) -> (Vec<(String, String)>, Vec<String>) {
    let lang = sink.lang;
    let (mut pairs, mut refused) = (Vec::new(), Vec::new());
    for (k, v) in members {
        let items: Vec<&Value> = match v {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for item in items {
            match item {
                Value::Null => {}
                Value::String(s) => pairs.push((k.clone(), s.clone())),
                Value::Number(n) => pairs.push((k.clone(), n.to_string())),
                Value::Bool(b) => pairs.push((k.clone(), b.to_string())),
                other => {
                    let what = describe(other, lang);
                    let msg = fill(BodyText::get(lang).query_member_type, &[("name", k), ("what", &what)]);
                    sink.fatal("bad_request", &join("", k), msg);
                    refused.push(k.clone());
                    break;
                }
            }
        }
    }
    (pairs, refused)
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;
    use crate::validate::tests::ctx;
    use crate::validate::{Severity, check};

    fn fatal(endpoint: &str, body: &str) -> Vec<String> {
        let r = check(endpoint, body, &ctx());
        assert_eq!(r.ok, !r.diagnostics.iter().any(|d| d.severity == Severity::Fatal));
        r.diagnostics.into_iter().filter(|d| d.severity == Severity::Fatal).map(|d| d.message).collect()
    }

    #[test]
    fn missing_required_parameters_are_predicted_in_the_mocks_words() {
        let f = fatal("/sends/data_series", "");
        assert_eq!(f.len(), 3, "{f:#?}");
        for name in ["campaign_id", "send_id", "length"] {
            assert!(f.iter().any(|m| m.starts_with(&format!("query parameter {name} is required"))), "{f:#?}");
        }
        // From the path, from the body, or both; an empty value is no value.
        assert!(fatal("/sends/data_series?campaign_id=c&send_id=s&length=14", "").is_empty());
        assert!(fatal("/sends/data_series", r#"{"campaign_id": "c", "send_id": "s", "length": 14}"#).is_empty());
        assert!(fatal("GET /sends/data_series?campaign_id=c", r#"{"send_id": ["s"], "length": 14}"#).is_empty());
        assert_eq!(fatal("/sends/data_series?campaign_id=c&send_id=&length=14", "").len(), 1);
        assert_eq!(fatal("/sends/data_series", r#"{"campaign_id": "c", "send_id": null, "length": 1}"#).len(), 1);
        // Optional parameters only: nothing to require.
        assert!(fatal("/campaigns/list", "").is_empty());
    }

    #[test]
    fn a_body_that_cannot_be_a_query_is_a_located_bad_request() {
        let r = check("/campaigns/list", "{\n  \"page\": {\"n\": 1}\n}", &ctx());
        let d = &r.diagnostics[0];
        assert_eq!((d.error.as_str(), d.pointer.as_str(), d.line, d.column), ("bad_request", "/page", 2, 11), "{d:?}");
        let r = check("/campaigns/list", "[1, 2]", &ctx());
        assert!(r.diagnostics[0].message.contains("must be a JSON object of query parameters"), "{r:?}");
        let r = check("/campaigns/list", "{\"page\": ", &ctx());
        assert_eq!(r.diagnostics[0].error, "bad_request", "syntax first");
    }

    #[test]
    fn unknown_parameters_get_a_did_you_mean_at_their_key() {
        let r = check("/campaigns/list", "{\n  \"pag\": 1\n}", &ctx());
        assert!(r.ok);
        let d = &r.diagnostics[0];
        assert_eq!((d.error.as_str(), d.line, d.column), ("unknown_query_parameter", 2, 3));
        assert!(d.message.contains("did you mean `page`?"), "{}", d.message);
        let r = check("/campaigns/list?sort=desc", "", &ctx());
        assert!(r.diagnostics[0].message.contains("`sort` is not a documented query parameter"), "{r:?}");
    }

    #[test]
    fn values_are_checked_as_the_mock_checks_them() {
        for (endpoint, why) in [
            ("/campaigns/data_series?campaign_id=c&length=abc", "length \"abc\" must be a whole number from 1 to 100"),
            ("/campaigns/data_series?campaign_id=c&length=0", "length \"0\" must be"),
            ("/campaigns/data_series?campaign_id=c&length=500", "length \"500\" must be"),
            ("/campaigns/list?page=x", "page \"x\" must be a whole number from 0"),
            ("/campaigns/list?include_archived=maybe", "include_archived \"maybe\" must be true or false"),
            ("/campaigns/list?sort_direction=up", "sort_direction \"up\" must be one of asc, desc"),
            ("/messages/scheduled_broadcasts?end_time=notatime", "end_time \"notatime\" must be an ISO 8601"),
            (
                "/email/hard_bounces?end_date=2024-01-31&start_date=2025-13-01",
                "start_date \"2025-13-01\" is written as ISO 8601, but there is no such date",
            ),
        ] {
            let f = fatal(endpoint, "");
            assert!(f.iter().any(|m| m.starts_with(&format!("query parameter {why}"))), "{endpoint}: {f:#?}");
        }
        let r = check("/campaigns/list", "{\n  \"page\": \"x\"\n}", &ctx());
        assert_eq!((r.diagnostics[0].line, r.diagnostics[0].column), (2, 3), "at the body's key");
        assert!(fatal("/campaigns/data_series?campaign_id=c&length=14&ending_at=2030-01-31", "").is_empty());
    }

    #[test]
    fn one_of_a_group_is_needed_and_repeats_and_empty_values_are_named() {
        let f = fatal("/email/hard_bounces?end_date=2024-01-31", "");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].contains("needs one of the query parameters start_date, email"), "{f:#?}");
        assert!(fatal("/email/hard_bounces?end_date=2024-01-31&email=a@b.com", "").is_empty());
        let r = check(
            "/sends/data_series?campaign_id=campaign-push",
            r#"{"campaign_id": "c", "send_id": "s", "length": 3}"#,
            &ctx(),
        );
        assert!(r.ok);
        let d = r.diagnostics.iter().find(|d| d.error == "query_parameter_repeated").expect("a repeat is named");
        assert!(d.message.contains(r#"("c", "campaign-push")"#), "{}", d.message);
        assert!(
            !check("/sends/data_series?campaign_id=c", r#"{"campaign_id": "c", "send_id": "s", "length": 3}"#, &ctx())
                .diagnostics
                .iter()
                .any(|d| d.error == "query_parameter_repeated"),
            "the same value twice is harmless"
        );
        let f = fatal("/sends/data_series?campaign_id=&send_id=s&length=3", "");
        assert_eq!(f, ["query parameter campaign_id is required but empty: give it a value."]);
        let f = fatal("/sends/data_series", r#"{"campaign_id": "c", "send_id": {"x": 1}, "length": 3}"#);
        assert_eq!(f.len(), 1, "a value of the wrong type is not also missing: {f:#?}");
    }

    #[test]
    fn korean_sentences_at_the_same_places() {
        let ko = crate::validate::Context { lang: Lang::Ko, ..ctx() };
        let en = check("/sends/data_series", "{\"pag\": 1}", &ctx());
        let k = check("/sends/data_series", "{\"pag\": 1}", &ko);
        let places =
            |r: &crate::validate::Report| r.diagnostics.iter().map(|d| (d.error.clone(), d.offset)).collect::<Vec<_>>();
        assert_eq!(places(&en), places(&k));
        assert!(k.diagnostics.iter().any(|d| d.message.contains("쿼리 매개변수 send_id")), "{k:?}");
    }

    #[test]
    fn every_get_template_is_a_complete_query() {
        for e in crate::catalog::endpoints().endpoints.iter().filter(|e| e.method == "GET") {
            let r = check(&format!("GET {}", e.template_path()), e.template_body(), &ctx());
            assert!(r.ok, "{}: {:#?}", e.key(), r.diagnostics);
            let v: serde_json::Value = serde_json::from_str(e.template_body()).unwrap();
            for p in e.query.iter().filter(|p| p.required) {
                assert!(v.get(&p.name).is_some(), "{} lacks {}", e.key(), p.name);
            }
        }
    }
}
