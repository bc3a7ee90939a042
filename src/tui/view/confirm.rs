//! Yes/no questions: discarding edits, sending what validation says Braze will reject, retrying what may already
//! have been delivered.

use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::super::app::{App, Confirm};
use super::super::layout::centered;
use super::text::wrap;
use super::{overlay_box, para};
use crate::i18n::fill;

pub fn draw(app: &App, f: &mut Frame, c: &Confirm) {
    let t = &app.theme;
    let s = app.s();
    let text = match c {
        Confirm::Discard { endpoint } => {
            let key = crate::catalog::endpoints().endpoints.get(*endpoint).map(|e| e.key()).unwrap_or_default();
            fill(s.confirm_discard, &[("endpoint", &key)])
        }
        Confirm::Reopen => s.confirm_reopen.to_string(),
        Confirm::SendFatal { name } => fill(s.confirm_send_fatal, &[("name", name)]),
        Confirm::RetryUnsafe { endpoint } => fill(s.confirm_retry_unsafe, &[("endpoint", endpoint)]),
        Confirm::DeleteRequest { name } => fill(s.confirm_delete_request, &[("name", name)]),
        Confirm::OpenOverUnsaved { name, unsaved } if unsaved.is_empty() => {
            fill(s.confirm_open_over_draft, &[("name", name)])
        }
        Confirm::OpenOverUnsaved { name, unsaved } => {
            fill(s.confirm_open_over_unsaved, &[("name", name), ("unsaved", unsaved)])
        }
        Confirm::QuitUnsaved { name } => fill(s.confirm_quit_unsaved, &[("name", name)]),
        Confirm::QuitSending { label } => fill(s.confirm_quit_sending, &[("request", label)]),
        Confirm::Replay { ids, unsafe_count } => {
            let mut text = fill(s.confirm_replay, &[("n", &ids.len())]);
            if *unsafe_count > 0 {
                text.push(' ');
                text.push_str(&fill(s.confirm_replay_unsafe, &[("n", unsafe_count)]));
            }
            text
        }
        Confirm::DeleteExchange { id } => fill(s.confirm_delete_exchange, &[("id", id)]),
        Confirm::ImportCurl(c) => {
            let mut text = fill(
                s.confirm_import_curl,
                &[("request", &format!("{} {}", c.method, c.path)), ("environment", &c.environment)],
            );
            if let Some(k) = &c.key {
                text.push(' ');
                text.push_str(&fill(s.confirm_import_curl_key, &[("key", k)]));
            }
            if !c.known {
                text.push(' ');
                text.push_str(s.confirm_import_curl_unknown);
            }
            crate::text::visible(&text).into_owned()
        }
        Confirm::SaveUrl { name, url } => {
            fill(s.confirm_save_url, &[("name", name), ("url", url), ("file", &app.config_file)])
        }
    };
    let full = f.area();
    let w = 60.min(full.width.saturating_sub(4));
    let body = wrap(&text, w.saturating_sub(2) as usize);
    let r = centered(full, w, body.len() as u16 + 4);
    let inner = overlay_box(app, f, r, s.confirm);
    let mut lines: Vec<Line> = body.into_iter().map(|l| Line::from(Span::styled(l, t.bold()))).collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(Span::styled(s.yes_no, t.key_hint())));
    f.render_widget(para(lines), inner);
}
