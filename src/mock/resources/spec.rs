//! What the answers files say, checked: one [`Answer`] per catalog endpoint, the kinds of things the mock keeps
//! ([`KindSpec`]) and the things it starts with ([`Seed`]). Built by [`super::load`]; read by the engine.

use axum::http::{HeaderName, StatusCode};
use serde_json::Value;

/// The answers of every endpoint, by catalog index, and the store's kinds and seeds.
#[derive(Debug)]
pub(crate) struct Spec {
    /// `answers[e]`: the answer of catalog endpoint `e` (every endpoint has one; checked when loading).
    pub answers: Vec<Answer>,
    pub kinds: Vec<KindSpec>,
    pub seeds: Vec<Seed>,
}

/// One `[[kind]]`: a kind of thing the store keeps, the kind its things live in, and how many it keeps.
#[derive(Debug, Clone)]
pub(crate) struct KindSpec {
    pub name: String,
    /// The kind of the parent (`catalog` for `catalog_item`): deleting a parent deletes its things, and
    /// `parent_missing` looks the parent up there. `None`: the parent (if any) is a name the mock does not keep.
    pub parent: Option<usize>,
    /// Things of this kind a session may create; at the cap the oldest created one is forgotten.
    pub max: usize,
}

/// One `[[resource]]`: a thing the store holds when the mock starts.
#[derive(Debug, Clone)]
pub(crate) struct Seed {
    pub kind: usize,
    pub parent: String,
    pub id: String,
    pub data: Value,
}

/// One `[[answer]]`.
#[derive(Debug)]
pub(crate) struct Answer {
    pub status: StatusCode,
    /// The documented success body; for a 204, sent as no body at all.
    pub body: Value,
    pub thing: Option<Thing>,
    /// In the order they are tried: see [`When::order`].
    pub errors: Vec<Trigger>,
}

/// What an answer reads or changes in the store.
#[derive(Debug)]
pub(crate) struct Thing {
    pub kind: usize,
    /// `None`: only a check that the thing exists (`missing`), nothing changes.
    pub op: Option<Op>,
    pub id: Option<Locator>,
    pub parent: Option<Locator>,
    /// Where in the answer the stored thing (get, and create/update/replace) or things (list) go; `""` = the whole
    /// body (its `message`, if it has one, is kept).
    pub list: Option<String>,
    /// Where in the answer the number of things listed goes (`/count`, `/totalResults`).
    pub count: Option<String>,
    /// A list op's query parameter holding a SCIM filter, `member eq "value"` (the one form Braze supports): only
    /// the things whose member equals the value are listed.
    pub filter: Option<String>,
    /// Where in the request the stored object is; default: the element of a `*` id, else the whole body.
    pub data: Option<String>,
    /// Only these top-level members of the object are stored (a translation keeps its `translation_map`).
    pub fields: Vec<String>,
    /// Where the thing's id is written, in the stored object and in the answer (a generated id).
    pub assign: Option<String>,
    /// A member no two things of the kind (in one parent) share: what `exists` compares for a generated id.
    pub unique: Option<String>,
    /// How long a `start` op's job runs, on the mock's clock.
    pub seconds: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Create,
    Get,
    List,
    /// Merge into the stored object (objects member by member, everything else replaced).
    Update,
    Replace,
    Delete,
    /// Start a job that runs for [`Thing::seconds`].
    Start,
}

impl Op {
    pub const NAMES: &[(&str, Op)] = &[
        ("create", Op::Create),
        ("get", Op::Get),
        ("list", Op::List),
        ("update", Op::Update),
        ("replace", Op::Replace),
        ("delete", Op::Delete),
        ("start", Op::Start),
    ];
}

/// Where a name is in a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Locator {
    /// `{name}`: the path segment at `index`, percent-decoded.
    Param { index: usize, name: String },
    /// `/json/pointer`; a `*` segment stands for each element of an array.
    Pointer(String),
    /// `?name`: a query parameter.
    Query(String),
    /// `new`: a fresh id (`Shared::next_id`), for things Braze names itself.
    New,
}

/// One `[[answer.error]]`.
#[derive(Debug)]
pub(crate) struct Trigger {
    pub row: String,
    pub status: StatusCode,
    pub when: When,
    /// The error body as written: `{param}` placeholders are filled when answering.
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum When {
    HeaderMissing(HeaderName),
    TooMany { at: String, max: usize },
    ParentMissing,
    Missing,
    Exists,
    Busy,
}

impl When {
    pub const NAMES: &[&str] = &["missing", "parent_missing", "exists", "too_many", "header_missing", "busy"];

    /// The order triggers are tried in: what the request carries (headers, sizes) before what the store holds,
    /// and the parent before the thing in it.
    pub fn order(&self) -> u8 {
        match self {
            When::HeaderMissing(_) => 0,
            When::TooMany { .. } => 1,
            When::ParentMissing => 2,
            When::Missing => 3,
            When::Exists => 4,
            When::Busy => 5,
        }
    }
}
