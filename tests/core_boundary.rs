//! The core boundary, checked: the core modules (the one list is [`CORE`] below; `lib.rs`'s layer doc names the
//! same ones) are pure and synchronous. A core source file fails this test if its code (comments and string
//! literals aside) names an IO crate, the file system or the network of `std`, reads the machine's clock, or imports
//! an adapter or a front end. Every top-level module must be listed here as core or not, so a new one is placed on
//! purpose.

use std::path::{Path, PathBuf};

/// The core: pure, synchronous, no clock of its own.
const CORE: &[&str] = &[
    "answer", "catalog", "classify", "clock", "exchange", "fault", "i18n", "policy", "postman", "request", "retry",
    "scrub", "text", "validate", "when",
];
/// Adapters (IO) and front ends: the core imports none of them.
const OUTSIDE: &[&str] =
    &["cli", "client", "collection", "config", "curl", "history", "mock", "service", "system", "tui"];
/// Crates that do IO or drive a terminal.
const IO_CRATES: &[&str] =
    &["tokio", "tokio_util", "reqwest", "rusqlite", "axum", "crossterm", "ratatui", "hyper", "hyper_util", "rustls"];
/// Paths that reach the machine: files, sockets, processes, the environment, the clock.
const MACHINE: &[&[&str]] = &[
    &["std", "fs"],
    &["std", "net"],
    &["std", "process"],
    &["std", "env"],
    &["std", "time", "SystemTime"],
    &["std", "time", "Instant"],
    &["SystemTime"],
    &["Instant", "now"],
    &["Timestamp", "now"],
    &["Zoned", "now"],
    &["jiff", "Timestamp", "now"],
    &["jiff", "Zoned", "now"],
];

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Ident(String),
    Path, // `::`
    Open,
    Close,
    Comma,
    Other,
}

/// The code's tokens, without comments, string and character literals (their text is not code).
fn tokens(src: &str) -> Vec<Token> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let rest = |n: usize| c.get(i + n).copied().unwrap_or('\0');
        match c[i] {
            '/' if rest(1) == '/' => i = (i..c.len()).find(|&j| c[j] == '\n').unwrap_or(c.len()),
            '/' if rest(1) == '*' => {
                i = (i + 2..c.len()).find(|&j| c[j] == '*' && c.get(j + 1) == Some(&'/')).map_or(c.len(), |j| j + 2)
            }
            'r' if rest(1) == '#' || rest(1) == '"' => {
                let hashes = (i + 1..c.len()).take_while(|&j| c[j] == '#').count();
                if rest(1 + hashes) != '"' {
                    out.push(Token::Ident("r".into()));
                    i += 1;
                    continue;
                }
                let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                let body: String = c[i + 2 + hashes..].iter().collect();
                i = i + 2 + hashes + body.find(&close).map_or(body.chars().count(), |b| body[..b].chars().count());
                i += close.chars().count();
            }
            '"' => {
                i += 1;
                while i < c.len() && c[i] != '"' {
                    i += if c[i] == '\\' { 2 } else { 1 };
                }
                i += 1;
            }
            '\'' if rest(1) == '\\' => i = (i + 2..c.len()).find(|&j| c[j] == '\'').map_or(c.len(), |j| j + 1),
            '\'' if rest(2) == '\'' => i += 3,
            ch if ch.is_alphabetic() || ch == '_' => {
                let end = (i..c.len()).find(|&j| !(c[j].is_alphanumeric() || c[j] == '_')).unwrap_or(c.len());
                out.push(Token::Ident(c[i..end].iter().collect()));
                i = end;
            }
            ':' if rest(1) == ':' => {
                out.push(Token::Path);
                i += 2;
            }
            '{' => (out.push(Token::Open), i += 1).1,
            '}' => (out.push(Token::Close), i += 1).1,
            ',' => (out.push(Token::Comma), i += 1).1,
            ch if ch.is_whitespace() => i += 1,
            _ => (out.push(Token::Other), i += 1).1,
        }
    }
    out
}

/// Every path the code names, with `use a::{b, c::d}` groups expanded (`a::b`, `a::c::d`). `$crate` counts as
/// `crate`.
fn paths(src: &str) -> Vec<Vec<String>> {
    let t = tokens(src);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if matches!(t[i], Token::Ident(_)) && (i == 0 || t[i - 1] != Token::Path) {
            i = path_at(&t, i, Vec::new(), &mut out);
        } else {
            i += 1;
        }
    }
    out
}

/// Reads the path starting at `i` under `prefix` into `out`; returns the index after it.
fn path_at(t: &[Token], mut i: usize, mut prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    while let Some(Token::Ident(name)) = t.get(i) {
        prefix.push(name.clone());
        if t.get(i + 1) != Some(&Token::Path) {
            out.push(prefix);
            return i + 1;
        }
        i += 2;
        if t.get(i) == Some(&Token::Open) {
            i += 1;
            while i < t.len() && t[i] != Token::Close {
                if matches!(t[i], Token::Ident(_)) {
                    i = path_at(t, i, prefix.clone(), out);
                } else {
                    i += 1;
                }
            }
            return i + 1;
        }
    }
    out.push(prefix);
    i
}

/// What is wrong with a path in core code, if anything.
fn violation(path: &[String]) -> Option<String> {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    if IO_CRATES.contains(&p[0]) {
        return Some(format!("names the IO crate {}", p[0]));
    }
    if p[0] == "crate" && p.len() > 1 && OUTSIDE.contains(&p[1]) {
        return Some(format!("imports crate::{}, outside the core", p[1]));
    }
    MACHINE
        .iter()
        .find(|m| p.windows(m.len()).any(|w| w == **m))
        .map(|m| format!("reaches the machine: {}", m.join("::")))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The source files of a top-level module: `src/m.rs` and everything under `src/m/`.
fn module_files(module: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let file = src().join(format!("{module}.rs"));
    if file.exists() {
        files.push(file);
    }
    let dir = src().join(module);
    if dir.is_dir() {
        rust_files(&dir, &mut files);
    }
    files
}

#[test]
fn core_modules_do_no_io_and_import_no_adapter() {
    let mut problems = Vec::new();
    for module in CORE {
        let files = module_files(module);
        assert!(!files.is_empty(), "core module {module} has no source");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for path in paths(&text) {
                if let Some(why) = violation(&path) {
                    problems.push(format!("{}: {why} ({})", file.display(), path.join("::")));
                }
            }
        }
    }
    assert!(problems.is_empty(), "the core boundary leaks:\n{}", problems.join("\n"));
}

#[test]
fn every_module_is_placed_and_lib_rs_names_the_core() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    for line in lib.lines().filter_map(|l| l.strip_prefix("pub mod ")) {
        let name = line.trim_end_matches(';');
        assert!(CORE.contains(&name) || OUTSIDE.contains(&name), "place the module {name} in CORE or OUTSIDE");
    }
    // The layer doc's core item lists exactly these modules, as [`name`] links.
    let doc: String = lib.lines().filter_map(|l| l.strip_prefix("//!")).collect::<Vec<_>>().join(" ");
    let core_item = doc.split("- ").find(|item| item.contains("domain core")).expect("lib.rs's doc has a core item");
    let mut named: Vec<&str> = core_item.split("[`").skip(1).filter_map(|s| s.split("`]").next()).collect();
    named.sort_unstable();
    assert_eq!(named, CORE, "lib.rs's layer doc and this test list the same core");
}

#[test]
fn the_checker_sees_through_groups_and_ignores_comments_and_strings() {
    let src = r##"
        // use reqwest::Client;
        /* tokio::spawn */
        const S: &str = "crate::client std::fs";
        const R: &str = r#"axum"#;
        use crate::{catalog::Endpoint, history::{Store, Filter}};
        use std::{fs, io};
        fn f<'a>(c: char) -> bool { c == '"' || jiff::Timestamp::now().as_second() > 0 }
    "##;
    let found: Vec<String> = paths(src).iter().filter_map(|p| violation(p)).collect();
    assert_eq!(
        found,
        [
            "imports crate::history, outside the core",
            "imports crate::history, outside the core",
            "reaches the machine: std::fs",
            "reaches the machine: Timestamp::now",
        ]
    );
}
