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

impl BodyType {
    /// The TOML spelling, for the catalog's own error messages.
    pub fn as_str(&self) -> &'static str {
        match self {
            BodyType::String => "string",
            BodyType::Boolean => "boolean",
            BodyType::Number => "number",
            BodyType::Integer => "integer",
            BodyType::Object => "object",
            BodyType::Array => "array",
            BodyType::ArrayOfStrings => "array_of_strings",
            BodyType::ArrayOfObjects => "array_of_objects",
            BodyType::StringOrArrayOfStrings => "string_or_array_of_strings",
            BodyType::OneOf(_) => "one_of",
            BodyType::Any => "any",
        }
    }
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
    /// The row Braze answers a value of the wrong type with, where the page quotes one (else `bad_request`).
    pub error: Option<String>,
    /// The row Braze answers a wrong item of the array with, where the page quotes one (else `bad_request`).
    pub items_error: Option<String>,
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
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    items_error: Option<String>,
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
        let arrays =
            matches!(kind, BodyType::ArrayOfStrings | BodyType::ArrayOfObjects | BodyType::StringOrArrayOfStrings);
        if raw.items_error.is_some() && !arrays {
            return Err(format!("body key `{name}`: `items_error` is for arrays of strings or objects"));
        }
        Ok(BodyKey {
            name,
            kind,
            required: raw.required,
            note: raw.note,
            error: raw.error,
            items_error: raw.items_error,
        })
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
/// wherever a parent key appears at the top of a body with documented keys, on the endpoints it applies to;
/// required and unknown keys are not.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "RawNested")]
pub struct NestedObject {
    pub name: String,
    /// In check order.
    pub under: Vec<Parent>,
    /// The endpoints (`POST /catalogs`) it belongs to; empty: every endpoint. The same top-level key holds
    /// differently shaped objects on different endpoints (`user_aliases`, `name`), so an entry can be narrowed.
    pub endpoints: Vec<String>,
    pub keys: Vec<BodyKey>,
}

impl NestedObject {
    /// Whether the entry applies to the endpoint `method path` (a catalog path). Compares without building the
    /// endpoint's key, as the validator asks for every body.
    pub fn applies_to(&self, method: &str, path: &str) -> bool {
        // Compared in place ("METHOD /path"): asked for every nested object on every keystroke.
        let is = |k: &String| {
            k.len() == method.len() + 1 + path.len()
                && k.starts_with(method)
                && k.as_bytes()[method.len()] == b' '
                && k.ends_with(path)
        };
        self.endpoints.is_empty() || self.endpoints.iter().any(is)
    }

    /// Whether some endpoint gets both entries: only then can their parents clash.
    pub fn overlaps(&self, other: &NestedObject) -> bool {
        self.endpoints.is_empty()
            || other.endpoints.is_empty()
            || self.endpoints.iter().any(|k| other.endpoints.contains(k))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNested {
    name: String,
    under: Vec<String>,
    #[serde(default)]
    endpoints: Option<Vec<String>>,
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
        // `endpoints = []` would read as "everywhere", the opposite of what an empty list says.
        let endpoints = match raw.endpoints {
            Some(list) if list.is_empty() => {
                return Err(format!(
                    "nested object `{}`: `endpoints` is empty (leave it out to mean every endpoint)",
                    raw.name
                ));
            }
            Some(list) => list,
            None => Vec::new(),
        };
        if let Some(k) = endpoints.iter().find(|k| !is_endpoint_key(k)) {
            return Err(format!("nested object `{}`: `{k}` is not \"METHOD /path\"", raw.name));
        }
        if let Some(k) = duplicate(endpoints.iter().map(String::as_str)) {
            return Err(format!("nested object `{}`: endpoint `{k}` is listed twice", raw.name));
        }
        Ok(NestedObject { name: raw.name, under, endpoints, keys: raw.keys })
    }
}

/// `POST /catalogs`: an upper-case method, one space, a path. Whether the endpoint exists is the catalog's check.
fn is_endpoint_key(k: &str) -> bool {
    k.split_once(' ').is_some_and(|(m, p)| {
        !m.is_empty() && m.bytes().all(|b| b.is_ascii_uppercase()) && p.starts_with('/') && !p.contains(' ')
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct One {
        nested: NestedObject,
    }

    fn parse(endpoints: &str) -> Result<NestedObject, String> {
        let text = format!(
            "[nested]\nname = \"n\"\nunder = [\"p[]\"]\n{endpoints}\nkeys = [{{ name = \"t\", type = \"any\" }}]\n"
        );
        toml::from_str::<One>(&text).map(|o| o.nested).map_err(|e| e.to_string())
    }

    #[test]
    fn endpoints_narrow_an_entry_and_absent_means_everywhere() {
        let everywhere = parse("").unwrap();
        assert!(everywhere.endpoints.is_empty() && everywhere.applies_to("PUT", "/anything"));
        let narrow = parse("endpoints = [\"POST /catalogs\", \"PUT /scim/v2/Users/{id}\"]").unwrap();
        assert!(narrow.applies_to("POST", "/catalogs") && narrow.applies_to("PUT", "/scim/v2/Users/{id}"));
        assert!(!narrow.applies_to("GET", "/catalogs") && !narrow.applies_to("POST", "/catalogs/{catalog_name}/items"));
    }

    #[test]
    fn endpoints_must_be_a_non_empty_list_of_distinct_method_paths() {
        let says = |e: &str, what: &str| {
            let err = parse(e).expect_err(e);
            assert!(err.contains(what), "{e}: {err}");
        };
        says("endpoints = []", "is empty");
        says("endpoints = [\"/catalogs\"]", "is not \"METHOD /path\"");
        says("endpoints = [\"post /catalogs\"]", "is not \"METHOD /path\"");
        says("endpoints = [\"POST catalogs\"]", "is not \"METHOD /path\"");
        says("endpoints = [\"POST /catalogs\", \"POST /catalogs\"]", "listed twice");
        says("endpoint = [\"POST /catalogs\"]", "unknown field");
    }

    #[test]
    fn entries_overlap_when_one_is_unrestricted_or_they_share_an_endpoint() {
        let all = parse("").unwrap();
        let a = parse("endpoints = [\"POST /a\", \"POST /b\"]").unwrap();
        let b = parse("endpoints = [\"POST /b\"]").unwrap();
        let c = parse("endpoints = [\"POST /c\"]").unwrap();
        assert!(all.overlaps(&c) && c.overlaps(&all) && a.overlaps(&b) && b.overlaps(&a));
        assert!(!a.overlaps(&c) && !c.overlaps(&b));
    }
}
