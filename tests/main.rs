//! chronolint's integration tests: one binary, one module per area.

mod checks;
mod common;
mod corpus;
