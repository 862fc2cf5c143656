//! The sentence splitter: groups the scanned tokens into sentences from the
//! token kinds and the line breaks between tokens (the rules are listed in
//! the module documentation of `tokenize`).

use super::chars::{char_at, class, Class};
use super::lexicon::{AbbrevClass, Lexicon};
use super::{Kind, Sentence, Span, Tokenized};

/// Fills `out.sentences` from `out.tokens`.
pub(super) fn split(text: &str, lex: &Lexicon, out: &mut Tokenized) {
    let n = out.tokens.len();
    let mut start = 0;
    let mut line_mode = false;
    // the last token before `i` that is not a closing quote or bracket
    let mut last_open = 0;
    for i in 0..n {
        let newlines = out.meta[i].newlines;
        if i == 0 || newlines >= 2 {
            line_mode = block_is_line_per_sentence(text, out, i);
        }
        // most tokens follow a word and no line break: no decision to make
        let plain = newlines == 0
            && matches!(
                out.meta[last_open.max(start)].kind,
                Kind::Word | Kind::Opener | Kind::Punct | Kind::Abbrev(AbbrevClass::Title)
            );
        if i > 0 && !plain {
            let splitter = Splitter { text, lex, out };
            let breaks = newlines >= 2
                || (newlines == 1 && line_mode && splitter.may_open(i))
                || splitter.ends_before(last_open.max(start), i);
            if breaks {
                push_sentence(out, start, i);
                start = i;
            }
        }
        if out.meta[i].kind != Kind::Closer {
            last_open = i;
        }
    }
    if n > 0 {
        push_sentence(out, start, n);
    }
}

/// Appends the sentence of tokens `from..to`.
fn push_sentence(out: &mut Tokenized, from: usize, to: usize) {
    let first = &out.tokens[from];
    let last = &out.tokens[to - 1];
    out.sentences.push(Sentence {
        span: Span::new(first.span.start, last.span.end),
        tokens: from..to,
        words: first.words.start..last.words.end,
    });
}

/// True when the block of lines starting at token `from` (up to the next
/// blank line) has line breaks and none of its lines starts with a
/// lower-case letter: then each line is a sentence.
fn block_is_line_per_sentence(text: &str, out: &Tokenized, from: usize) -> bool {
    let mut lines = false;
    for i in from + 1..out.tokens.len() {
        match out.meta[i].newlines {
            0 => {}
            1 => {
                lines = true;
                if starts_lowercase(text, out.tokens[i].span.start) {
                    return false;
                }
            }
            _ => break,
        }
    }
    lines
}

/// True when the text at `i` starts with a lower-case letter.
fn starts_lowercase(text: &str, i: usize) -> bool {
    char_at(text, i).is_some_and(|(c, _)| c.is_lowercase())
}

struct Splitter<'a> {
    text: &'a str,
    lex: &'a Lexicon,
    out: &'a Tokenized,
}

impl Splitter<'_> {
    fn kind(&self, i: usize) -> Kind {
        self.out.meta[i].kind
    }

    fn token_text(&self, i: usize) -> &str {
        self.out.tokens[i].span.text(self.text)
    }

    /// True when a sentence ends before token `i`, judged from punctuation;
    /// `q` is the last token before `i` that is not a closing quote or
    /// bracket (or the first of the sentence).
    fn ends_before(&self, q: usize, i: usize) -> bool {
        let p = i - 1;
        if self.kind(q) == Kind::WideTerminal {
            return self.may_open(i);
        }
        if self.out.tokens[p].span.end == self.out.tokens[i].span.start {
            return false;
        }
        match self.kind(q) {
            // after a quote or bracket, a lower-case word goes on the
            // sentence ("Stop!" he said)
            Kind::Terminal if q < p => self.may_open(i),
            Kind::Terminal => self.may_follow_end(i),
            Kind::Ellipsis | Kind::Emoticon => self.opens_upper(i),
            Kind::Abbrev(AbbrevClass::Final) | Kind::Initial => self.opens_with_starter(i),
            _ => false,
        }
    }

    /// The first token from `i` that is not an opening quote or bracket.
    fn skip_openers(&self, mut i: usize) -> usize {
        while i + 1 < self.out.tokens.len() && self.kind(i) == Kind::Opener {
            i += 1;
        }
        i
    }

    /// True when token `i` can open a sentence: not closing punctuation,
    /// and (after any opening quotes or brackets) not starting with a
    /// lower-case letter.
    fn may_open(&self, i: usize) -> bool {
        match self.kind(i) {
            Kind::Closer | Kind::Emoticon | Kind::Terminal | Kind::WideTerminal => return false,
            Kind::Punct if matches!(self.token_text(i), "," | ";" | ":") => return false,
            _ => {}
        }
        let j = self.skip_openers(i);
        !starts_lowercase(self.text, self.out.tokens[j].span.start)
    }

    /// True when token `i` may start a sentence after a sentence-final
    /// period, question or exclamation mark: anything but closing or
    /// continuing punctuation or an ellipsis (which stays with the sentence
    /// before it); a lower-case word too, as in web text "where did you
    /// grow up? india?".
    fn may_follow_end(&self, i: usize) -> bool {
        match self.kind(i) {
            Kind::Closer | Kind::Emoticon | Kind::Ellipsis => false,
            Kind::Terminal | Kind::WideTerminal => false,
            Kind::Punct => !matches!(self.token_text(i), "," | ";" | ":"),
            _ => true,
        }
    }

    /// True when token `i` (after opening quotes or brackets) starts with an
    /// upper-case letter.
    fn opens_upper(&self, i: usize) -> bool {
        if matches!(self.kind(i), Kind::Closer | Kind::Emoticon) {
            return false;
        }
        let j = self.skip_openers(i);
        char_at(self.text, self.out.tokens[j].span.start).is_some_and(|(c, _)| c.is_uppercase())
    }

    /// True when token `i` (after opening quotes or brackets) is a usual
    /// sentence opener.
    fn opens_with_starter(&self, i: usize) -> bool {
        let j = self.skip_openers(i);
        let token = &self.out.tokens[j];
        // the first word of a contraction ("It" of "It's")
        let word = self.out.words[token.words.start].text(self.text);
        self.lex.is_starter(word)
            && char_at(self.text, token.span.start).is_some_and(|(c, _)| class(c) == Class::Word)
    }
}
