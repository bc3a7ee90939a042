//! The environment switcher (F4): sandbox, Braze instances, custom URLs.

use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::layout::centered;
use super::super::line_input::LineInput;
use super::text::{fit, pad, width};
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
    let prompt = fill(app.s().add_url_prompt, &[("file", &visible(&app.config_file))]);
    super::prompt::draw(app, f, app.s().add_url_title, &prompt, input, error);
}
