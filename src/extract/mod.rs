//! The extractor: article text in, states, officials and events out.
//!
//! [`extract`] is pure and total: it never does I/O, never fails and never
//! panics on any text; what it cannot read it leaves out and explains in
//! `Extraction::notes`. It runs in stages over the same text:
//! sentences → state mentions → bodies and officials → participants per
//! sentence → events with dates. The stages live in the submodules.

pub mod events;
pub mod officials;
pub mod spans;
pub mod states;

use crate::dates::{find_dates, DateMention, PartialDate};
use crate::knowledge::{FormKind, Knowledge, PhraseMatch};
use crate::model::{Article, Evidence, Extraction, Official, StateMention};
use crate::scan::{Phrases, Scan};
use crate::text::{split_sentences, Sentence};
use officials::OfficialHit;
use spans::SpanIndex;
use states::StateHit;

/// A participant candidate in a sentence: a state, or an official or body standing for one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub start: usize,
    pub end: usize,
    pub state: Option<String>,
    pub official: Option<usize>,
    pub org: Option<String>,
    pub text: String,
    /// The word before the participant (determiners skipped), lower case.
    pub prep: Option<String>,
    /// Followed by "'s".
    pub possessive: bool,
    /// A demonym used as a modifier ("Israeli strikes").
    pub demonym: bool,
    /// A state's name or capital (a place), not a person or body.
    pub is_state_name: bool,
}

/// What the event reader needs to see of the whole article.
pub struct Context<'a> {
    pub k: &'a Knowledge,
    pub text: &'a str,
    /// The phrase matchers' matches in `text`.
    pub scan: &'a Scan,
    pub sentences: &'a [Sentence],
    pub published: Option<PartialDate>,
    /// The subject participant of each sentence, if any.
    pub subjects: Vec<Option<Part>>,
    pub official_parts: Vec<Part>,
    /// The state a wire dateline names, when it names exactly one.
    pub home: Option<String>,
    /// The roles of each official (by index), for triggers whose context
    /// word is a role ("recalled Meyer", an ambassador).
    pub official_roles: Vec<Vec<String>>,
    /// Where each state's missions are, as the text says it: "the
    /// Azerbaijani embassy in Iran" gives AZE -> IRN.
    pub embassy_hosts: Vec<(String, String, usize)>,
    /// Every participant of the article, for references across sentences.
    pub all_parts: Vec<Part>,
    /// Every state mention, by state.
    pub mentions: MentionIndex,
}

/// Where each state is mentioned: ISO3 and the byte offsets of its
/// mentions in text order, states in order of first mention.
pub struct MentionIndex(Vec<(String, Vec<usize>)>);

impl MentionIndex {
    fn new(mentions: impl IntoIterator<Item = (usize, String)>) -> MentionIndex {
        let mut by_state: Vec<(String, Vec<usize>)> = Vec::new();
        for (at, iso3) in mentions {
            match by_state.iter_mut().find(|(s, _)| *s == iso3) {
                Some((_, positions)) => positions.push(at),
                None => by_state.push((iso3, vec![at])),
            }
        }
        MentionIndex(by_state)
    }

    /// Each state mentioned before `pos` with (mentions, last mention).
    fn counts_before(&self, pos: usize) -> impl Iterator<Item = (&str, usize, usize)> {
        self.0.iter().filter_map(move |(iso3, positions)| {
            let n = positions.partition_point(|&at| at < pos);
            (n > 0).then(|| (iso3.as_str(), n, positions[n - 1]))
        })
    }
}

impl Context<'_> {
    /// The two states the story is about so far ("both sides"): the two
    /// most mentioned before `pos`, other than `except`, when they stand out.
    pub fn main_pair(&self, pos: usize, except: &[&str]) -> Option<[String; 2]> {
        // (state, mentions, last mention): ties go to the more recent.
        let mut counts: Vec<(&str, usize, usize)> = self
            .mentions
            .counts_before(pos)
            .filter(|(iso3, _, _)| !except.contains(iso3))
            .collect();
        counts.sort_by_key(|c| (std::cmp::Reverse(c.1), std::cmp::Reverse(c.2)));
        match counts.as_slice() {
            [a, b] => Some([a.0.to_string(), b.0.to_string()]),
            [a, b, c, ..] if (b.1, b.2) > (c.1, c.2) => Some([a.0.to_string(), b.0.to_string()]),
            _ => None,
        }
    }
}

impl Context<'_> {
    /// The last official ending at or before `pos` (participants are
    /// disjoint and in text order, so their ends are sorted too).
    pub fn last_official_before(&self, pos: usize) -> Option<Part> {
        let n = self.official_parts.partition_point(|p| p.end <= pos);
        n.checked_sub(1).map(|i| self.official_parts[i].clone())
    }
}

/// Extracts everything diplograph knows how to read from one article.
pub fn extract(article: &Article, k: &Knowledge) -> Extraction {
    let text = article.text.as_str();
    let sentences = split_sentences(text);
    if sentences.is_empty() {
        return Extraction::default();
    }
    // Every phrase matcher's matches, from one pass over the text.
    let scan = k.scan(text);
    let state_hits = states::find_states_in(text, &sentences, k, &scan);
    let bodies = scan.find(k, Phrases::Bodies, text, 0..text.len());
    let (officials, official_hits) = officials::find_officials_in(
        text,
        &sentences,
        &state_hits,
        &bodies,
        article.published,
        k,
        &scan,
    );

    let dateline = dateline_states(text, k);
    let home = match dateline.as_slice() {
        [only] => Some(k.states[only.0].iso3.clone()),
        _ => None,
    };
    let mut parts = build_parts(
        text,
        &state_hits,
        &bodies,
        &officials,
        &official_hits,
        home.as_ref(),
        k,
    );
    // The dateline ("AL-ULA, Saudi Arabia, Jan 5 (Wire Desk) -") names where
    // the story was filed, not who acted.
    if let Some(end) = dateline_end(text) {
        parts.retain(|p| p.start >= end);
    }
    let subjects: Vec<Option<Part>> = sentences
        .iter()
        .map(|s| {
            parts_within(&parts, s.start, s.end)
                .iter()
                .find(|p| events::is_subject_slot(p))
                .cloned()
        })
        .collect();
    let cx = Context {
        k,
        text,
        scan: &scan,
        sentences: &sentences,
        published: article.published,
        subjects,
        official_parts: parts
            .iter()
            .filter(|p| p.official.is_some())
            .cloned()
            .collect(),
        home,
        official_roles: officials.iter().map(|o| o.roles.clone()).collect(),
        embassy_hosts: embassy_hosts(text, &parts),
        all_parts: parts.clone(),

        mentions: MentionIndex::new(
            state_hits
                .iter()
                .map(|h| (h.start, k.states[h.state].iso3.clone())),
        ),
    };

    let mut events: Vec<crate::model::Event> = Vec::new();
    let mut notes = Vec::new();
    let mut prev_date: Option<PartialDate> = None;
    let triggers: Vec<Vec<PhraseMatch>> = sentences
        .iter()
        .map(|s| scan.find(k, Phrases::Triggers, text, s.start..s.end))
        .collect();
    let has_triggers = |si: usize| triggers.get(si).is_some_and(|t| !t.is_empty());
    for (si, s) in sentences.iter().enumerate() {
        // Dates serve this sentence's events and the next sentence's as
        // context; a sentence neither needs is skipped.
        if !has_triggers(si) && !has_triggers(si + 1) {
            continue;
        }
        let dates = sentence_dates(text, s, article.published);
        if has_triggers(si) {
            let sentence_parts: Vec<Part> = parts_within(&parts, s.start, s.end).to_vec();
            let read = events::sentence_events(
                &cx,
                si,
                &triggers[si],
                &sentence_parts,
                &dates,
                prev_date,
                &events,
            );
            for (event, note) in read {
                match note {
                    Some(n) => notes.push(n),
                    None => events.push(event),
                }
            }
        }
        // A sentence with no date of its own ("Joly then announced …")
        // continues the time of the one before: its first, main-clause date.
        prev_date = dates.iter().find(|d| !d.deadline).map(|d| d.date);
    }

    // Officials whose state is unknown are left out; renumber the rest.
    let mut keep_index = vec![None; officials.len()];
    let mut kept: Vec<Official> = Vec::new();
    for (i, o) in officials.into_iter().enumerate() {
        if o.state.is_some() {
            keep_index[i] = Some(kept.len());
            kept.push(o);
        } else {
            notes.push(format!("official «{}» left out: state unknown", o.name));
        }
    }
    for e in &mut events {
        for p in e.actors.iter_mut().chain(e.targets.iter_mut()) {
            p.official = p.official.and_then(|i| keep_index[i]);
        }
    }

    let dateline_mentions = dateline
        .iter()
        .filter(|(state, s, _)| {
            !state_hits
                .iter()
                .any(|h| h.state == *state && h.start <= *s)
        })
        .map(|&(state, s, e)| StateMention {
            iso3: k.states[state].iso3.clone(),
            evidence: Evidence {
                sentence: 0,
                start: s,
                end: e,
                rule: "state:dateline".into(),
            },
        });
    let states = dateline_mentions
        .chain(state_hits.iter().map(|h| StateMention {
            iso3: k.states[h.state].iso3.clone(),
            evidence: Evidence {
                sentence: h.sentence,
                start: h.start,
                end: h.end,
                rule: format!("state:{}", h.kind.as_str()),
            },
        }))
        .collect();
    Extraction {
        sentences: sentences.iter().map(|s| (s.start, s.end)).collect(),
        states,
        officials: kept,
        events,
        notes,
    }
}

/// The dates of one sentence, with offsets into the article text.
fn sentence_dates(text: &str, s: &Sentence, published: Option<PartialDate>) -> Vec<DateMention> {
    find_dates(&text[s.start..s.end], published)
        .into_iter()
        .map(|d| DateMention {
            start: d.start + s.start,
            end: d.end + s.start,
            ..d
        })
        .collect()
}

/// The participants inside `[start, end)`: a slice, since participants
/// are disjoint and in text order.
fn parts_within(parts: &[Part], start: usize, end: usize) -> &[Part] {
    let lo = parts.partition_point(|p| p.start < start);
    let hi = parts.partition_point(|p| p.end <= end).max(lo);
    &parts[lo..hi]
}

static DATELINE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^\s*[A-Z][A-Z .'/-]+(?:,\s*[A-Z][A-Za-z .'-]+)?,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:\s*\([^)]{1,40}\))?\s*[-–—]+")
        .expect("dateline regex")
});

/// The states a wire dateline names ("NEW DELHI, Sept 19 (Wire Desk) -"),
/// read case-insensitively since datelines are in capitals.
pub fn dateline_states(text: &str, k: &Knowledge) -> Vec<(usize, usize, usize)> {
    let Some(end) = dateline_end(text) else {
        return Vec::new();
    };
    // Title-case the place part so "NEW DELHI" reads as "New Delhi".
    let mut titled = String::with_capacity(end);
    let mut start_of_word = true;
    for c in text[..end].chars() {
        if c.is_alphabetic() {
            if start_of_word {
                titled.extend(c.to_uppercase());
            } else {
                titled.extend(c.to_lowercase());
            }
            start_of_word = false;
        } else {
            titled.push(c);
            start_of_word = c != '\'' && c != '’';
        }
    }
    let same_offsets = titled.len() == end;
    let mut out: Vec<(usize, usize, usize)> = Vec::new();
    let scan = k.scan(&titled);
    for m in scan.find(k, Phrases::States, &titled, 0..titled.len()) {
        let form = &k.state_forms[m.payload];
        if form.kind != FormKind::ContextAlias && !out.iter().any(|o| o.0 == form.state) {
            let (s, e) = if same_offsets {
                (m.start, m.end)
            } else {
                (0, end)
            };
            out.push((form.state, s, e));
        }
    }
    out
}

/// The end of a wire dateline at the start of the text, if there is one.
pub fn dateline_end(text: &str) -> Option<usize> {
    DATELINE.find(text).map(|m| m.end())
}

/// "the Azerbaijani embassy in Iran", "Iran's embassy in Baku": (owner,
/// host, position) for every mission whose host the text names right after it.
fn embassy_hosts(text: &str, parts: &[Part]) -> Vec<(String, String, usize)> {
    let mut out = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        let is_mission = p.org.as_deref().is_some_and(|o| {
            matches!(
                o,
                "Embassy" | "Consulate" | "Diplomatic Mission" | "High Commission"
            )
        });
        let (true, Some(owner)) = (is_mission, &p.state) else {
            continue;
        };
        let Some(next) = parts.get(i + 1) else {
            continue;
        };
        let gap = text.get(p.end..next.start).unwrap_or("").trim();
        if gap == "in" {
            if let Some(host) = &next.state {
                if host != owner {
                    out.push((owner.clone(), host.clone(), p.start));
                }
            }
        }
    }
    out
}

/// Whether a body named without its state ("the ministry") may be the one
/// named earlier as `earlier` ("the Russian Foreign Ministry").
fn same_kind(earlier: &str, now: &str) -> bool {
    earlier == now || now == "Ministry" && earlier.contains("Ministry")
}

/// Bodies that "the ministry", "the junta" can refer back to: single
/// government institutions, not crowds of officials, troops or police.
fn refers_back(org: &str) -> bool {
    org.contains("Ministry") || matches!(org, "Presidency" | "Cabinet" | "Military Government")
}

/// "The Guards said" after "Iran's Revolutionary Guards": a body named in
/// full with its state is later called "the" and the last word of its name,
/// capitalized. Each such short form refers to the latest body before it
/// whose name ends in that word.
fn short_references(text: &str, parts: &[Part]) -> Vec<Part> {
    let mut bodies: Vec<(&Part, &str)> = parts
        .iter()
        .filter(|p| p.official.is_none() && p.org.is_some() && p.state.is_some())
        .filter_map(|p| {
            let head = p.text.split_whitespace().last()?;
            let multiword = p.org.as_deref()?.split_whitespace().count() > 1;
            (multiword && head.len() >= 4 && head.starts_with(char::is_uppercase))
                .then_some((p, head))
        })
        .collect();
    bodies.sort_by_key(|(p, _)| p.start);
    let taken = SpanIndex::from_spans(text.len(), parts.iter().map(|p| (p.start, p.end)));
    let mut claimed = SpanIndex::new(text.len());
    let mut out = Vec::new();
    for (i, pos) in head_occurrences(text, &bodies) {
        let (body, head) = bodies[i];
        let end = pos + head.len();
        let the = text[..pos]
            .strip_suffix(' ')
            .filter(|b| b.ends_with("the") || b.ends_with("The"))
            .map(|b| b.len() - 3);
        let Some(start) = the else { continue };
        if pos < body.end
            || !crate::text::is_word_bounded(text, start, end)
            || taken.overlaps(start, end)
            || claimed.overlaps(start, end)
        {
            continue;
        }
        claimed.insert(start, end);
        out.push(Part {
            start,
            end,
            state: body.state.clone(),
            official: None,
            org: body.org.clone(),
            text: text[start..end].to_string(),
            prep: None,
            possessive: text[end..].starts_with("'s") || text[end..].starts_with("’s"),
            demonym: false,
            is_state_name: false,
        });
    }
    out
}

/// Every occurrence of a body's head word in the text, as (index of the
/// latest body with that head starting at or before it, byte offset),
/// ordered by body, then offset. One pass over the text per distinct head.
fn head_occurrences(text: &str, bodies: &[(&Part, &str)]) -> Vec<(usize, usize)> {
    let mut heads: Vec<&str> = bodies.iter().map(|(_, h)| *h).collect();
    heads.sort_unstable();
    heads.dedup();
    let mut found = Vec::new();
    for head in heads {
        let same: Vec<usize> = (0..bodies.len()).filter(|&i| bodies[i].1 == head).collect();
        for (pos, _) in text.match_indices(head) {
            let n = same.partition_point(|&i| bodies[i].0.start <= pos);
            if let Some(i) = n.checked_sub(1).map(|n| same[n]) {
                found.push((i, pos));
            }
        }
    }
    found.sort_unstable();
    found
}

/// A demonym or possessive state right before body `b`: "the Iranian
/// embassy", "India's foreign ministry". State hits are disjoint and in
/// text order, so reading back from the body the gap only grows: the
/// search ends at the first hit more than a word away.
fn state_modifier<'h>(
    text: &str,
    state_hits: &'h [StateHit],
    bodies: &[crate::knowledge::PhraseMatch],
    b: &crate::knowledge::PhraseMatch,
) -> Option<&'h StateHit> {
    let before = state_hits.partition_point(|h| h.end <= b.start);
    for h in state_hits[..before].iter().rev() {
        let gap = text[h.end..b.start].trim();
        let gap = gap.trim_start_matches("'s").trim_start_matches("’s").trim();
        // At most one word between ("Iraqi federal police"), and no
        // other body: "Chilean troops began military exercises".
        if gap.split_whitespace().nth(1).is_some() || gap.contains([',', '.', ';']) {
            return None;
        }
        let first_after = bodies.partition_point(|o| o.start < h.end);
        let body_between = bodies.get(first_after).is_some_and(|o| o.end <= b.start);
        if !body_between
            && (h.kind == FormKind::Adjective
                || text[h.end..].starts_with("'s")
                || text[h.end..].starts_with("’s")
                || h.kind == FormKind::Name && gap.is_empty())
        {
            return Some(h);
        }
    }
    None
}

/// The state hit starting exactly at `pos`.
fn hit_at(state_hits: &[StateHit], pos: usize) -> Option<&StateHit> {
    let i = state_hits.partition_point(|h| h.start < pos);
    state_hits.get(i).filter(|h| h.start == pos)
}

fn build_parts(
    text: &str,
    state_hits: &[StateHit],
    bodies: &[crate::knowledge::PhraseMatch],
    officials: &[Official],
    official_hits: &[OfficialHit],
    home: Option<&String>,
    k: &Knowledge,
) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    // Every span taken so far, officials, bodies and states alike.
    let mut taken = SpanIndex::new(text.len());
    for h in official_hits {
        let o = &officials[h.official];
        taken.insert(h.start, h.end);
        parts.push(Part {
            start: h.start,
            end: h.end,
            state: o.state.clone(),
            official: Some(h.official),
            org: o.org.clone(),
            text: text[h.start..h.end].to_string(),
            prep: None,
            possessive: false,
            demonym: false,
            is_state_name: false,
        });
    }
    let mut named_bodies: Vec<(String, String)> = Vec::new();
    for b in bodies {
        if taken.overlaps(b.start, b.end) {
            continue;
        }
        let entry = &k.bodies[b.payload];
        let modifier = state_modifier(text, state_hits, bodies, b);
        // "the Foreign Ministry of the Republic of Azerbaijan": the state after "of".
        let after = &text[b.end..];
        let of_len = [" of the ", " of "]
            .iter()
            .find(|p| after.starts_with(**p))
            .map(|p| p.len());
        let of_state = of_len.and_then(|n| hit_at(state_hits, b.end + n));
        let (start, end, mut state) = match (modifier, of_state) {
            (Some(h), _) => (h.start, b.end, Some(k.states[h.state].iso3.clone())),
            (None, Some(h)) => (b.start, h.end, Some(k.states[h.state].iso3.clone())),
            (None, None) => (b.start, b.end, entry.state.clone()),
        };
        // "the ministry", "the junta": the latest body of that kind named with
        // its state, else (for government bodies) the dateline's state.
        let definite = crate::text::ends_with_lowercase(text[..b.start].trim_end(), "the");
        if state.is_none() && definite && refers_back(&entry.org) {
            state = named_bodies
                .iter()
                .rev()
                .find(|(org, _)| same_kind(org, &entry.org))
                .map(|(_, s)| s.clone())
                .or_else(|| {
                    if of_len.is_some() {
                        None
                    } else {
                        home.cloned()
                    }
                });
        }
        let Some(state_code) = state.clone() else {
            continue;
        };
        named_bodies.push((entry.org.clone(), state_code));
        taken.insert(start, end);
        parts.push(Part {
            start,
            end,
            state,
            official: None,
            org: Some(entry.org.clone()),
            text: text[start..end].to_string(),
            prep: None,
            possessive: text[b.end..].starts_with("'s") || text[b.end..].starts_with("’s"),
            demonym: false,
            is_state_name: false,
        });
    }
    for p in short_references(text, &parts) {
        taken.insert(p.start, p.end);
        parts.push(p);
    }
    for h in state_hits {
        if taken.overlaps(h.start, h.end) {
            continue;
        }
        taken.insert(h.start, h.end);
        parts.push(Part {
            start: h.start,
            end: h.end,
            state: Some(k.states[h.state].iso3.clone()),
            official: None,
            org: None,
            text: text[h.start..h.end].to_string(),
            prep: None,
            possessive: text[h.end..].starts_with("'s") || text[h.end..].starts_with("’s"),
            demonym: h.kind == FormKind::Adjective,
            is_state_name: matches!(h.kind, FormKind::Name | FormKind::Capital),
        });
    }
    // A participant is a phrase, never a passage: a span across a paragraph
    // or longer than a long title is a misreading.
    parts.retain(|p| p.end - p.start <= 160 && !text[p.start..p.end].contains('\n'));
    // Keep participants disjoint: on overlap, the earlier (then longer) one wins.
    parts.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut disjoint: Vec<Part> = Vec::with_capacity(parts.len());
    for p in parts {
        if disjoint.last().is_none_or(|last| p.start >= last.end) {
            disjoint.push(p);
        }
    }
    set_prepositions(text, &mut disjoint);
    disjoint
}

/// The word before each participant (determiners skipped), read from the
/// latest clause stop before it.
fn set_prepositions(text: &str, parts: &mut [Part]) {
    let stops = clause_stops(text);
    for p in parts {
        let n = stops.partition_point(|&stop| stop <= p.start);
        let from = n.checked_sub(1).map_or(0, |i| stops[i]);
        p.prep = events::preposition_before(text, from, p.start);
    }
}

/// Where the phrase before a participant may begin, in text order: just
/// after each punctuation mark, and after each spaced hyphen, which is a
/// dash: "(Wire Desk) - Russia".
fn clause_stops(text: &str) -> Vec<usize> {
    let mut stops: Vec<usize> = text
        .char_indices()
        .filter(|&(_, c)| {
            matches!(
                c,
                '.' | ';' | ':' | ',' | '"' | '“' | '”' | '(' | ')' | '\n' | '–' | '—' | '?' | '!'
            )
        })
        .map(|(i, c)| i + c.len_utf8())
        .collect();
    let dashes = text.as_bytes().windows(3).enumerate();
    stops.extend(dashes.filter(|(_, w)| *w == b" - ").map(|(i, _)| i + 3));
    stops.sort_unstable();
    stops
}

#[cfg(test)]
mod tests;
