//! Text from outside (response bodies, headers, input files, recorded exchanges) made safe to show: pure, no IO.

mod visible;

pub use visible::{is_hidden, visible};
