//! Colours and symbols. With `NO_COLOR` set every style collapses to bold / reverse / underline so the
//! meaning survives on a monochrome terminal.

use ratatui::style::{Color, Modifier, Style};

use crate::validate::Severity;

/// How a response reads at a glance; decides the card's colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Success,
    Minor,
    ClientError,
    ServerError,
    RateLimited,
    Neutral,
}

impl Tone {
    /// 429 is a client error by class but gets its own colour: the fix is waiting, not editing.
    pub fn of(status: Option<u16>, minor_errors: bool) -> Tone {
        match status {
            None => Tone::ServerError,
            Some(429) => Tone::RateLimited,
            Some(200..=299) if minor_errors => Tone::Minor,
            Some(200..=299) => Tone::Success,
            Some(400..=499) => Tone::ClientError,
            Some(500..) => Tone::ServerError,
            Some(_) => Tone::Neutral,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub colour: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
    pub fn from_env() -> Theme {
        Theme { colour: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) }
    }

    fn fg(&self, c: Color) -> Style {
        if self.colour { Style::new().fg(c) } else { Style::new() }
    }

    pub fn plain(&self) -> Style {
        Style::new()
    }
    pub fn dim(&self) -> Style {
        if self.colour { Style::new().fg(Color::DarkGray) } else { Style::new().add_modifier(Modifier::DIM) }
    }
    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.colour) {
            (true, true) => Style::new().fg(Color::Cyan),
            (true, false) => Style::new().add_modifier(Modifier::BOLD),
            (false, _) => self.dim(),
        }
    }
    pub fn selected(&self) -> Style {
        if self.colour {
            Style::new().bg(Color::DarkGray).fg(Color::White).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
    pub fn key_hint(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn bar(&self) -> Style {
        if self.colour { Style::new().bg(Color::Indexed(236)).fg(Color::Gray) } else { Style::new() }
    }
    pub fn accent(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green).add_modifier(Modifier::BOLD)
    }

    // JSON colouring.
    pub fn json_key(&self) -> Style {
        if self.colour { Style::new().fg(Color::Cyan) } else { Style::new().add_modifier(Modifier::BOLD) }
    }
    pub fn json_string(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn json_number(&self) -> Style {
        self.fg(Color::Magenta)
    }
    pub fn json_literal(&self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn json_punct(&self) -> Style {
        if self.colour { Style::new().fg(Color::Gray) } else { Style::new() }
    }
    pub fn json_error(&self) -> Style {
        if self.colour {
            Style::new().fg(Color::White).bg(Color::Red)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        }
    }
    /// The token a diagnostic points at.
    pub fn diag_token(&self, s: Severity) -> Style {
        let u = Style::new().add_modifier(Modifier::UNDERLINED);
        match (s, self.colour) {
            (Severity::Fatal, true) => u.bg(Color::Indexed(52)),
            (Severity::Minor, true) => u.bg(Color::Indexed(58)),
            (Severity::Hint, true) => u,
            (Severity::Fatal, false) => u.add_modifier(Modifier::REVERSED),
            (_, false) => u,
        }
    }
    pub fn line_number(&self, current: bool) -> Style {
        if current { self.fg(Color::Yellow) } else { self.dim() }
    }
    pub fn cursor(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn cursor_line(&self) -> Style {
        if self.colour { Style::new().bg(Color::Indexed(235)) } else { Style::new() }
    }

    pub fn severity(&self, s: Severity) -> Style {
        match s {
            Severity::Fatal => self.error(),
            Severity::Minor => self.warn(),
            Severity::Hint => self.fg(Color::Blue),
        }
    }
    /// Gutter mark; distinct shapes so the marks read without colour.
    pub fn severity_mark(&self, s: Severity) -> &'static str {
        match s {
            Severity::Fatal => "✖",
            Severity::Minor => "▲",
            Severity::Hint => "•",
        }
    }

    pub fn tone(&self, t: Tone) -> Style {
        self.fg(tone_colour(t)).add_modifier(Modifier::BOLD)
    }
    /// A filled badge (status line of the card), in the tone's colour.
    pub fn tone_badge(&self, t: Tone) -> Style {
        if !self.colour {
            return Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        }
        let bg = tone_colour(t);
        Style::new().bg(bg).fg(Color::Black).add_modifier(Modifier::BOLD)
    }
    /// One character per exchange in the history chart; letters keep the classes apart without colour.
    pub fn tone_glyph(&self, t: Tone) -> &'static str {
        if self.colour {
            "█"
        } else {
            match t {
                Tone::Success => "2",
                Tone::Minor => "m",
                Tone::ClientError => "4",
                Tone::ServerError => "5",
                Tone::RateLimited => "R",
                Tone::Neutral => "?",
            }
        }
    }
}

/// The one colour of each tone, for its text and its badge alike.
fn tone_colour(t: Tone) -> Color {
    match t {
        Tone::Success => Color::Green,
        Tone::Minor => Color::Yellow,
        Tone::ClientError => Color::Red,
        Tone::ServerError => Color::Magenta,
        Tone::RateLimited => Color::Blue,
        Tone::Neutral => Color::Gray,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tones_follow_the_issue_colours() {
        assert_eq!(Tone::of(Some(201), false), Tone::Success);
        assert_eq!(Tone::of(Some(200), true), Tone::Minor);
        assert_eq!(Tone::of(Some(400), false), Tone::ClientError);
        assert_eq!(Tone::of(Some(429), false), Tone::RateLimited);
        assert_eq!(Tone::of(Some(503), false), Tone::ServerError);
        assert_eq!(Tone::of(None, false), Tone::ServerError);
    }

    #[test]
    fn no_colour_uses_no_colours() {
        let t = Theme { colour: false };
        for s in [t.tone(Tone::Success), t.tone_badge(Tone::ClientError), t.json_key(), t.json_error(), t.selected()] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
    }
}
