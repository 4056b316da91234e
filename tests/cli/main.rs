//! The mlpath binary against temporary databases, with a fixed clock and terminal width.

mod completion;
mod dates;
mod ergonomics;
mod errors;
mod files;
mod filters;
mod fixtures;
mod help;
mod import;
mod install;
mod json_answers;
mod json_shapes;
mod lists;
mod notes;
mod reports;
mod review;
mod sessions;
mod stats;
mod store;
mod streaming;
mod support;
mod tables;
mod tracking;
mod undo;
mod writeback;
