//! The headers editor (Ctrl-G): the request's own headers, name and value, the selected one marked; a credential
//! written out shows masked. Typing a header is the one-line field of [`super::prompt`].

use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::headers::{HeadersEditor, shown_value};
use super::super::layout::centered;
use super::text::{fit, pad, width, wrap};
use super::{overlay_box, para};
use crate::i18n::fill;
use crate::text::visible;

pub fn draw(app: &App, f: &mut Frame, h: &HeadersEditor) {
    let s = app.s();
    if let Some(line) = &h.typing {
        super::prompt::draw(app, f, s.header_title, s.header_prompt, &line.input, line.error.as_deref());
        return;
    }
    let t = &app.theme;
    let full = f.area();
    let w = 90.min(full.width.saturating_sub(4)).max(10);
    let text_w = w.saturating_sub(2) as usize;
    let rows: Vec<Line> = if app.headers.is_empty() {
        wrap(s.headers_none, text_w).into_iter().map(|l| Line::from(Span::styled(l, t.dim()))).collect()
    } else {
        let names: Vec<String> = app.headers.iter().map(|(n, _)| visible(n).into_owned()).collect();
        let name_w = names.iter().map(|n| width(n)).max().unwrap_or(0).min(text_w / 2);
        app.headers
            .iter()
            .zip(&names)
            .enumerate()
            .map(|(i, ((name, value), shown_name))| {
                let value = visible(&shown_value(name, value)).into_owned();
                // The mark also shows the selection where the theme has no colour.
                let mark = if i == h.selected { "› " } else { "  " };
                let text = format!("{mark}{}  {value}", pad(&fit(shown_name, name_w), name_w));
                let line = Line::from(Span::raw(fit(&text, text_w)));
                if i == h.selected { line.style(t.selected()) } else { line }
            })
            .collect()
    };
    let want = rows.len() as u16 + 2;
    let r = centered(full, w, want.min(full.height.saturating_sub(2)).max(4));
    let request = format!("{} {}", app.current_endpoint().method, visible(app.path.text.trim()));
    let inner = overlay_box(app, f, r, &fill(s.headers_title, &[("request", &request)]));
    // The selected row stays in view when there are more rows than the box shows.
    let room = inner.height as usize;
    let top = h.selected.saturating_sub(room.saturating_sub(1));
    f.render_widget(para(rows.into_iter().skip(top).collect()), inner);
}
