//! State mentions: names, demonyms, capitals, seats of government and aliases,
//! with ambiguity handled.
//!
//! An *ambiguous* form ("Georgia", "Jordan", "Niger", "Washington") counts only
//! when it is not part of a longer proper name ("Michael Jordan", "Niger
//! Delta", "Washington Post") and the article supports it: the same state is
//! named unambiguously elsewhere, or the form stands where a state stands
//! (after "in", "to", "with", …, or before "'s"). A context alias ("the
//! kingdom") counts only when exactly one state it may stand for is already
//! mentioned. Place names that contain a state's name ("South China Sea")
//! never count.

use super::spans::SpanIndex;
use crate::knowledge::{FormKind, Knowledge};
use crate::scan::{Phrases, Scan};
use crate::text::Sentence;

/// One state reference in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateHit {
    pub start: usize,
    pub end: usize,
    pub state: usize,
    pub kind: FormKind,
    pub sentence: usize,
}

const STATE_PREPOSITIONS: &[&str] = &[
    "in", "to", "from", "with", "against", "and", "of", "by", "on", "toward", "towards", "between",
    "for", "into", "over", "at", "visit", "visited", "nor", "or",
];

pub fn sentence_of(sentences: &[Sentence], pos: usize) -> usize {
    match sentences.binary_search_by(|s| {
        if pos < s.start {
            std::cmp::Ordering::Greater
        } else if pos >= s.end {
            std::cmp::Ordering::Less
        } else {
            std::cmp::Ordering::Equal
        }
    }) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1).min(sentences.len().saturating_sub(1)),
    }
}

/// The word before byte `pos` (lower-cased) and whether it is capitalized.
fn word_before(text: &str, pos: usize) -> Option<&str> {
    let before = text[..pos].trim_end();
    if before.len() < text[..pos].len() || pos == 0 {
        // There was whitespace (or nothing) between.
    } else {
        return None; // Glued to a previous token (e.g. "-").
    }
    let start = crate::text::after_last(before, |c: char| {
        !c.is_alphanumeric() && c != '-' && c != '\'' && c != '.'
    });
    let w = &before[start..];
    (!w.is_empty()).then_some(w)
}

fn word_after(text: &str, pos: usize) -> Option<&str> {
    let rest = &text[pos..];
    let trimmed = rest.trim_start();
    if trimmed.len() == rest.len() {
        return None;
    }
    let end = trimmed
        .find(|c: char| !c.is_alphanumeric() && c != '-')
        .unwrap_or(trimmed.len());
    let w = &trimmed[..end];
    (!w.is_empty()).then_some(w)
}

fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// A capitalized word that may stand before or after a state without making
/// it part of a longer proper name: a function word, a title, or a month or
/// weekday.
fn is_function_cap(w: &str) -> bool {
    FUNCTION_CAPS.contains(&w) || crate::dates::is_calendar_name(w)
}

const FUNCTION_CAPS: &[&str] = &[
    "The",
    "In",
    "On",
    "At",
    "And",
    "But",
    "For",
    "From",
    "To",
    "With",
    "After",
    "Before",
    "As",
    "When",
    "While",
    "Both",
    "President",
    "Prime",
    "Minister",
    "Foreign",
    "Mr",
    "Ms",
    "I",
    "It",
    "He",
    "She",
    "They",
    "We",
];

/// Finds every state reference in `text`.
pub fn find_states(text: &str, sentences: &[Sentence], k: &Knowledge) -> Vec<StateHit> {
    find_states_in(text, sentences, k, &k.scan(text))
}

/// [`find_states`], reading the phrases from `scan`, a scan of `text`.
pub fn find_states_in(
    text: &str,
    sentences: &[Sentence],
    k: &Knowledge,
    scan: &Scan,
) -> Vec<StateHit> {
    let whole = 0..text.len();
    let nonstate = SpanIndex::from_spans(
        text.len(),
        scan.find(k, Phrases::Nonstates, text, whole.clone())
            .iter()
            .map(|m| (m.start, m.end)),
    );
    let covered = |s: usize, e: usize| nonstate.contains(s, e);
    let mut certain: Vec<StateHit> = Vec::new();
    let mut ambiguous: Vec<StateHit> = Vec::new();
    let mut context_aliases: Vec<(usize, usize)> = Vec::new();
    for m in scan.find(k, Phrases::States, text, whole) {
        if covered(m.start, m.end) {
            continue;
        }
        let sentence = sentence_of(sentences, m.start);
        // A name the sentence splitter cut in two ("Jan.St. Kitts") is no
        // mention: evidence never runs past its sentence.
        if sentences.get(sentence).is_some_and(|s| m.end > s.end) {
            continue;
        }
        let form = &k.state_forms[m.payload];
        let hit = StateHit {
            start: m.start,
            end: m.end,
            state: form.state,
            kind: form.kind,
            sentence,
        };
        if form.kind == FormKind::ContextAlias {
            context_aliases.push((m.start, m.end));
        } else if form.ambiguous {
            ambiguous.push(hit);
        } else {
            certain.push(hit);
        }
    }
    let mut named = vec![false; k.states.len()];
    for c in &certain {
        named[c.state] = true;
    }
    let mut out = certain.clone();
    for hit in ambiguous {
        let prev = word_before(text, hit.start);
        let next = word_after(text, hit.end);
        let in_name = prev.is_some_and(|w| {
            is_capitalized(w)
                && !is_function_cap(w)
                && !is_sentence_start(text, sentences, hit.start, w)
        }) || next.is_some_and(|w| is_capitalized(w) && !is_function_cap(w));
        if in_name {
            continue;
        }
        let supported = named[hit.state];
        let state_slot = prev
            .is_some_and(|w| STATE_PREPOSITIONS.contains(&w.to_lowercase().as_str()))
            || text[hit.end..].starts_with("'s")
            || text[hit.end..].starts_with("’s");
        if supported || state_slot {
            out.push(hit);
        }
    }
    // Context aliases: resolve to the single candidate state already mentioned.
    let mut first_mention: Vec<Option<usize>> = vec![None; k.states.len()];
    for h in &out {
        let first = &mut first_mention[h.state];
        *first = Some(first.map_or(h.start, |f| f.min(h.start)));
    }
    for (start, end) in context_aliases {
        let surface = text[start..end].to_lowercase();
        let candidates: Vec<usize> = k
            .state_forms
            .iter()
            .filter(|f| f.kind == FormKind::ContextAlias && f.text.to_lowercase() == surface)
            .map(|f| f.state)
            .filter(|s| first_mention[*s].is_some_and(|f| f < start))
            .collect();
        if let [only] = candidates.as_slice() {
            let first = &mut first_mention[*only];
            *first = Some(first.map_or(start, |f| f.min(start)));
            out.push(StateHit {
                start,
                end,
                state: *only,
                kind: FormKind::ContextAlias,
                sentence: sentence_of(sentences, start),
            });
        }
    }
    out.sort_by_key(|h| h.start);
    out
}

fn is_sentence_start(text: &str, sentences: &[Sentence], pos: usize, prev_word: &str) -> bool {
    let s = &sentences[sentence_of(sentences, pos)];
    let prefix = text[s.start..pos].trim();
    prefix == prev_word
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::split_sentences;
    use std::sync::LazyLock;

    static K: LazyLock<Knowledge> = LazyLock::new(|| Knowledge::builtin().unwrap());

    fn check(text: &str, expected: &[&str]) {
        let sentences = split_sentences(text);
        let got: Vec<String> = find_states(text, &sentences, &K)
            .iter()
            .map(|h| format!("{}:{}", &text[h.start..h.end], K.states[h.state].iso3))
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    #[test]
    fn names_demonyms_capitals_aliases() {
        check(
            "Iran accused the Zionist regime. The Azerbaijani embassy in Tehran and Baku agreed.",
            &[
                "Iran:IRN",
                "the Zionist regime:ISR",
                "Azerbaijani:AZE",
                "Tehran:IRN",
                "Baku:AZE",
            ],
        );
        check(
            "The Kremlin said the Islamic Republic erred.",
            &["The Kremlin:RUS", "the Islamic Republic:IRN"],
        );
    }

    #[test]
    fn niger_is_not_nigeria() {
        check(
            "Nigeria and Niger signed. Nigerien troops met Nigerian ones.",
            &["Nigeria:NGA", "Niger:NER", "Nigerien:NER", "Nigerian:NGA"],
        );
    }

    #[test]
    fn the_two_congos() {
        check(
            "The Democratic Republic of the Congo accused the Republic of the Congo.",
            &[
                "Democratic Republic of the Congo:COD",
                "Republic of the Congo:COG",
            ],
        );
    }

    #[test]
    fn ambiguous_forms_need_support() {
        check("Michael Jordan visited Atlanta, Georgia.", &[]);
        check("Troops moved to Jordan on Monday.", &["Jordan:JOR"]);
        check(
            "Jordanian officials said Jordan closed the border.",
            &["Jordanian:JOR", "Jordan:JOR"],
        );
        check("Georgia Meloni spoke.", &[]);
    }

    #[test]
    fn place_names_containing_states() {
        check(
            "Ships sailed the South China Sea and the Indian Ocean.",
            &[],
        );
    }

    #[test]
    fn context_alias_needs_a_single_candidate() {
        check(
            "Saudi Arabia said the kingdom would respond.",
            &["Saudi Arabia:SAU", "the kingdom:SAU"],
        );
        check("Officials said the kingdom would respond.", &[]);
    }
}
