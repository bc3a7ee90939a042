//! The things the mock keeps, by kind (catalogs, their items, Content Blocks, SCIM users …): seeded from the
//! answers files, changed by requests.
//!
//! Bounded twice, so no client can grow it without limit: each kind keeps at most its `[[kind]] max` things
//! created in the session, and all things together hold at most `max_bytes` of JSON. At either cap the oldest
//! thing created in the session is forgotten (with the things inside it) and reported, as schedules are; the
//! seeded things are never forgotten. One object larger than `max_object` is refused instead.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::spec::KindSpec;
use crate::mock::store::Evicted;

#[derive(Debug)]
pub(crate) struct Store {
    kinds: Vec<KindSpec>,
    shelves: Vec<HashMap<Key, Thing>>,
    /// Things created in the session, oldest first: what is forgotten at a cap.
    created: BTreeMap<u64, (usize, Key)>,
    /// Created things per kind.
    per_kind: Vec<usize>,
    seq: u64,
    bytes: usize,
    max_bytes: usize,
    max_object: usize,
}

/// (parent, id)
type Key = (String, String);

#[derive(Debug)]
struct Thing {
    data: Value,
    /// When it was stored first (seeded or created): the order of lists.
    seq: u64,
    /// Created in the session (its place in `created` is `seq`), not seeded.
    created: bool,
    /// A job's end (UTC epoch seconds) while it runs: `busy` until then.
    until: Option<i64>,
    bytes: usize,
}

/// A stored object over [`Store`]'s `max_object`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TooBig {
    pub bytes: usize,
    pub max: usize,
}

fn size(v: &Value) -> usize {
    serde_json::to_vec(v).map_or(0, |b| b.len())
}

impl Store {
    pub fn new(kinds: Vec<KindSpec>, max_bytes: usize, max_object: usize) -> Store {
        let n = kinds.len();
        Store {
            kinds,
            shelves: (0..n).map(|_| HashMap::new()).collect(),
            created: BTreeMap::new(),
            per_kind: vec![0; n],
            seq: 0,
            bytes: 0,
            max_bytes,
            max_object,
        }
    }

    /// Adds a thing the mock starts with: never forgotten, not counted against the caps.
    pub fn seed(&mut self, kind: usize, parent: &str, id: &str, data: Value) {
        let bytes = size(&data);
        self.bytes += bytes;
        self.seq += 1;
        let thing = Thing { data, seq: self.seq, created: false, until: None, bytes };
        if let Some(old) = self.shelves[kind].insert((parent.to_string(), id.to_string()), thing) {
            self.bytes -= old.bytes;
        }
    }

    pub fn get(&self, kind: usize, parent: &str, id: &str) -> Option<&Value> {
        self.shelves[kind].get(&(parent.to_string(), id.to_string())).map(|t| &t.data)
    }

    /// Whether a thing of `kind` named `id` exists under any parent (a parent's own parent is not asked for).
    pub fn exists_anywhere(&self, kind: usize, id: &str) -> bool {
        self.shelves[kind].keys().any(|(_, i)| i == id)
    }

    /// Whether a thing of `kind` in `parent` has `value` at `pointer`.
    pub fn taken(&self, kind: usize, parent: &str, pointer: &str, value: &Value) -> bool {
        self.shelves[kind].iter().any(|((p, _), t)| p == parent && t.data.pointer(pointer) == Some(value))
    }

    /// The things of `kind` in `parent`, in the order they were first stored (seeded ones first).
    pub fn list(&self, kind: usize, parent: &str) -> Vec<&Value> {
        let mut things: Vec<&Thing> =
            self.shelves[kind].iter().filter(|((p, _), _)| p == parent).map(|(_, t)| t).collect();
        things.sort_by_key(|t| t.seq);
        things.into_iter().map(|t| &t.data).collect()
    }

    /// Whether a job of `kind` named (`parent`, `id`) still runs at `now`.
    pub fn running(&self, kind: usize, parent: &str, id: &str, now: i64) -> bool {
        let t = self.shelves[kind].get(&(parent.to_string(), id.to_string()));
        t.and_then(|t| t.until).is_some_and(|until| now < until)
    }

    /// Stores `data` as the thing (a job running until `until`), replacing what was there; what was forgotten to
    /// make room is pushed to `evicted`.
    pub fn put(
        &mut self,
        kind: usize,
        parent: &str,
        id: &str,
        data: Value,
        until: Option<i64>,
        evicted: &mut Vec<Evicted>,
    ) -> Result<(), TooBig> {
        let bytes = size(&data);
        if bytes > self.max_object {
            return Err(TooBig { bytes, max: self.max_object });
        }
        let key = (parent.to_string(), id.to_string());
        if let Some(old) = self.shelves[kind].get_mut(&key) {
            self.bytes = self.bytes - old.bytes + bytes;
            (old.data, old.until, old.bytes) = (data, until, bytes);
        } else {
            self.seq += 1;
            self.created.insert(self.seq, (kind, key.clone()));
            self.per_kind[kind] += 1;
            self.bytes += bytes;
            self.shelves[kind].insert(key.clone(), Thing { data, seq: self.seq, created: true, until, bytes });
        }
        self.make_room(kind, &key, evicted);
        Ok(())
    }

    /// Removes the thing and every thing inside it; whether it was there.
    pub fn remove(&mut self, kind: usize, parent: &str, id: &str) -> bool {
        let Some(t) = self.shelves[kind].remove(&(parent.to_string(), id.to_string())) else { return false };
        self.bytes -= t.bytes;
        if t.created {
            self.created.remove(&t.seq);
            self.per_kind[kind] -= 1;
        }
        let children: Vec<usize> = (0..self.kinds.len()).filter(|k| self.kinds[*k].parent == Some(kind)).collect();
        for child in children {
            let inside: Vec<Key> = self.shelves[child].keys().filter(|(p, _)| p == id).cloned().collect();
            for (p, i) in inside {
                self.remove(child, &p, &i);
            }
        }
        true
    }

    /// Forgets the oldest created things until `kind` and the byte budget are within their caps; never the thing
    /// just stored (`keep`).
    fn make_room(&mut self, kind: usize, keep: &Key, evicted: &mut Vec<Evicted>) {
        while self.per_kind[kind] > self.kinds[kind].max {
            let oldest = self.created.values().find(|(k, key)| *k == kind && key != keep).cloned();
            let Some((k, (p, i))) = oldest else { break };
            self.remove(k, &p, &i);
            let cap = format!("{} {} things", self.kinds[kind].max, self.kinds[kind].name);
            evicted.push(Evicted::Thing { kind: self.kinds[k].name.clone(), id: i, cap });
        }
        while self.bytes > self.max_bytes {
            let oldest = self.created.values().find(|(k, key)| !(*k == kind && key == keep)).cloned();
            let Some((k, (p, i))) = oldest else { break };
            self.remove(k, &p, &i);
            let cap = format!("{} MiB of things", self.max_bytes >> 20);
            evicted.push(Evicted::Thing { kind: self.kinds[k].name.clone(), id: i, cap });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kinds() -> Vec<KindSpec> {
        vec![
            KindSpec { name: "catalog".into(), parent: None, max: 2 },
            KindSpec { name: "item".into(), parent: Some(0), max: 100 },
        ]
    }

    #[test]
    fn the_oldest_created_thing_goes_at_the_kind_cap_with_its_children() {
        let mut s = Store::new(kinds(), 1 << 20, 1 << 10);
        s.seed(0, "", "seeded", json!({}));
        let mut ev = Vec::new();
        s.put(0, "", "a", json!({"n": 1}), None, &mut ev).unwrap();
        s.put(1, "a", "i1", json!({}), None, &mut ev).unwrap();
        s.put(0, "", "b", json!({}), None, &mut ev).unwrap();
        assert!(ev.is_empty());
        s.put(0, "", "c", json!({}), None, &mut ev).unwrap();
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert!(ev[0].header().contains("catalog a"), "{}", ev[0].header());
        assert!(s.get(0, "", "a").is_none() && s.get(1, "a", "i1").is_none());
        assert!(s.get(0, "", "seeded").is_some());
        let names: Vec<&Value> = s.list(0, "");
        assert_eq!(names.len(), 3);
    }

    #[test]
    fn bytes_are_bounded_and_a_too_big_object_is_refused() {
        let mut s = Store::new(kinds(), 40, 30);
        let mut ev = Vec::new();
        assert_eq!(s.put(1, "x", "big", json!("x".repeat(40)), None, &mut ev), Err(TooBig { bytes: 42, max: 30 }));
        s.put(1, "x", "1", json!("x".repeat(20)), None, &mut ev).unwrap();
        s.put(1, "x", "2", json!("x".repeat(20)), None, &mut ev).unwrap();
        assert_eq!(ev.len(), 1);
        assert!(s.get(1, "x", "1").is_none() && s.get(1, "x", "2").is_some());
    }

    #[test]
    fn jobs_run_until_their_end_and_removing_stops_them() {
        let mut s = Store::new(kinds(), 1 << 20, 1 << 10);
        let mut ev = Vec::new();
        s.put(1, "p", "j", json!({}), Some(100), &mut ev).unwrap();
        assert!(s.running(1, "p", "j", 99) && !s.running(1, "p", "j", 100));
        assert!(s.remove(1, "p", "j") && !s.running(1, "p", "j", 0));
        assert!(!s.taken(0, "", "/n", &json!(1)));
    }
}
