//! A shallow, borrowing view of a JSON body: the top three levels of containers, strings borrowed from the text
//! where they hold no escapes, anything deeper skipped without allocating.
//!
//! The validator has already read the whole body; the server-side checks (campaigns, variations, `/users/track`
//! items, counts) only look a few levels down, so this is much cheaper than a `serde_json::Value` on the hot path.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Containers deeper than this many levels are read as [`Node::Deep`].
const MAX_DEPTH: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub enum Node<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Str(Cow<'a, str>),
    Arr(Vec<Node<'a>>),
    Obj(Vec<(Cow<'a, str>, Node<'a>)>),
    /// An array or object below [`MAX_DEPTH`], skipped.
    Deep,
}

/// Reads `text`; `None` when it is not JSON (the validator reports that, with its position).
pub fn parse(text: &str) -> Option<Node<'_>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let node = Seed(0).deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(node)
}

impl<'a> Node<'a> {
    /// The value of `key` in an object (the last one when a key repeats, as `serde_json` does).
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match self {
            Node::Obj(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Node::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_arr(&self) -> Option<&[Node<'a>]> {
        match self {
            Node::Arr(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_obj(&self) -> Option<&[(Cow<'a, str>, Node<'a>)]> {
        match self {
            Node::Obj(entries) => Some(entries),
            _ => None,
        }
    }

    /// The string at `key`, when it is a string.
    pub fn str_at(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Node::as_str)
    }

    /// The length of the array at `key` (0 when absent or not an array).
    pub fn len_at(&self, key: &str) -> usize {
        self.get(key).and_then(Node::as_arr).map_or(0, <[Node]>::len)
    }
}

struct Seed(usize);

impl<'de> DeserializeSeed<'de> for Seed {
    type Value = Node<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node<'de>, D::Error> {
        d.deserialize_any(NodeVisitor(self.0))
    }
}

struct NodeVisitor(usize);

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node<'de>, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node<'de>, E> {
        Ok(Node::Num(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node<'de>, E> {
        Ok(Node::Num(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node<'de>, E> {
        Ok(Node::Num(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Node<'de>, E> {
        Ok(Node::Str(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
        if self.0 >= MAX_DEPTH {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Node::Deep);
        }
        let mut items = Vec::new();
        while let Some(n) = seq.next_element_seed(Seed(self.0 + 1))? {
            items.push(n);
        }
        Ok(Node::Arr(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
        if self.0 >= MAX_DEPTH {
            while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
            return Ok(Node::Deep);
        }
        let mut entries = Vec::new();
        while let Some(k) = map.next_key::<Cow<'de, str>>()? {
            let v = map.next_value_seed(Seed(self.0 + 1))?;
            entries.push((k, v));
        }
        Ok(Node::Obj(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_three_levels_and_skips_deeper_containers() {
        let n = parse(r#"{"a": {"b": {"c": {"d": 1}, "s": "x"}}, "n": null, "k": [1, true]}"#).unwrap();
        let b = n.get("a").unwrap().get("b").unwrap();
        assert_eq!(b.get("c"), Some(&Node::Deep));
        assert_eq!(b.str_at("s"), Some("x"));
        assert_eq!(n.get("n"), Some(&Node::Null));
        assert_eq!(n.len_at("k"), 2);
        assert_eq!(n.len_at("missing"), 0);
    }

    #[test]
    fn borrows_plain_strings_and_unescapes_others() {
        let n = parse(r#"{"plain": "abc", "esc": "a\"b"}"#).unwrap();
        assert!(matches!(n.get("plain"), Some(Node::Str(Cow::Borrowed("abc")))));
        assert_eq!(n.str_at("esc"), Some("a\"b"));
    }

    #[test]
    fn last_duplicate_key_wins_and_invalid_json_is_none() {
        assert_eq!(parse(r#"{"k": "1", "k": "2"}"#).unwrap().str_at("k"), Some("2"));
        assert!(parse("{").is_none());
        assert!(parse("{} x").is_none());
    }
}
