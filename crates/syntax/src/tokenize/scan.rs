//! The token scanner: one left-to-right pass over the bytes of the text that
//! emits surface tokens and their words. A word runs over letters and digits
//! and over the joiners UD English keeps inside a token (the period of
//! "3.5" and "U.S", the comma of "1,000", the colon of "5:00", the slash of
//! "9/11", apostrophes, "&" in "AT&T", "@" and "_" in addresses, hyphens
//! after a prefix); then its final period, a trailing possessive apostrophe
//! and its clitics are settled. Everything else is punctuation, one token a
//! character except for runs ("...", "--", "!!!", "''") and emoticons.

use super::chars::{
    ascii_class, char_at, char_before, class, digit_at, is_closer, is_opener, is_terminal,
    letter_at, space_or_end_at, word_at, Class,
};
use super::lexicon::{is_apostrophe, AbbrevClass, Lexicon};
use super::{Kind, Meta, Span, Token, Tokenized};

/// URL openings that make the rest of a space-delimited chunk one token.
const URL_PREFIXES: [&str; 5] = ["http://", "https://", "ftp://", "www.", "mailto:"];

/// Fills `out` (already cleared) with the tokens of `text`.
pub(super) fn scan(text: &str, lex: &Lexicon, out: &mut Tokenized) {
    let mut s = Scanner {
        text,
        lex,
        out,
        newlines: 0,
        open_single: false,
    };
    s.run();
}

struct Scanner<'a> {
    text: &'a str,
    lex: &'a Lexicon,
    out: &'a mut Tokenized,
    /// Line breaks since the last token.
    newlines: u8,
    /// A single quote is open (so a following `'` closes it rather than
    /// marking a possessive).
    open_single: bool,
}

impl Scanner<'_> {
    fn run(&mut self) {
        let bytes = self.text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let (cls, n) = if b < 0x80 {
                (ascii_class(b), 1)
            } else {
                match char_at(self.text, i) {
                    Some((c, n)) => (class(c), n),
                    None => (Class::Space, 1),
                }
            };
            i = match cls {
                Class::Space => {
                    self.space(i);
                    i + n
                }
                Class::Word => self.word(i),
                Class::Punct => self.punct(i),
            };
        }
    }

    /// Counts the line breaks between tokens.
    fn space(&mut self, i: usize) {
        let bytes = self.text.as_bytes();
        let breaks = match bytes[i] {
            b'\n' => 1,
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => 1,
            0xE2 => match char_at(self.text, i) {
                Some(('\u{2028}', _)) => 1,
                Some(('\u{2029}', _)) => 2,
                _ => 0,
            },
            _ => 0,
        };
        self.newlines = (self.newlines + breaks).min(2);
        if self.newlines >= 2 {
            self.open_single = false;
        }
    }

    /// Emits a token of one word.
    #[inline]
    fn push(&mut self, start: usize, end: usize, kind: Kind) {
        let span = Span::new(start, end);
        let word = self.out.words.len();
        self.out.words.push(span);
        self.out.tokens.push(Token {
            span,
            words: word..word + 1,
        });
        self.out.meta.push(Meta {
            kind,
            newlines: self.newlines,
        });
        self.newlines = 0;
    }

    /// Emits a token whose words split at the byte offsets `cuts`.
    fn push_cuts(&mut self, start: usize, end: usize, cuts: &[usize], kind: Kind) {
        let first = self.out.words.len();
        let mut from = start;
        for &cut in cuts.iter().chain(std::iter::once(&end)) {
            if cut > from {
                self.out.words.push(Span::new(from, cut));
                from = cut;
            }
        }
        self.out.tokens.push(Token {
            span: Span::new(start, end),
            words: first..self.out.words.len(),
        });
        self.out.meta.push(Meta {
            kind,
            newlines: self.newlines,
        });
        self.newlines = 0;
    }

    /// Scans the word starting at `start`; returns where the next token may
    /// start.
    fn word(&mut self, start: usize) -> usize {
        if let Some(end) = self.url(start) {
            self.push(start, end, Kind::Word);
            return end;
        }
        let (end, apostrophe) = self.word_end(start);
        if let Some(mid) = self.unit_after_number(start, end) {
            self.push(start, mid, Kind::Word);
            return mid;
        }
        let bytes = self.text.as_bytes();
        // a word cut off with a hyphen ("th- the")
        if bytes.get(end) == Some(&b'-') && space_or_end_at(self.text, end + 1) {
            self.push(start, end + 1, Kind::Word);
            return end + 1;
        }
        if bytes.get(end) == Some(&b'.') {
            if bytes.get(end + 1) != Some(&b'.') {
                if let Some(after) = self.period_kept(start, end) {
                    return after;
                }
            } else if bytes.get(end + 2) != Some(&b'.') {
                // "Inc.." = "Inc." + "."
                if let Some(kind) = self.abbreviation(start, end + 1) {
                    self.push(start, end + 1, kind);
                    return end + 1;
                }
            }
        }
        if let Some(after) = self.possessive_apostrophe(end) {
            self.push_cuts(start, after, &[end], Kind::Word);
            return after;
        }
        self.push_word(start, end, apostrophe);
        end
    }

    /// Emits the word `start..end` with the period at `end` when it keeps it
    /// (an abbreviation, an initial, a list number at the start of a line);
    /// an abbreviation that ends a sentence gives its period back, as EWT
    /// does ("etc ." before "The"). Returns the end of what was emitted.
    fn period_kept(&mut self, start: usize, end: usize) -> Option<usize> {
        if self.list_number(start, end) {
            self.push(start, end + 1, Kind::Word);
            return Some(end + 1);
        }
        let kind = self.abbreviation(start, end + 1)?;
        let may_end = matches!(kind, Kind::Abbrev(AbbrevClass::Final) | Kind::Initial);
        if may_end && self.sentence_follows(end + 1) {
            self.push(start, end, Kind::Word);
            self.push(end, end + 1, Kind::Terminal);
        } else {
            self.push(start, end + 1, kind);
        }
        Some(end + 1)
    }

    /// True when `start..end` is a number of one or two digits that opens
    /// a line and is followed by a period and a space ("1. Matter is ...").
    fn list_number(&self, start: usize, end: usize) -> bool {
        let at_line_start = self.out.tokens.is_empty() || self.newlines > 0;
        at_line_start
            && end - start <= 2
            && self.text.as_bytes()[start..end]
                .iter()
                .all(u8::is_ascii_digit)
            && space_or_end_at(self.text, end + 1)
    }

    /// True when a new sentence plainly starts after `i`: the text ends, a
    /// blank line follows, or (after spaces and opening quotes) a usual
    /// sentence opener.
    fn sentence_follows(&self, i: usize) -> bool {
        let rest = &self.text[i..];
        let next = rest.trim_start_matches(|c| class(c) == Class::Space);
        if next.is_empty() {
            return true;
        }
        let gap = &rest[..rest.len() - next.len()];
        if gap.is_empty() {
            return false;
        }
        if gap.bytes().filter(|&b| b == b'\n').count() >= 2 {
            return true;
        }
        let next = next.trim_start_matches(|c| c == '"' || c == '\'' || is_opener(c));
        let word_end = next
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(next.len());
        self.lex.is_starter(&next[..word_end])
    }

    /// Where the number of the word `start..end` ends when letters follow it
    /// that are a token of their own ("10" of "10am", "300" of "300USD").
    fn unit_after_number(&self, start: usize, end: usize) -> Option<usize> {
        let bytes = &self.text.as_bytes()[start..end];
        if !bytes.first()?.is_ascii_digit() {
            return None;
        }
        let mid = bytes
            .iter()
            .position(|b| !matches!(b, b'0'..=b'9' | b'.' | b',' | b':'))?;
        let letters = &self.text[start + mid..end];
        let split = letters.bytes().all(|b| b.is_ascii_alphabetic())
            && bytes[mid - 1].is_ascii_digit()
            && !self.lex.is_number_suffix(letters);
        split.then_some(start + mid)
    }

    /// Where the letters, digits and joiners from `start` end, and whether
    /// they include an apostrophe.
    fn word_end(&self, start: usize) -> (usize, bool) {
        let mut j = start;
        let mut segment = start;
        let mut apostrophe = false;
        let mut numeric = None;
        loop {
            j = self.skip_word_chars(j);
            let Some((c, n)) = char_at(self.text, j) else {
                break;
            };
            let next = j + n;
            let (c, next) = match self.hidden_address(j) {
                Some(at) => ('@', at + 1),
                None => (c, next),
            };
            let joins = match c {
                '.' | '_' | '@' => word_at(self.text, next),
                ',' => self.thousands_group(j),
                ':' | '/' => digit_before(self.text, j) && digit_at(self.text, next),
                '&' => {
                    char_before(self.text, j).is_some_and(char::is_alphabetic)
                        && letter_at(self.text, next)
                }
                '-' => self.hyphen_joins(start, segment, j, &mut numeric),
                c if is_apostrophe(c) => {
                    let joins = letter_at(self.text, next);
                    apostrophe |= joins;
                    joins
                }
                _ => false,
            };
            if !joins {
                break;
            }
            j = next;
            segment = next;
        }
        (j, apostrophe)
    }

    /// The "@" of an address shortened with dots ("name...@host") when the
    /// dots start at `j`.
    fn hidden_address(&self, j: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let dots = bytes[j..].iter().take_while(|&&b| b == b'.').count();
        let at = j + dots;
        (dots > 1 && bytes.get(at) == Some(&b'@') && word_at(self.text, at + 1)).then_some(at)
    }

    /// Skips letters, digits and other word characters from `j`.
    fn skip_word_chars(&self, mut j: usize) -> usize {
        let bytes = self.text.as_bytes();
        while j < bytes.len() {
            let b = bytes[j];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                j += 1;
            } else {
                match char_at(self.text, j) {
                    Some((c, n)) if class(c) == Class::Word => j += n,
                    _ => break,
                }
            }
        }
        j
    }

    /// True when the comma at `j` separates thousands ("1,000").
    fn thousands_group(&self, j: usize) -> bool {
        digit_before(self.text, j)
            && (1..=3).all(|k| digit_at(self.text, j + k))
            && !digit_at(self.text, j + 4)
    }

    /// True when the hyphen at `h` stays inside the word that started at
    /// `start`, whose current segment started at `segment`; the cache
    /// `numeric` caches, for the word, whether it is a phone number or date.
    fn hyphen_joins(
        &self,
        start: usize,
        segment: usize,
        h: usize,
        numeric: &mut Option<bool>,
    ) -> bool {
        if !word_at(self.text, h + 1) {
            return false;
        }
        // a prefix opens the compound ("non-profit", not "Dasht-e-Barchi")
        let first = segment == start && char_before(self.text, start) != Some('-');
        (first && self.lex.is_hyphen_prefix(&self.text[segment..h]))
            || *numeric.get_or_insert_with(|| self.phone_like(start) || self.date_like(start))
    }

    /// True for dates written day-month-year with a three-letter month
    /// ("01-Feb-02").
    fn date_like(&self, start: usize) -> bool {
        let b = &self.text.as_bytes()[start..];
        let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
        let day = digits(b);
        if !(1..=2).contains(&day) || b.len() < day + 6 {
            return false;
        }
        let month = &b[day..day + 5];
        let year = digits(&b[day + 5..]);
        month[0] == b'-'
            && month[1..4].iter().all(u8::is_ascii_alphabetic)
            && month[4] == b'-'
            && matches!(year, 2 | 4)
            && !word_at(self.text, start + day + 5 + year)
    }

    /// True when the text at `start` is digit groups joined by hyphens that
    /// UD keeps whole: three or more groups (phone numbers, dates), or
    /// 1+4, 3+4 and 5+4 digits (extensions, local phone numbers, ZIP+4).
    /// Ranges such as
    /// "1969-1970" split.
    fn phone_like(&self, start: usize) -> bool {
        let bytes = self.text.as_bytes();
        let mut groups = [0usize; 3];
        let mut count = 0;
        let mut len = 0;
        let mut j = start;
        while j < bytes.len() {
            match bytes[j] {
                b'0'..=b'9' => len += 1,
                b'-' if len > 0 && digit_at(self.text, j + 1) => {
                    if count < 3 {
                        groups[count] = len;
                    }
                    count += 1;
                    len = 0;
                }
                _ => break,
            }
            j += 1;
        }
        if len == 0 || word_at(self.text, j) {
            return false;
        }
        if count < 3 {
            groups[count] = len;
        }
        count += 1;
        count >= 3 || (count == 2 && matches!(groups[..2], [1 | 3 | 5, 4]))
    }

    /// The end of a URL starting at `start` (trailing punctuation left out).
    fn url(&self, start: usize) -> Option<usize> {
        let rest = &self.text[start..];
        if !matches!(rest.as_bytes()[0] | 0x20, b'h' | b'w' | b'f' | b'm') {
            return None;
        }
        let prefix = URL_PREFIXES.iter().find(|p| {
            rest.len() > p.len() && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
        })?;
        let mut end = start;
        while let Some((c, n)) = char_at(self.text, end) {
            if class(c) == Class::Space {
                break;
            }
            end += n;
        }
        let url = &self.text[start..end];
        let opened = url.matches('(').count();
        let mut closed = url.matches(')').count();
        while let Some(c) = char_before(self.text, end) {
            let trailing = match c {
                // a closing bracket that closes nothing in the URL
                ')' => opened < closed,
                _ => {
                    matches!(
                        c,
                        '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | ']' | '}' | '>'
                    ) || is_closer(c)
                }
            };
            if !trailing {
                break;
            }
            closed -= usize::from(c == ')');
            end -= c.len_utf8();
        }
        (end > start + prefix.len()).then_some(end)
    }

    /// The token kind when the word `start..dot` followed by the period at
    /// `dot - 1` keeps that period: listed abbreviations, initials ("J.")
    /// and dotted acronyms ("U.S.", "Ph.D.").
    fn abbreviation(&self, start: usize, end: usize) -> Option<Kind> {
        let form = &self.text[start..end];
        let mut chars = form.chars();
        if chars.next().is_some_and(char::is_uppercase) && chars.as_str() == "." {
            return Some(Kind::Initial);
        }
        match self.lex.abbreviation(form) {
            Some(AbbrevClass::Number) if self.digit_follows(end) => {
                Some(Kind::Abbrev(AbbrevClass::Title))
            }
            Some(AbbrevClass::Number) | None => {
                dotted_acronym(form).then_some(Kind::Abbrev(AbbrevClass::Final))
            }
            Some(class) => Some(Kind::Abbrev(class)),
        }
    }

    /// True when a digit follows `i` after spaces ("No. 5").
    fn digit_follows(&self, i: usize) -> bool {
        let rest = self.text[i..].trim_start_matches([' ', '\u{A0}']);
        rest.as_bytes().first().is_some_and(u8::is_ascii_digit)
    }

    /// The end of a possessive apostrophe right after a word ending in "s"
    /// at `end` ("the Galois' theorem"), unless a single quote is open.
    fn possessive_apostrophe(&self, end: usize) -> Option<usize> {
        let (c, n) = char_at(self.text, end)?;
        let possessive = (c == '\'' || c == '\u{2019}')
            && !self.open_single
            && matches!(char_before(self.text, end), Some('s' | 'S'))
            && !word_at(self.text, end + n);
        possessive.then_some(end + n)
    }

    /// Emits the word `start..end`, split at a clitic or as a contraction.
    fn push_word(&mut self, start: usize, end: usize, apostrophe: bool) {
        let word = &self.text[start..end];
        if apostrophe {
            if let Some(k) = self.lex.clitic_start(word) {
                self.push_cuts(start, end, &[start + k], Kind::Word);
                return;
            }
        }
        if let Some(cuts) = self.lex.contraction(word) {
            let mut at = [0usize; 4];
            let n = cuts.len().min(at.len());
            for (a, &c) in at.iter_mut().zip(cuts) {
                *a = start + c as usize;
            }
            self.push_cuts(start, end, &at[..n], Kind::Word);
            return;
        }
        self.push(start, end, Kind::Word);
    }

    /// Scans the punctuation token at `i`; returns where it ends.
    fn punct(&mut self, i: usize) -> usize {
        let Some((c, n)) = char_at(self.text, i) else {
            return i + 1;
        };
        if let Some(end) = self.emoticon(i) {
            self.push(i, end, Kind::Emoticon);
            return end;
        }
        if c == '[' {
            if let Some(end) = self.footnote(i) {
                return end;
            }
        }
        if let Some(end) = self.prefixed_word(i, c) {
            self.push(i, end, Kind::Word);
            return end;
        }
        if is_apostrophe(c) || c == '\u{2018}' {
            if let Some(end) = self.apostrophe_word(i, n) {
                self.push(i, end, Kind::Word);
                return end;
            }
        }
        let (end, kind) = self.punct_run(i, c, n);
        self.push(i, end, kind);
        end
    }

    /// The end and kind of the punctuation token starting with `c` at `i`.
    fn punct_run(&mut self, i: usize, c: char, n: usize) -> (usize, Kind) {
        let bytes = self.text.as_bytes();
        let mut end = i + n;
        if matches!(c, '.' | '!' | '?') {
            while matches!(bytes.get(end), Some(b'.' | b'!' | b'?')) {
                end += 1;
            }
            let dots = bytes[i..end].iter().all(|&b| b == b'.');
            let kind = if dots && end - i > 1 {
                Kind::Ellipsis
            } else {
                Kind::Terminal
            };
            return (end, kind);
        }
        let bracket = matches!(c, '(' | ')' | '[' | ']' | '{' | '}');
        while let Some((d, m)) = char_at(self.text, end) {
            // runs of one character ("--", "''", "**"), and "‘’"
            let joins =
                (d == c && !bracket) || (c == '\u{2018}' && d == '\u{2019}' && end == i + n);
            if !joins {
                break;
            }
            end += m;
        }
        let kind = match c {
            '\u{2026}' => Kind::Ellipsis,
            c if is_terminal(c) => Kind::WideTerminal,
            '"' | '\'' | '`' | '\u{2019}' => self.quote_kind(i, end, c),
            '\u{2018}' if end == i + n => {
                self.open_single = true;
                Kind::Opener
            }
            '\u{2018}' => self.quote_kind(i, end, '"'),
            c if is_opener(c) => Kind::Opener,
            c if is_closer(c) => Kind::Closer,
            _ => Kind::Punct,
        };
        (end, kind)
    }

    /// Whether the straight or closing quote `i..end` opens or closes.
    fn quote_kind(&mut self, i: usize, end: usize, c: char) -> Kind {
        let after_space = match char_before(self.text, i) {
            None => true,
            Some(b) => class(b) == Class::Space || is_opener(b),
        };
        let single = c != '"' && end - i == c.len_utf8();
        if c == '`' {
            return Kind::Opener;
        }
        if single {
            if self.open_single {
                self.open_single = false;
                return Kind::Closer;
            }
            if after_space && c == '\'' && word_at(self.text, end) {
                self.open_single = true;
                return Kind::Opener;
            }
            // a straight quote that opens nothing closes a quote when a
            // space or the end follows it
            let closes = c != '\'' || space_or_end_at(self.text, end);
            return if closes { Kind::Closer } else { Kind::Punct };
        }
        if after_space && !space_or_end_at(self.text, end) {
            Kind::Opener
        } else {
            Kind::Closer
        }
    }

    /// The end of a word that starts with the symbol `c` at `i` after a
    /// space: a hashtag or handle ("#audiobooks", "@POTUS"), a phone prefix
    /// ("+44"), a decimal without its zero (".203") or a file extension
    /// (".doc", also after a bracket: "(rev1).doc").
    fn prefixed_word(&self, i: usize, c: char) -> Option<usize> {
        let before = char_before(self.text, i);
        let after_space =
            before.is_none_or(|b| class(b) == Class::Space || is_opener(b) || b == '"');
        let from = i + 1;
        match c {
            '#' | '@' if after_space && letter_at(self.text, from) => Some(self.word_end(from).0),
            '+' | '.' if after_space && digit_at(self.text, from) => Some(self.word_end(from).0),
            '.' if after_space || before == Some(')') => self.extension_end(from),
            _ => None,
        }
    }

    /// The end of a file extension after the period at `from - 1`: two to
    /// four ASCII letters of one case, then no word character.
    fn extension_end(&self, from: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        let len = bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let ext = &bytes[from..from + len];
        let one_case = ext.iter().all(|b| !b.is_ascii_uppercase())
            || ext.iter().all(|b| !b.is_ascii_lowercase());
        let end = from + len;
        let ok = (2..=4).contains(&len)
            && ext[0].is_ascii_alphabetic()
            && one_case
            && !word_at(self.text, end)
            && bytes.get(end) != Some(&b'.');
        ok.then_some(end)
    }

    /// Emits a footnote mark "[12]" at `i` as three closing tokens, so that
    /// it stays with the sentence before it; returns its end.
    fn footnote(&mut self, i: usize) -> Option<usize> {
        let digits = self.text.as_bytes()[i + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        let close = i + 1 + digits;
        if !(1..=3).contains(&digits) || self.text.as_bytes().get(close) != Some(&b']') {
            return None;
        }
        self.push(i, i + 1, Kind::Closer);
        self.push(i + 1, close, Kind::Closer);
        self.push(close, close + 1, Kind::Closer);
        Some(close + 1)
    }

    /// An emoticon at `i` that stands alone.
    fn emoticon(&self, i: usize) -> Option<usize> {
        let len = self.lex.emoticon_at(&self.text[i..])?;
        let end = i + len;
        if word_at(self.text, end) {
            return None;
        }
        let ends_alnum = self.text[..end]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if ends_alnum && char_before(self.text, i).is_some_and(|c| class(c) == Class::Word) {
            return None;
        }
        Some(end)
    }

    /// A word that starts with an apostrophe at `i` (`n` bytes long) and
    /// keeps it: a decade or year ("'60s", "'07") or a listed word ("'em").
    fn apostrophe_word(&self, i: usize, n: usize) -> Option<usize> {
        if char_before(self.text, i).is_some_and(|c| class(c) == Class::Word) {
            return None;
        }
        let from = i + n;
        if digit_at(self.text, from)
            && digit_at(self.text, from + 1)
            && !digit_at(self.text, from + 2)
        {
            let end = from + 2;
            let plural =
                self.text.as_bytes().get(end) == Some(&b's') && !word_at(self.text, end + 1);
            let end = if plural { end + 1 } else { end };
            return (!word_at(self.text, end)).then_some(end);
        }
        let end = self.skip_word_chars(from);
        (end > from && self.lex.is_apostrophe_word(&self.text[i..end])).then_some(end)
    }
}

/// True when the character before `i` is an ASCII digit.
fn digit_before(text: &str, i: usize) -> bool {
    i > 0 && text.as_bytes()[i - 1].is_ascii_digit()
}

/// True for letters-and-periods abbreviations such as "U.S.", "e.g.",
/// "Ph.D.": at least two periods, segments of one to three letters, one of
/// them a single letter.
fn dotted_acronym(form: &str) -> bool {
    let Some(body) = form.strip_suffix('.') else {
        return false;
    };
    if !body.contains('.') {
        return false;
    }
    let mut single = false;
    for seg in body.split('.') {
        let len = seg.chars().count();
        if len == 0 || len > 3 || !seg.chars().all(char::is_alphabetic) {
            return false;
        }
        single |= len == 1;
    }
    single
}
