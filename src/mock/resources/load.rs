//! Reading `assets/mock/answers/*.toml` into a [`Spec`], once when the mock starts. Every refusal names the file
//! and the entry (`catalogs.toml: [[answer]] #3 (POST /catalogs): …`), so a data mistake is found at start, not
//! by the request that meets it.

use serde::Deserialize;
use serde_json::Value;

use super::answer::{RawAnswer, answer};
use super::spec::{Answer, KindSpec, Seed, Spec};
use crate::catalog::Endpoint;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    answer: Vec<RawAnswer>,
    #[serde(default)]
    resource: Vec<RawSeed>,
    #[serde(default)]
    kind: Vec<RawKind>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSeed {
    kind: String,
    id: String,
    #[serde(default)]
    parent: String,
    data: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKind {
    name: String,
    #[serde(default)]
    parent: String,
    max: usize,
}

/// The spec of `files` (name, text) for the endpoints of `endpoints`.
pub(crate) fn load(files: &[(&str, &str)], endpoints: &[Endpoint]) -> Result<Spec, String> {
    let mut parsed = Vec::new();
    for (name, text) in files {
        let name = format!("assets/mock/answers/{name}");
        let f: File = crate::catalog::syntax::read(&name, text)?;
        parsed.push((name, f));
    }
    let kinds = kinds(&parsed)?;
    let kind_index = |name: &str| kinds.iter().position(|k| k.name == name);
    let mut answers: Vec<Option<(String, Answer)>> = endpoints.iter().map(|_| None).collect();
    for (file, f) in &parsed {
        for (n, raw) in f.answer.iter().enumerate() {
            let at = format!("{file}: [[answer]] #{} ({})", n + 1, raw.endpoint);
            let e = endpoints.iter().position(|e| e.key() == raw.endpoint.trim());
            let e = e.ok_or_else(|| format!("{at}: not an endpoint of the catalog (`brazen catalog` lists them)"))?;
            let answer = answer(raw, &endpoints[e], &kinds, &kind_index).map_err(|m| format!("{at}: {m}"))?;
            if let Some((first, _)) = &answers[e] {
                return Err(format!("{at}: the endpoint already has an answer, in {first}"));
            }
            answers[e] = Some((at, answer));
        }
    }
    let seeds = seeds(&parsed, &kinds, &kind_index)?;
    let mut all = Vec::with_capacity(endpoints.len());
    for (e, a) in endpoints.iter().zip(answers) {
        let (_, a) = a.ok_or_else(|| format!("assets/mock/answers: no [[answer]] for {}", e.key()))?;
        all.push(a);
    }
    Ok(Spec { answers: all, kinds, seeds })
}

fn kinds(parsed: &[(String, File)]) -> Result<Vec<KindSpec>, String> {
    let raw: Vec<(String, &RawKind)> = parsed
        .iter()
        .flat_map(|(file, f)| {
            f.kind.iter().enumerate().map(move |(n, k)| (format!("{file}: [[kind]] #{} ({})", n + 1, k.name), k))
        })
        .collect();
    let mut out: Vec<KindSpec> = Vec::new();
    for (at, k) in &raw {
        if out.iter().any(|o| o.name == k.name) {
            return Err(format!("{at}: the kind is declared twice"));
        }
        if k.max == 0 {
            return Err(format!("{at}: max must be at least 1"));
        }
        out.push(KindSpec { name: k.name.clone(), parent: None, max: k.max });
    }
    for (i, (at, k)) in raw.iter().enumerate() {
        if !k.parent.is_empty() {
            let p = out.iter().position(|o| o.name == k.parent);
            out[i].parent = Some(p.ok_or_else(|| format!("{at}: parent kind {:?} is not declared", k.parent))?);
        }
    }
    Ok(out)
}

fn seeds(
    parsed: &[(String, File)],
    kinds: &[KindSpec],
    kind_index: &dyn Fn(&str) -> Option<usize>,
) -> Result<Vec<Seed>, String> {
    let mut out: Vec<Seed> = Vec::new();
    for (file, f) in parsed {
        for (n, r) in f.resource.iter().enumerate() {
            let at = format!("{file}: [[resource]] #{} ({} {:?})", n + 1, r.kind, r.id);
            let kind = kind_index(&r.kind).ok_or_else(|| format!("{at}: kind {:?} is not declared", r.kind))?;
            let data: Value = serde_json::from_str(&r.data).map_err(|e| format!("{at}: data is not JSON: {e}"))?;
            if r.id.is_empty() {
                return Err(format!("{at}: id is empty"));
            }
            if out.iter().any(|s| s.kind == kind && s.parent == r.parent && s.id == r.id) {
                return Err(format!("{at}: the same thing is seeded twice"));
            }
            out.push(Seed { kind, parent: r.parent.clone(), id: r.id.clone(), data });
        }
    }
    // Parents are checked once every file is read: a parent may be seeded in a later file.
    for s in &out {
        if let Some(pk) = kinds[s.kind].parent
            && !out.iter().any(|p| p.kind == pk && p.id == s.parent)
        {
            let (kind, parent) = (&kinds[s.kind].name, &kinds[pk].name);
            return Err(format!("[[resource]] {kind} {:?}: its parent {parent} {:?} is not seeded", s.id, s.parent));
        }
    }
    Ok(out)
}
