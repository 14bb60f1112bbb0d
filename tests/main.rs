//! chronolint's integration tests: one binary, one module per area.

mod claims;
mod common;
mod corpus;
mod text;
