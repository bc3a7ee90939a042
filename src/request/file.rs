//! The request file: the one plain-text format of templates (`assets/templates/*.http`) and saved requests.
//!
//! It is the HTTP message layout that editors already highlight (VS Code REST Client, JetBrains' HTTP client):
//! note lines (`# …`), the request line (`PATCH /catalogs/restaurants/items`), optional query lines (indented,
//! `?name=value` then `&name=value`), header lines, a blank line, the body verbatim. A JSON body stays
//! pretty-printed, so a change to one value is a one-line diff. Format: assets/README.md.
//!
//! Core: pure and synchronous; must not import an IO crate nor the adapters and front ends.

use super::query::{pairs_of, percent_encode};

/// The note line that names the environment a saved request is meant for.
const ENVIRONMENT: &str = "@environment";

/// The methods Braze's REST API uses.
pub const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// A request as a file holds it. [`RequestFile::parse`] then [`RequestFile::to_text`] gives back the same bytes
/// for a file in the canonical layout (every file brazen writes).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RequestFile {
    /// The note: the `#` lines before the request line, without `# `.
    pub note: Vec<String>,
    /// The environment the request is meant for (`# @environment NAME`, the last line before the request line).
    pub environment: Option<String>,
    pub method: String,
    /// The concrete path, its parameters filled in, without the query.
    pub path: String,
    /// The query as written (`name=value`, still percent-encoded), in order.
    pub query: Vec<String>,
    /// Header lines as written (`Name: value`).
    pub headers: Vec<(String, String)>,
    /// Everything after the blank line, verbatim; empty when there is none.
    pub body: String,
}

/// Where a request file is malformed: a 1-based line and what is wrong there.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct FileError {
    pub line: usize,
    pub message: String,
}

impl RequestFile {
    pub fn parse(text: &str) -> Result<RequestFile, FileError> {
        let mut lines = text.split('\n').enumerate().peekable();
        let mut file = RequestFile::default();
        let err = |line: usize, message: String| FileError { line: line + 1, message };
        while let Some((n, l)) = lines.peek() {
            let Some(note) = l.strip_prefix('#') else { break };
            let note = note.strip_prefix(' ').unwrap_or(note);
            if let Some(name) = note.strip_prefix(ENVIRONMENT).filter(|r| r.is_empty() || r.starts_with(' ')) {
                let name = name.trim();
                if name.is_empty() || name.contains(char::is_whitespace) {
                    return Err(err(*n, format!("`# {ENVIRONMENT} NAME` names one environment: {l:?}")));
                }
                file.environment = Some(name.to_string());
            } else if file.environment.is_some() {
                // The directive ends the note, so the canonical layout (note, directive, request line) is the only one.
                return Err(err(*n, format!("`# {ENVIRONMENT}` goes after the note, just before the request line")));
            } else {
                file.note.push(note.to_string());
            }
            lines.next();
        }
        let Some((n, line)) = lines.next() else {
            return Err(err(0, "no request line: write `METHOD /path`, e.g. `GET /campaigns/list`".into()));
        };
        let line = line.strip_suffix('\r').unwrap_or(line);
        let (method, target) = line.split_once(' ').unwrap_or((line, ""));
        if !METHODS.contains(&method) {
            return Err(err(n, format!("the request line must start with {}: {line:?}", METHODS.join(", "))));
        }
        if !target.starts_with('/') || target.contains(char::is_whitespace) {
            return Err(err(n, format!("the path must start with `/` and hold no spaces: {target:?}")));
        }
        file.method = method.to_string();
        let (path, inline) = target.split_once('?').unwrap_or((target, ""));
        file.path = path.to_string();
        file.query.extend(inline.split('&').filter(|p| !p.is_empty()).map(str::to_string));
        while let Some((_, l)) = lines.peek() {
            let t = l.trim_start();
            if t.len() == l.len() || !(t.starts_with('?') || t.starts_with('&')) {
                break;
            }
            file.query.extend(t.trim_end()[1..].split('&').filter(|p| !p.is_empty()).map(str::to_string));
            lines.next();
        }
        for (n, l) in lines.by_ref() {
            let l = l.strip_suffix('\r').unwrap_or(l);
            if l.is_empty() {
                break;
            }
            let Some((name, value)) = l.split_once(':') else {
                return Err(err(n, format!("a header line is `Name: value`: {l:?}")));
            };
            if name.is_empty() || name.contains(char::is_whitespace) {
                return Err(err(n, format!("a header name holds no spaces: {name:?}")));
            }
            file.headers.push((name.to_string(), value.trim().to_string()));
        }
        file.body = lines.map(|(_, l)| l).collect::<Vec<_>>().join("\n");
        Ok(file)
    }

    /// The canonical text: note, request line, one query line per parameter, headers, blank line, body.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for n in &self.note {
            out.push_str(if n.is_empty() { "#" } else { "# " });
            out.push_str(n);
            out.push('\n');
        }
        if let Some(env) = &self.environment {
            out.push_str(&format!("# {ENVIRONMENT} {env}\n"));
        }
        out.push_str(&format!("{} {}\n", self.method, self.path));
        for (i, q) in self.query.iter().enumerate() {
            out.push_str(if i == 0 { "    ?" } else { "    &" });
            out.push_str(q);
            out.push('\n');
        }
        for (name, value) in &self.headers {
            out.push_str(&format!("{name}: {value}\n"));
        }
        if !self.body.is_empty() {
            out.push('\n');
            out.push_str(&self.body);
        }
        out
    }

    /// A request from what a workbench holds: the method, the path line (`/path?query`, the query kept as written),
    /// the headers and the body.
    pub fn from_target(method: &str, target: &str, headers: &[(String, String)], body: &str) -> RequestFile {
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        RequestFile {
            method: method.to_string(),
            path: path.to_string(),
            query: query.split('&').filter(|q| !q.is_empty()).map(str::to_string).collect(),
            headers: headers.to_vec(),
            body: body.to_string(),
            ..RequestFile::default()
        }
    }

    /// The query, decoded, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        pairs_of(&self.query.join("&"))
    }

    /// Sets the query from decoded pairs.
    pub fn set_query(&mut self, pairs: &[(String, String)]) {
        self.query = pairs.iter().map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v))).collect();
    }

    /// The path with its query (`/sends/data_series?send_id=x`).
    pub fn path_and_query(&self) -> String {
        if self.query.is_empty() { self.path.clone() } else { format!("{}?{}", self.path, self.query.join("&")) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# Add an item.\n# Second line.\nPATCH /catalogs/restaurants/items\n    ?limit=10\n    &note=a%20b\nX-Request-Origin: example.com\n\n{\n  \"items\": []\n}\n";

    #[test]
    fn a_canonical_file_reads_and_writes_back_byte_for_byte() {
        let f = RequestFile::parse(FILE).unwrap();
        assert_eq!(f.note, ["Add an item.", "Second line."]);
        assert_eq!((f.method.as_str(), f.path.as_str()), ("PATCH", "/catalogs/restaurants/items"));
        assert_eq!(f.query_pairs(), [("limit".into(), "10".into()), ("note".into(), "a b".into())]);
        assert_eq!(f.headers, [("X-Request-Origin".to_string(), "example.com".to_string())]);
        assert_eq!(f.body, "{\n  \"items\": []\n}\n");
        assert_eq!(f.to_text(), FILE);
        assert_eq!(f.path_and_query(), "/catalogs/restaurants/items?limit=10&note=a%20b");
    }

    #[test]
    fn the_query_may_sit_on_the_request_line_and_a_file_may_have_no_body() {
        let f = RequestFile::parse("GET /campaigns/list?page=1&include_archived=true\n").unwrap();
        assert_eq!(f.query, ["page=1", "include_archived=true"]);
        assert_eq!(f.body, "");
        assert_eq!(f.to_text(), "GET /campaigns/list\n    ?page=1\n    &include_archived=true\n");
        let d = RequestFile::parse("DELETE /catalogs/restaurants").unwrap();
        assert_eq!((d.method.as_str(), d.body.as_str()), ("DELETE", ""));
    }

    #[test]
    fn mistakes_name_their_line() {
        let e = |t: &str| RequestFile::parse(t).unwrap_err();
        assert_eq!(e("# only a note\n").line, 2);
        assert!(e("FETCH /x\n").message.contains("GET, POST, PUT, PATCH, DELETE"));
        assert!(e("GET campaigns/list\n").message.contains("must start with `/`"));
        let h = e("POST /users/track\nnot a header\n\n{}");
        assert_eq!(h.line, 2);
        assert!(h.message.contains("Name: value"));
    }

    #[test]
    fn the_environment_line_ends_the_note() {
        let text = "# Welcome series for the Seoul team.\n# @environment KR-01\nPOST /messages/send\n\n{}\n";
        let f = RequestFile::parse(text).unwrap();
        assert_eq!(f.note, ["Welcome series for the Seoul team."]);
        assert_eq!(f.environment.as_deref(), Some("KR-01"));
        assert_eq!(f.to_text(), text);
        let e = |t: &str| RequestFile::parse(t).unwrap_err();
        assert_eq!(e("# @environment\nGET /campaigns/list\n").line, 1);
        assert_eq!(e("# @environment a b\nGET /campaigns/list\n").line, 1);
        let late = e("# @environment KR-01\n# a note after it\nGET /campaigns/list\n");
        assert_eq!(late.line, 2, "{late}");
    }

    #[test]
    fn crlf_line_ends_are_read() {
        let f = RequestFile::parse("POST /users/track\r\nX-A: b\r\n\r\n{}\r\n").unwrap();
        assert_eq!(f.headers, [("X-A".to_string(), "b".to_string())]);
        assert_eq!(f.body, "{}\r\n");
    }
}
