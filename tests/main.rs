//! chronolint's integration tests: one binary, one module per area.

mod audit;
mod bounded;
mod checks;
mod ci;
mod claims;
mod common;
mod corpus;
mod html;
mod ignore;
mod interrupt;
mod meta;
mod robustness;
mod rules;
mod shard;
mod text;
mod time;
mod timeline;
