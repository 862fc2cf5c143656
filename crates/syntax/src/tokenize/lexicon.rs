//! The word lists the tokenizer consults, read once from the text files under
//! `crates/syntax/data/tokenize/` (embedded with `include_str!`): the
//! abbreviations that keep their period, the words that usually open a
//! sentence, whole-word contractions, clitics, hyphen prefixes, emoticons and
//! the letters that stay on a number.
//! Each file has one entry a line; `#` starts a comment line.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const ABBREVIATIONS: &str = include_str!("../../data/tokenize/abbreviations.txt");
const STARTERS: &str = include_str!("../../data/tokenize/sentence_starters.txt");
const CONTRACTIONS: &str = include_str!("../../data/tokenize/contractions.txt");
const CLITICS: &str = include_str!("../../data/tokenize/clitics.txt");
const HYPHEN_PREFIXES: &str = include_str!("../../data/tokenize/hyphen_prefixes.txt");
const EMOTICONS: &str = include_str!("../../data/tokenize/emoticons.txt");
const NUMBER_SUFFIXES: &str = include_str!("../../data/tokenize/number_suffixes.txt");

/// Longest word the case-folding lookups consider (longer words never match).
const FOLD_MAX: usize = 24;

/// A fast hash for the short keys of the word lists (the lists are fixed
/// and trusted, so no protection against collisions is needed).
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Map<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
type Set<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// How an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AbbrevClass {
    /// May end a sentence ("U.S.", "etc."): a break follows when the next
    /// word is a usual sentence opener.
    Final,
    /// Precedes a name ("Mr.", "Dr."): never ends a sentence.
    Title,
    /// An abbreviation only before a number ("No. 5", "pp. 12").
    Number,
}

/// The tokenizer's word lists.
#[derive(Debug, Clone)]
pub(crate) struct Lexicon {
    abbreviations: Map<Box<str>, AbbrevClass>,
    starters: Set<Box<str>>,
    /// Lower-cased word -> byte offsets where it splits.
    contractions: Map<Box<str>, Box<[u8]>>,
    /// Lower-cased words starting with an apostrophe, kept whole ('em).
    apostrophe_words: Set<Box<str>>,
    /// Lower-cased clitics with `'` for any apostrophe.
    clitics: Vec<Box<str>>,
    hyphen_prefixes: Set<Box<str>>,
    /// Lower-cased letters that stay after a number ("th" of "4th").
    number_suffixes: Set<Box<str>>,
    /// Longest first, so ":-)" wins over ":-".
    emoticons: Vec<Box<str>>,
    /// The ASCII bytes that start an emoticon, as bits.
    emoticon_starts: u128,
    /// Bits of the first and of the last letters of the entries of each
    /// length: a cheap test before hashing a word for the contraction table.
    contraction_first: [u32; FOLD_MAX + 1],
    contraction_last: [u32; FOLD_MAX + 1],
}

impl Lexicon {
    /// The lists embedded in the crate.
    pub(crate) fn builtin() -> Lexicon {
        let mut lex = Lexicon {
            abbreviations: Map::default(),
            starters: entries(STARTERS).map(Box::from).collect(),
            contractions: Map::default(),
            apostrophe_words: Set::default(),
            clitics: entries(CLITICS).map(fold_apostrophes).collect(),
            hyphen_prefixes: entries(HYPHEN_PREFIXES)
                .map(|e| e.to_lowercase().into())
                .collect(),
            number_suffixes: entries(NUMBER_SUFFIXES)
                .map(|e| e.to_lowercase().into())
                .collect(),
            emoticons: entries(EMOTICONS).map(Box::from).collect(),
            emoticon_starts: 0,
            contraction_first: [0; FOLD_MAX + 1],
            contraction_last: [0; FOLD_MAX + 1],
        };
        lex.emoticons.sort_by_key(|e| std::cmp::Reverse(e.len()));
        for e in &lex.emoticons {
            if let Some(&b) = e.as_bytes().first().filter(|b| b.is_ascii()) {
                lex.emoticon_starts |= 1 << b;
            }
        }
        for line in entries(ABBREVIATIONS) {
            lex.add_abbreviation(line);
        }
        for line in entries(CONTRACTIONS) {
            lex.add_contraction(line);
        }
        lex
    }

    fn add_abbreviation(&mut self, line: &str) {
        let mut cols = line.split_whitespace();
        let Some(form) = cols.next() else { return };
        let class = match cols.next() {
            Some("title") => AbbrevClass::Title,
            Some("number") => AbbrevClass::Number,
            _ => AbbrevClass::Final,
        };
        self.abbreviations.insert(form.into(), class);
    }

    fn add_contraction(&mut self, line: &str) {
        let word = line.split_whitespace().next().unwrap_or("");
        let pattern = line.split_whitespace().nth(1).unwrap_or(word);
        if !pattern.contains('|') {
            self.apostrophe_words.insert(fold_apostrophes(word));
            return;
        }
        let mut cuts = Vec::new();
        let mut joined = String::new();
        for (i, part) in pattern.split('|').enumerate() {
            if i > 0 {
                cuts.push(joined.len() as u8);
            }
            joined.push_str(&part.to_lowercase());
        }
        let bytes = joined.as_bytes();
        if let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) {
            if bytes.len() <= FOLD_MAX && first.is_ascii_lowercase() && last.is_ascii_lowercase() {
                self.contraction_first[bytes.len()] |= 1 << (first - b'a');
                self.contraction_last[bytes.len()] |= 1 << (last - b'a');
            }
        }
        self.contractions.insert(joined.into(), cuts.into());
    }

    /// The class of `form` (with its final period) if it is a known
    /// abbreviation: as written, or with its first letter lower-cased
    /// ("Etc." for "etc."), or capitalised ("LTD." for "Ltd.").
    pub(crate) fn abbreviation(&self, form: &str) -> Option<AbbrevClass> {
        if let Some(&c) = self.abbreviations.get(form) {
            return Some(c);
        }
        if form.len() > FOLD_MAX || !form.is_ascii() {
            return None;
        }
        let mut buf = [0u8; FOLD_MAX];
        let key = &mut buf[..form.len()];
        key.copy_from_slice(form.as_bytes());
        key[0] = key[0].to_ascii_lowercase();
        if let Some(&c) = std::str::from_utf8(key)
            .ok()
            .and_then(|k| self.abbreviations.get(k))
        {
            return Some(c);
        }
        key.make_ascii_lowercase();
        key[0] = key[0].to_ascii_uppercase();
        std::str::from_utf8(key)
            .ok()
            .and_then(|k| self.abbreviations.get(k))
            .copied()
    }

    /// True when `word` usually opens a sentence ("The", "He", "But").
    pub(crate) fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }

    /// Where `word` splits when it is a whole-word contraction ("cannot").
    pub(crate) fn contraction(&self, word: &str) -> Option<&[u8]> {
        let bytes = word.as_bytes();
        let first = bytes.first()?.to_ascii_lowercase();
        let last = bytes.last()?.to_ascii_lowercase();
        if bytes.len() > FOLD_MAX
            || !first.is_ascii_lowercase()
            || !last.is_ascii_lowercase()
            || self.contraction_first[bytes.len()] & (1 << (first - b'a')) == 0
            || self.contraction_last[bytes.len()] & (1 << (last - b'a')) == 0
        {
            return None;
        }
        let mut buf = [0u8; FOLD_MAX];
        let key = fold_ascii(word, &mut buf)?;
        self.contractions.get(key).map(|c| &c[..])
    }

    /// True when `word` (starting with an apostrophe) is kept whole ('em).
    pub(crate) fn is_apostrophe_word(&self, word: &str) -> bool {
        let folded = fold_apostrophes(word);
        self.apostrophe_words.contains(&folded)
    }

    /// The byte offset in `word` where a clitic starts ("n't" in "don't"),
    /// when the word ends with one after at least one letter.
    pub(crate) fn clitic_start(&self, word: &str) -> Option<usize> {
        self.clitics.iter().find_map(|c| clitic_split(word, c))
    }

    /// True when `prefix` stays attached before a hyphen ("non", "e").
    pub(crate) fn is_hyphen_prefix(&self, prefix: &str) -> bool {
        let mut buf = [0u8; FOLD_MAX];
        fold_ascii(prefix, &mut buf).is_some_and(|p| self.hyphen_prefixes.contains(p))
    }

    /// True when `letters` stay in the token of the number they follow
    /// ("th", "s"), false when they are split off ("am", "km").
    pub(crate) fn is_number_suffix(&self, letters: &str) -> bool {
        let mut buf = [0u8; FOLD_MAX];
        fold_ascii(letters, &mut buf).is_some_and(|p| self.number_suffixes.contains(p))
    }

    /// The emoticon `text` starts with, if any.
    pub(crate) fn emoticon_at(&self, text: &str) -> Option<usize> {
        let first = *text.as_bytes().first()?;
        if first >= 128 || self.emoticon_starts & (1 << first) == 0 {
            return None;
        }
        self.emoticons
            .iter()
            .find(|e| text.starts_with(&***e))
            .map(|e| e.len())
    }
}

/// The non-empty, non-comment lines of a list file.
fn entries(file: &str) -> impl Iterator<Item = &str> {
    file.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Lower-cases an ASCII word into `buf`; `None` for long or non-ASCII words.
fn fold_ascii<'b>(word: &str, buf: &'b mut [u8; FOLD_MAX]) -> Option<&'b str> {
    if word.len() > FOLD_MAX || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..word.len()];
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// True for the characters that serve as an apostrophe inside words.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '`' | '\u{2BC}')
}

/// Lower-cases `s` and writes every apostrophe as `'`.
fn fold_apostrophes(s: &str) -> Box<str> {
    s.chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .into()
}

/// Where the clitic `clitic` (lower-case, `'` for any apostrophe) starts in
/// `word`, if the word ends with it after a letter.
fn clitic_split(word: &str, clitic: &str) -> Option<usize> {
    let mut w = word.char_indices().rev();
    let mut start = word.len();
    for c in clitic.chars().rev() {
        let (i, wc) = w.next()?;
        let same = if c == '\'' {
            is_apostrophe(wc)
        } else {
            wc.to_ascii_lowercase() == c
        };
        if !same {
            return None;
        }
        start = i;
    }
    let (_, before) = w.next()?;
    before.is_alphabetic().then_some(start)
}
