//! Saved requests in the workbench: the request the editor holds as a request file, the saved request it came from
//! (the baseline that says whether there are unsaved changes), and the state of the collection overlay (F9).
//! Pure: the runtime reads and writes the files (`runtime::collection`); `update::saved` changes this state.

use super::app::App;
use super::line_input::LineInput;
use crate::request::RequestFile;

/// The saved request the editor holds, as it was last opened or saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// Its name in the collection (`customer-a/welcome-email`).
    pub name: String,
    pub file: RequestFile,
}

/// One row of the collection overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub method: String,
    pub path: String,
    pub environment: Option<String>,
    /// The note's first line.
    pub note: String,
    /// Why the file could not be read (`line 3: …`); such a row opens nothing.
    pub error: Option<String>,
}

/// The collection overlay: the saved requests, the selection, and the name being typed for save-as or rename.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Browser {
    pub entries: Vec<Entry>,
    pub selected: usize,
    /// The list arrived (an empty list before that means "loading").
    pub loaded: bool,
    /// The collection's folder, to say where files go.
    pub root: String,
    pub prompt: Option<Prompt>,
    /// The name to select when the list next arrives (a rename's new name, a copy).
    pub select: Option<String>,
}

/// A name being typed, what it is for, and why the last one was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub action: NameFor,
    pub input: LineInput,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameFor {
    /// Save the editor's request under a new name.
    SaveAs,
    /// Rename the saved request `from`.
    Rename { from: String },
}

impl Browser {
    pub fn selected_entry(&self) -> Option<&Entry> {
        self.entries.get(self.selected)
    }
}

/// The editor's request as a request file: the method and the path line's path and query from the workbench, the
/// body from the editor (for a GET, the editor's JSON object becomes query lines after the path line's own), and
/// the headers from the workbench, the note and environment from the saved request it came from. `Err` says why it cannot be written.
pub fn file_of(app: &App) -> Result<RequestFile, String> {
    let e = app.current_endpoint();
    let mut file = RequestFile::from_target(&e.method, app.path.text.trim(), &app.headers, "");
    if let Some(s) = &app.saved {
        file.note = s.file.note.clone();
        file.environment = s.file.environment.clone();
    }
    if e.method == "GET" {
        let pairs = crate::request::query_from_json(app.editor.text())?;
        file.query.extend(
            pairs
                .iter()
                .map(|(k, v)| format!("{}={}", crate::request::percent_encode(k), crate::request::percent_encode(v))),
        );
        file.body = String::new();
    } else {
        file.body = app.editor.text().to_string();
    }
    Ok(file)
}

/// [`file_of`], refused when the file would not read back (a path with a space, say).
pub fn file_to_save(app: &App) -> Result<RequestFile, String> {
    let file = file_of(app)?;
    RequestFile::parse(&file.to_text()).map_err(|e| e.to_string())?;
    Ok(file)
}

/// Whether the editor's request differs from the saved request it came from; `false` when it came from none (the
/// draft of an unnamed request is kept by the state file). Drawn on every frame, so a body is compared in place,
/// never copied.
pub fn unsaved(app: &App) -> bool {
    let Some(s) = &app.saved else { return false };
    let f = &s.file;
    if app.current_endpoint().method != f.method {
        return true;
    }
    if f.method == "GET" {
        // The editor's object joins the query: built (a GET's object is small) and compared whole.
        return file_of(app).map_or(true, |x| x != *f);
    }
    app.editor.text() != f.body || app.path.text.trim() != f.path_and_query() || app.headers != f.headers
}

/// What the workbench shows for a saved request: the path line (path and query as written) and the editor's text
/// (the body; for a GET an empty object, its query being on the path line).
pub fn workbench_text(file: &RequestFile) -> (String, String) {
    let body = if file.method == "GET" { "{}\n".to_string() } else { file.body.clone() };
    (file.path_and_query(), body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::tui::theme::Theme;

    fn app() -> App {
        App::new(Lang::En, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), 120, 32)
    }

    #[test]
    fn the_editor_request_becomes_a_file_keeping_what_the_workbench_does_not_show() {
        let mut app = app();
        let text =
            "# For the Seoul team.\n# @environment KR-01\nPOST /messages/send\nX-Trace: a1\n\n{\"broadcast\": true}\n";
        let file = RequestFile::parse(text).unwrap();
        let (path, body) = workbench_text(&file);
        app.path.set(&path);
        app.editor.load(&body);
        app.headers = file.headers.clone();
        app.saved = Some(Saved { name: "seoul/welcome".into(), file: file.clone() });
        assert_eq!(file_of(&app).unwrap().to_text(), text);
        assert!(!unsaved(&app));
        app.editor.load("{\"broadcast\": false}\n");
        assert!(unsaved(&app));
    }

    #[test]
    fn a_get_keeps_its_query_on_the_path_line_and_the_editor_object_joins_it() {
        let mut app = app();
        let at = crate::catalog::endpoints().endpoints.iter().position(|e| e.key() == "GET /campaigns/list").unwrap();
        app.load_endpoint(at);
        let file = RequestFile::parse("GET /campaigns/list\n    ?page=2\n    &include_archived=true\n").unwrap();
        let (path, body) = workbench_text(&file);
        assert_eq!((path.as_str(), body.as_str()), ("/campaigns/list?page=2&include_archived=true", "{}\n"));
        app.path.set(&path);
        app.editor.load(&body);
        app.saved = Some(Saved { name: "list".into(), file: file.clone() });
        assert_eq!(file_of(&app).unwrap(), file);
        app.editor.load("{\"sort_direction\": \"desc\"}");
        assert_eq!(file_of(&app).unwrap().query, ["page=2", "include_archived=true", "sort_direction=desc"]);
        app.editor.load("[1]");
        assert!(file_of(&app).is_err(), "a GET's editor holds an object of query parameters");
    }

    #[test]
    fn an_unnamed_request_has_nothing_unsaved() {
        let mut app = app();
        app.editor.load("{}");
        assert!(!unsaved(&app));
        assert_eq!(file_of(&app).unwrap().to_text(), "POST /messages/send\n\n{}");
    }
}
