//! The environment switcher (F4): sandbox, Braze instances, custom URLs.

use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::layout::centered;
use super::text::{fit, pad, width};
use super::{overlay_box, para};

pub fn draw(app: &App, f: &mut Frame, selected: usize) {
    let t = &app.theme;
    let s = app.s();
    let full = f.area();
    let h = (app.envs.len() as u16 + 2).min(full.height.saturating_sub(2)).max(3);
    let r = centered(full, 72, h);
    let inner = overlay_box(app, f, r, s.environments);
    let w = inner.width as usize;
    let rows = inner.height as usize;
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
    f.render_widget(para(lines), inner);
}
