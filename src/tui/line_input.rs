//! A one-line text field (request path, picker filter, history search).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    /// Cursor in characters.
    pub cursor: usize,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput { text: text.to_string(), cursor: text.chars().count() }
    }

    pub fn set(&mut self, text: &str) {
        *self = LineInput::new(text);
    }

    fn byte(&self, chars: usize) -> usize {
        self.text.char_indices().nth(chars).map(|(i, _)| i).unwrap_or(self.text.len())
    }

    /// What to draw in `room` columns so the cursor stays in view: the visible part of the text and the cursor's
    /// column within it. The field scrolls only as far as the cursor needs (it sits on the last column when the
    /// text before it is wider than the field).
    pub fn visible(&self, room: usize) -> (String, usize) {
        use unicode_width::UnicodeWidthChar as _;
        let room = room.max(1);
        let cw = |c: char| c.width().unwrap_or(0);
        let before: usize = self.text.chars().take(self.cursor).map(cw).sum();
        let skip = before.saturating_sub(room - 1);
        let mut skipped = 0;
        let mut shown = String::new();
        let mut used = 0;
        for c in self.text.chars() {
            if skipped < skip {
                // A wide character cut by the left edge goes whole.
                skipped += cw(c);
                continue;
            }
            if used + cw(c) > room {
                break;
            }
            used += cw(c);
            shown.push(c);
        }
        (shown, before - skipped.min(before))
    }

    /// Inserts pasted text at the cursor, its control characters dropped (a field is one line); `true` when any.
    pub fn paste(&mut self, s: &str) -> bool {
        let mut changed = false;
        for c in s.chars().filter(|c| !c.is_control()) {
            changed |= self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        changed
    }

    /// A key typed (`Some`) or text pasted into the field; `true` when it changed or moved.
    pub fn take(&mut self, k: Option<KeyEvent>, pasted: &str) -> bool {
        match k {
            Some(k) => self.key(k),
            None => self.paste(pasted),
        }
    }

    /// Handles an editing key; returns `true` when the key was used (changed or moved).
    pub fn key(&mut self, k: KeyEvent) -> bool {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match k.code {
            KeyCode::Char('u') if ctrl => {
                self.text.drain(..self.byte(self.cursor));
                self.cursor = 0;
            }
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.text.chars().count(),
            KeyCode::Char(c) if !ctrl => {
                let at = self.byte(self.cursor);
                self.text.insert(at, c);
                self.cursor += 1;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let at = self.byte(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            KeyCode::Delete if self.cursor < self.text.chars().count() => {
                let at = self.byte(self.cursor);
                self.text.remove(at);
            }
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.text.chars().count()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.text.chars().count(),
            _ => return false,
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn a_long_text_scrolls_so_the_cursor_stays_visible() {
        let path = "/transactional/v1/campaigns/{campaign_id}/send";
        let mut l = LineInput::new(path);
        let (shown, col) = l.visible(20);
        assert!(path.ends_with(&shown) && shown.ends_with("}/send"), "the end is shown: {shown}");
        assert_eq!(col, shown.len(), "the cursor right after it");
        assert!(col < 20);
        l.key(k(KeyCode::Home));
        assert_eq!(l.visible(20), (path[..20].to_string(), 0), "back at the start");
        assert_eq!(LineInput::new("short").visible(20), ("short".to_string(), 5));
        // Wide characters: never half of one, and the cursor stays inside the field.
        let wide = LineInput::new("가나다라마바사");
        let (shown, col) = wide.visible(6);
        assert_eq!((shown.as_str(), col), ("바사", 4));
    }

    #[test]
    fn edits_multibyte_text() {
        let mut l = LineInput::new("가나");
        l.key(k(KeyCode::Left));
        l.key(k(KeyCode::Char('x')));
        assert_eq!(l.text, "가x나");
        l.key(k(KeyCode::Backspace));
        l.key(k(KeyCode::Backspace));
        assert_eq!(l.text, "나");
        l.key(k(KeyCode::Delete));
        assert_eq!(l.text, "");
        assert!(!l.key(k(KeyCode::Backspace)));
    }
}
