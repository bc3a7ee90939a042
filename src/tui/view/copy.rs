//! The copy menu (F10): what can be copied now, each with its size, and that the key is never in it.

use ratatui::Frame;
use ratatui::text::{Line, Span};

use super::super::app::App;
use super::super::clipboard::CopyWhat;
use super::super::layout::centered;
use super::super::update::copy_row;
use super::text::fit;
use super::{overlay_box, para};

pub fn draw(app: &App, f: &mut Frame, selected: usize, sizes: &[Result<usize, &'static str>]) {
    let t = &app.theme;
    let s = app.s();
    let full = f.area();
    let w = 64.min(full.width.saturating_sub(4)).max(10);
    let inner_w = w.saturating_sub(2) as usize;
    let hint = super::text::wrap(s.copy_hint, inner_w);
    let h = (CopyWhat::ALL.len() + hint.len() + 3) as u16;
    let r = centered(full, w, h.min(full.height.saturating_sub(2)).max(5));
    let inner = overlay_box(app, f, r, s.copy_title);
    let mut lines: Vec<Line> = CopyWhat::ALL
        .iter()
        .enumerate()
        .map(|(i, what)| {
            let size = sizes.get(i).copied().unwrap_or(Err(""));
            let (label, size, usable) = copy_row(app, *what, size);
            let text = fit(&format!("{} {label}  {size}", if i == selected { "›" } else { " " }), inner_w);
            let style = match (i == selected, usable) {
                (true, _) => t.selected(),
                (false, true) => t.bold(),
                (false, false) => t.dim(),
            };
            Line::from(Span::styled(text, style))
        })
        .collect();
    lines.push(Line::raw(""));
    lines.extend(hint.into_iter().map(|l| Line::from(Span::styled(l, t.dim()))));
    f.render_widget(para(lines), inner);
}
