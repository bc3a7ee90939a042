//! A curl command pasted into the editor or the path line (the usual start of a support case): recognised and
//! offered as an import, as `brazen import curl` reads it — endpoint, path and query, headers, body, and the
//! environment its URL names. The key in it is never kept (the command's parser masks it); the request goes with
//! the environment's own key, and the notice says whose. Declining pastes the text as it is.

use super::super::app::{App, Confirm, CurlImport, Focus, Overlay};
use super::super::msg::Effect;
use super::super::theme::Tone;
use super::{editing, toast};
use crate::i18n::fill;

/// Headers brazen sets itself or that carry a credential: never imported (the parser has masked their values).
const NOT_IMPORTED: [&str; 7] =
    ["authorization", "content-type", "user-agent", "host", "content-length", "accept", "x-api-key"];

/// Whether `text` is a curl command to offer; `None` (paste as text) when it is not one. A command that starts
/// like curl but cannot be read is pasted as text, with why.
pub(super) fn offer(app: &mut App, text: &str) -> Option<Vec<Effect>> {
    let t = text.trim_start();
    let word = t.split(|c: char| c.is_whitespace() || c == '\\').next().unwrap_or("");
    if word != "curl" || !matches!(app.focus, Focus::Editor | Focus::Url) {
        return None;
    }
    match crate::curl::parse_curl(text) {
        Ok(r) => {
            let import = CurlImport {
                method: r.method,
                path: match &r.query {
                    Some(q) => format!("{}?{q}", r.path),
                    None => r.path,
                },
                body: r.body,
                environment: r.environment,
                key: r.key,
                known: r.known_endpoint,
                headers: r
                    .headers
                    .into_iter()
                    .filter(|(k, v)| !NOT_IMPORTED.contains(&k.to_ascii_lowercase().as_str()) && v != "[REDACTED]")
                    .collect(),
                pasted: text.to_string(),
            };
            app.overlay = Some(Overlay::Confirm(Confirm::ImportCurl(Box::new(import))));
            Some(Vec::new())
        }
        Err(e) => {
            toast(app, fill(app.s().curl_unreadable, &[("why", &e.to_string())]), Tone::Neutral);
            None
        }
    }
}

/// Yes: the command's request in the workbench (one undoable edit of the body), on the environment its URL names
/// when that is one of ours.
pub(super) fn accept(app: &mut App, c: CurlImport) -> Vec<Effect> {
    let s = app.s();
    let catalog = crate::catalog::endpoints();
    let Some(index) = catalog
        .resolve(&format!("{} {}", c.method, c.path))
        .and_then(|r| catalog.endpoints.iter().position(|e| std::ptr::eq(e, r.endpoint)))
    else {
        toast(app, fill(s.unknown_endpoint, &[("endpoint", &format!("{} {}", c.method, c.path))]), Tone::ClientError);
        return Vec::new();
    };
    app.load_endpoint(index);
    app.picker_selected = index;
    app.path.set(&c.path);
    let body = match (&c.body, c.method.as_str()) {
        (Some(b), _) => b.clone(),
        (None, "GET") => "{}\n".to_string(),
        (None, _) => String::new(),
    };
    app.editor.replace_all(&body);
    app.headers = c.headers;
    app.saved = None;
    app.replay_of = None;
    app.focus = Focus::Editor;
    let mut fx = Vec::new();
    if let Some(at) = app.envs.iter().position(|e| e.name.eq_ignore_ascii_case(&c.environment)) {
        fx.extend(super::overlay::switch_env(app, at));
    }
    let env = app.current_env().map(|e| e.name.clone()).unwrap_or_default();
    let has_key = app.current_env().is_some_and(|e| e.key_masked.is_some());
    let key_said = match (&c.key, has_key) {
        (Some(k), true) => fill(s.curl_key_replaced, &[("key", k), ("environment", &env)]),
        (Some(k), false) => fill(s.curl_key_missing, &[("key", k), ("environment", &env)]),
        (None, _) => String::new(),
    };
    let text = fill(s.curl_imported, &[("request", &format!("{} {}", c.method, c.path)), ("environment", &env)]);
    toast(app, format!("{text} {key_said}").trim_end().to_string(), Tone::Success);
    fx.extend(editing::edited(app));
    fx
}

/// No: the text goes where it was pasted, as it is.
pub(super) fn decline(app: &mut App, c: CurlImport) -> Vec<Effect> {
    editing::paste_text(app, &c.pasted)
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::i18n::Lang;
    use crate::tui::model::EnvInfo;
    use crate::tui::msg::Msg;
    use crate::tui::theme::Theme;
    use crate::tui::update::update;

    const KEY: &str = "a1b2c3d4-0000-4000-8000-feedfacecafe";

    fn app() -> App {
        let mut app = App::new(Lang::En, Theme { colour: false }, "2026-03-02T09:30:00Z".parse().unwrap(), 120, 32);
        let env = |name: &str, key: Option<&str>| EnvInfo {
            name: name.into(),
            url: Some("http://127.0.0.1:9".into()),
            key_masked: key.map(str::to_string),
            offline_mock: name == "sandbox",
            timezone: "UTC".into(),
        };
        let envs = vec![env("sandbox", Some("sand…-all")), env("US-03", Some("k…9"))];
        update(&mut app, Msg::Envs { envs, current: "sandbox".into(), config_file: "/c.toml".into() });
        app
    }

    fn command() -> String {
        format!(
            "curl -X POST 'https://rest.iad-03.braze.com/users/track' \\\n  -H 'Content-Type: application/json' \\\n  \
             -H 'Authorization: Bearer {KEY}' \\\n  -H 'X-Trace: case-4411' \\\n  --data-raw '{{\"attributes\": [{{\"external_id\": \"u-1\", \"city\": \"Busan\"}}]}}'"
        )
    }

    fn screen(app: &App) -> String {
        let mut term = Terminal::new(TestBackend::new(120, 32)).unwrap();
        term.draw(|f| crate::tui::view::view(app, f)).unwrap();
        crate::tui::driver::screen_text(term.backend().buffer())
    }

    #[test]
    fn a_pasted_curl_command_is_offered_and_imported_without_its_key() {
        let mut app = app();
        assert!(update(&mut app, Msg::Paste(command())).is_empty());
        let ask = screen(&app);
        assert!(ask.contains("This is a curl command") && ask.contains("POST /users/track"), "{ask}");
        assert!(!ask.contains(KEY), "the key is never on screen:\n{ask}");
        let fx = update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE)));
        assert!(fx.iter().any(|e| matches!(e, Effect::SwitchEnv(n) if n == "US-03")), "{fx:?}");
        assert_eq!(app.current_endpoint().key(), "POST /users/track");
        assert_eq!(app.path.text, "/users/track");
        assert!(app.editor.text().contains("Busan"));
        assert_eq!(app.headers, [("X-Trace".to_string(), "case-4411".to_string())]);
        let said = app.toast.as_ref().map(|t| t.text.clone()).unwrap_or_default();
        assert!(said.contains("US-03") && !said.contains(KEY), "{said}");
        assert!(!screen(&app).contains(KEY));
        // One undo brings the body back.
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)));
        assert!(!app.editor.text().contains("Busan"));
    }

    #[test]
    fn declining_pastes_the_text_as_it_is() {
        let mut app = app();
        app.editor.load("");
        update(&mut app, Msg::Paste(command()));
        update(&mut app, Msg::Key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::NONE)));
        assert!(app.overlay.is_none());
        assert!(app.editor.text().starts_with("curl -X POST"), "{}", app.editor.text());
        // Text that is not a curl command is pasted without a question.
        app.editor.load("");
        update(&mut app, Msg::Paste("curly braces {}".into()));
        assert!(app.overlay.is_none());
        assert_eq!(app.editor.text(), "curly braces {}");
    }
}
