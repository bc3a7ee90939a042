//! The environment switcher (F4): sandbox, Braze instances, custom URLs.

use ratatui::Frame;
use ratatui::layout::Position;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::layout::centered;
use super::super::line_input::LineInput;
use super::text::{fit, pad, width, wrap};
use super::{overlay_box, para};
use crate::i18n::fill;
use crate::text::visible;

pub fn draw(app: &App, f: &mut Frame, selected: usize) {
    let t = &app.theme;
    let s = app.s();
    let full = f.area();
    // One row more than the environments: how to add a custom URL.
    let h = (app.envs.len() as u16 + 3).min(full.height.saturating_sub(2)).max(4);
    let r = centered(full, 72, h);
    let inner = overlay_box(app, f, r, s.environments);
    let w = inner.width as usize;
    let rows = (inner.height as usize).saturating_sub(1).max(1);
    let top = selected.saturating_sub(rows.saturating_sub(1));
    let url_of = |e: &super::super::model::EnvInfo| {
        if e.offline_mock { s.offline_mock.to_string() } else { e.url.clone().unwrap_or_default() }
    };
    // Columns padded by display width over all environments, so names, URLs and keys line up (Korean labels
    // are two columns a character).
    let name_w = app.envs.iter().map(|e| width(&e.name)).max().unwrap_or(0).max(8);
    let url_w = app.envs.iter().map(|e| width(&url_of(e))).max().unwrap_or(0);
    let lines: Vec<Line> = app
        .envs
        .iter()
        .enumerate()
        .skip(top)
        .take(rows)
        .map(|(i, e)| {
            let mark = if i == app.env { "● " } else { "  " };
            let key = e.key_masked.clone().unwrap_or_else(|| s.no_key.to_string());
            let text = fit(&format!("{mark}{} {}  [{key}]", pad(&e.name, name_w), pad(&url_of(e), url_w)), w);
            let l = Line::from(Span::raw(text));
            if i == selected { l.style(t.selected()) } else { l }
        })
        .collect();
    let mut lines = lines;
    if inner.height as usize > lines.len() {
        lines.push(Line::from(Span::styled(fit(s.envs_add_hint, w), t.key_hint())));
    }
    f.render_widget(para(lines), inner);
}

/// F4's "add a custom URL": what it is for and where it goes, the field, and why the last URL was refused.
pub fn draw_add_url(app: &App, f: &mut Frame, input: &LineInput, error: Option<&str>) {
    let t = &app.theme;
    let s = app.s();
    let full = f.area();
    let w = 72.min(full.width.saturating_sub(4)).max(10);
    let text_w = w.saturating_sub(2) as usize;
    let prompt = wrap(&fill(s.add_url_prompt, &[("file", &visible(&app.config_file))]), text_w);
    let error = error.map(|e| wrap(&visible(e), text_w)).unwrap_or_default();
    let h = (prompt.len() + error.len() + 4) as u16;
    let r = centered(full, w, h.min(full.height.saturating_sub(2)).max(5));
    let inner = overlay_box(app, f, r, s.add_url_title);
    let mut lines: Vec<Line> = prompt.into_iter().map(|l| Line::from(Span::styled(l, t.dim()))).collect();
    lines.push(Line::raw(""));
    let (shown, cursor) = input.visible(text_w.saturating_sub(2));
    let field_row = lines.len() as u16;
    lines.push(Line::from(vec![Span::styled("› ", t.key_hint()), Span::styled(shown, t.bold())]));
    lines.extend(error.into_iter().map(|l| Line::from(Span::styled(l, t.error()))));
    f.render_widget(para(lines), inner);
    if field_row < inner.height {
        let x = (inner.x + 2 + cursor as u16).min(inner.right().saturating_sub(1));
        f.set_cursor_position(Position::new(x, inner.y + field_row));
    }
}
