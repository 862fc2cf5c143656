//! Character classes for the tokenizer: spaces, word characters and
//! punctuation, decided without Unicode tables. ASCII is classified exactly;
//! beyond ASCII, the punctuation and symbol blocks (general punctuation,
//! currency, arrows, CJK punctuation, fullwidth punctuation, emoji) count as
//! punctuation and every other character (letters, marks, digits, CJK
//! ideographs) as part of a word.

/// What a character does in tokenization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Separates tokens and is not part of any (also control characters and
    /// zero-width spaces).
    Space,
    /// Part of a word.
    Word,
    /// A punctuation mark or symbol: a token of its own unless a rule joins it.
    Punct,
}

/// The class of `c`.
pub(crate) fn class(c: char) -> Class {
    if c.is_ascii() {
        return ascii_class(c as u8);
    }
    if c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}') {
        return Class::Space;
    }
    if is_wide_punct(c) {
        Class::Punct
    } else {
        Class::Word
    }
}

/// The class of an ASCII byte.
pub(crate) fn ascii_class(b: u8) -> Class {
    if b.is_ascii_alphanumeric() {
        Class::Word
    } else if b.is_ascii_whitespace() || b.is_ascii_control() {
        Class::Space
    } else {
        Class::Punct
    }
}

/// Non-ASCII punctuation and symbols.
fn is_wide_punct(c: char) -> bool {
    let u = c as u32;
    match u {
        // Latin-1: ¡¢£¤¥¦§¨©«¬®¯°±´¶·¸º»¿ × ÷ (not ª µ ² ³ ¹ ¼ ½ ¾)
        0xA1..=0xBF => !matches!(c, 'ª' | 'µ' | '²' | '³' | '¹' | '¼' | '½' | '¾'),
        0xD7 | 0xF7 => true,
        // general punctuation (dashes, quotes, bullets, ellipsis, ...)
        0x2010..=0x205E => true,
        // currency, letterlike symbols, arrows, maths, technical, box
        // drawing, shapes, dingbats, supplemental arrows and symbols
        0x20A0..=0x20CF | 0x2100..=0x214F | 0x2190..=0x2BFF => true,
        // CJK symbols and punctuation, fullwidth ASCII punctuation
        0x3000..=0x303F => true,
        0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 => true,
        // emoji and pictographs
        0x1F000..=0x1FAFF => true,
        _ => false,
    }
}

/// True for the characters that end a sentence ("." "!" "?" and their wide
/// forms).
pub(crate) fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '\u{3002}'
            | '\u{FF01}'
            | '\u{FF1F}'
            | '\u{FF0E}'
            | '\u{203C}'
            | '\u{2047}'
            | '\u{2048}'
            | '\u{2049}'
    )
}

/// True for opening brackets and quotes that only open.
pub(crate) fn is_opener(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '\u{201C}'
            | '\u{2018}'
            | '\u{AB}'
            | '\u{2039}'
            | '\u{201E}'
            | '\u{201A}'
            | '\u{300C}'
            | '\u{300E}'
            | '\u{FF08}'
    )
}

/// True for closing brackets and quotes that only close.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '\u{201D}'
            | '\u{2019}'
            | '\u{BB}'
            | '\u{203A}'
            | '\u{300D}'
            | '\u{300F}'
            | '\u{FF09}'
    )
}

/// The character at byte `i` of `text` and its length in bytes, if any.
#[inline]
pub(crate) fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((b as char, 1));
    }
    let c = text.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// The character ending just before byte `i` of `text`, if any.
#[inline]
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// True when the character at byte `i` is part of a word.
#[inline]
pub(crate) fn word_at(text: &str, i: usize) -> bool {
    char_at(text, i).is_some_and(|(c, _)| class(c) == Class::Word)
}

/// True when the character at byte `i` is a letter.
#[inline]
pub(crate) fn letter_at(text: &str, i: usize) -> bool {
    char_at(text, i).is_some_and(|(c, _)| c.is_alphabetic())
}

/// True when the character at byte `i` is an ASCII digit.
#[inline]
pub(crate) fn digit_at(text: &str, i: usize) -> bool {
    text.as_bytes().get(i).is_some_and(u8::is_ascii_digit)
}

/// True at the end of the text or before a space.
#[inline]
pub(crate) fn space_or_end_at(text: &str, i: usize) -> bool {
    char_at(text, i).is_none_or(|(c, _)| class(c) == Class::Space)
}
