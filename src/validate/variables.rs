//! Validation of the workbench's request with its `{{variables}}`: the request resolved with the variables in
//! effect is what is checked, and every place is given in the body as typed, so the editor marks the `{{name}}`
//! that gave a bad value. A defined variable shows its value where it is first used (a secret's masked); an
//! undefined one where Braze needs a real value (the path, the query, a header, an id) is fatal there.

use crate::request::RequestFile;
use crate::request::vars::{self, Layer, Place, ResolveError, Variables, line_column};

use super::text::BodyText;
use super::{Area, Context, Diagnostic, Report, Severity, check, undefined_variable};
use crate::i18n::{Table as _, fill};

/// Checks `input` (`METHOD /path?query`, as the path line reads) with `body` and the request's `headers`, after
/// replacing the variables `vars` defines. Without a `{{` anywhere this is [`check`] itself.
pub fn check_with_variables(
    input: &str,
    body: &str,
    headers: &[(String, String)],
    vars: &Variables,
    ctx: &Context,
) -> Report {
    if !input.contains("{{") && !body.contains("{{") && !headers.iter().any(|(_, v)| v.contains("{{")) {
        return check(input, body, ctx);
    }
    let words = BodyText::get(ctx.lang);
    let (method, target) = input.trim().split_once(' ').unwrap_or(("POST", input.trim()));
    let path = target.split('?').next().unwrap_or(target);
    let file = RequestFile::from_target(method, target, headers, body);
    let resolved = match vars::resolve(&file, vars) {
        Ok(r) => r,
        Err(ResolveError::Unset { name, var }) => {
            // Nothing can be resolved until the process variable is there: check as typed, and say why.
            let mut report = check(input, body, ctx);
            let reference = format!("{{{{{name}}}}}");
            let (area, offset) = match body.find(&reference) {
                Some(at) => (Area::Body, at),
                None => (Area::Path, 0),
            };
            let (line, column) = line_column(body, offset);
            let mut d = undefined_variable(&name, area, "", (line, column, offset), words.value_env_unset);
            d.message = fill(words.value_env_unset, &[("reference", &reference), ("var", &var)]);
            d.error = "variable_unset".into();
            report.diagnostics.push(d);
            return finish(report);
        }
    };
    let r = &resolved.request;
    let mut report = check(&format!("{} {}", r.method, r.path_and_query()), &r.body, ctx);
    for d in &mut report.diagnostics {
        if d.area == Area::Body {
            d.offset = resolved.original_body_offset(d.offset);
            (d.line, d.column) = line_column(body, d.offset);
        }
    }
    for u in &resolved.undefined {
        let (area, pointer, offset) = match &u.place {
            Place::Path { .. } => (Area::Path, "", 0),
            Place::Query { .. } => (Area::Query, "", 0),
            Place::Header { .. } => (Area::Header, "", 0),
            Place::Body { offset, pointer } => (Area::Body, pointer.as_str(), *offset),
        };
        let reference = format!("{{{{{}}}}}", u.name);
        // The validator's own "never filled in" finding about the same reference says less: this one replaces it.
        report.diagnostics.retain(|d| !(d.area == area && d.message.contains(&reference)));
        let (line, column) = line_column(body, offset);
        report.diagnostics.push(undefined_variable(
            &u.name,
            area,
            pointer,
            (line, column, offset),
            words.undefined_variable_workbench,
        ));
    }
    // Each defined variable's value where it is first used, so what is sent can be read before sending.
    for name in &resolved.used {
        let Some(b) = vars.get(name) else { continue };
        let reference = format!("{{{{{name}}}}}");
        let (area, offset) = match body.find(&reference) {
            Some(at) => (Area::Body, at),
            None => (if path.contains(&reference) { Area::Path } else { Area::Query }, 0),
        };
        let layer = match b.layer {
            Layer::Collection => words.layer_collection,
            Layer::Environment => words.layer_environment,
            Layer::Flag => words.layer_flag,
        };
        let (line, column) = line_column(body, offset);
        report.diagnostics.push(Diagnostic {
            severity: Severity::Hint,
            error: "variable".into(),
            status: None,
            name: None,
            pointer: String::new(),
            line,
            column,
            offset,
            message: fill(
                words.variable_value,
                &[("reference", &reference), ("value", &crate::text::visible(&b.shown())), ("layer", &layer)],
            ),
            rule: None,
            area,
        });
    }
    finish(report)
}

fn finish(mut report: Report) -> Report {
    report.diagnostics.sort_by_key(|d| (d.offset, d.severity));
    report.ok = !report.diagnostics.iter().any(|d| d.severity == Severity::Fatal);
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::vars::{Binding, Bound};

    fn vars(pairs: &[(&str, &str, bool)]) -> Variables {
        let mut v = Variables::new();
        v.layer(pairs.iter().map(|(n, val, secret)| {
            let b =
                Binding { value: Bound::Value(val.to_string()), secret: *secret, layer: Layer::Collection, var: None };
            (n.to_string(), b)
        }));
        v
    }

    fn ctx() -> Context {
        Context::new("2026-03-02T09:30:00Z".parse().unwrap(), jiff::tz::TimeZone::UTC)
    }

    #[test]
    fn without_references_it_is_the_plain_check() {
        let body = "{\"broadcast\": true}";
        let plain = check("POST /messages/send", body, &ctx());
        assert_eq!(check_with_variables("POST /messages/send", body, &[], &vars(&[]), &ctx()), plain);
    }

    #[test]
    fn values_are_shown_where_used_secrets_masked_and_an_undefined_id_is_fatal_at_its_place() {
        let body = "{\n  \"external_user_ids\": [\"{{user}}\"],\n  \"campaign_id\": \"{{campaign}}\",\n  \"broadcast\": false,\n  \"messages\": {\"sms\": {\"body\": \"{{api_token}} hi {{first_name}}\", \"subscription_group_id\": \"g\", \"app_id\": \"a\"}}\n}";
        let v = vars(&[("user", "u-123", false), ("api_token", "tok-0123456789abcdef", true)]);
        let r = check_with_variables("POST /messages/send", body, &[], &v, &ctx());
        let find = |e: &str| r.diagnostics.iter().filter(|d| d.error == e).collect::<Vec<_>>();
        let shown: Vec<&str> = find("variable").iter().map(|d| d.message.as_str()).collect();
        assert!(shown.iter().any(|m| m.starts_with("{{user}} = u-123")), "{shown:?}");
        assert!(shown.iter().any(|m| m.contains("{{api_token}} =") && !m.contains("0123456789ab")), "{shown:?}");
        let undefined = find("undefined_variable");
        assert_eq!(undefined.len(), 1, "{:?}", r.diagnostics);
        assert_eq!((undefined[0].line, undefined[0].column), (3, 19), "at {{{{campaign}}}} in the body");
        assert!(!r.ok);
        // `{{first_name}}` in message content is Liquid's: nothing said about it.
        assert!(!r.diagnostics.iter().any(|d| d.message.contains("first_name")), "{:?}", r.diagnostics);
    }

    #[test]
    fn a_bad_value_is_marked_at_the_reference_that_gave_it_and_undefined_path_parts_sit_on_the_path_line() {
        let body = "{\n  \"external_user_ids\": [\"u\"],\n  \"broadcast\": {{flag}}\n}";
        let r = check_with_variables("POST /messages/send", body, &[], &vars(&[("flag", "\"yes\"", false)]), &ctx());
        let wrong = r.diagnostics.iter().find(|d| d.pointer == "/broadcast").expect("a wrong type");
        assert_eq!((wrong.area, wrong.line, wrong.column), (Area::Body, 3, 16), "{wrong:?}");
        let r = check_with_variables("GET /catalogs/{{catalog}}/items", "{}", &[], &vars(&[]), &ctx());
        assert!(r.diagnostics.iter().any(|d| d.error == "undefined_variable" && d.area == Area::Path), "{r:?}");
        let headers = [("X-Request-Origin".to_string(), "{{origin}}".to_string())];
        let r = check_with_variables("POST /messages/send", "{}", &headers, &vars(&[]), &ctx());
        assert!(r.diagnostics.iter().any(|d| d.error == "undefined_variable" && d.area == Area::Header), "{r:?}");
    }
}
