//! `brazen import curl FILE|- [--format text|json]`: the request a curl command makes, the key masked.
//! `brazen import postman` is [`super::postman`]. `brazen import bundle FILE|- [--format text|json]`: a bundle
//! (`brazen history export ID --as bundle`) added to the local history, marked with where it came from.
//!
//! Importing the same bundle twice adds nothing: the second import says which id the first made and exits 0.
//! The same exchange is its original environment, id and time (another file name or export time is still the same
//! exchange). A second copy would only show up twice in lists and make `brazen replay` offer the same failure
//! twice; the exchange it points at is already there to reopen and re-send.

use super::Global;
use super::output::{Format, Paint, UsageError, field, read_input, text_width};
use super::print::{out, outln, print_json};
use super::text::ImportText;
use crate::curl::{ImportedRequest, parse_curl};
use crate::i18n::{Lang, Table as _};

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub what: ImportWhat,
}

#[derive(Debug, clap::Subcommand)]
pub enum ImportWhat {
    /// Read a curl command (from Braze's docs, a terminal or a browser's "copy as cURL") and show its request.
    Curl {
        /// A file holding the command, or - for standard input.
        #[arg(value_name = "FILE|-")]
        file: String,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Turn a Postman collection (v2.1) into saved requests: folders become groups, collection variables the
    /// collection's variables.toml; credentials are left out and said so.
    Postman {
        /// The collection exported from Postman (Collection v2.1 JSON), or - for standard input.
        #[arg(value_name = "FILE|-")]
        file: String,
        /// The collection folder to write into (default: requests_dir in the config file, else `requests` beside
        /// the history).
        #[arg(long, value_name = "DIR")]
        into: Option<std::path::PathBuf>,
        /// Replace files that already exist; without it an import that would overwrite one writes nothing.
        #[arg(long)]
        force: bool,
        /// Output: text, or JSON {imported, skipped: [{name, reason}], files, …}.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Add a bundle (`brazen history export ID --as bundle`) to the history, marked as imported: `history show`
    /// then gives the same card, and `replay` or the TUI re-send it against your environment with your key.
    Bundle {
        /// The bundle file, or - for standard input.
        #[arg(value_name = "FILE|-")]
        file: String,
        /// Output: text, or JSON {id, imported, imported_from}.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
}

pub fn run(args: ImportArgs, global: Global) -> anyhow::Result<i32> {
    match args.what {
        ImportWhat::Curl { file, format } => {
            let text =
                read_input(&file, super::output::configured_input_cap()).map_err(|e| UsageError(format!("{e:#}")))?;
            let where_ = if file == "-" { "standard input".to_string() } else { file.clone() };
            let req = parse_curl(&text).map_err(|e| UsageError(format!("{where_}: {e}")))?;
            match format {
                Format::Json => print_json(&req)?,
                Format::Text => out!("{}", summary(&req, global.lang, Paint::stdout(), text_width())),
            }
            Ok(0)
        }
        ImportWhat::Postman { file, into, force, format } => super::postman::import(&file, into, force, format, global),
        ImportWhat::Bundle { file, format } => bundle(&file, format, global.lang),
    }
}

/// `import bundle`: read (within the input cap), check, add to the history.
fn bundle(file: &str, format: Format, lang: Lang) -> anyhow::Result<i32> {
    use crate::history::{Imported, Store};
    use crate::service::{BundleImport, BundleImportError, bundle_file_name, import_bundle};
    let where_ = if file == "-" { "standard input".to_string() } else { file.to_string() };
    let text = read_input(file, super::output::configured_input_cap()).map_err(|e| UsageError(format!("{e:#}")))?;
    // Checked before the history is opened: a file that is no bundle is a usage error, whatever the history.
    crate::curl::bundle::read_bundle(&text).map_err(|e| UsageError(format!("{where_}: {e}")))?;
    let store = match super::history::configured()? {
        Some(store) => store,
        None => Store::open(&crate::config::Paths::resolve().history_db)?,
    };
    let BundleImport { imported: done, from, origin, exchange: ex } =
        import_bundle(&store, &text, &bundle_file_name(file)).map_err(|e| match e {
            BundleImportError::Bundle(e) => anyhow::Error::new(UsageError(format!("{where_}: {e}"))),
            BundleImportError::History(e) => anyhow::Error::new(e),
        })?;
    let t = ImportText::get(lang);
    match format {
        Format::Json => print_json(&serde_json::json!({
            "id": done.id(),
            "imported": matches!(done, Imported::New(_)),
            "imported_from": from,
        }))?,
        Format::Text => {
            let vars: [(&str, &dyn std::fmt::Display); 5] = [
                ("id", &done.id()),
                ("env", &crate::text::visible(&origin.environment)),
                ("orig", &origin.exchange_id),
                ("method", &crate::text::visible(&ex.request.method)),
                ("endpoint", &crate::text::visible(&ex.request.endpoint)),
            ];
            let template = if matches!(done, Imported::New(_)) { t.bundle_imported } else { t.bundle_already };
            outln!("{}", crate::i18n::fill(template, &vars));
        }
    }
    Ok(0)
}

/// The readable form: request line, where it goes, headers, body, warnings, and the command that sends it. All of
/// it comes from the pasted command, so it is made visible (`field` does that for its values).
pub(crate) fn summary(r: &ImportedRequest, lang: Lang, paint: Paint, cols: usize) -> String {
    use crate::text::visible;
    let t = ImportText::get(lang);
    let key_label = if r.scim { t.scim_token } else { t.key };
    let labels = [t.url, t.environment, key_label, t.headers, t.body, t.warning, t.send_with, t.path];
    let lc = labels.iter().map(|l| super::output::width(l)).max().unwrap_or(10);
    let mut out = paint.bold(&visible(&format!("{} {}", r.method, r.endpoint)));
    if !r.known_endpoint {
        out.push_str(&paint.dim(&format!("  {}", t.not_in_catalog)));
    }
    out.push('\n');
    if !r.path_params.is_empty() {
        // The values the URL gives the endpoint's `{parameters}`.
        let values: Vec<String> = r.path_params.iter().map(|(k, v)| format!("{k} = {v}")).collect();
        out.push_str(&field(labels[7], lc, &format!("{} ({})", r.path, values.join(", ")), cols));
    }
    out.push_str(&field(labels[0], lc, &r.url, cols));
    let env = if r.environment == "custom" {
        format!("{} ({})", t.custom_url, r.base_url)
    } else {
        format!("{} ({})", r.environment, r.base_url)
    };
    out.push_str(&field(labels[1], lc, &env, cols));
    out.push_str(&field(labels[2], lc, r.key.as_deref().unwrap_or("—"), cols));
    for (i, (n, v)) in r.headers.iter().enumerate() {
        out.push_str(&field(if i == 0 { labels[3] } else { "" }, lc, &format!("{n}: {v}"), cols));
    }
    if let Some(body) = &r.body {
        let pretty = serde_json::from_str::<serde_json::Value>(body)
            .ok()
            .and_then(|v| serde_json::to_string_pretty(&v).ok())
            .unwrap_or_else(|| body.clone());
        // Bodies keep their own line breaks and indentation, so no word wrapping here.
        let indent = " ".repeat(lc + 4);
        for (i, line) in pretty.lines().map(visible).enumerate() {
            if i == 0 {
                out.push_str(&format!("  {}  {line}\n", super::output::pad(labels[4], lc)));
            } else {
                out.push_str(&format!("{indent}{line}\n"));
            }
        }
    }
    for w in &r.warnings {
        out.push_str(&paint.yellow(&field(labels[5], lc, w, cols)));
    }
    // One line however long: a command wrapped at a space would not paste back whole.
    out.push_str(&format!("  {}  {}\n", super::output::pad(labels[6], lc), visible(&r.send_command)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_the_instance_and_never_the_key() {
        let r = parse_curl(
            "curl https://rest.iad-03.braze.com/messages/send -H 'Authorization: Bearer 0123456789-secret-9876' \
             -H 'Content-Type: application/json' -d '{\"broadcast\": true}'",
        )
        .unwrap();
        let text = summary(&r, Lang::En, Paint { on: false }, 100);
        assert!(!text.contains("secret"), "{text}");
        assert!(text.starts_with("POST /messages/send\n"), "{text}");
        assert!(text.contains("US-03 (https://rest.iad-03.braze.com)"), "{text}");
        assert!(text.contains("Authorization: Bearer 0123…9876"), "{text}");
        assert!(text.contains("\"broadcast\": true"), "{text}");
        assert!(text.contains("brazen send /messages/send BODY.json --env US-03"), "{text}");
    }

    #[test]
    fn parameter_values_and_the_scim_token_are_shown_by_name() {
        let r = parse_curl(
            "curl -X PUT https://rest.iad-03.braze.com/scim/v2/Users/7c1e -H 'Authorization: Bearer \
             scim-0123456789-secret-abcd' -H 'X-Request-Origin: ops.example' -H 'Content-Type: application/json' -d '{}'",
        )
        .unwrap();
        let text = summary(&r, Lang::En, Paint { on: false }, 120);
        assert!(text.starts_with("PUT /scim/v2/Users/{id}\n"), "{text}");
        assert!(text.contains("path         /scim/v2/Users/7c1e (id = 7c1e)"), "{text}");
        assert!(text.contains("SCIM token   scim…abcd"), "{text}");
        assert!(!text.contains("secret"), "{text}");
        let ko = summary(&r, Lang::Ko, Paint { on: false }, 120);
        assert!(ko.contains("SCIM 토큰") && ko.contains("경로"), "{ko}");
    }

    #[test]
    fn custom_hosts_are_sent_with_url() {
        let r = parse_curl("curl http://127.0.0.1:4010/sends/data_series").unwrap();
        let text = summary(&r, Lang::En, Paint { on: false }, 100);
        assert!(text.contains("custom URL (http://127.0.0.1:4010)"), "{text}");
        assert!(text.contains("--url http://127.0.0.1:4010"), "{text}");
        assert!(text.contains("no Authorization header"), "{text}");
    }

    #[test]
    fn a_get_keeps_its_query_and_needs_no_input() {
        let r = parse_curl(
            "curl --request GET --url 'https://rest.iad-01.braze.com/campaigns/list?page=0&include_archived=false\
             &sort_direction=desc' --header 'Authorization: Bearer 0123456789-secret-9876'",
        )
        .unwrap();
        let text = summary(&r, Lang::En, Paint { on: false }, 80);
        assert!(
            text.contains(
                "brazen send '/campaigns/list?page=0&include_archived=false&sort_direction=desc' --env US-01\n"
            ),
            "{text}"
        );
        let v = serde_json::to_value(&r).unwrap();
        assert_eq!(v["query"], "page=0&include_archived=false&sort_direction=desc");
        assert_eq!(v["endpoint"], "/campaigns/list");
        assert!(v["send_command"].as_str().unwrap().contains("/campaigns/list?page=0&"), "{v}");
        // An unknown path keeps its method, and -G data becomes the query.
        let r = parse_curl("curl -G http://127.0.0.1:4010/x/y -d a=1").unwrap();
        assert_eq!(r.send_command, "brazen send 'GET /x/y?a=1' --url http://127.0.0.1:4010");
    }
}
