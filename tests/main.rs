//! chronolint's integration tests: one binary, one module per area.

mod audit;
mod common;
mod corpus;
mod html;
