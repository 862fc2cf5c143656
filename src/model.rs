//! The values that flow through the pipeline: an [`Article`] in, an
//! [`Extraction`] (states, officials, events, each with [`Evidence`]) out.
//!
//! Offsets are byte offsets into `Article::text`; the RDF writer converts them
//! to character offsets. Nothing here does I/O or knows about RDF.

use crate::dates::PartialDate;
use serde::Serialize;

/// One news article, as ingested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The source's own id (a JSON `id`, or a file stem).
    pub id: String,
    pub title: Option<String>,
    pub published: Option<PartialDate>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub text: String,
}

/// Where a fact comes from: a span of the article and the rule that read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Index of the sentence in the article.
    pub sentence: usize,
    /// Byte offsets of the evidence span in the article text.
    pub start: usize,
    pub end: usize,
    /// The rule that produced the fact, e.g. `state:demonym` or `event:verb`.
    pub rule: String,
}

/// A reference to a state in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StateMention {
    pub iso3: String,
    pub evidence: Evidence,
}

/// A named office-holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Official {
    /// The fullest form of the name seen in the article.
    pub name: String,
    /// Other forms seen (surname alone, other spellings).
    pub alt_names: Vec<String>,
    pub state: Option<String>,
    /// Normalized role nouns, most specific first.
    pub roles: Vec<String>,
    pub org: Option<String>,
    /// Wikidata QID when the office-holder table knows the person.
    pub qid: Option<String>,
    /// The person's node in the office-holder table, which becomes the
    /// official's node: every article that names them shares it.
    pub holder: Option<String>,
    pub mentions: Vec<Evidence>,
}

#[cfg(test)]
impl Official {
    /// "name|state|roles", as the extractor tests state their expectations.
    pub fn test_line(&self) -> String {
        format!(
            "{}|{}|{}",
            self.name,
            self.state.as_deref().unwrap_or("-"),
            self.roles.join(",")
        )
    }
}

/// A participant of an event: a state directly, or an official or body
/// standing for one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participant {
    pub state: Option<String>,
    /// Index into `Extraction::officials` when the participant is an official.
    pub official: Option<usize>,
    /// The body (e.g. "Ministry of Foreign Affairs") when one is named.
    pub org: Option<String>,
    pub text: String,
}

/// One reported event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// PLOVER category, upper case.
    pub category: String,
    pub mode: Option<String>,
    pub actors: Vec<Participant>,
    pub targets: Vec<Participant>,
    pub date: Option<PartialDate>,
    /// Where the date comes from: "text" (a date expression in the
    /// sentence), "context" (the sentence before) or "publication" (an
    /// undated report, dated at the article's date).
    pub date_basis: Option<String>,
    pub location: Option<String>,
    pub killed: Option<u32>,
    pub wounded: Option<u32>,
    /// The trigger phrase as found in the text, and its byte span.
    pub trigger: String,
    pub trigger_start: usize,
    pub trigger_end: usize,
    /// The lexicon entry (data file line) that matched.
    pub lexicon_line: usize,
    pub evidence: Evidence,
}

impl Event {
    pub fn actor_states(&self) -> Vec<&str> {
        states_of(&self.actors)
    }
    pub fn target_states(&self) -> Vec<&str> {
        states_of(&self.targets)
    }
}

fn states_of(ps: &[Participant]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for p in ps {
        if let Some(s) = &p.state {
            if !out.contains(&s.as_str()) {
                out.push(s);
            }
        }
    }
    out
}

/// What the extractor found in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Extraction {
    pub sentences: Vec<(usize, usize)>,
    pub states: Vec<StateMention>,
    pub officials: Vec<Official>,
    pub events: Vec<Event>,
    /// Non-fatal notes (e.g. a trigger dropped because it was negated), for `explain`.
    pub notes: Vec<String>,
}

impl Extraction {
    /// Distinct ISO3 codes of the states mentioned, in order of first mention.
    pub fn state_codes(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for m in &self.states {
            if !out.contains(&m.iso3.as_str()) {
                out.push(&m.iso3);
            }
        }
        out
    }
}
