//! English syntax for diplograph: sentences and tokens with exact offsets
//! into the input, Universal Dependencies part-of-speech tags, lemmas and a
//! labelled dependency tree. The crate is pure (no files, no store) and
//! light (no oxigraph), so it builds and tests in seconds; models are loaded
//! from bytes that the caller embeds or reads.

pub mod conllu;
pub mod tokenize;
