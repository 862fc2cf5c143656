//! diplograph: international-affairs news in, a knowledge graph out.
//!
//! The pure core turns text into facts and facts into RDF:
//! [`input`] (records) → [`extract`] (states, officials, events) → [`rdf`]
//! (quads). [`knowledge`] compiles the data files under `ontology/`. The
//! store and the commands are the only parts that do I/O.

pub mod analysis;
pub mod cli;
pub mod cmd;
pub mod dates;
pub mod extract;
pub mod graph;
pub mod input;
pub mod knowledge;
pub mod model;
pub mod nquads;
pub mod ns;
pub mod queries;
pub mod rdf;
pub mod scan;
pub mod store;
pub mod text;
