//! Reading a data file of `assets/`: TOML as written, or the JSON that build.rs embeds in its place (the same
//! data, read many times faster at start). A TOML document cannot begin with `{`, and each embedded JSON file is one
//! object, so the first character tells them apart.
//!
//! Core: pure and synchronous.

use serde::de::DeserializeOwned;

/// `text` (TOML, or the JSON build.rs made of it) as a `T`; an error names `name` and the position.
pub fn read<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, String> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| format!("{name}: {e}"))
    } else {
        toml::from_str(text).map_err(|e| format!("{name}: {}", e.to_string().trim_end()))
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct T {
        a: u32,
        b: Vec<String>,
    }

    #[test]
    fn toml_and_its_json_read_the_same_and_errors_name_the_file() {
        let toml: T = super::read("x.toml", "a = 1\nb = [\"x\"]\n").unwrap();
        let json: T = super::read("x.toml", r#" {"a": 1, "b": ["x"]}"#).unwrap();
        assert_eq!(toml, json);
        let e = super::read::<T>("x.toml", "a = \n").unwrap_err();
        assert!(e.starts_with("x.toml: ") && e.contains("line 1"), "{e}");
        assert!(super::read::<T>("y.toml", "{\"a\": 1}").unwrap_err().starts_with("y.toml: "));
    }
}
