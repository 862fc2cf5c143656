//! The reference data the extractors read, loaded from the TSV files under
//! `ontology/` and compiled into phrase matchers.
//!
//! States (names, demonyms, capitals, seats, aliases), role nouns, government
//! bodies, event triggers, cue words and office-holders with dates all live in
//! data files; this module only parses them and builds Aho–Corasick automata.
//! Adding an alias or a trigger is a one-line change to a file, never to code.
//! The built-in tables are compiled into the binary with `include_str!`, so a
//! run needs no files at run time. Parsing errors name the file and line.

use crate::dates::PartialDate;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// The built-in data files, as compiled into the binary.
pub const STATES_TSV: &str = include_str!("../ontology/states.tsv");
pub const ROLES_TSV: &str = include_str!("../ontology/roles.tsv");
pub const BODIES_TSV: &str = include_str!("../ontology/bodies.tsv");
pub const TRIGGERS_TSV: &str = include_str!("../ontology/triggers.tsv");
pub const CUES_TSV: &str = include_str!("../ontology/cues.tsv");
pub const HOLDERS_TTL: &str = include_str!("../ontology/officeholders.ttl");
pub const CATEGORIES_TSV: &str = include_str!("../ontology/categories.tsv");

/// PLOVER quad classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub enum Quad {
    VerbalCooperation,
    MaterialCooperation,
    VerbalConflict,
    MaterialConflict,
}

impl Quad {
    pub fn code(self) -> &'static str {
        match self {
            Quad::VerbalCooperation => "VC",
            Quad::MaterialCooperation => "MC",
            Quad::VerbalConflict => "VX",
            Quad::MaterialConflict => "MX",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Quad::VerbalCooperation => "verbal cooperation",
            Quad::MaterialCooperation => "material cooperation",
            Quad::VerbalConflict => "verbal conflict",
            Quad::MaterialConflict => "material conflict",
        }
    }
    pub fn is_conflict(self) -> bool {
        matches!(self, Quad::VerbalConflict | Quad::MaterialConflict)
    }
    pub const ALL: [Quad; 4] = [
        Quad::VerbalCooperation,
        Quad::MaterialCooperation,
        Quad::VerbalConflict,
        Quad::MaterialConflict,
    ];
}

/// A PLOVER category's quad class and conflict-cooperation score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CategoryInfo {
    pub quad: Quad,
    pub score: f64,
}

/// The quad class and score of every PLOVER category, from `ontology/categories.tsv`.
pub fn category_table() -> Result<HashMap<&'static str, CategoryInfo>, DataError> {
    let mut out = HashMap::new();
    for (line, cells) in rows(CATEGORIES_TSV) {
        let err = |m: String| DataError {
            file: "ontology/categories.tsv".into(),
            line,
            message: m,
        };
        let name = cell(&cells, 0);
        let Some(category) = CATEGORIES.iter().find(|c| **c == name) else {
            return Err(err(format!("'{name}' is not a PLOVER category")));
        };
        let quad = match cell(&cells, 1) {
            "VC" => Quad::VerbalCooperation,
            "MC" => Quad::MaterialCooperation,
            "VX" => Quad::VerbalConflict,
            "MX" => Quad::MaterialConflict,
            other => return Err(err(format!("unknown quad class '{other}'"))),
        };
        let score = cell(&cells, 2)
            .parse::<f64>()
            .map_err(|e| err(format!("bad score: {e}")))?;
        out.insert(*category, CategoryInfo { quad, score });
    }
    Ok(out)
}

/// The sixteen PLOVER event categories.
pub const CATEGORIES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

/// An error in a data file: which file, which line, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for DataError {}

/// One sovereign state (or observer, or Taiwan/Kosovo).
#[derive(Debug, Clone)]
pub struct StateInfo {
    pub iso3: String,
    pub iso2: String,
    pub name: String,
    pub official: String,
    pub capitals: Vec<String>,
    pub demonym: Option<String>,
    pub qid: Option<String>,
    pub status: String,
}

/// How a surface form refers to its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Name,
    Adjective,
    Plural,
    Capital,
    Seat,
    Alias,
    ContextAlias,
}

impl FormKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::Name => "name",
            FormKind::Adjective => "demonym",
            FormKind::Plural => "people",
            FormKind::Capital => "capital",
            FormKind::Seat => "seat",
            FormKind::Alias => "alias",
            FormKind::ContextAlias => "context-alias",
        }
    }
}

/// One surface form of a state.
#[derive(Debug, Clone)]
pub struct StateForm {
    pub state: usize,
    pub kind: FormKind,
    pub ambiguous: bool,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct RoleEntry {
    pub form: String,
    pub role: String,
    pub broader: Option<String>,
    pub org: Option<String>,
    /// The one state whose office this title names ("chief cabinet
    /// secretary": Japan), when only one state has it.
    pub state: Option<String>,
}

#[derive(Debug, Clone)]
pub struct BodyEntry {
    pub form: String,
    pub org: String,
    pub state: Option<String>,
}

/// How a trigger's participants are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    Verb,
    Noun,
    Sym,
    Claim,
    /// "X said Y should expect a response": Y is the target, X the actor.
    Patient,
}

#[derive(Debug, Clone)]
pub struct Trigger {
    pub category: &'static str,
    pub mode: Option<String>,
    pub frame: Frame,
    /// The phrase as written in the data file (for `explain`).
    pub source: String,
    pub context: Vec<String>,
    pub line: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Cues {
    pub negation: Vec<String>,
    pub modal: Vec<String>,
    pub hope: Vec<String>,
    pub discard: Vec<String>,
    pub passive: Vec<String>,
    /// Irregular past participles ("held", "sent"); regular ones end in "-ed".
    pub participle: Vec<String>,
    /// Nouns for private people ("citizen"): a demonym before one names a
    /// national, not the state acting.
    pub private: Vec<String>,
    pub clause: Vec<String>,
    pub nonstate: Vec<String>,
    pub honorific: Vec<String>,
    pub eventref: Vec<String>,
    pub pair: Vec<String>,
    pub purpose: Vec<String>,
    pub commit: Vec<String>,
    /// For each `eventref` phrase, the categories it can name (empty: any).
    pub eventref_categories: Vec<Vec<String>>,
}

/// A set of bytes: the first bytes of a list of phrases, for refusing
/// quickly a position where none of them can start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ByteSet([u64; 4]);

impl ByteSet {
    /// The first bytes of `phrases`; every byte when one of them is empty
    /// (it starts anywhere).
    pub fn initials<S: AsRef<str>>(phrases: &[S]) -> ByteSet {
        let mut set = ByteSet::default();
        for p in phrases {
            match p.as_ref().as_bytes().first() {
                Some(&b) => set.0[usize::from(b >> 6)] |= 1 << (b & 63),
                None => set = ByteSet([u64::MAX; 4]),
            }
        }
        set
    }

    pub fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }
}

/// A person who held an office, with dates.
#[derive(Debug, Clone)]
pub struct OfficeHolder {
    /// The person's node in `ontology/officeholders.ttl`.
    pub iri: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub iso3: String,
    pub role: String,
    pub org: Option<String>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    pub qid: Option<String>,
}

impl OfficeHolder {
    /// Whether the office was held on `date` (unknown bounds count as open).
    pub fn in_office(&self, date: Option<PartialDate>) -> bool {
        let Some(d) = date else {
            return self.end.is_none();
        };
        let after_start = self
            .start
            .is_none_or(|s| cmp_partial(s, d) != std::cmp::Ordering::Greater);
        let before_end = self
            .end
            .is_none_or(|e| cmp_partial(d, e) != std::cmp::Ordering::Greater);
        after_start && before_end
    }
}

/// Compares two partial dates at the coarser of their precisions.
fn cmp_partial(a: PartialDate, b: PartialDate) -> std::cmp::Ordering {
    a.year
        .cmp(&b.year)
        .then_with(|| match (a.month, b.month) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => std::cmp::Ordering::Equal,
        })
        .then_with(|| match (a.day, b.day) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => std::cmp::Ordering::Equal,
        })
}

/// A match of a phrase matcher: byte span and the payload of the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    pub payload: usize,
}

/// Case-insensitive, word-bounded phrase matching with per-pattern exact-case
/// requirements, returning leftmost-longest non-overlapping matches.
///
/// The extractor reads every matcher's matches in an article from one pass
/// of [`crate::scan::PhraseScanner`] over it; a matcher's own automaton, for
/// searching a text alone ([`PhraseMatcher::find`]), is built when first used.
pub struct PhraseMatcher {
    automaton: OnceLock<Option<AhoCorasick>>,
    exact_case: Vec<bool>,
    payloads: Vec<usize>,
    patterns: Vec<String>,
    /// Pattern ids by ASCII-lower-cased pattern, built on first use by
    /// [`PhraseMatcher::matches_whole`].
    by_folded: OnceLock<FxHashMap<Box<[u8]>, Vec<usize>>>,
}

/// An Aho–Corasick automaton finding `patterns` in any ASCII case, every
/// occurrence of each (overlapping ones included).
pub(crate) fn phrase_automaton<P: AsRef<[u8]>>(
    patterns: impl IntoIterator<Item = P>,
) -> Result<AhoCorasick, String> {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(patterns)
        .map_err(|e| e.to_string())
}

impl PhraseMatcher {
    /// `entries`: (pattern, payload, exact case required).
    pub fn new(entries: Vec<(String, usize, bool)>) -> Result<PhraseMatcher, String> {
        Ok(PhraseMatcher {
            automaton: OnceLock::new(),
            exact_case: entries.iter().map(|e| e.2).collect(),
            payloads: entries.iter().map(|e| e.1).collect(),
            patterns: entries.into_iter().map(|e| e.0).collect(),
            by_folded: OnceLock::new(),
        })
    }

    /// The patterns, by id.
    pub(crate) fn patterns(&self) -> &[String] {
        &self.patterns
    }

    /// An occurrence of pattern `id` at `[start, end)` of `text` as a match,
    /// when it is one: on char boundaries, in the pattern's case if it wants
    /// its exact case, and word-bounded.
    pub(crate) fn check(
        &self,
        text: &str,
        start: usize,
        end: usize,
        id: usize,
    ) -> Option<PhraseMatch> {
        let ok = text.is_char_boundary(start)
            && text.is_char_boundary(end)
            && (!self.exact_case[id] || text[start..end] == self.patterns[id])
            && crate::text::is_word_bounded(text, start, end);
        ok.then(|| PhraseMatch {
            start,
            end,
            payload: self.payloads[id],
        })
    }

    /// Whether some pattern matches all of `text`, as a match of
    /// [`PhraseMatcher::find_all`] from its first byte to its last would:
    /// the same letters but for ASCII case, and exactly the same ones for
    /// an exact-case pattern. A lookup, not a search.
    pub fn matches_whole(&self, text: &str) -> bool {
        let by_folded = self.by_folded.get_or_init(|| {
            let mut map: FxHashMap<Box<[u8]>, Vec<usize>> = FxHashMap::default();
            for (id, p) in self.patterns.iter().enumerate() {
                map.entry(p.to_ascii_lowercase().into_bytes().into_boxed_slice())
                    .or_default()
                    .push(id);
            }
            map
        });
        let mut buf = [0u8; 64];
        let folded: Vec<u8>;
        let key: &[u8] = match buf.get_mut(..text.len()) {
            Some(b) => {
                b.copy_from_slice(text.as_bytes());
                b.make_ascii_lowercase();
                b
            }
            None => {
                folded = text.to_ascii_lowercase().into_bytes();
                &folded
            }
        };
        by_folded.get(key).is_some_and(|ids| {
            ids.iter()
                .any(|&id| !self.exact_case[id] || self.patterns[id] == text)
        })
    }

    /// Every word-bounded match, overlapping ones included.
    pub fn find_all(&self, text: &str) -> Vec<PhraseMatch> {
        // Built on first use: the extractor reads the scanner's pass instead.
        let automaton = self
            .automaton
            .get_or_init(|| phrase_automaton(&self.patterns).ok());
        let Some(automaton) = automaton else {
            return Vec::new();
        };
        automaton
            .find_overlapping_iter(text)
            .filter_map(|m| self.check(text, m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }

    /// Leftmost-longest non-overlapping word-bounded matches.
    pub fn find(&self, text: &str) -> Vec<PhraseMatch> {
        let mut all = self.find_all(text);
        all.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut out: Vec<PhraseMatch> = Vec::new();
        for m in all {
            if out.last().is_none_or(|last| m.start >= last.end) {
                out.push(m);
            }
        }
        out
    }
}

/// Reads the office-holders Turtle: one `OfficeHolder` per `dg:tenure` of
/// each `dg:Official` (name from `rdfs:label`, aliases from `skos:altLabel`,
/// QID from `owl:sameAs`).
fn parse_holders(
    turtle: &str,
    states: &FxHashMap<String, usize>,
) -> Result<Vec<OfficeHolder>, String> {
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::{NamedOrBlankNode, Term};
    #[derive(Default)]
    struct Person {
        name: String,
        aliases: Vec<String>,
        qid: Option<String>,
        tenures: Vec<String>,
    }
    #[derive(Default)]
    struct Tenure {
        role: String,
        iso3: String,
        org: Option<String>,
        start: Option<PartialDate>,
        end: Option<PartialDate>,
    }
    let key = |n: &NamedOrBlankNode| n.to_string();
    let mut people: Vec<(String, Person)> = Vec::new();
    let mut person_index: HashMap<String, usize> = HashMap::new();
    let mut tenures: HashMap<String, Tenure> = HashMap::new();
    for quad in RdfParser::from_format(RdfFormat::Turtle).for_slice(turtle.as_bytes()) {
        let quad = quad.map_err(|e| e.to_string())?;
        let s = key(&quad.subject);
        let p = quad.predicate.as_str();
        // The local name of a `dg:` predicate.
        let dg = p.strip_prefix(crate::ns::DG).unwrap_or("");
        let value = match &quad.object {
            Term::Literal(l) => l.value().to_string(),
            Term::NamedNode(n) => n.as_str().to_string(),
            Term::BlankNode(b) => format!("_:{}", b.as_str()),
            #[allow(unreachable_patterns)]
            other => other.to_string(),
        };
        let mut person = |people: &mut Vec<(String, Person)>| -> usize {
            *person_index.entry(s.clone()).or_insert_with(|| {
                people.push((s.clone(), Person::default()));
                people.len() - 1
            })
        };
        if p == crate::ns::RDFS_LABEL {
            let i = person(&mut people);
            people[i].1.name = value;
        } else if p == crate::ns::SKOS_ALT_LABEL {
            let i = person(&mut people);
            people[i].1.aliases.push(value);
        } else if p == crate::ns::OWL_SAME_AS {
            let i = person(&mut people);
            people[i].1.qid = value.strip_prefix(crate::ns::WIKIDATA).map(str::to_string);
        } else if dg == "tenure" {
            let i = person(&mut people);
            people[i].1.tenures.push(value);
        } else if matches!(dg, "role" | "inState" | "org" | "start" | "end") {
            let t = tenures.entry(s.clone()).or_default();
            let date =
                |v: &str| PartialDate::parse(v).ok_or_else(|| format!("{s}: bad date '{v}'"));
            match p.rsplit('#').next().unwrap_or("") {
                "role" => t.role = value,
                "inState" => t.iso3 = value.rsplit('/').next().unwrap_or("").to_string(),
                "org" => t.org = Some(value),
                "start" => t.start = Some(date(&value)?),
                _ => t.end = Some(date(&value)?),
            }
        }
    }
    let mut out = Vec::new();
    for (iri, person) in people {
        if person.name.is_empty() {
            return Err(format!("{iri} has no rdfs:label"));
        }
        for t in &person.tenures {
            let Some(tenure) = tenures.remove(t) else {
                continue;
            };
            if tenure.role.is_empty() || !states.contains_key(&tenure.iso3) {
                return Err(format!(
                    "{iri}: a tenure needs dg:role and a known dg:inState (got '{}')",
                    tenure.iso3
                ));
            }
            out.push(OfficeHolder {
                iri: iri
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_string(),
                name: person.name.clone(),
                aliases: person.aliases.clone(),
                iso3: tenure.iso3,
                role: tenure.role,
                org: tenure.org,
                start: tenure.start,
                end: tenure.end,
                qid: person.qid.clone(),
            });
        }
    }
    Ok(out)
}

/// Everything the extractors know, compiled.
pub struct Knowledge {
    pub states: Vec<StateInfo>,
    pub state_forms: Vec<StateForm>,
    pub state_matcher: PhraseMatcher,
    by_iso3: FxHashMap<String, usize>,
    pub roles: Vec<RoleEntry>,
    pub role_matcher: PhraseMatcher,
    pub bodies: Vec<BodyEntry>,
    pub body_matcher: PhraseMatcher,
    pub triggers: Vec<Trigger>,
    pub trigger_matcher: PhraseMatcher,
    /// For each trigger-matcher payload, the trigger rows sharing that phrase.
    pub trigger_groups: Vec<Vec<usize>>,
    pub cues: Cues,
    /// The first bytes of `cues.honorific`.
    pub honorific_initials: ByteSet,
    pub discard_matcher: PhraseMatcher,
    pub nonstate_matcher: PhraseMatcher,
    /// Every matcher's patterns in one automaton.
    pub phrases: crate::scan::PhraseScanner,
    pub holders: Vec<OfficeHolder>,
    /// Lower-cased family name (last word of any name form) -> holder indices.
    pub holders_by_family: FxHashMap<String, Vec<usize>>,
    /// Lower-cased full name or alias -> holder indices.
    pub holders_by_name: FxHashMap<String, Vec<usize>>,
}

/// The data sources to compile: (file name for messages, contents).
pub struct Sources<'a> {
    pub states: (&'a str, &'a str),
    pub roles: (&'a str, &'a str),
    pub bodies: (&'a str, &'a str),
    pub triggers: (&'a str, &'a str),
    pub cues: (&'a str, &'a str),
    pub holders: (&'a str, &'a str),
}

impl Sources<'static> {
    pub fn builtin() -> Sources<'static> {
        Sources {
            states: ("ontology/states.tsv", STATES_TSV),
            roles: ("ontology/roles.tsv", ROLES_TSV),
            bodies: ("ontology/bodies.tsv", BODIES_TSV),
            triggers: ("ontology/triggers.tsv", TRIGGERS_TSV),
            cues: ("ontology/cues.tsv", CUES_TSV),
            holders: ("ontology/officeholders.ttl", HOLDERS_TTL),
        }
    }
}

/// Data rows of a TSV file: (1-based line number, cells). Skips comments and blanks.
fn rows(contents: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    contents.lines().enumerate().filter_map(|(i, line)| {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            None
        } else {
            Some((i + 1, line.split('\t').map(str::trim).collect()))
        }
    })
}

fn cell<'a>(cells: &[&'a str], i: usize) -> &'a str {
    cells.get(i).copied().unwrap_or("")
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

/// True for forms that must match with exact case ("US", "MP", "PM").
fn needs_exact_case(form: &str) -> bool {
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase())
}

/// Regular English inflections of a verb: base, 3rd person, past, gerund.
pub fn inflect(base: &str) -> Vec<String> {
    let b = base.to_string();
    let vowels = |c: char| "aeiou".contains(c);
    let last = b.chars().last().unwrap_or(' ');
    let before_last = b.chars().rev().nth(1).unwrap_or(' ');
    if b.ends_with('e') {
        let stem = &b[..b.len() - 1];
        vec![
            b.clone(),
            format!("{b}s"),
            format!("{b}d"),
            format!("{stem}ing"),
        ]
    } else if last == 'y' && !vowels(before_last) {
        let stem = &b[..b.len() - 1];
        vec![
            b.clone(),
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{b}ing"),
        ]
    } else if b.ends_with('s')
        || b.ends_with("sh")
        || b.ends_with("ch")
        || b.ends_with('x')
        || b.ends_with('z')
    {
        vec![
            b.clone(),
            format!("{b}es"),
            format!("{b}ed"),
            format!("{b}ing"),
        ]
    } else {
        vec![
            b.clone(),
            format!("{b}s"),
            format!("{b}ed"),
            format!("{b}ing"),
        ]
    }
}

/// Expands a trigger phrase ("accuse+ of", "held/hold talks") into every
/// concrete phrase it stands for.
pub fn expand_phrase(phrase: &str) -> Vec<String> {
    let mut all: Vec<String> = phrase.split('|').flat_map(expand_one).collect();
    all.sort();
    all.dedup();
    all
}

fn expand_one(phrase: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for token in phrase.split_whitespace() {
        let mut alts = Vec::new();
        for alt in token.split('/').filter(|a| !a.is_empty()) {
            match alt.strip_suffix('+') {
                Some(base) => alts.extend(inflect(base)),
                None => alts.push(alt.to_string()),
            }
        }
        let mut next = Vec::with_capacity(out.len() * alts.len());
        for prefix in &out {
            for alt in &alts {
                next.push(if prefix.is_empty() {
                    alt.clone()
                } else {
                    format!("{prefix} {alt}")
                });
            }
        }
        out = next;
    }
    out.sort();
    out.dedup();
    out
}

impl Knowledge {
    /// Compiles the built-in data.
    pub fn builtin() -> Result<Knowledge, DataError> {
        Knowledge::load(&Sources::builtin())
    }

    pub fn load(src: &Sources) -> Result<Knowledge, DataError> {
        let err = |file: &str, line: usize, message: String| DataError {
            file: file.to_string(),
            line,
            message,
        };

        // States.
        let (sfile, scontents) = src.states;
        let mut states = Vec::new();
        let mut forms: Vec<StateForm> = Vec::new();
        let mut by_iso3 = FxHashMap::default();
        for (line, cells) in rows(scontents) {
            if cell(&cells, 0) == "iso3" {
                continue; // header
            }
            if cells.len() < 13 {
                return Err(err(
                    sfile,
                    line,
                    format!("expected 14 tab-separated columns, found {}", cells.len()),
                ));
            }
            let iso3 = cell(&cells, 0).to_string();
            if iso3.len() != 3 || !iso3.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(err(
                    sfile,
                    line,
                    format!("'{iso3}' is not an ISO 3166-1 alpha-3 code"),
                ));
            }
            if by_iso3.contains_key(&iso3) {
                return Err(err(sfile, line, format!("{iso3} appears twice")));
            }
            let idx = states.len();
            let ambiguous = split_list(cell(&cells, 9));
            let mut add = |text: &str, kind: FormKind| {
                let text = text.trim();
                if text.is_empty() {
                    return;
                }
                let amb = ambiguous.iter().any(|a| a == text);
                forms.push(StateForm {
                    state: idx,
                    kind,
                    ambiguous: amb,
                    text: text.to_string(),
                });
                // "the Kremlin" also matches as "The Kremlin" (the matcher is
                // case-insensitive) and as "Kremlin".
                if let Some(rest) = text.strip_prefix("the ") {
                    if kind == FormKind::Seat {
                        forms.push(StateForm {
                            state: idx,
                            kind,
                            ambiguous: amb,
                            text: rest.to_string(),
                        });
                    }
                }
            };
            add(cell(&cells, 2), FormKind::Name);
            add(cell(&cells, 3), FormKind::Name);
            for f in split_list(cell(&cells, 4)) {
                add(&f, FormKind::Name);
            }
            let adjectives = split_list(cell(&cells, 5));
            for f in &adjectives {
                add(f, FormKind::Adjective);
            }
            for f in split_list(cell(&cells, 6)) {
                add(&f, FormKind::Plural);
            }
            let capitals = split_list(cell(&cells, 7));
            for f in &capitals {
                add(f, FormKind::Capital);
            }
            for f in split_list(cell(&cells, 8)) {
                add(&f, FormKind::Seat);
            }
            for f in split_list(cell(&cells, 10)) {
                add(&f, FormKind::Alias);
            }
            for f in split_list(cell(&cells, 11)) {
                add(&f, FormKind::ContextAlias);
            }
            by_iso3.insert(iso3.clone(), idx);
            states.push(StateInfo {
                iso3,
                iso2: cell(&cells, 1).to_string(),
                name: cell(&cells, 2).to_string(),
                official: cell(&cells, 3).to_string(),
                capitals,
                demonym: adjectives.first().cloned(),
                qid: non_empty(cell(&cells, 12)),
                status: cell(&cells, 13).to_string(),
            });
        }
        if states.is_empty() {
            return Err(err(sfile, 0, "no states".into()));
        }
        let state_matcher = PhraseMatcher::new(
            forms
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    // Names are proper nouns: match their case exactly, except
                    // for a leading "the" which may be capitalised.
                    let exact = f.kind != FormKind::Alias
                        && f.kind != FormKind::ContextAlias
                        && f.kind != FormKind::Seat;
                    (f.text.clone(), i, exact)
                })
                .collect(),
        )
        .map_err(|e| err(sfile, 0, e))?;

        // A state column: empty, or a state of states.tsv.
        let state_cell = |file: &str, line: usize, value: &str| match non_empty(value) {
            Some(s) if !by_iso3.contains_key(&s) => {
                Err(err(file, line, format!("unknown state {s}")))
            }
            state => Ok(state),
        };

        // Roles.
        let (rfile, rcontents) = src.roles;
        let mut roles = Vec::new();
        for (line, cells) in rows(rcontents) {
            if cells.len() > 5 {
                return Err(err(
                    rfile,
                    line,
                    format!(
                        "expected at most 5 tab-separated columns, found {}",
                        cells.len()
                    ),
                ));
            }
            if cell(&cells, 0).is_empty() || cell(&cells, 1).is_empty() {
                return Err(err(
                    rfile,
                    line,
                    "a role row needs a form and a role".into(),
                ));
            }
            roles.push(RoleEntry {
                form: cell(&cells, 0).to_string(),
                role: cell(&cells, 1).to_string(),
                broader: non_empty(cell(&cells, 2)),
                org: non_empty(cell(&cells, 3)),
                state: state_cell(rfile, line, cell(&cells, 4))?,
            });
        }
        let role_matcher = PhraseMatcher::new(
            roles
                .iter()
                .enumerate()
                .map(|(i, r)| (r.form.clone(), i, needs_exact_case(&r.form)))
                .collect(),
        )
        .map_err(|e| err(rfile, 0, e))?;

        // Bodies.
        let (bfile, bcontents) = src.bodies;
        let mut bodies = Vec::new();
        for (line, cells) in rows(bcontents) {
            if cells.len() > 3 {
                return Err(err(
                    bfile,
                    line,
                    format!(
                        "expected at most 3 tab-separated columns, found {}",
                        cells.len()
                    ),
                ));
            }
            if cell(&cells, 0).is_empty() || cell(&cells, 1).is_empty() {
                return Err(err(
                    bfile,
                    line,
                    "a body row needs a form and an organisation".into(),
                ));
            }
            bodies.push(BodyEntry {
                form: cell(&cells, 0).to_string(),
                org: cell(&cells, 1).to_string(),
                state: state_cell(bfile, line, cell(&cells, 2))?,
            });
        }
        let body_matcher = PhraseMatcher::new(
            bodies
                .iter()
                .enumerate()
                .map(|(i, b)| (b.form.clone(), i, needs_exact_case(&b.form)))
                .collect(),
        )
        .map_err(|e| err(bfile, 0, e))?;

        // Triggers.
        let (tfile, tcontents) = src.triggers;
        let mut triggers = Vec::new();
        let mut trigger_patterns = Vec::new();
        for (line, cells) in rows(tcontents) {
            if cells.len() > 5 {
                return Err(err(
                    tfile,
                    line,
                    format!(
                        "expected at most 5 tab-separated columns, found {}",
                        cells.len()
                    ),
                ));
            }
            let cat = cell(&cells, 0);
            let Some(category) = CATEGORIES.iter().find(|c| **c == cat) else {
                return Err(err(
                    tfile,
                    line,
                    format!("'{cat}' is not a PLOVER category"),
                ));
            };
            let frame = match cell(&cells, 2) {
                "verb" => Frame::Verb,
                "noun" => Frame::Noun,
                "sym" => Frame::Sym,
                "claim" => Frame::Claim,
                "patient" => Frame::Patient,
                other => return Err(err(tfile, line, format!("unknown frame '{other}'"))),
            };
            let phrase = cell(&cells, 3);
            if phrase.is_empty() {
                return Err(err(tfile, line, "empty phrase".into()));
            }
            let idx = triggers.len();
            for p in expand_phrase(phrase) {
                trigger_patterns.push((p, idx));
            }
            triggers.push(Trigger {
                category,
                mode: non_empty(cell(&cells, 1)),
                frame,
                source: phrase.to_string(),
                context: cell(&cells, 4)
                    .split('/')
                    .filter(|x| !x.is_empty())
                    .map(|x| x.to_lowercase())
                    .collect(),
                line,
            });
        }
        // One phrase may belong to several rows ("called" with "counterpart"
        // is a call, with "unacceptable" an accusation): group them, in file order.
        let mut trigger_groups: Vec<Vec<usize>> = Vec::new();
        let mut group_of: HashMap<String, usize> = HashMap::new();
        let mut unique_patterns = Vec::new();
        for (p, idx) in trigger_patterns {
            let key = p.to_lowercase();
            match group_of.get(&key) {
                Some(&g) => trigger_groups[g].push(idx),
                None => {
                    group_of.insert(key, trigger_groups.len());
                    unique_patterns.push((p, trigger_groups.len(), false));
                    trigger_groups.push(vec![idx]);
                }
            }
        }
        let trigger_matcher = PhraseMatcher::new(unique_patterns).map_err(|e| err(tfile, 0, e))?;

        // Cues.
        let (cfile, ccontents) = src.cues;
        let mut cues = Cues::default();
        for (line, cells) in rows(ccontents) {
            let phrase = cell(&cells, 1).to_string();
            let list = match cell(&cells, 0) {
                "negation" => &mut cues.negation,
                "modal" => &mut cues.modal,
                "hope" => &mut cues.hope,
                "discard" => &mut cues.discard,
                "passive" => &mut cues.passive,
                "participle" => &mut cues.participle,
                "private" => &mut cues.private,
                "clause" => &mut cues.clause,
                "nonstate" => &mut cues.nonstate,
                "honorific" => &mut cues.honorific,
                "pair" => &mut cues.pair,
                "purpose" => &mut cues.purpose,
                "commit" => &mut cues.commit,
                "eventref" => {
                    let cats: Vec<String> = cell(&cells, 2)
                        .split('/')
                        .filter(|c| !c.is_empty())
                        .map(str::to_string)
                        .collect();
                    if let Some(bad) = cats.iter().find(|c| !CATEGORIES.contains(&c.as_str())) {
                        return Err(err(
                            cfile,
                            line,
                            format!("'{bad}' is not a PLOVER category"),
                        ));
                    }
                    cues.eventref_categories.push(cats);
                    &mut cues.eventref
                }
                other => return Err(err(cfile, line, format!("unknown cue kind '{other}'"))),
            };
            list.push(phrase);
        }
        let discard_matcher = PhraseMatcher::new(
            cues.discard
                .iter()
                .enumerate()
                .map(|(i, d)| (d.clone(), i, false))
                .collect(),
        )
        .map_err(|e| err(cfile, 0, e))?;
        let nonstate_matcher = PhraseMatcher::new(
            cues.nonstate
                .iter()
                .enumerate()
                .map(|(i, d)| (d.clone(), i, true))
                .collect(),
        )
        .map_err(|e| err(cfile, 0, e))?;

        let phrases = crate::scan::PhraseScanner::new([
            &state_matcher,
            &nonstate_matcher,
            &role_matcher,
            &body_matcher,
            &trigger_matcher,
            &discard_matcher,
        ])
        // The patterns of every phrase table, compiled together.
        .map_err(|e| err(&[sfile, rfile, bfile, tfile, cfile].join(", "), 0, e))?;

        // Office-holders.
        let (hfile, hcontents) = src.holders;
        let holders = parse_holders(hcontents, &by_iso3).map_err(|m| err(hfile, 0, m))?;
        let mut holders_by_family: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut holders_by_name: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (idx, holder) in holders.iter().enumerate() {
            for n in std::iter::once(&holder.name).chain(holder.aliases.iter()) {
                let key = crate::extract::officials::normalize_name(n);
                if let Some(fam) = key.split(' ').next_back() {
                    holders_by_family
                        .entry(fam.to_string())
                        .or_default()
                        .push(idx);
                }
                holders_by_name.entry(key).or_default().push(idx);
            }
        }

        Ok(Knowledge {
            states,
            state_forms: forms,
            state_matcher,
            by_iso3,
            roles,
            role_matcher,
            bodies,
            body_matcher,
            triggers,
            trigger_matcher,
            trigger_groups,
            honorific_initials: ByteSet::initials(&cues.honorific),
            cues,
            discard_matcher,
            nonstate_matcher,
            phrases,
            holders,
            holders_by_family,
            holders_by_name,
        })
    }

    /// Every occurrence in `text` of every matcher's patterns, in one pass.
    pub fn scan(&self, text: &str) -> crate::scan::Scan {
        self.phrases.scan(text)
    }

    pub fn state(&self, iso3: &str) -> Option<&StateInfo> {
        self.by_iso3.get(iso3).map(|&i| &self.states[i])
    }

    pub fn state_index(&self, iso3: &str) -> Option<usize> {
        self.by_iso3.get(iso3).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_a_quad_and_score() {
        let t = category_table().unwrap();
        assert_eq!(t.len(), 16);
        assert_eq!(
            t["ASSAULT"],
            CategoryInfo {
                quad: Quad::MaterialConflict,
                score: -9.0
            }
        );
        assert_eq!(t["CONSULT"].quad, Quad::VerbalCooperation);
    }

    #[test]
    fn inflections() {
        assert_eq!(
            inflect("accuse"),
            ["accuse", "accuses", "accused", "accusing"]
        );
        assert_eq!(inflect("deny"), ["deny", "denies", "denied", "denying"]);
        assert_eq!(inflect("push"), ["push", "pushes", "pushed", "pushing"]);
        assert_eq!(
            inflect("attack"),
            ["attack", "attacks", "attacked", "attacking"]
        );
    }

    #[test]
    fn phrase_expansion() {
        assert_eq!(
            expand_phrase("held/hold talks"),
            ["held talks", "hold talks"]
        );
        assert_eq!(expand_phrase("agree+ to").len(), 4);
        assert_eq!(
            expand_phrase("shot/shoot down|downed"),
            ["downed", "shoot down", "shot down"]
        );
    }

    #[test]
    fn builtin_data_compiles() {
        let k = Knowledge::builtin().unwrap();
        assert!(k.states.len() >= 195, "{} states", k.states.len());
        assert!(k.state("IRN").is_some());
        for c in CATEGORIES {
            assert!(
                k.triggers.iter().any(|t| t.category == c),
                "no trigger for {c}"
            );
        }
    }

    fn sources<'a>(states: &'a str, triggers: &'a str) -> Sources<'a> {
        Sources {
            states: ("states.tsv", states),
            roles: ("roles.tsv", "president\tpresident\t\t\n"),
            bodies: ("bodies.tsv", ""),
            triggers: ("triggers.tsv", triggers),
            cues: ("cues.tsv", ""),
            holders: ("holders.ttl", ""),
        }
    }

    const ONE_STATE: &str = "IRN\tIR\tIran\tIslamic Republic of Iran\t\tIranian\tIranians\tTehran\t\t\tthe Islamic Republic\t\tQ794\tmember\n";

    #[test]
    fn errors_name_file_and_line() {
        let e = Knowledge::load(&sources("# c\nIRAN\tIR\n", ""))
            .err()
            .unwrap();
        assert_eq!((e.file.as_str(), e.line), ("states.tsv", 2));
        let e = Knowledge::load(&sources(ONE_STATE, "# x\n\nBLAME\t\tverb\tblame+\t\n"))
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "triggers.tsv:3: 'BLAME' is not a PLOVER category"
        );
        let e = Knowledge::load(&sources(ONE_STATE, "ACCUSE\t\tverb\tblame+\t\tbehind\n"))
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "triggers.tsv:1: expected at most 5 tab-separated columns, found 6"
        );
    }

    #[test]
    fn trigger_context_is_read() {
        let k = Knowledge::load(&sources(
            ONE_STATE,
            "ACCUSE\tallege\tclaim\tsaid\tbehind/involved\n",
        ))
        .unwrap();
        assert_eq!(k.triggers[0].context, ["behind", "involved"]);
        assert_eq!(k.triggers[0].mode.as_deref(), Some("allege"));
    }

    #[test]
    fn phrase_matcher_respects_words_and_case() {
        let k = Knowledge::load(&sources(ONE_STATE, "ACCUSE\t\tverb\taccuse+\t\n")).unwrap();
        let text = "Iranians and the Islamic Republic; Iranianism; IRAN";
        let found: Vec<&str> = k
            .state_matcher
            .find(text)
            .iter()
            .map(|m| &text[m.start..m.end])
            .collect();
        assert_eq!(found, ["Iranians", "the Islamic Republic"]);
    }
}
