//! Unit tests of the tokenizer on strings written for them.

use super::*;

fn words(text: &str) -> Vec<&str> {
    let t = tokenize(text);
    t.words.iter().map(|w| w.text(text)).collect()
}

#[test]
fn smoke() {
    assert_eq!(
        words("The U.S. didn't say."),
        ["The", "U.S.", "did", "n't", "say", "."]
    );
}
