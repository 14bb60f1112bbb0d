//! chronolint's integration tests: one binary, one module per area.

mod ci;
mod common;
mod corpus;
mod interrupt;
mod robustness;
mod shard;
