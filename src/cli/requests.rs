//! `brazen requests [--requests DIR] [--format text|json]`: the saved requests of a collection, a broken file
//! listed with its error.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::Global;
use super::output::{Format, Paint, input_cap, pad, text_width, width};
use super::print::{eoutln, out, print_json};
use crate::collection::{Collection, CollectionError, Entry, Listing};
use crate::i18n::{Lang, Table as _, fill};

crate::table! {
    /// `brazen requests`, and the words `import postman` and `export postman` share with it.
    pub struct RequestsText {
        head_name: "NAME" / "이름",
        head_method: "METHOD" / "메서드",
        head_path: "PATH" / "경로",
        head_env: "ENV" / "환경",
        head_note: "NOTE" / "메모",
        broken: "cannot be read: {error}" / "읽을 수 없음: {error}",
        empty: "No saved requests in {dir} yet. Save one from the TUI, write a request file there (NAME.http, \
                subfolders for groups; the format is in the README), or run `brazen import postman FILE`."
            / "{dir}에 저장된 요청이 아직 없습니다. TUI에서 저장하거나, 그곳에 요청 파일(이름.http, 그룹은 하위 \
               폴더, 형식은 README)을 쓰거나, `brazen import postman FILE`을 실행하세요.",
        count_one: "1 saved request in {dir}" / "{dir}에 저장된 요청 1개",
        count: "{n} saved requests in {dir}" / "{dir}에 저장된 요청 {n}개",
        broken_count: "{n} cannot be read" / "{n}개는 읽을 수 없음",
        warning: "warning:" / "경고:",
    }
}

#[derive(Debug, clap::Args)]
pub struct RequestsArgs {
    /// The collection folder (default: requests_dir in the config file, else `requests` beside the history).
    #[arg(long, value_name = "DIR")]
    pub requests: Option<PathBuf>,
    /// Output: an aligned table, or a JSON array of {file, name, method, endpoint, environment, …}.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(args: RequestsArgs, global: Global) -> anyhow::Result<i32> {
    let collection = open(args.requests.as_deref())?;
    let listing = collection.list();
    match args.format {
        Format::Json => print_json(&json_rows(&listing))?,
        Format::Text => out!("{}", text(&collection, &listing, global.lang, Paint::stdout(), text_width())),
    }
    warn_bounds(&listing, global.lang);
    Ok(0)
}

/// The collection a command works on: `--requests DIR` (`flag`), else the configuration's
/// ([`crate::config::Config::requests_dir`]). With a flag, a configuration that does not load is not this
/// command's business: the default input cap stands in.
pub(crate) fn open(flag: Option<&Path>) -> anyhow::Result<Collection> {
    match (super::secrets::load_config(), flag) {
        (Ok(cfg), flag) => Ok(Collection::new(cfg.requests_dir(flag).value, cfg.max_input_bytes.value)),
        (Err(_), Some(dir)) => Ok(Collection::new(dir, input_cap(None))),
        (Err(e), None) => Err(e.into()),
    }
}

/// The bounds a listing reached, on standard error.
pub(crate) fn warn_bounds(listing: &Listing, lang: Lang) {
    let t = RequestsText::get(lang);
    for b in &listing.bounds {
        eoutln!("{} {b}", t.warning);
    }
}

#[derive(Serialize)]
struct Row<'a> {
    /// Relative to the collection's root, `/`-separated.
    file: String,
    name: &'a str,
    method: Option<&'a str>,
    /// The catalog's path pattern when the path is a known endpoint's, else the path as written.
    endpoint: Option<String>,
    environment: Option<&'a str>,
    /// The path as written.
    path: Option<&'a str>,
    /// The note's first line.
    note: Option<&'a str>,
    known: Option<bool>,
    error: Option<RowError>,
}

#[derive(Serialize)]
struct RowError {
    line: Option<usize>,
    message: String,
}

/// The endpoint of a saved request: the catalog path it matches, else its path as written; and whether known.
pub(crate) fn endpoint_of(method: &str, path: &str) -> (String, bool) {
    match crate::catalog::endpoints().resolve(&format!("{method} {path}")) {
        Some(r) => (r.endpoint.path.clone(), true),
        None => (path.to_string(), false),
    }
}

fn json_rows(listing: &Listing) -> Vec<Row<'_>> {
    listing
        .entries
        .iter()
        .map(|e| {
            let file = e.file.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            match &e.request {
                Ok(r) => {
                    let (endpoint, known) = endpoint_of(&r.method, &r.path);
                    Row {
                        file,
                        name: &e.name,
                        method: Some(&r.method),
                        endpoint: Some(endpoint),
                        environment: r.environment.as_deref(),
                        path: Some(&r.path),
                        note: r.note.first().map(String::as_str),
                        known: Some(known),
                        error: None,
                    }
                }
                Err(err) => Row {
                    file,
                    name: &e.name,
                    method: None,
                    endpoint: None,
                    environment: None,
                    path: None,
                    note: None,
                    known: None,
                    error: Some(RowError {
                        line: if let CollectionError::Parse { line, .. } = err { Some(*line) } else { None },
                        message: short_error(err),
                    }),
                },
            }
        })
        .collect()
}

/// An entry's error without its file's path (the row names the request): `line 2: …`, `larger than …`.
fn short_error(e: &CollectionError) -> String {
    match e {
        CollectionError::Parse { line, message, .. } => format!("line {line}: {message}"),
        CollectionError::TooLarge { cap, .. } => {
            format!("larger than {} ([defaults] max_input_bytes)", crate::config::size(*cap))
        }
        CollectionError::NotText { .. } => "not UTF-8 text".into(),
        CollectionError::Read { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

/// `s` in at most `cols` display columns, cut with `…` when longer, padded to `cols`.
fn fit(s: &str, cols: usize) -> String {
    if width(s) <= cols {
        return pad(s, cols);
    }
    let mut out = String::new();
    for c in s.chars() {
        if width(&out) + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > cols {
            break;
        }
        out.push(c);
    }
    out.push('…');
    pad(&out, cols)
}

pub(crate) fn text(collection: &Collection, listing: &Listing, lang: Lang, paint: Paint, cols: usize) -> String {
    use crate::text::visible;
    let t = RequestsText::get(lang);
    let dir = visible(&collection.root().display().to_string()).into_owned();
    if listing.entries.is_empty() {
        let lines = super::output::wrap(&fill(t.empty, &[("dir", &dir)]), cols);
        return lines.join("\n") + "\n";
    }
    // Everything shown comes from the files: made visible, one line each.
    struct Shown {
        name: String,
        method: String,
        path: String,
        env: String,
        note: String,
        broken: bool,
    }
    let rows: Vec<Shown> = listing
        .entries
        .iter()
        .map(|e: &Entry| match &e.request {
            Ok(r) => Shown {
                name: visible(&e.name).into_owned(),
                method: r.method.clone(),
                path: visible(&r.path_and_query()).into_owned(),
                env: visible(r.environment.as_deref().unwrap_or("")).into_owned(),
                note: visible(r.note.first().map(String::as_str).unwrap_or("")).into_owned(),
                broken: false,
            },
            Err(err) => Shown {
                name: visible(&e.name).into_owned(),
                method: String::new(),
                path: String::new(),
                env: String::new(),
                note: visible(&fill(t.broken, &[("error", &short_error(err))])).into_owned(),
                broken: true,
            },
        })
        .collect();
    let widest = |f: &dyn Fn(&Shown) -> &str, head: &str| {
        rows.iter().filter(|r| !r.broken).map(|r| width(f(r))).chain([width(head)]).max().unwrap_or(0)
    };
    let method_w = widest(&|r| &r.method, t.head_method);
    let any_env = rows.iter().any(|r| !r.env.is_empty());
    let seps = if any_env { 8 } else { 6 };
    let budget = cols.max(40).saturating_sub(method_w + seps);
    // Each column as wide as its widest value; over the budget, the note gives way first, then the path, then the
    // name, each down to a floor.
    let name_w = rows.iter().map(|r| width(&r.name)).chain([width(t.head_name)]).max().unwrap_or(0);
    let env_w = if any_env { widest(&|r| &r.env, t.head_env).min(12) } else { 0 };
    let mut w = [name_w, widest(&|r| &r.path, t.head_path), widest(&|r| &r.note, t.head_note)];
    let floors = [w[0].min(16), w[1].min(20), w[2].min(12)];
    for i in [2, 1, 0] {
        let over = (w.iter().sum::<usize>() + env_w).saturating_sub(budget);
        w[i] -= over.min(w[i] - floors[i]);
    }
    let [name_w, path_w, note_w] = w;
    let line = |name: &str, method: &str, path: &str, env: &str, note: &str| {
        let mut l = format!("{}  {}  {}", fit(name, name_w), fit(method, method_w), fit(path, path_w));
        if any_env {
            l.push_str(&format!("  {}", fit(env, env_w)));
        }
        l.push_str(&format!("  {}", fit(note, note_w)));
        l.trim_end().to_string()
    };
    let mut out = paint.bold(&line(t.head_name, t.head_method, t.head_path, t.head_env, t.head_note));
    out.push('\n');
    for r in &rows {
        if r.broken {
            // The error, whole, wrapped in the row's width after the name.
            let rest = cols.max(40).saturating_sub(name_w + 2);
            for (k, l) in super::output::wrap(&r.note, rest).iter().enumerate() {
                let name = if k == 0 { fit(&r.name, name_w) } else { " ".repeat(name_w) };
                out.push_str(&format!("{name}  {}\n", paint.red(l)));
            }
        } else {
            out.push_str(&line(&r.name, &r.method, &r.path, &r.env, &r.note));
            out.push('\n');
        }
    }
    let n = rows.len();
    let count = if n == 1 { fill(t.count_one, &[("dir", &dir)]) } else { fill(t.count, &[("n", &n), ("dir", &dir)]) };
    let broken = rows.iter().filter(|r| r.broken).count();
    let count = if broken > 0 { format!("{count}; {}", fill(t.broken_count, &[("n", &broken)])) } else { count };
    out.push_str(&paint.dim(&count));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::check;

    fn sample() -> (tempfile::TempDir, Collection) {
        let dir = tempfile::tempdir().unwrap();
        let c = Collection::new(dir.path(), 1 << 20);
        let put = |rel: &str, text: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        put(
            "customer-a/welcome-email-for-the-spring-campaign.http",
            "# Spring welcome \x1b]52;c;x\x07 for 고객 A.\n# @environment US-03\nPOST /campaigns/trigger/send\n\n{}\n",
        );
        put("catalogs/item.http", "PUT /catalogs/{{catalog}}/items/bistro-7?x=1\n\n{}\n");
        put("broken.http", "# note\nFETCH /x\n");
        (dir, c)
    }

    #[test]
    fn the_table_fits_80_columns_and_shows_a_broken_file() {
        let (_d, c) = sample();
        let l = c.list();
        for lang in [Lang::En, Lang::Ko] {
            let t = text(&c, &l, lang, Paint { on: false }, 80);
            assert!(t.lines().all(|l| width(l) <= 80), "{t}");
            assert!(!t.contains('\x1b'), "{t}");
            let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains("line 2: the request line must start with GET"), "{t}");
            assert!(t.contains("US-03"), "{t}");
        }
        let en = text(&c, &l, Lang::En, Paint { on: false }, 120);
        assert!(en.starts_with("NAME"), "{en}");
        let wide = text(&c, &l, Lang::En, Paint { on: false }, 200);
        assert!(wide.contains("Spring welcome ␛]52;c;x␇ for 고객 A."), "made visible: {wide}");
        assert!(en.contains("catalogs/item") && en.contains("/catalogs/{{catalog}}/items/bistro-7?x=1"), "{en}");
        assert!(en.contains("3 saved requests in ") && en.contains("1 cannot be read"), "{en}");
        let ko = text(&c, &l, Lang::Ko, Paint { on: false }, 80);
        assert!(ko.starts_with("이름") && ko.contains("메서드") && ko.contains("읽을 수 없음"), "{ko}");
    }

    #[test]
    fn json_rows_have_the_contracts_fields() {
        let (_d, c) = sample();
        let v = serde_json::to_value(json_rows(&c.list())).unwrap();
        assert_eq!(v[0]["name"], "broken");
        assert_eq!(v[0]["error"]["line"], 2);
        assert!(v[0]["method"].is_null());
        assert_eq!(v[1]["file"], "catalogs/item.http");
        assert_eq!(v[1]["endpoint"], "/catalogs/{catalog_name}/items/{item_id}");
        assert_eq!(v[1]["environment"], serde_json::Value::Null);
        assert_eq!(v[2]["name"], "customer-a/welcome-email-for-the-spring-campaign");
        assert_eq!(v[2]["method"], "POST");
        assert_eq!(v[2]["environment"], "US-03");
    }

    #[test]
    fn an_empty_collection_says_where_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let c = Collection::new(dir.path().join("none"), 1 << 20);
        let t = text(&c, &c.list(), Lang::En, Paint { on: false }, 80);
        assert!(t.contains("No saved requests in") && t.contains("brazen import postman"), "{t}");
        assert!(check::<RequestsText>().is_empty(), "{:?}", check::<RequestsText>());
    }
}
