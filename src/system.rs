//! Adapter: what the core needs from the operating system and must not read itself — the wall clock behind the
//! core's [`Clock`] (front ends pass it in, tests pass a [`crate::clock::ManualClock`] instead) and the locale.

use crate::clock::Clock;
use crate::i18n::Lang;

/// The real wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> jiff::Timestamp {
        jiff::Timestamp::now()
    }
}

/// The language the process's locale variables ask for ([`Lang::from_locale_vars`]).
pub fn lang() -> Lang {
    Lang::from_locale_vars(|k| std::env::var(k).ok())
}
