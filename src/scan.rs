//! One pass over a text for all six phrase matchers at once.
//!
//! Each [`PhraseMatcher`] can search a text alone, but six passes of six
//! automata over an article cost about three times one pass of a single
//! automaton holding every pattern. [`PhraseScanner`] is that automaton; a
//! [`Scan`] holds what one pass found, from which the matches of any matcher
//! over the whole text, or over a span of it (a sentence), are read exactly
//! as that matcher's own search of that text would find them: the automaton
//! reports every occurrence of every pattern, so the occurrences of one
//! matcher's patterns inside a span are the ones its own automaton reports
//! in the span's text, in the same order for the same span (pattern order),
//! and the matcher's checks (case, char boundaries, word bounds) and its
//! choice of leftmost-longest matches then run on the span's text.

use crate::knowledge::{phrase_automaton, Knowledge, PhraseMatch, PhraseMatcher};
use aho_corasick::AhoCorasick;
use std::ops::Range;

/// The phrase matchers of [`Knowledge`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phrases {
    States,
    Nonstates,
    Roles,
    Bodies,
    Triggers,
    Discards,
}

impl Phrases {
    pub const ALL: [Phrases; 6] = [
        Phrases::States,
        Phrases::Nonstates,
        Phrases::Roles,
        Phrases::Bodies,
        Phrases::Triggers,
        Phrases::Discards,
    ];

    /// The matcher itself.
    pub fn matcher(self, k: &Knowledge) -> &PhraseMatcher {
        match self {
            Phrases::States => &k.state_matcher,
            Phrases::Nonstates => &k.nonstate_matcher,
            Phrases::Roles => &k.role_matcher,
            Phrases::Bodies => &k.body_matcher,
            Phrases::Triggers => &k.trigger_matcher,
            Phrases::Discards => &k.discard_matcher,
        }
    }
}

/// Every pattern of every matcher in one automaton.
pub struct PhraseScanner {
    automaton: AhoCorasick,
    /// For each pattern of the automaton: its matcher, and its id there.
    owners: Vec<(Phrases, usize)>,
}

impl PhraseScanner {
    /// The scanner of `matchers`, given in the order of [`Phrases::ALL`].
    pub fn new(matchers: [&PhraseMatcher; 6]) -> Result<PhraseScanner, String> {
        let mut patterns: Vec<&str> = Vec::new();
        let mut owners = Vec::new();
        for (which, m) in Phrases::ALL.into_iter().zip(matchers) {
            for (id, p) in m.patterns().iter().enumerate() {
                patterns.push(p);
                owners.push((which, id));
            }
        }
        Ok(PhraseScanner {
            automaton: phrase_automaton(patterns)?,
            owners,
        })
    }

    /// Every occurrence of every pattern in `text`.
    pub fn scan(&self, text: &str) -> Scan {
        let mut found: [Vec<Occurrence>; 6] = Default::default();
        for m in self.automaton.find_overlapping_iter(text) {
            let (which, id) = self.owners[m.pattern().as_usize()];
            found[which as usize].push(Occurrence {
                start: m.start(),
                end: m.end(),
                id,
            });
        }
        // By start, longest first; for one span, in the automaton's order
        // (a stable sort), as each matcher sorts its own matches.
        for list in &mut found {
            list.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        }
        Scan { found }
    }
}

/// An occurrence of a pattern (its id in its matcher), not yet checked.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    start: usize,
    end: usize,
    id: usize,
}

/// What one pass of a [`PhraseScanner`] found in a text, by matcher.
pub struct Scan {
    found: [Vec<Occurrence>; 6],
}

impl Scan {
    /// What `which.matcher(k).find(&text[span])` finds (offsets into
    /// `text[span]`), `text` being the scanned text.
    pub fn find(
        &self,
        k: &Knowledge,
        which: Phrases,
        text: &str,
        span: Range<usize>,
    ) -> Vec<PhraseMatch> {
        let m = which.matcher(k);
        let list = &self.found[which as usize];
        let slice = &text[span.clone()];
        let first = list.partition_point(|o| o.start < span.start);
        let mut out: Vec<PhraseMatch> = Vec::new();
        for o in list[first..].iter().take_while(|o| o.start < span.end) {
            if o.end > span.end {
                continue;
            }
            let Some(found) = m.check(slice, o.start - span.start, o.end - span.start, o.id) else {
                continue;
            };
            if out.last().is_none_or(|last| found.start >= last.end) {
                out.push(found);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static K: LazyLock<Knowledge> = LazyLock::new(|| Knowledge::builtin().unwrap());

    /// Text made of a matcher's own patterns, in several cases, glued and
    /// apart, with non-ASCII letters and punctuation around them.
    fn text_of_patterns(m: &PhraseMatcher) -> String {
        let seps = [
            " ", ", ", ". ", "\n", "é", "’s ", "-", "", " (", ") ", "'", "Ü ", "1",
        ];
        let mut text = String::from("Türkiye, Côte d’Ivoire and the U.S.: ");
        for (i, p) in m.patterns().iter().enumerate() {
            let variant = match i % 4 {
                0 => p.clone(),
                1 => p.to_ascii_uppercase(),
                2 => p.to_ascii_lowercase(),
                _ => format!("{p}s"),
            };
            text.push_str(&variant);
            text.push_str(seps[i % seps.len()]);
            text.push_str(p);
            text.push_str(seps[(i / 3) % seps.len()]);
        }
        text
    }

    /// Each matcher's matches read from one scan equal its own search, over
    /// the whole text and over spans of it.
    #[test]
    fn a_scan_finds_what_each_matcher_finds() {
        let fixtures = include_str!("../tests/data/corpus/articles.jsonl");
        let mut texts: Vec<String> = Phrases::ALL
            .iter()
            .map(|w| text_of_patterns(w.matcher(&K)))
            .collect();
        texts.push(texts.concat());
        texts.push(fixtures.to_string());
        texts.extend(["", "US", "é", "the"].map(String::from));
        for text in &texts {
            let scan = K.scan(text);
            let bounds: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            let spans = bounds
                .iter()
                .step_by(61)
                .flat_map(|&s| [(s, s), (s, s + 200), (s, s + 7), (s, text.len())])
                .chain([(0, text.len())])
                .map(|(s, e)| s..crate::text::floor_char_boundary(text, e).max(s));
            for span in spans {
                for which in Phrases::ALL {
                    assert_eq!(
                        scan.find(&K, which, text, span.clone()),
                        which.matcher(&K).find(&text[span.clone()]),
                        "{which:?} in {span:?}"
                    );
                }
            }
        }
    }
}
