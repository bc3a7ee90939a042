//! Loading the catalog from the files of `assets/endpoints/` (TOML, or the JSON build.rs embeds in its place):
//! group files, `_shared.toml`, every endpoint's template, and the checks that keep the data consistent.
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use serde::Deserialize;

use super::CatalogError;
use super::body::{BodyType, MessagingObjects, NestedObject, duplicate};
use super::endpoints::{Endpoint, EndpointCatalog};

/// One `assets/endpoints/NN-group.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupFile {
    group: GroupHeader,
    #[serde(default)]
    endpoint: Vec<Endpoint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupHeader {
    id: String,
    title: crate::i18n::Text,
}

/// `assets/endpoints/_shared.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SharedFile {
    #[serde(default)]
    nested: Vec<NestedObject>,
    #[serde(default)]
    messaging_objects: MessagingObjects,
}

impl EndpointCatalog {
    /// The catalog of the files of `assets/endpoints/` (name, text), in order: group files, and `_shared.toml`
    /// for the objects nested in bodies. Every endpoint's template is read and checked here, once.
    pub fn load(files: &[(&str, &str)]) -> Result<EndpointCatalog, CatalogError> {
        let mut c = EndpointCatalog::default();
        for (name, text) in files {
            if name.starts_with('_') {
                let shared: SharedFile = super::syntax::read(name, text).map_err(CatalogError::Invalid)?;
                c.nested.extend(shared.nested);
                c.messaging_objects = shared.messaging_objects;
                continue;
            }
            let file: GroupFile = super::syntax::read(name, text).map_err(CatalogError::Invalid)?;
            if c.group_titles.insert(file.group.id.clone(), file.group.title).is_some() {
                return Err(CatalogError::Invalid(format!("{name}: group id {} is used twice", file.group.id)));
            }
            for mut e in file.endpoint {
                e.key = format!("{} {}", e.method, e.path);
                if !crate::request::METHODS.contains(&e.method.as_str()) {
                    let methods = crate::request::METHODS.join(", ");
                    return Err(CatalogError::Invalid(format!("{}: the method must be one of {methods}", e.key())));
                }
                e.group = file.group.id.clone();
                e.load_template()?;
                c.endpoints.push(e);
            }
        }
        c.check()?;
        Ok(c)
    }

    fn check(&self) -> Result<(), CatalogError> {
        let invalid = |m: String| Err(CatalogError::Invalid(m));
        if let Some(k) = duplicate(self.endpoints.iter().map(|e| (e.method.as_str(), e.path.as_str()))) {
            return invalid(format!("{} {} is listed twice", k.0, k.1));
        }
        for e in &self.endpoints {
            if !(200..300).contains(&e.success) {
                return invalid(format!("{}: success {} is not a 2XX", e.key(), e.success));
            }
            if e.method == "GET" && !e.body.is_empty() {
                return invalid(format!(
                    "{}: a GET endpoint takes no body, so its `body` keys would be unused",
                    e.key()
                ));
            }
            if let Some(k) = duplicate(e.body.iter().map(|k| k.name.as_str())) {
                return invalid(format!("{}: body key `{k}` is listed twice", e.key()));
            }
        }
        for n in &self.nested {
            if let Some(k) = duplicate(n.keys.iter().map(|k| k.name.as_str())) {
                return invalid(format!("nested object `{}`: key `{k}` is listed twice", n.name));
            }
            self.check_parents(n)?;
        }
        // A key may hold two shapes only on disjoint sets of endpoints: else which keys apply would be ambiguous.
        for (i, a) in self.nested.iter().enumerate() {
            if let Some(p) = duplicate(a.under.iter().map(|p| p.key.as_str())) {
                return invalid(format!("nested objects: `{p}` is the parent of two nested objects"));
            }
            for b in self.nested[i + 1..].iter().filter(|b| a.overlaps(b)) {
                if let Some(p) = a.under.iter().find(|p| b.under.iter().any(|q| q.key == p.key)) {
                    return invalid(format!(
                        "nested objects: `{}` is the parent of two nested objects (`{}` and `{}` share an endpoint)",
                        p.key, a.name, b.name
                    ));
                }
            }
        }
        if let Some(o) = duplicate(self.messaging_objects.all()) {
            return invalid(format!("messaging_objects: `{o}` is listed twice"));
        }
        Ok(())
    }

    /// Where a nested object hangs must be an object (`"key[]"`: an array of objects) in the body the endpoint
    /// documents: on each endpoint it names, or, for an entry without `endpoints`, on every endpoint documenting the
    /// key (a key that is a string somewhere needs the entry narrowed).
    fn check_parents(&self, n: &NestedObject) -> Result<(), CatalogError> {
        let invalid = |m: String| Err(CatalogError::Invalid(format!("nested object `{}`: {m}", n.name)));
        for key in &n.endpoints {
            if !self.endpoints.iter().any(|e| e.key() == *key) {
                return invalid(format!("endpoint `{key}` is not in the catalog"));
            }
        }
        for e in self.endpoints.iter().filter(|e| n.applies_to(&e.method, &e.path)) {
            for p in &n.under {
                let want = if p.each { BodyType::ArrayOfObjects } else { BodyType::Object };
                match e.body.iter().find(|b| b.name == p.key) {
                    Some(b) if b.kind == want => {}
                    Some(b) => {
                        let (has, want) = (b.kind.as_str(), want.as_str());
                        return invalid(format!("{} documents `{}` as {has}, not {want}", e.key(), p.key));
                    }
                    None if !n.endpoints.is_empty() => {
                        return invalid(format!("{} documents no body key `{}`", e.key(), p.key));
                    }
                    None => {}
                }
            }
        }
        Ok(())
    }
}
