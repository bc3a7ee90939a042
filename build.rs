//! Embeds the data files of `assets/` (see assets/README.md) so that a new endpoint, template, error row or mock
//! answer needs no code change: every file of each folder below, sorted by name.

use std::{env, fs, path::Path};

/// (static name, folder under assets/, file extension)
const FOLDERS: &[(&str, &str, &str)] = &[
    ("ENDPOINTS", "endpoints", ".toml"),
    ("TEMPLATES", "templates", ".http"),
    ("ERRORS", "errors", ".toml"),
    ("ANSWERS", "mock/answers", ".toml"),
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
            out.push_str(&format!("    ({n:?}, include_str!({:?})),\n", p.display().to_string()));
        }
        out.push_str("];\n");
    }
    let dest = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("assets.rs");
    fs::write(dest, out).expect("write generated assets.rs");
}
