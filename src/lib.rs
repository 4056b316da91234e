//! mlpath: a markdown study list as a tracked learning path.

pub mod markdown;
pub mod model;
pub mod slug;
