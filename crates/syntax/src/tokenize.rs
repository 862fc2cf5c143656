//! Tokenizer and sentence splitter following the UD English conventions.
