//! GET endpoints take their parameters in the query string. brazen builds it from the path (`?page=1`) and from
//! a JSON object body, whose members become parameters (as `brazen send` and the TUI do). Braze answers 400 when
//! a required parameter is missing, so that is predicted here, with the same words the mock server uses.

use serde_json::{Map, Value};

use super::locate::join;
use super::types::{describe, suggest};
use super::{Sink, say};
use crate::catalog::Endpoint;

/// Checks the query of a request to the GET endpoint `e`: `input` is the endpoint as typed (it may carry
/// `?name=value`), `body` the parsed body when there is one.
pub(crate) fn check(e: &Endpoint, input: &str, body: Option<&Value>, sink: &mut Sink) {
    let lang = sink.lang;
    let mut given: Vec<(String, String)> = match input.split_once('?') {
        Some((_, q)) => {
            url::form_urlencoded::parse(q.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
        }
        None => Vec::new(),
    };
    match body {
        None => {}
        Some(Value::Object(members)) => given.extend(members_as_pairs(members, sink)),
        Some(other) => {
            sink.fatal(
                "bad_request",
                "",
                say(
                    lang,
                    format_args!(
                        "The body of a GET must be a JSON object of query parameters ({{\"name\": \"value\"}}); this is {}.",
                        describe(other, lang)
                    ),
                    format_args!(
                        "GET 요청의 본문은 쿼리 매개변수를 담은 JSON 객체({{\"이름\": \"값\"}})여야 하는데 {}입니다.",
                        describe(other, lang)
                    ),
                ),
            );
            return;
        }
    }
    for p in e.query.iter().filter(|p| p.required) {
        if given.iter().any(|(k, v)| *k == p.name && !v.trim().is_empty()) {
            continue;
        }
        let (name, example, key) = (&p.name, &p.example, e.key());
        sink.fatal(
            "bad_request",
            "",
            say(
                lang,
                format_args!(
                    "query parameter {name} is required: {key} answers 400 without it. Add `\"{name}\": \"{example}\"` \
                     to this object or `?{name}={example}` to the path."
                ),
                format_args!(
                    "쿼리 매개변수 {name}이(가) 필요합니다. 없으면 {key}는 400으로 답합니다. 이 객체에 \
                     `\"{name}\": \"{example}\"`를 넣거나 경로에 `?{name}={example}`를 붙이세요."
                ),
            ),
        )
        .offset = Some(0);
    }
    let documented: Vec<&str> = e.query.iter().map(|p| p.name.as_str()).collect();
    let from_body: Vec<&String> = match body {
        Some(Value::Object(m)) => m.keys().collect(),
        _ => Vec::new(),
    };
    for (k, _) in &given {
        if documented.contains(&k.as_str()) {
            continue;
        }
        let key = e.key();
        let msg = match suggest(k, &documented) {
            Some(s) => say(
                lang,
                format_args!("`{k}` is not a documented query parameter of {key}; did you mean `{s}`?"),
                format_args!("`{k}`는 {key}의 문서화된 쿼리 매개변수가 아닙니다. 혹시 `{s}` 아닌가요?"),
            ),
            None => say(
                lang,
                format_args!(
                    "`{k}` is not a documented query parameter of {key} (documented: {}).",
                    documented.join(", ")
                ),
                format_args!(
                    "`{k}`는 {key}의 문서화된 쿼리 매개변수가 아닙니다(문서화된 매개변수: {}).",
                    documented.join(", ")
                ),
            ),
        };
        if from_body.contains(&k) {
            sink.hint("unknown_query_parameter", &join("", k), msg).at_key();
        } else {
            sink.hint("unknown_query_parameter", "", msg).offset = Some(0);
        }
    }
}

/// The members of a GET body as query pairs: strings, numbers and booleans, arrays of them as repeated
/// parameters, `null` left out. Anything else cannot be a query value and is a `bad_request`.
fn members_as_pairs(members: &Map<String, Value>, sink: &mut Sink) -> Vec<(String, String)> {
    let lang = sink.lang;
    let mut pairs = Vec::new();
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
                    sink.fatal(
                        "bad_request",
                        &join("", k),
                        say(
                            lang,
                            format_args!(
                                "query parameter `{k}` must be a string, number or boolean (or an array of them); \
                                 this is {}.",
                                describe(other, lang)
                            ),
                            format_args!(
                                "쿼리 매개변수 `{k}`는 문자열, 숫자, 불리언(또는 그 배열)이어야 하는데 {}입니다.",
                                describe(other, lang)
                            ),
                        ),
                    );
                    break;
                }
            }
        }
    }
    pairs
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
            let r = check(&e.key(), e.template_body(), &ctx());
            assert!(r.ok, "{}: {:#?}", e.key(), r.diagnostics);
            let v: serde_json::Value = serde_json::from_str(e.template_body()).unwrap();
            for p in e.query.iter().filter(|p| p.required) {
                assert!(v.get(&p.name).is_some(), "{} lacks {}", e.key(), p.name);
            }
        }
    }
}
