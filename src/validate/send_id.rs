//! `send_id`: ASCII only, at most 64 characters (`_docs/_api/identifier_types.md`).

use serde_json::{Map, Value};

use super::Sink;
use super::text::RuleText;
use crate::i18n::{Table as _, fill};

pub(crate) const SEND_ID_MAX: usize = 64;

pub(crate) fn check(root: &Map<String, Value>, sink: &mut Sink) {
    let Some(id) = root.get("send_id").and_then(Value::as_str) else { return };
    let (chars, t) = (id.chars().count(), RuleText::get(sink.lang));
    if chars > SEND_ID_MAX {
        sink.minor(
            "send_id_too_long",
            "/send_id",
            fill(t.send_id_too_long, &[("chars", &chars), ("max", &SEND_ID_MAX)]),
        );
    }
    if let Some(c) = id.chars().find(|c| !c.is_ascii()) {
        sink.minor("send_id_not_ascii", "/send_id", fill(t.send_id_not_ascii, &[("c", &c)]));
    }
}

#[cfg(test)]
mod tests {
    use super::super::Severity::*;
    use super::super::tests::run;

    fn body(id: &str) -> String {
        format!(r#"{{"campaign_id": "c", "send_id": "{id}"}}"#)
    }

    #[test]
    fn send_id_is_ascii_and_at_most_64_characters() {
        assert!(run("/sends/id/create", &body(&"a".repeat(64))).is_empty());
        assert_eq!(
            run("/sends/id/create", &body(&"a".repeat(65))),
            [(Minor, "send_id_too_long".into(), "/send_id".into())]
        );
        // 22 Korean characters are 66 bytes but only 22 characters: not too long, but not ASCII.
        assert_eq!(
            run("/sends/id/create", &body(&"한".repeat(22))),
            [(Minor, "send_id_not_ascii".into(), "/send_id".into())]
        );
        assert_eq!(run("/sends/id/create", &body(&"é".repeat(65))).len(), 2);
    }
}
