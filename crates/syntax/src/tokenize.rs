//! Tokenizer and sentence splitter following the UD English conventions
//! (EWT, GUM): clitics are syntactic words of their own inside one surface
//! token ("don't" = do + n't, "Bush's" = Bush + 's, "cannot" = can + not),
//! hyphenated words split at the hyphen except after a prefix ("long - term",
//! "al - Sadr", but "e-mail", "non-profit"), abbreviations keep their period
//! ("U.S.", "Dec.", "e.g."), numbers keep their commas and decimals
//! ("1,000.50"), URLs and e-mail addresses stay whole, quotes, brackets,
//! dashes, currency and percent signs are tokens of their own.
//!
//! Every token, word and sentence is a byte range into the input, so
//! `&text[span.range()]` is its surface form; the words of a split
//! contraction are contiguous sub-ranges of its token. The result lives in
//! flat vectors that [`Tokenizer::tokenize_into`] refills without allocating
//! once they have grown.
//!
//! Sentences end after `.`, `!`, `?` (with any closing quotes, brackets,
//! footnote marks `[3]` and emoticons) when the next token may open a
//! sentence: anything but continuing punctuation; a lower-case word too
//! right after the mark (web text: "where are you? home?"), but not after a
//! closing quote ("Stop!" he said). After an ellipsis or an emoticon, only
//! before an upper-case letter. After an abbreviation that may end a
//! sentence ("U.S.", "etc.", "a.m.") or an initial, only when the text ends,
//! a blank line follows or the next word is a usual sentence opener ("The",
//! "He", "But"); the abbreviation then gives its period back as a token of
//! its own, as UD EWT does ("etc" + "."). Never after titles ("Mr.", "Dr.").
//! A blank line always ends a sentence, so a headline without a final period
//! is its own sentence. A single line break is a space, unless its block of
//! lines (between blank lines) reads as one item per line: no line of the
//! block starts with a lower-case letter. Then every line ends a sentence.
//!
//! The word lists (abbreviations, sentence openers, contractions, clitics,
//! hyphen prefixes, emoticons, letters kept after numbers) are text files
//! under `data/tokenize/`, partly learned from the UD training treebanks
//! (see each file's header).

mod chars;
mod lexicon;
mod scan;
mod sentences;
#[cfg(test)]
mod tests;

use std::ops::Range;
use std::sync::OnceLock;

use lexicon::{AbbrevClass, Lexicon};

/// A byte range `start..end` of the input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The span as a range, to slice the input with.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// Its length in bytes.
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True for an empty span (never produced by the tokenizer).
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }

    /// The text of the span in `text` (the input it was made from).
    pub fn text(self, text: &str) -> &str {
        &text[self.range()]
    }
}

/// A surface token: a piece of text between spaces or split off at
/// punctuation ("don't", "U.S.", ","), made of one or more syntactic words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Token {
    pub span: Span,
    /// Its words: indices into [`Tokenized::words`].
    pub words: Range<usize>,
}

impl Token {
    /// True when the token holds several syntactic words (a UD multiword
    /// token such as "don't" = do + n't).
    pub fn is_multiword(&self) -> bool {
        self.words.len() > 1
    }
}

/// A sentence: consecutive tokens (and their words).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Sentence {
    /// From the start of its first token to the end of its last.
    pub span: Span,
    /// Indices into [`Tokenized::tokens`].
    pub tokens: Range<usize>,
    /// Indices into [`Tokenized::words`].
    pub words: Range<usize>,
}

/// What the tokenizer found in a text: sentences, surface tokens and
/// syntactic words, each as byte ranges of the text, in text order.
#[derive(Debug, Clone, Default)]
pub struct Tokenized {
    /// Syntactic words ("do", "n't"): what a tagger or parser reads.
    pub words: Vec<Span>,
    /// Surface tokens ("don't"), each covering one or more words.
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Per token: what the sentence splitter needs to know.
    meta: Vec<Meta>,
}

impl Tokenized {
    /// Empty buffers.
    pub fn new() -> Tokenized {
        Tokenized::default()
    }

    /// Empties the buffers, keeping their capacity.
    pub fn clear(&mut self) {
        self.words.clear();
        self.tokens.clear();
        self.sentences.clear();
        self.meta.clear();
    }

    /// The words of `sentence`.
    pub fn sentence_words(&self, sentence: &Sentence) -> &[Span] {
        &self.words[sentence.words.clone()]
    }

    /// The tokens of `sentence`.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        &self.tokens[sentence.tokens.clone()]
    }
}

/// What a token is, for sentence splitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    /// A run of `.`, `!`, `?`.
    Terminal,
    /// `。`, `！`, `？`: ends a sentence even without a space after it.
    WideTerminal,
    /// `...`, `…`
    Ellipsis,
    /// An opening quote or bracket.
    Opener,
    /// A closing quote or bracket.
    Closer,
    /// ":)" and the like: stays with the sentence before it, which may end
    /// after it.
    Emoticon,
    /// A word with its final period.
    Abbrev(AbbrevClass),
    /// A single capital with a period ("J.").
    Initial,
    /// Any other punctuation or symbol.
    Punct,
}

/// Per-token facts kept for the sentence splitter.
#[derive(Debug, Clone, Copy)]
struct Meta {
    kind: Kind,
    /// Line breaks between the previous token and this one (at most 2).
    newlines: u8,
}

/// The tokenizer: its word lists, built once and shared by every call.
#[derive(Debug, Clone)]
pub struct Tokenizer {
    lexicon: Lexicon,
}

impl Default for Tokenizer {
    fn default() -> Tokenizer {
        Tokenizer::new()
    }
}

impl Tokenizer {
    /// A tokenizer with the word lists embedded in the crate.
    pub fn new() -> Tokenizer {
        Tokenizer {
            lexicon: Lexicon::builtin(),
        }
    }

    /// Tokenizes `text` into new buffers.
    pub fn tokenize(&self, text: &str) -> Tokenized {
        let mut out = Tokenized::new();
        self.tokenize_into(text, &mut out);
        out
    }

    /// Tokenizes `text` into `out`, replacing what it held (and reusing its
    /// allocations).
    pub fn tokenize_into(&self, text: &str, out: &mut Tokenized) {
        out.clear();
        scan::scan(text, &self.lexicon, out);
        sentences::split(text, &self.lexicon, out);
    }
}

/// The shared tokenizer with the embedded word lists.
pub fn tokenizer() -> &'static Tokenizer {
    static SHARED: OnceLock<Tokenizer> = OnceLock::new();
    SHARED.get_or_init(Tokenizer::new)
}

/// Tokenizes `text` with the shared tokenizer.
pub fn tokenize(text: &str) -> Tokenized {
    tokenizer().tokenize(text)
}

/// Tokenizes `text` into `out` with the shared tokenizer, reusing `out`'s
/// allocations.
pub fn tokenize_into(text: &str, out: &mut Tokenized) {
    tokenizer().tokenize_into(text, out)
}
