//! Loading the catalog from the files of `assets/endpoints/` (TOML, or the JSON build.rs embeds in its place):
//! group files, `_shared.toml`, every endpoint's template, and the checks that keep the data consistent.
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use serde::Deserialize;

use super::CatalogError;
use super::body::{MessagingObjects, NestedObject, duplicate};
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
        }
        if let Some(p) = duplicate(self.nested.iter().flat_map(|n| &n.under).map(|p| p.key.as_str())) {
            return invalid(format!("nested objects: `{p}` is the parent of two nested objects"));
        }
        if let Some(o) = duplicate(self.messaging_objects.all()) {
            return invalid(format!("messaging_objects: `{o}` is listed twice"));
        }
        Ok(())
    }
}
