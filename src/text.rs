//! Plain-text helpers shared by the extractors: sentence splitting, word
//! boundaries and byte-offset ↔ character-offset conversion.
//!
//! Everything here works on `&str` and byte offsets; nothing allocates per
//! character. The splitter is rule-based and tuned for wire copy: it keeps
//! "U.S.", "Feb. 7", "Mr. Kanani" and "J. Smith" inside one sentence, breaks on
//! blank lines, and moves a closing quote after a full stop into the sentence
//! it closes. It never fails: any input yields a list of non-overlapping spans.

/// A sentence as a byte range into the article text, plus its paragraph index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

/// Abbreviations that end with a full stop but do not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Capt", "Maj", "Sgt", "Adm", "Cmdr",
    "Gov", "Sen", "Rep", "Rev", "St", "Sr", "Jr", "No", "Nos", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thurs",
    "Fri", "Sat", "Sun", "vs", "etc", "approx", "Inc", "Ltd", "Co", "Corp", "Mt", "Ft", "Pres",
    "Amb", "Min", "Dep", "Sec", "Brig", "Fig", "al",
];

/// Multi-letter dotted abbreviations ("U.S.", "U.N.") that may still end a
/// sentence; they end one only when the next word is clearly a new sentence.
fn is_dotted_acronym(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.len() >= 3
        && bytes.iter().all(|b| b.is_ascii_uppercase() || *b == b'.')
        && bytes.iter().filter(|b| **b == b'.').count() >= 1
}

/// Words that typically start a sentence after "U.S." and similar.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "In",
    "On",
    "At",
    "But",
    "And",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Its",
    "Their",
    "After",
    "Before",
    "When",
    "While",
    "Earlier",
    "Later",
    "Meanwhile",
    "However",
];

/// Splits `text` into sentences. Paragraphs are separated by blank lines.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut para_start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    // Split paragraphs on a newline followed by optional spaces and another newline.
    let mut paragraphs = Vec::new();
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'\n' {
                paragraphs.push((para_start, i));
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                para_start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    paragraphs.push((para_start, bytes.len()));
    for (p_start, p_end) in paragraphs {
        let p_text = &text[p_start..p_end];
        if p_text.trim().is_empty() {
            continue;
        }
        for (s, e) in split_paragraph(p_text) {
            let (s, e) = trim_span(text, p_start + s, p_start + e);
            if s < e {
                out.push(Sentence {
                    start: s,
                    end: e,
                    paragraph,
                });
            }
        }
        paragraph += 1;
    }
    out
}

fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail >= slice.len() {
        return (start, start);
    }
    (start + lead, end - trail)
}

fn split_paragraph(p: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (pos, c) = chars[k];
        if c == '.' || c == '!' || c == '?' {
            // Extend over runs of terminal punctuation and closing quotes/brackets.
            let mut m = k + 1;
            while m < chars.len()
                && matches!(
                    chars[m].1,
                    '.' | '!' | '?' | '"' | '\'' | '”' | '’' | ')' | '»'
                )
            {
                m += 1;
            }
            let end = if m < chars.len() { chars[m].0 } else { p.len() };
            // Needs whitespace next, then an upper-case letter, digit or opening quote.
            if m < chars.len() && !chars[m].1.is_whitespace() {
                k = m;
                continue;
            }
            let mut n = m;
            while n < chars.len() && chars[n].1.is_whitespace() {
                n += 1;
            }
            let next_ok = n >= chars.len()
                || chars[n].1.is_uppercase()
                || chars[n].1.is_ascii_digit()
                || matches!(chars[n].1, '"' | '“' | '‘' | '\'' | '(' | '-' | '–' | '—');
            if next_ok && c == '.' && !ends_sentence(p, pos, &chars, n) {
                k = m;
                continue;
            }
            if next_ok {
                spans.push((start, end));
                start = if n < chars.len() { chars[n].0 } else { p.len() };
            }
            k = m;
            continue;
        }
        k += 1;
    }
    if start < p.len() {
        spans.push((start, p.len()));
    }
    spans
}

/// Decides whether the full stop at byte `dot` ends a sentence, looking at the
/// word before it and the word after (starting at char index `next`).
fn ends_sentence(p: &str, dot: usize, chars: &[(usize, char)], next: usize) -> bool {
    let before = &p[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &p[word_start..dot];
    if word.is_empty() {
        return true;
    }
    // Single initial: "J. Smith".
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false;
    }
    let next_word: String = chars[next..]
        .iter()
        .map(|(_, c)| *c)
        .take_while(|c| c.is_alphanumeric())
        .collect();
    if ABBREVIATIONS.contains(&word) {
        // "Feb. 7" never ends; "Mr. Kanani" never ends.
        return false;
    }
    if is_dotted_acronym(&format!("{word}.")) {
        return SENTENCE_STARTERS.contains(&next_word.as_str());
    }
    true
}

/// True when the byte range `[start, end)` of `text` is a whole word: the
/// characters on either side are not letters or digits.
pub fn is_word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before_ok = text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let after_ok = text[end..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    before_ok && after_ok
}

/// The largest char boundary of `s` at or below `i` (clamped to its length).
pub fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte offset just after the last character of `s` matching `pred`
/// (0 if none): a safe slicing point even after a multi-byte character.
pub fn after_last(s: &str, pred: impl Fn(char) -> bool) -> usize {
    s.char_indices()
        .rev()
        .find(|&(_, c)| pred(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// Converts byte offsets into character (Unicode scalar) offsets for one text.
///
/// Only the characters of more than one byte are recorded: before the
/// first of them a byte offset is a character offset, and after each the
/// difference grows by its extra bytes. Wire copy is mostly ASCII, so the
/// index is small.
pub struct CharIndex {
    /// For each character of more than one byte: its byte offset, and the
    /// extra bytes of it and of every such character before it.
    wide: Vec<(usize, usize)>,
    len: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut extra = 0;
        let mut wide = Vec::new();
        for (b, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
            extra += c.len_utf8() - 1;
            wide.push((b, extra));
        }
        CharIndex {
            wide,
            len: text.len(),
        }
    }

    /// The character offset of byte offset `byte` (rounded down to a
    /// boundary; the text's length past its end).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.len);
        // The last wide character starting before `byte` may hold it.
        let n = self.wide.partition_point(|&(b, _)| b < byte);
        let Some(last) = n.checked_sub(1) else {
            return byte;
        };
        let (start, extra) = self.wide[last];
        let extra_before = last.checked_sub(1).map_or(0, |i| self.wide[i].1);
        let end = start + (extra - extra_before) + 1;
        if byte < end {
            start - extra_before
        } else {
            byte - extra
        }
    }
}

/// Words of `text` with their byte offsets; a word is a run of letters,
/// digits, apostrophes or hyphens inside a word.
pub fn words(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    // Room for the words of most text: fewer than one in four bytes starts one.
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        if !c.is_alphanumeric() {
            i += c.len_utf8();
            continue;
        }
        let start = i;
        loop {
            // Runs of ASCII letters and digits without decoding.
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            let Some(c) = char_at(text, i) else { break };
            let next = i + c.len_utf8();
            let inner = (c == '\'' || c == '’' || c == '-' || c == '.')
                && char_at(text, next).is_some_and(char::is_alphanumeric);
            if !(c.is_alphanumeric() || inner) {
                break;
            }
            i = next;
        }
        out.push((start, &text[start..i]));
    }
    out
}

/// The character starting at byte `i` of `text` (a char boundary), if any;
/// ASCII without decoding.
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text[i..].chars().next(),
        None => None,
    }
}

/// The words of `text[from..end]` (as [`words`] reads them, offsets into
/// `text`) that start after some whitespace near `end`, chosen so that
/// `enough` holds for them; all of them when it never does. Reads back
/// from `end` in growing windows, so finding the last few words costs no
/// more than their length, however long the text before them.
pub fn trailing_words<'a>(
    text: &'a str,
    from: usize,
    end: usize,
    enough: impl Fn(&[(usize, &'a str)]) -> bool,
) -> Vec<(usize, &'a str)> {
    let mut reach = 64;
    loop {
        let start = window_start(text, from, end, reach);
        if let Some(start) = start {
            let found: Vec<(usize, &str)> = words(&text[start..end])
                .into_iter()
                .map(|(o, w)| (start + o, w))
                .collect();
            if start == from || enough(&found) {
                return found;
            }
        }
        reach *= 4;
    }
}

/// A whitespace character within `reach` bytes before `end` (a word
/// never spans one, so the words after it are whole), or `from` when
/// `from` is that close.
fn window_start(text: &str, from: usize, end: usize, reach: usize) -> Option<usize> {
    if end - from <= reach {
        return Some(from);
    }
    let floor = floor_char_boundary(text, end - reach);
    text[floor..end]
        .find(char::is_whitespace)
        .map(|i| floor + i)
}

/// Whether `s`, lower-cased, ends with `suffix` (lower case), looking only
/// at as many characters of `s` as `suffix` has.
pub fn ends_with_lowercase(s: &str, suffix: &str) -> bool {
    let n = suffix.chars().count();
    let tail = s
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    n == 0 || s[tail..].to_lowercase().ends_with(suffix)
}

/// Whether `s`, lower-cased, starts with `prefix` (lower case), looking
/// only at as many characters of `s` as `prefix` has.
pub fn starts_with_lowercase(s: &str, prefix: &str) -> bool {
    let n = prefix.chars().count();
    let head = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    s[..head].to_lowercase().starts_with(prefix)
}

/// Where the text after the last paragraph break (a line holding nothing
/// but whitespace) of `s` starts, if `s` has one.
pub fn after_last_paragraph_break(s: &str) -> Option<usize> {
    let mut previous_newline: Option<usize> = None;
    let mut after = None;
    for (i, c) in s.char_indices() {
        if c == '\n' {
            if previous_newline.is_some_and(|p| s[p + 1..i].trim().is_empty()) {
                after = Some(i + 1);
            }
            previous_newline = Some(i);
        }
    }
    after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        let got: Vec<&str> = split_sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn splits_plain_sentences() {
        check(
            "One thing. Another thing! A third?",
            &["One thing.", "Another thing!", "A third?"],
        );
    }

    #[test]
    fn keeps_abbreviations() {
        check(
            "The U.S. envoy met Mr. Lee on Feb. 7 in Seoul. He left.",
            &["The U.S. envoy met Mr. Lee on Feb. 7 in Seoul.", "He left."],
        );
        check(
            "Talks with J. Smith ended. Then rain.",
            &["Talks with J. Smith ended.", "Then rain."],
        );
    }

    #[test]
    fn acronym_can_end_a_sentence() {
        check(
            "Troops moved toward the U.S. The move angered Beijing.",
            &["Troops moved toward the U.S.", "The move angered Beijing."],
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        check(
            "He said talks \"were positive.\" The sides agreed.",
            &["He said talks \"were positive.\"", "The sides agreed."],
        );
    }

    #[test]
    fn blank_lines_split_paragraphs() {
        let text = "First para\n\n\nSecond para. Still second.";
        let s = split_sentences(text);
        assert_eq!(s.len(), 3);
        assert_eq!((s[0].paragraph, s[1].paragraph, s[2].paragraph), (0, 1, 1));
    }

    #[test]
    fn empty_and_odd_input_never_panics() {
        check("", &[]);
        check("   \n\n  ", &[]);
        check("...", &["..."]);
        check("é. Ü! Ö?", &["é.", "Ü!", "Ö?"]);
    }

    #[test]
    fn word_boundaries() {
        let t = "Nigeria and Niger";
        assert!(!is_word_bounded(t, 0, 5)); // "Niger" inside "Nigeria"
        assert!(is_word_bounded(t, 12, 17));
    }

    #[test]
    fn char_offsets_are_those_of_every_boundary() {
        for t in ["", "abc", "Türkiye said", "é", "éé", "a東京b’c😀d", "😀"] {
            let mut boundaries: Vec<usize> = t.char_indices().map(|(b, _)| b).collect();
            boundaries.push(t.len());
            let idx = CharIndex::new(t);
            for byte in 0..=t.len() + 2 {
                let expected = match boundaries.binary_search(&byte) {
                    Ok(i) => i,
                    Err(i) => i.saturating_sub(1),
                };
                assert_eq!(idx.char_offset(byte), expected, "{t:?} {byte}");
            }
        }
    }

    #[test]
    fn char_offsets_count_unicode_scalars() {
        let t = "Türkiye said";
        let idx = CharIndex::new(t);
        assert_eq!(idx.char_offset(t.find("said").unwrap()), 8);
    }

    /// `words` as first written, over `char_indices`: the reference.
    fn words_by_chars(text: &str) -> Vec<(usize, &str)> {
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        let mut iter = text.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let inner = (c == '\'' || c == '’' || c == '-' || c == '.')
                && start.is_some()
                && iter.peek().is_some_and(|(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || inner {
                if start.is_none() {
                    start = Some(i);
                }
            } else if let Some(s) = start.take() {
                out.push((s, &text[s..i]));
            }
        }
        if let Some(s) = start {
            out.push((s, &text[s..]));
        }
        out
    }

    #[test]
    fn words_read_as_by_chars() {
        for t in [
            "",
            "a",
            "'",
            "-x",
            "x-",
            "x--y",
            "U.S. envoy's talks",
            "Amir-Abdollahian’s Ö-Ü 3.5 x.'y ‘q’ é’é x’ 東京-大阪 ١٢٣.٤",
            "end.",
            "x-\u{301}y x.\u{660}",
        ] {
            assert_eq!(words(t), words_by_chars(t), "{t:?}");
        }
    }

    #[test]
    fn words_keep_hyphens_and_apostrophes() {
        let w: Vec<&str> = words("Amir-Abdollahian's talks, U.S. envoy")
            .iter()
            .map(|(_, w)| *w)
            .collect();
        assert_eq!(w, vec!["Amir-Abdollahian's", "talks", "U.S", "envoy"]);
    }

    #[test]
    fn trailing_words_are_the_last_words() {
        let text = format!(
            "{} Sen. O'Neill-Smith met the the envoy",
            "word ".repeat(500)
        );
        for from in [0, 7, 2000] {
            let all = words(&text[from..])
                .into_iter()
                .map(|(o, w)| (from + o, w))
                .collect::<Vec<_>>();
            let some = trailing_words(&text, from, text.len(), |w| w.len() >= 5);
            assert!(some.len() >= 5 || some == all);
            assert_eq!(some[..], all[all.len() - some.len()..]);
            assert_eq!(trailing_words(&text, from, text.len(), |_| false), all);
        }
        assert!(trailing_words("", 0, 0, |_| true).is_empty());
    }

    #[test]
    fn case_folded_ends_look_at_a_few_characters() {
        assert!(ends_with_lowercase("Talks with THE", "the"));
        assert!(ends_with_lowercase("talks with the", " the"));
        assert!(!ends_with_lowercase("bathe", " the"));
        assert!(!ends_with_lowercase("he", "the"));
        assert!(ends_with_lowercase("Émile", "ile"));
        assert!(starts_with_lowercase("For the Iranian MFA", "for the "));
        assert!(!starts_with_lowercase("fo", "for"));
        assert!(starts_with_lowercase("Öl", "öl"));
    }

    #[test]
    fn paragraph_breaks() {
        assert_eq!(after_last_paragraph_break("a\nb"), None);
        assert_eq!(after_last_paragraph_break("HEAD\n\nText"), Some(6));
        assert_eq!(after_last_paragraph_break("A\r\n \r\nB\n\nC"), Some(9));
        assert_eq!(after_last_paragraph_break("no break"), None);
    }
}
