//! `brazen import postman FILE [--into DIR] [--force] [--format text|json]` and `brazen export postman
//! [--requests DIR]`: the file IO around [`crate::postman`].
//!
//! An import never overwrites a file: when one of the files it would write exists, it writes nothing, names them
//! and exits 2, unless `--force` (then they are replaced).

use std::path::PathBuf;

use serde::Serialize;

use super::Global;
use super::output::{Format, Paint, UsageError, read_input, text_width, wrap};
use super::print::{eoutln, out, print_json};
use crate::collection::{CollectionError, VARIABLES_FILE};
use crate::i18n::{Lang, Table as _, fill};
use crate::postman::{Dropped, Import};

crate::table! {
    /// `brazen import postman` and `brazen export postman`.
    pub struct PostmanText {
        imported_one: "Imported 1 request from {title} into {dir}:" / "{title}에서 요청 1개를 {dir}에 가져왔습니다:",
        imported: "Imported {n} requests from {title} into {dir}:" / "{title}에서 요청 {n}개를 {dir}에 가져왔습니다:",
        the_collection: "the collection" / "컬렉션",
        variables_file: "{file} ({n} variables)" / "{file} (변수 {n}개)",
        secrets: "Secret variables, imported without their value (set the process variable before sending):"
            / "값 없이 가져온 비밀 변수(보내기 전에 프로세스 변수를 설정하세요):",
        secret: "{name}: ${env}" / "{name}: ${env}",
        dropped: "Left out:" / "제외한 것:",
        auth: "auth ({kind}) of {at}: brazen sends the environment's key" / "{at}의 인증({kind}): brazen은 환경의 키를 보냅니다",
        header: "header {header} of {request}: a credential" / "{request}의 {header} 헤더: 자격 증명",
        query: "query parameter {key} of {request}: a credential" / "{request}의 쿼리 매개변수 {key}: 자격 증명",
        scripts: "scripts of {at}: brazen runs no scripts" / "{at}의 스크립트: brazen은 스크립트를 실행하지 않습니다",
        host_variable: "variable {name}: the host; brazen sends to the environment's URL (--env)"
            / "변수 {name}: 호스트이므로 제외, brazen은 환경의 URL로 보냅니다(--env)",
        bad_variable: "variable {name}: not a variable name ([A-Za-z_][A-Za-z0-9_.-]*)"
            / "변수 {name}: 변수 이름이 아님 ([A-Za-z_][A-Za-z0-9_.-]*)",
        unknown: "Not in the catalog (kept, with a hint in the note): {names}"
            / "카탈로그에 없음(메모에 힌트를 달아 보관): {names}",
        skipped: "Skipped {n}:" / "건너뜀 {n}개:",
        exists: "{dir} already holds {n} of the files this import would write ({files}); nothing was written. Import \
                 into another folder with --into DIR, or replace them with --force."
            / "{dir}에 가져올 파일 중 {n}개가 이미 있습니다({files}). 아무것도 쓰지 않았습니다. --into DIR로 다른 폴더에 \
               가져오거나 --force로 바꾸세요.",
        export_broken: "left out of the export: {error}" / "내보내기에서 제외: {error}",
        export_empty: "no saved requests in {dir}: the collection is empty" / "{dir}에 저장된 요청이 없어 빈 컬렉션입니다",
    }
}

#[derive(Serialize)]
struct ImportOut<'a> {
    imported: usize,
    skipped: &'a [crate::postman::Skipped],
    /// Written, relative to `into`, `/`-separated.
    files: Vec<String>,
    into: String,
    dropped: &'a [Dropped],
    /// Requests to endpoints the catalog does not know.
    unknown: Vec<&'a str>,
}

pub(crate) fn import(
    file: &str,
    into: Option<PathBuf>,
    force: bool,
    format: Format,
    global: Global,
) -> anyhow::Result<i32> {
    let collection = super::requests::open(into.as_deref())?;
    let text = read_input(file, collection.cap()).map_err(|e| UsageError(format!("{e:#}")))?;
    let where_ = if file == "-" { "standard input".to_string() } else { file.to_string() };
    let imported = crate::postman::import(&text).map_err(|e| UsageError(format!("{where_}: {e}")))?;
    let t = PostmanText::get(global.lang);
    let vars_text = (!imported.variables.is_empty()).then(|| imported.variables_toml());

    let mut targets: Vec<(String, PathBuf)> = Vec::new();
    for r in &imported.requests {
        targets.push((format!("{}.{}", r.name, crate::collection::EXTENSION), collection.path_of(&r.name)?));
    }
    if vars_text.is_some() {
        targets.push((VARIABLES_FILE.to_string(), collection.variables_path()));
    }
    let existing: Vec<&str> = targets.iter().filter(|(_, p)| p.exists()).map(|(n, _)| n.as_str()).collect();
    if !existing.is_empty() && !force {
        let mut files = existing.iter().take(5).copied().collect::<Vec<_>>().join(", ");
        if existing.len() > 5 {
            files.push_str(", …");
        }
        let dir = collection.root().display().to_string();
        return Err(UsageError(fill(t.exists, &[("dir", &dir), ("n", &existing.len()), ("files", &files)])).into());
    }
    for r in &imported.requests {
        collection.overwrite(&r.name, &r.request)?;
    }
    if let Some(v) = &vars_text {
        collection.write_variables(v)?;
    }

    let out = ImportOut {
        imported: imported.requests.len(),
        skipped: &imported.skipped,
        files: targets.iter().map(|(n, _)| n.clone()).collect(),
        into: collection.root().display().to_string(),
        dropped: &imported.dropped,
        unknown: imported.requests.iter().filter(|r| !r.known).map(|r| r.name.as_str()).collect(),
    };
    match format {
        Format::Json => print_json(&out)?,
        Format::Text => out!("{}", import_text(&imported, &out, global.lang, Paint::stdout(), text_width())),
    }
    Ok(0)
}

fn import_text(i: &Import, o: &ImportOut<'_>, lang: Lang, paint: Paint, cols: usize) -> String {
    use crate::text::visible;
    let t = PostmanText::get(lang);
    let title = if i.title.is_empty() { t.the_collection.to_string() } else { format!("{:?}", i.title) };
    let (title, dir) = (visible(&title).into_owned(), visible(&o.into).into_owned());
    let n = o.imported;
    let head = if n == 1 {
        fill(t.imported_one, &[("title", &title), ("dir", &dir)])
    } else {
        fill(t.imported, &[("n", &n), ("title", &title), ("dir", &dir)])
    };
    let mut out = paint.bold(&head);
    out.push('\n');
    for f in &o.files {
        if f == VARIABLES_FILE {
            out.push_str(&format!("  {}\n", fill(t.variables_file, &[("file", &f), ("n", &i.variables.len())])));
        } else {
            out.push_str(&format!("  {}\n", visible(f)));
        }
    }
    let block = |out: &mut String, heading: &str, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        out.push_str(heading);
        out.push('\n');
        for l in lines {
            for (k, w) in wrap(&visible(&l), cols.saturating_sub(4)).iter().enumerate() {
                out.push_str(if k == 0 { "  " } else { "    " });
                out.push_str(w);
                out.push('\n');
            }
        }
    };
    let secrets: Vec<String> = i
        .dropped
        .iter()
        .filter_map(|d| match d {
            Dropped::SecretValue { name, env } => Some(fill(t.secret, &[("name", name), ("env", env)])),
            _ => None,
        })
        .collect();
    block(&mut out, &paint.yellow(t.secrets), secrets);
    let dropped: Vec<String> = i
        .dropped
        .iter()
        .filter_map(|d| match d {
            Dropped::Auth { at, kind } => Some(fill(t.auth, &[("at", at), ("kind", kind)])),
            Dropped::Header { request, header } => Some(fill(t.header, &[("request", request), ("header", header)])),
            Dropped::Query { request, key } => Some(fill(t.query, &[("request", request), ("key", key)])),
            Dropped::Scripts { at } => Some(fill(t.scripts, &[("at", at)])),
            Dropped::HostVariable { name } => Some(fill(t.host_variable, &[("name", name)])),
            Dropped::BadVariable { name } => Some(fill(t.bad_variable, &[("name", &format!("{name:?}"))])),
            Dropped::SecretValue { .. } => None,
        })
        .collect();
    block(&mut out, t.dropped, dropped);
    if !o.unknown.is_empty() {
        let line = fill(t.unknown, &[("names", &o.unknown.join(", "))]);
        for w in wrap(&visible(&line), cols) {
            out.push_str(&w);
            out.push('\n');
        }
    }
    let skipped: Vec<String> = i.skipped.iter().map(|s| format!("{}: {}", s.name, s.reason)).collect();
    block(&mut out, &paint.yellow(&fill(t.skipped, &[("n", &i.skipped.len())])), skipped);
    out
}

pub(crate) fn export(requests: Option<PathBuf>, global: Global) -> anyhow::Result<i32> {
    let t = PostmanText::get(global.lang);
    let collection = super::requests::open(requests.as_deref())?;
    let listing = collection.list();
    super::requests::warn_bounds(&listing, global.lang);
    let mut saved = Vec::new();
    for e in listing.entries {
        match e.request {
            Ok(r) => saved.push((e.name, r)),
            Err(err) => eoutln!("{}", fill(t.export_broken, &[("error", &err)])),
        }
    }
    if saved.is_empty() {
        eoutln!("{}", fill(t.export_empty, &[("dir", &collection.root().display())]));
    }
    let variables = match collection.read_variables()? {
        Some(text) => crate::postman::parse_variables(&text).map_err(|e| CollectionError::Parse {
            file: collection.variables_path(),
            line: e.line,
            message: e.message,
        })?,
        None => Vec::new(),
    };
    let title = collection
        .root()
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "brazen requests".into());
    print_json(&crate::postman::export(&title, &saved, &variables))?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_both_languages() {
        assert!(crate::i18n::check::<PostmanText>().is_empty(), "{:?}", crate::i18n::check::<PostmanText>());
    }
}
