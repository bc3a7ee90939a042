//! What a session builds up: the send ids it learnt and the schedules it created. Both are capped by count
//! ([`super::Limits`]); at the cap the oldest entry is forgotten and the caller is told which, so the answer can
//! say so (`x-brazen-evicted` header, and a log line).

use std::collections::{HashSet, VecDeque};

/// A schedule created through one of the schedule-create endpoints.
#[derive(Debug, Clone)]
pub(crate) struct Schedule {
    pub id: String,
    pub dispatch_id: String,
    /// `Campaign` or `Canvas`, as `/messages/scheduled_broadcasts` says.
    pub kind: &'static str,
    pub target: Option<String>,
    pub time: Option<String>,
    pub in_local_time: bool,
}

/// An entry forgotten to make room for a new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Evicted {
    Schedule {
        id: String,
    },
    Send {
        campaign: String,
        send: String,
    },
    /// A thing of the resource store ([`super::resources`]); `cap` says which bound it made room under.
    Thing {
        kind: String,
        id: String,
        cap: String,
    },
}

impl Evicted {
    /// How the `x-brazen-evicted` header names it: `schedule ID` or `send ID`. A send id is the client's own text
    /// (ASCII, at most 64 characters, or it would not have been tracked) but may hold control characters, so the
    /// caller checks it makes a valid header value.
    pub fn header(&self) -> String {
        match self {
            Evicted::Schedule { id } => format!("{} {id}", self.kind()),
            Evicted::Send { send, .. } => format!("{} {send}", self.kind()),
            Evicted::Thing { kind, id, .. } => format!("{kind} {id}"),
        }
    }

    /// `schedule` or `send`.
    pub fn kind(&self) -> &'static str {
        match self {
            Evicted::Schedule { .. } => "schedule",
            Evicted::Send { .. } => "send",
            Evicted::Thing { .. } => "thing",
        }
    }

    /// The log line.
    pub fn sentence(&self, cap: usize) -> String {
        match self {
            Evicted::Schedule { id } => format!("keeps {cap} schedules: forgot the oldest, {id}"),
            Evicted::Send { campaign, send } => {
                format!("keeps {cap} send ids: forgot the oldest, {send:?} of {campaign:?}")
            }
            Evicted::Thing { kind, id, cap } => format!("keeps {cap}: forgot the oldest, {kind} {id:?}"),
        }
    }
}

/// (campaign id, send id) pairs: the fixtures' own (always kept) and those learnt in the session (capped).
#[derive(Debug)]
pub(crate) struct Sends {
    fixed: HashSet<(String, String)>,
    learnt: HashSet<(String, String)>,
    order: VecDeque<(String, String)>,
    cap: usize,
}

impl Sends {
    pub fn new(fixed: impl IntoIterator<Item = (String, String)>, cap: usize) -> Sends {
        Sends { fixed: fixed.into_iter().collect(), learnt: HashSet::new(), order: VecDeque::new(), cap }
    }

    pub fn knows(&self, campaign: &str, send: &str) -> bool {
        let pair = (campaign.to_string(), send.to_string());
        self.fixed.contains(&pair) || self.learnt.contains(&pair)
    }

    pub fn remember(&mut self, campaign: &str, send: &str) -> Option<Evicted> {
        if self.cap == 0 || self.knows(campaign, send) {
            return None;
        }
        let pair = (campaign.to_string(), send.to_string());
        self.learnt.insert(pair.clone());
        self.order.push_back(pair);
        if self.order.len() <= self.cap {
            return None;
        }
        let (campaign, send) = self.order.pop_front()?;
        self.learnt.remove(&(campaign.clone(), send.clone()));
        Some(Evicted::Send { campaign, send })
    }
}

/// Schedules, oldest first.
#[derive(Debug)]
pub(crate) struct Schedules {
    all: VecDeque<Schedule>,
    cap: usize,
}

impl Schedules {
    pub fn new(cap: usize) -> Schedules {
        Schedules { all: VecDeque::new(), cap }
    }

    pub fn add(&mut self, s: Schedule) -> Option<Evicted> {
        if self.cap == 0 {
            return None;
        }
        let evicted = if self.all.len() >= self.cap { self.all.pop_front() } else { None };
        self.all.push_back(s);
        evicted.map(|e| Evicted::Schedule { id: e.id })
    }

    pub fn set_time(&mut self, id: &str, time: &str) {
        if let Some(s) = self.all.iter_mut().find(|s| s.id == id) {
            s.time = Some(time.to_string());
        }
    }

    pub fn delete(&mut self, id: &str) {
        self.all.retain(|s| s.id != id);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Schedule> {
        self.all.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(id: &str) -> Schedule {
        Schedule {
            id: id.into(),
            dispatch_id: "d".into(),
            kind: "Canvas",
            target: None,
            time: None,
            in_local_time: false,
        }
    }

    #[test]
    fn schedules_forget_the_oldest_at_the_cap() {
        let mut s = Schedules::new(2);
        assert_eq!(s.add(schedule("a")), None);
        assert_eq!(s.add(schedule("b")), None);
        assert_eq!(s.add(schedule("c")), Some(Evicted::Schedule { id: "a".into() }));
        assert_eq!(s.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), ["b", "c"]);
        s.delete("b");
        assert_eq!(s.add(schedule("d")), None);
        assert_eq!(s.iter().count(), 2);
        s.set_time("d", "2030-01-01T00:00:00Z");
        assert_eq!(s.iter().last().unwrap().time.as_deref(), Some("2030-01-01T00:00:00Z"));
    }

    #[test]
    fn learnt_sends_forget_the_oldest_and_fixture_sends_stay() {
        let mut s = Sends::new([("c".to_string(), "fixed".to_string())], 2);
        assert_eq!(s.remember("c", "fixed"), None);
        assert_eq!(s.remember("c", "one"), None);
        assert_eq!(s.remember("c", "one"), None, "known already: nothing new");
        assert_eq!(s.remember("c", "two"), None);
        assert_eq!(s.remember("c", "three"), Some(Evicted::Send { campaign: "c".into(), send: "one".into() }));
        assert!(!s.knows("c", "one"));
        assert!(s.knows("c", "two") && s.knows("c", "three") && s.knows("c", "fixed"));
        assert_eq!(s.order.len(), 2);
    }

    #[test]
    fn a_cap_of_zero_keeps_nothing() {
        let mut s = Schedules::new(0);
        assert_eq!(s.add(schedule("a")), None);
        assert_eq!(s.iter().count(), 0);
        let mut sends = Sends::new([], 0);
        assert_eq!(sends.remember("c", "s"), None);
        assert!(!sends.knows("c", "s"));
    }
}
