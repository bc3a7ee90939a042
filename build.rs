//! Embeds the data files of `assets/` (see assets/README.md) so that a new endpoint, template, error row or mock
//! answer needs no code change: every file of each folder below, sorted by name.
//!
//! TOML files are read here, at build time, and embedded as JSON: the catalog is ~300 KB of TOML, which the
//! `toml` crate reads in milliseconds at every start, while `serde_json` reads the same data many times faster.
//! A TOML mistake fails the build with the file's name, line and column. (The loaders still read TOML text too:
//! tests and `brazen mock --fixtures` use it.)

use std::{env, fs, path::Path};

/// (static name, folder under assets/, file extension)
const FOLDERS: &[(&str, &str, &str)] = &[
    ("ERRORS_SEED", ".", "errors.toml"),
    ("ENDPOINTS", "endpoints", ".toml"),
    ("TEMPLATES", "templates", ".http"),
    ("ERRORS", "errors", ".toml"),
    ("ANSWERS", "mock/answers", ".toml"),
    ("RULES", "rules", ".toml"),
];

fn main() {
    let root = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("assets");
    let mut out = String::new();
    for (name, folder, ext) in FOLDERS {
        let dir = root.join(folder);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut names: Vec<String> = fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(ext))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        out.push_str(&format!("pub static {name}: &[(&str, &str)] = &[\n"));
        for n in &names {
            let p = dir.join(n);
            println!("cargo:rerun-if-changed={}", p.display());
            let embedded = if n.ends_with(".toml") { as_json(&p, folder, n) } else { p };
            out.push_str(&format!("    ({n:?}, include_str!({:?})),\n", embedded.display().to_string()));
        }
        out.push_str("];\n");
    }
    let dest = out_dir().join("assets.rs");
    fs::write(dest, out).expect("write generated assets.rs");
}

fn out_dir() -> std::path::PathBuf {
    Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf()
}

/// The TOML file `path` written as JSON under OUT_DIR; its path.
fn as_json(path: &Path, folder: &str, name: &str) -> std::path::PathBuf {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("assets/{folder}/{name}: {e}"));
    let json = serde_json::to_string(&value).unwrap_or_else(|e| panic!("assets/{folder}/{name}: {e}"));
    let dir =
        out_dir().join("assets-json").join(if folder == "." { "root".to_string() } else { folder.replace('/', "-") });
    fs::create_dir_all(&dir).expect("create OUT_DIR/assets-json");
    let dest = dir.join(format!("{name}.json"));
    fs::write(&dest, json).expect("write an embedded JSON file");
    dest
}
