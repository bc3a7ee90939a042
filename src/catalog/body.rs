//! The documented keys of request bodies, as `assets/endpoints.toml` gives them: an endpoint's `body = [...]`,
//! the `[[nested]]` objects inside bodies, and the `[messaging_objects]` that `messages` may hold. The validator's
//! type checks (`src/validate/types.rs`) read these; they hold facts from Braze's docs, not rules.
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use serde::Deserialize;

/// What a documented key's value must be: exactly the distinctions the validator makes. Deserialized from the TOML `type` string itself, so an unknown
/// type fails with its location; `one_of` arrives empty and [`BodyKey`]'s conversion fills it from `values`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BodyType {
    String,
    Boolean,
    Number,
    /// A whole number.
    Integer,
    Object,
    /// An array whose items the docs leave open.
    Array,
    ArrayOfStrings,
    ArrayOfObjects,
    StringOrArrayOfStrings,
    /// One of these strings (TOML: `type = "one_of"` with `values = [...]`).
    OneOf(#[serde(skip)] Vec<String>),
    /// Any value: another rule family checks it (e.g. `schedule.time`).
    Any,
}

/// One documented key of a body or nested object.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawBodyKey")]
pub struct BodyKey {
    pub name: String,
    /// `type` (and `values`) in TOML.
    pub kind: BodyType,
    /// Braze rejects the body without it. Keys the docs mark `required*` (one of several) are not required here:
    /// the recipient rules check those combinations.
    pub required: bool,
    /// What the docs add about the key; documentation only.
    pub note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBodyKey {
    name: String,
    #[serde(rename = "type")]
    kind: BodyType,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    note: Option<String>,
}

impl TryFrom<RawBodyKey> for BodyKey {
    type Error = String;

    fn try_from(raw: RawBodyKey) -> Result<BodyKey, String> {
        let name = raw.name;
        if name.trim().is_empty() {
            return Err("a body key has an empty name".into());
        }
        let kind = match raw.kind {
            BodyType::OneOf(_) if raw.values.is_empty() => {
                return Err(format!("body key `{name}`: type = \"one_of\" needs a non-empty `values` list"));
            }
            BodyType::OneOf(_) => BodyType::OneOf(raw.values),
            _ if !raw.values.is_empty() => {
                return Err(format!("body key `{name}`: `values` is only for type = \"one_of\""));
            }
            plain => plain,
        };
        Ok(BodyKey { name, kind, required: raw.required, note: raw.note })
    }
}

/// Where a nested object sits: under a top-level key of the body, or in each item of the array there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parent {
    pub key: String,
    /// The key holds an array of such objects (TOML: `"recipients[]"`).
    pub each: bool,
}

/// An object nested in bodies whose keys the docs give (schedule, recipient, …). Its keys are type-checked
/// wherever a parent key appears at the top of a body with documented keys; required and unknown keys are not.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawNested")]
pub struct NestedObject {
    pub name: String,
    /// In check order.
    pub under: Vec<Parent>,
    pub keys: Vec<BodyKey>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNested {
    name: String,
    under: Vec<String>,
    keys: Vec<BodyKey>,
}

impl TryFrom<RawNested> for NestedObject {
    type Error = String;

    fn try_from(raw: RawNested) -> Result<NestedObject, String> {
        if raw.under.is_empty() {
            return Err(format!("nested object `{}` has no `under` key", raw.name));
        }
        let under = raw
            .under
            .iter()
            .map(|u| match u.strip_suffix("[]") {
                Some(key) => Parent { key: key.to_string(), each: true },
                None => Parent { key: u.clone(), each: false },
            })
            .collect();
        if let Some(k) = raw.keys.iter().find(|k| k.required) {
            return Err(format!("nested object `{}`: `{}` cannot be required (not checked)", raw.name, k.name));
        }
        Ok(NestedObject { name: raw.name, under, keys: raw.keys })
    }
}

/// The messaging objects `messages` may hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessagingObjects {
    /// The current objects, listed when a name is unknown.
    pub documented: Vec<String>,
    /// Still accepted but no longer documented; suggested, never listed.
    #[serde(default)]
    pub legacy: Vec<String>,
}

impl MessagingObjects {
    /// Documented then legacy.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.documented.iter().chain(&self.legacy).map(String::as_str)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.all().any(|o| o == name)
    }
}

/// The first name that appears twice, if any.
pub(super) fn duplicate<T: Eq + std::hash::Hash + Copy>(names: impl IntoIterator<Item = T>) -> Option<T> {
    let mut seen = std::collections::HashSet::new();
    names.into_iter().find(|n| !seen.insert(*n))
}
