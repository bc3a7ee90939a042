//! curl import/export (being written)
