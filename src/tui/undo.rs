//! Undo steps as a person thinks of them: a run of typing (or of deleting) is one step, as in other editors. The
//! text area keeps one history entry per edit; this groups them. A group remembers a fingerprint of the text before
//! and after it, and undo (redo) walks the text area's history until the text is back at that fingerprint: one edit
//! can make more than one entry (typing over a selection deletes it first), so counting entries would drift.
//!
//! A run breaks when the cursor moved since the last edit, the kind of edit changes (typing, deleting, anything
//! else), or whitespace follows a word, so "hello world" is two steps. There is no clock here: `update` is pure.

use std::hash::{DefaultHasher, Hash, Hasher};

/// Enough to recognise a text again without keeping a copy of it (a body can be megabytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint(usize, u64);

impl Fingerprint {
    pub fn of(text: &str) -> Fingerprint {
        let mut h = DefaultHasher::new();
        text.hash(&mut h);
        Fingerprint(text.len(), h.finish())
    }
}

/// What an edit did, for deciding whether it continues the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// A typed character.
    Type(char),
    /// Backspace or Delete.
    Delete,
    /// Anything else (Enter, paste, cut, a word deleted…): a step of its own.
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Group {
    before: Fingerprint,
    after: Fingerprint,
}

/// The open run: what it is made of, and where the cursor was left.
#[derive(Debug, Clone, Copy)]
struct Run {
    deleting: bool,
    cursor: (usize, usize),
    /// The last character typed was part of a word (not whitespace).
    word: bool,
}

#[derive(Debug, Default)]
pub struct Groups {
    undo: Vec<Group>,
    redo: Vec<Group>,
    run: Option<Run>,
}

/// Steps kept: older ones are forgotten, as the text area forgets its oldest entries.
const MAX: usize = 200;

impl Groups {
    /// Records an edit that changed the text from `before` to `after`; `cursor` was where it happened (before the
    /// edit), `cursor_after` where it left the cursor.
    pub fn edited(
        &mut self,
        edit: Edit,
        before: Fingerprint,
        after: Fingerprint,
        cursor: (usize, usize),
        cursor_after: (usize, usize),
    ) {
        self.redo.clear();
        let continues = match (edit, self.run) {
            (Edit::Type(c), Some(r)) => !r.deleting && r.cursor == cursor && !(c.is_whitespace() && r.word),
            (Edit::Delete, Some(r)) => r.deleting && r.cursor == cursor,
            _ => false,
        };
        match self.undo.last_mut() {
            Some(g) if continues => g.after = after,
            _ => {
                if self.undo.len() == MAX {
                    self.undo.remove(0);
                }
                self.undo.push(Group { before, after });
            }
        }
        self.run = match edit {
            Edit::Type(c) => Some(Run { deleting: false, cursor: cursor_after, word: !c.is_whitespace() }),
            Edit::Delete => Some(Run { deleting: true, cursor: cursor_after, word: false }),
            Edit::Other => None,
        };
    }

    /// The fingerprint undo must bring the text back to, if there is a step to undo.
    pub fn undo(&mut self) -> Option<Fingerprint> {
        self.run = None;
        let g = self.undo.pop()?;
        self.redo.push(g);
        Some(g.before)
    }

    /// The fingerprint redo must bring the text to, if there is a step to redo.
    pub fn redo(&mut self) -> Option<Fingerprint> {
        self.run = None;
        let g = self.redo.pop()?;
        self.undo.push(g);
        Some(g.after)
    }

    /// Forgets everything (a new text was loaded).
    pub fn clear(&mut self) {
        *self = Groups::default();
    }
}

/// The text area's history, in entries: room for [`MAX`] steps of a few typed characters each.
pub const MAX_ENTRIES: usize = 2000;
