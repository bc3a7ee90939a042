//! The documented query parameters of GET endpoints, and what their values may be. The validator predicts
//! Braze's 400 with [`QueryParam::check_value`], and the mock server answers with the same function, so the two
//! cannot disagree about a value.
//!
//! Core: pure and synchronous; must not import tokio, reqwest, rusqlite, axum, crossterm, std::fs, nor
//! crate::{client, history, mock, config, cli, tui, curl, service, system}.

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Table as _, fill};

/// What a parameter's value must look like.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryKind {
    /// Anything (an id, an address).
    #[default]
    Text,
    /// A whole number, within `min` and `max` when they are given.
    Integer,
    /// `YYYY-MM-DD`.
    Date,
    /// ISO 8601: a time with an offset, a local date and time, or a date.
    DateTime,
    /// `true` or `false`.
    Boolean,
    /// One of `values`.
    OneOf,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QueryParam {
    pub name: String,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub example: String,
    #[serde(default)]
    pub note: String,
    /// Whether the starting body of the endpoint carries it; by default, when it is required. (`start_date` of
    /// `/email/hard_bounces` is optional alone but one of it and `email` is needed.)
    #[serde(default, skip_serializing)]
    pub in_template: Option<bool>,
    #[serde(default, skip_serializing)]
    pub kind: QueryKind,
    #[serde(default, skip_serializing)]
    pub min: Option<i64>,
    #[serde(default, skip_serializing)]
    pub max: Option<i64>,
    #[serde(default, skip_serializing)]
    pub values: Vec<String>,
    /// The row Braze answers this parameter missing, empty or malformed with, where the page quotes one (else
    /// `bad_request`).
    #[serde(default, skip_serializing)]
    pub error: Option<String>,
}

crate::table! {
    /// What a query value must be: the sentence of [`QueryParam::check_value`], shared by the validator and the mock.
    pub struct QueryText {
        must_be: "{name} {value} must be {must}" / "{name} {value} 값은 {must}여야 합니다",
        no_such_date: "{name} {value} is written as ISO 8601, but there is no such date or time"
            / "{name} {value} 값은 ISO 8601 형식이지만 존재하지 않는 날짜나 시각입니다",
        integer_range: "a whole number from {lo} to {hi}" / "{lo}부터 {hi}까지의 정수",
        integer_from: "a whole number from {lo}" / "{lo} 이상의 정수",
        integer: "a whole number" / "정수",
        date: "a YYYY-MM-DD date" / "YYYY-MM-DD 형식의 날짜",
        date_time: "an ISO 8601 date or time (2030-01-31T09:00:00Z)" / "ISO 8601 날짜나 시각(2030-01-31T09:00:00Z)",
        boolean: "true or false" / "true 또는 false",
        one_of: "one of {values}" / "{values} 중 하나",
    }
}

impl QueryParam {
    /// `Ok` when `value` is acceptable, else what it must be, as a sentence in `lang` that names the parameter
    /// and quotes the value (`length "abc" must be a whole number from 1 to 100`).
    pub fn check_value(&self, value: &str, lang: Lang) -> Result<(), String> {
        let v = value.trim();
        let ok = match self.kind {
            QueryKind::Text => true,
            QueryKind::Integer => {
                v.parse::<i64>().is_ok_and(|n| self.min.is_none_or(|m| n >= m) && self.max.is_none_or(|m| n <= m))
            }
            QueryKind::Date => v.parse::<jiff::civil::Date>().is_ok(),
            // As Braze reads it: its pages' own short offsets (`-5:00`) included.
            QueryKind::DateTime => crate::when::parse(v).is_some(),
            QueryKind::Boolean => v == "true" || v == "false",
            QueryKind::OneOf => self.values.iter().any(|x| x == v),
        };
        if ok {
            return Ok(());
        }
        let t = QueryText::get(lang);
        let dated = matches!(self.kind, QueryKind::Date | QueryKind::DateTime);
        if dated && crate::when::no_such_date(v) {
            return Err(fill(t.no_such_date, &[("name", &self.name), ("value", &format!("{value:?}"))]));
        }
        let must = match (self.kind, self.min, self.max) {
            (QueryKind::Integer, Some(lo), Some(hi)) => fill(t.integer_range, &[("lo", &lo), ("hi", &hi)]),
            (QueryKind::Integer, Some(lo), None) => fill(t.integer_from, &[("lo", &lo)]),
            (QueryKind::Integer, ..) => t.integer.into(),
            (QueryKind::Date, ..) => t.date.into(),
            (QueryKind::DateTime, ..) => t.date_time.into(),
            (QueryKind::Boolean, ..) => t.boolean.into(),
            (QueryKind::OneOf, ..) => fill(t.one_of, &[("values", &self.values.join(", "))]),
            (QueryKind::Text, ..) => String::new(),
        };
        Err(fill(t.must_be, &[("name", &self.name), ("value", &format!("{value:?}")), ("must", &must)]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(kind: QueryKind, min: Option<i64>, max: Option<i64>, values: &[&str]) -> QueryParam {
        QueryParam {
            name: "p".into(),
            required: false,
            example: String::new(),
            note: String::new(),
            in_template: None,
            kind,
            min,
            max,
            values: values.iter().map(|v| v.to_string()).collect(),
            error: None,
        }
    }

    #[test]
    fn the_table_is_complete_in_both_languages() {
        assert!(crate::i18n::check::<QueryText>().is_empty());
    }

    #[test]
    fn each_kind_accepts_its_values_and_says_what_it_needs() {
        let days = param(QueryKind::Integer, Some(1), Some(100), &[]);
        assert!(days.check_value("14", Lang::En).is_ok() && days.check_value(" 100 ", Lang::En).is_ok());
        for bad in ["0", "101", "abc", "1.5", ""] {
            assert_eq!(days.check_value(bad, Lang::En), Err(format!("p {bad:?} must be a whole number from 1 to 100")));
        }
        assert!(days.check_value("abc", Lang::Ko).unwrap_err().contains("1부터 100까지의 정수"));
        let date = param(QueryKind::Date, None, None, &[]);
        assert!(date.check_value("2024-01-31", Lang::En).is_ok());
        assert!(date.check_value("2025-13-01", Lang::En).is_err() && date.check_value("yesterday", Lang::En).is_err());
        let time = param(QueryKind::DateTime, None, None, &[]);
        for ok in ["2030-01-31T00:00:00Z", "2030-01-31T09:00:00+09:00", "2030-01-31T09:00:00", "2030-01-31"] {
            assert!(time.check_value(ok, Lang::En).is_ok(), "{ok}");
        }
        assert!(time.check_value("notatime", Lang::En).is_err());
        let flag = param(QueryKind::Boolean, None, None, &[]);
        assert!(flag.check_value("true", Lang::En).is_ok() && flag.check_value("maybe", Lang::En).is_err());
        let dir = param(QueryKind::OneOf, None, None, &["asc", "desc"]);
        assert!(dir.check_value("desc", Lang::En).is_ok());
        assert_eq!(dir.check_value("up", Lang::En), Err("p \"up\" must be one of asc, desc".into()));
        assert!(param(QueryKind::Text, None, None, &[]).check_value("anything", Lang::En).is_ok());
    }

    #[test]
    fn a_date_that_does_not_exist_is_called_no_such_date_not_a_format_mistake() {
        for kind in [QueryKind::Date, QueryKind::DateTime] {
            let p = param(kind, None, None, &[]);
            let en = p.check_value("2030-02-30", Lang::En).unwrap_err();
            assert!(en.contains("no such date") && !en.contains("must be"), "{en}");
            assert!(p.check_value("2030-02-30", Lang::Ko).unwrap_err().contains("존재하지 않는 날짜"));
        }
        let time = param(QueryKind::DateTime, None, None, &[]);
        assert!(time.check_value("2030-01-01T25:00:00Z", Lang::En).unwrap_err().contains("no such date or time"));
        assert!(time.check_value("notatime", Lang::En).unwrap_err().contains("must be an ISO 8601"));
    }
}
