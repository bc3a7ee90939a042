//! `brazen catalog [--format text|json]`: the endpoints (grouped) and the error table, in the chosen language.

use serde::Serialize;

use super::Global;
use super::output::{Format, Paint, field, text_width, width};
use super::text::CatalogText;
use crate::catalog::{Credential, Endpoint, ErrorRow, Kind, Limit, QueryParam, Rule, Shape};
use crate::i18n::{Lang, Table as _};

#[derive(Debug, clap::Args)]
pub struct CatalogArgs {
    /// Output: text, or one JSON object {"endpoints", "errors", "shapes"}.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(args: CatalogArgs, global: Global) -> anyhow::Result<i32> {
    match args.format {
        Format::Json => super::print::print_json_text(&json(global.lang)?),
        Format::Text => super::print::out!("{}", text(global.lang, Paint::stdout(), text_width())),
    }
    Ok(0)
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    id: &'a str,
    status: u16,
    /// `400`, `5XX`, … as the table prints it.
    status_label: String,
    name: &'a str,
    also_matches: &'a [String],
    meaning: &'a str,
    action: &'a str,
    retry: &'a str,
    sent: bool,
    predictable: bool,
}

#[derive(Serialize)]
struct ShapeOut<'a> {
    id: &'a str,
    status: u16,
    message: &'a str,
    example: &'a str,
    meaning: &'a str,
}

/// An endpoint as JSON: the catalog's fields with `purpose` and `rate_limit` as strings in the chosen language,
/// so the shape stays what it was before the catalog became bilingual.
#[derive(Serialize)]
struct EndpointOut<'a> {
    method: &'a str,
    path: &'a str,
    group: &'a str,
    permission: &'a str,
    purpose: &'a str,
    rate_limit: &'a str,
    limit: &'a Limit,
    template: Option<&'a str>,
    kind: Kind,
    credential: Credential,
    success: u16,
    rules: &'a [Rule],
    aliases: &'a [String],
    idempotent: bool,
    query: &'a [QueryParam],
}

#[derive(Serialize)]
struct CatalogOut<'a> {
    endpoints: Vec<EndpointOut<'a>>,
    errors: Vec<ErrorOut<'a>>,
    shapes: Vec<ShapeOut<'a>>,
}

fn endpoint_out(e: &Endpoint, lang: Lang) -> EndpointOut<'_> {
    EndpointOut {
        method: &e.method,
        path: &e.path,
        group: &e.group,
        permission: &e.permission,
        purpose: e.purpose.get(lang),
        rate_limit: e.rate_limit.get(lang),
        limit: &e.limit,
        template: Some(e.template.as_str()),
        kind: e.kind,
        credential: e.credential,
        success: e.success,
        rules: &e.rules,
        aliases: &e.aliases,
        idempotent: e.idempotent,
        query: &e.query,
    }
}

fn error_out(r: &ErrorRow, lang: Lang) -> ErrorOut<'_> {
    ErrorOut {
        id: &r.id,
        status: r.status,
        status_label: r.status_label(),
        name: &r.name,
        also_matches: &r.also_matches,
        meaning: r.meaning.get(lang),
        action: r.action.get(lang),
        retry: r.retry.as_str(),
        sent: r.sent,
        predictable: r.predictable,
    }
}

fn shape_out(s: &Shape, lang: Lang) -> ShapeOut<'_> {
    ShapeOut { id: &s.id, status: s.status, message: &s.message, example: &s.example, meaning: s.meaning.get(lang) }
}

pub(crate) fn json(lang: Lang) -> anyhow::Result<String> {
    let table = crate::catalog::errors();
    let out = CatalogOut {
        endpoints: crate::catalog::endpoints().endpoints.iter().map(|e| endpoint_out(e, lang)).collect(),
        errors: table.rows.iter().map(|r| error_out(r, lang)).collect(),
        shapes: table.shapes.iter().map(|s| shape_out(s, lang)).collect(),
    };
    Ok(format!("{}\n", serde_json::to_string_pretty(&out)?))
}

pub(crate) fn text(lang: Lang, paint: Paint, cols: usize) -> String {
    let catalog = crate::catalog::endpoints();
    let table = crate::catalog::errors();
    let t = CatalogText::get(lang);
    let mut out = String::new();

    out.push_str(&paint.bold(t.endpoints));
    out.push('\n');
    let (permission, purpose, limit, kind) = (t.permission, t.purpose, t.rate_limit, t.kind);
    let lc = [permission, purpose, limit, kind].map(width).into_iter().max().unwrap_or(0);
    for group in catalog.groups() {
        out.push_str(&format!("\n{}\n", paint.bold(&format!("── {}", catalog.group_title(group, lang)))));
        for e in catalog.endpoints.iter().filter(|e| e.group == group) {
            out.push_str(&format!("{} {}\n", paint.bold(&e.method), e.path));
            out.push_str(&field(kind, lc, e.kind.as_str(), cols));
            out.push_str(&field(permission, lc, &e.permission, cols));
            out.push_str(&field(purpose, lc, e.purpose.get(lang), cols));
            out.push_str(&field(limit, lc, e.rate_limit.get(lang), cols));
        }
    }

    out.push_str(&format!("\n{}\n\n", paint.bold(t.error_table)));
    let (meaning, action, wire, only_for) = (t.meaning, t.action, t.wire, t.only_for);
    let lc = [meaning, action, wire, only_for].map(width).into_iter().max().unwrap_or(0);
    for r in &table.rows {
        let label = paint.status(r.status, false, &r.status_label());
        // A documented message can be a long sentence: the id heads the entry, the wire name is wrapped below.
        out.push_str(&format!("{label} {}\n", paint.bold(&r.id)));
        out.push_str(&field(wire, lc, &r.name, cols));
        if !r.endpoints.is_empty() {
            out.push_str(&field(only_for, lc, &r.endpoints.join(", "), cols));
        }
        out.push_str(&field(meaning, lc, r.meaning.get(lang), cols));
        out.push_str(&field(action, lc, r.action.get(lang), cols));
    }

    out.push_str(&format!("\n{}\n\n", paint.bold(t.shapes)));
    let example = t.example;
    let lc = [example, meaning].map(width).into_iter().max().unwrap_or(0);
    for s in &table.shapes {
        out.push_str(&format!("{} {}\n", paint.status(s.status, false, &s.status.to_string()), paint.bold(&s.id)));
        out.push_str(&field(example, lc, &s.example, cols));
        out.push_str(&field(meaning, lc, s.meaning.get(lang), cols));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lists_every_endpoint_and_row_in_the_chosen_language() {
        for lang in [Lang::En, Lang::Ko] {
            let t = text(lang, Paint { on: false }, 80);
            assert!(!t.contains('\x1b'));
            let long: Vec<&str> = t.lines().filter(|l| width(l) > 80 && l.trim().contains(" ")).collect();
            assert!(long.is_empty(), "wrapped to 80 columns: {long:?}");
            // Wrapping breaks sentences over lines; compare with white space collapsed.
            let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
            for e in &crate::catalog::endpoints().endpoints {
                assert!(t.contains(&format!("{} {}\n", e.method, e.path)), "{}", e.key());
                assert!(t.contains(&e.permission), "{}", e.key());
                assert!(flat.contains(e.purpose.get(lang)), "{} {lang:?}", e.key());
                assert!(flat.contains(e.rate_limit.get(lang)), "{} {lang:?}", e.key());
            }
            let catalog = crate::catalog::endpoints();
            for g in catalog.groups() {
                assert!(t.contains(&format!("── {}\n", catalog.group_title(g, lang))), "{g} {lang:?}");
            }
            assert_eq!(t.contains("── 예약 발송"), lang == Lang::Ko);
            for r in &crate::catalog::errors().rows {
                let heading = [r.status_label(), r.id.clone()];
                assert!(t.lines().any(|l| l.split_whitespace().eq(heading.iter().map(String::as_str))), "{}", r.id);
                let name = r.name.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(flat.contains(&name), "{}", r.id);
                assert!(flat.contains(r.meaning.get(lang)), "{} {lang:?}", r.id);
                assert!(flat.contains(r.action.get(lang)), "{} {lang:?}", r.id);
            }
        }
    }

    #[test]
    fn json_has_the_three_lists() {
        let v: serde_json::Value = serde_json::from_str(&json(Lang::Ko).unwrap()).unwrap();
        let table = crate::catalog::errors();
        assert_eq!(v["endpoints"].as_array().unwrap().len(), crate::catalog::endpoints().endpoints.len());
        assert_eq!(v["errors"].as_array().unwrap().len(), table.rows.len());
        assert_eq!(v["shapes"].as_array().unwrap().len(), table.shapes.len());
        let first = &v["errors"][0];
        assert_eq!(first["meaning"], table.rows[0].meaning.ko.as_str());
        assert_eq!(first["action"], table.rows[0].action.ko.as_str());
        assert_eq!(first["status_label"], table.rows[0].status_label());
        assert_eq!(v["shapes"][0]["meaning"], table.shapes[0].meaning.ko.as_str());
        let first = &crate::catalog::endpoints().endpoints[0];
        assert_eq!(v["endpoints"][0]["path"], first.path.as_str());
        assert_eq!(v["endpoints"][0]["purpose"], first.purpose.ko.as_str());
        assert_eq!(v["endpoints"][0]["rate_limit"], first.rate_limit.ko.as_str());
    }

    #[test]
    fn json_endpoints_keep_the_shape_of_the_catalog() {
        let v: serde_json::Value = serde_json::from_str(&json(Lang::En).unwrap()).unwrap();
        for (out, e) in v["endpoints"].as_array().unwrap().iter().zip(&crate::catalog::endpoints().endpoints) {
            // The catalog's own serialisation, with the two texts flattened to English, is what was emitted before.
            let mut want = serde_json::to_value(e).unwrap();
            want["purpose"] = e.purpose.en.as_str().into();
            want["rate_limit"] = e.rate_limit.en.as_str().into();
            assert_eq!(out, &want, "{}", e.key());
        }
    }
}
