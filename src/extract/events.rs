//! Events: trigger phrases from the lexicon, read in their clause, with actor
//! and target resolved to states through officials and bodies.
//!
//! For each sentence, every trigger match is checked against the cue lists
//! (negation, modality, hope, discard phrases, a required context word) and
//! then read by its frame:
//! - `verb`: the actor is the clause subject, the target the first participant
//!   after the verb that is not a place ("in Baku") or an agent ("by Tehran");
//!   in the passive ("were declared persona non grata by …") the roles swap;
//! - `noun`: the actor is a possessive or demonym right before the noun
//!   ("Israeli strikes") or a "by" phrase after it, else the clause subject,
//!   except for attacks, whose unknown perpetrator stays unknown;
//! - `sym`: talks and calls; both sides are participants ("between X and Y");
//! - `claim`: "X believes Y is behind …": an accusation of Y by X.
//!
//! An event needs a target state, and an actor state unless it is an attack
//! by unknown perpetrators. Dates come from the clause, then the sentence,
//! then the paragraph; present-tense statements take the publication date.

use super::{Context, Part};
use crate::dates::{DateMention, PartialDate};
use crate::knowledge::{Frame, Knowledge, PhraseMatch, Trigger};
use crate::model::{Event, Evidence, Participant};
use crate::scan::Phrases;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Whether a trigger's required context word (if any) is among the ten
/// words after it.
fn context_present(trig: &Trigger, words: &[LowerWord], t_end: usize) -> bool {
    let after = words.partition_point(|(p, _)| *p < t_end);
    trig.context.is_empty()
        || words[after..]
            .iter()
            .take(10)
            .any(|(_, w)| is_context_word(trig, w))
}

/// Whether `word` is one of the trigger's context words (a long one may
/// stand for its inflections: "diplomat" for "diplomats").
fn is_context_word(trig: &Trigger, word: &str) -> bool {
    trig.context
        .iter()
        .any(|c| word == c || (c.len() > 4 && word.starts_with(c.as_str())))
}

/// In the passive the object comes first ("Iran's ambassador was summoned"),
/// so for a trigger done to a diplomat the required context word may be
/// among the twelve words before the auxiliary. (Not for other contexts:
/// "relations is so reduced to these two guys" is no downgrade.)
fn context_before_passive(
    trig: &Trigger,
    words: &[LowerWord],
    t_start: usize,
    trigger_text: &str,
    k: &Knowledge,
) -> bool {
    if !done_to_a_diplomat(trig) {
        return false;
    }
    let before: Vec<&str> = words
        .iter()
        .filter(|(p, _)| *p < t_start)
        .map(|(_, w)| w.as_ref())
        .collect();
    is_passive(&before, trigger_text, k)
        && before
            .iter()
            .rev()
            .take(12)
            .any(|w| is_context_word(trig, w))
}

/// A measure taken against a diplomat: a protest or sanction trigger that
/// needs one nearby ("summoned", "recalled" the ambassador).
fn done_to_a_diplomat(trig: &Trigger) -> bool {
    matches!(trig.category, "ACCUSE" | "SANCTION") && trig.context.iter().any(|c| c == "ambassador")
}

/// A demonym before a noun for private people ("an Iranian citizen", "two
/// Russian nationals"): a person of that nationality, not the state.
fn names_a_national(text: &str, p: &Part, k: &Knowledge) -> bool {
    p.demonym
        && p.official.is_none()
        && p.org.is_none()
        && text[p.end..]
            .split_whitespace()
            .next()
            .map(|w| {
                w.trim_end_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .is_some_and(|w| k.cues.private.contains(&w))
}

/// Sentence openers of a fronted phrase: "In a call with X, Y demanded …".
const FRONTING: &[&str] = &[
    "In",
    "During",
    "At",
    "After",
    "Before",
    "On",
    "With",
    "Following",
    "Despite",
    "Amid",
    "Since",
];

/// Whether the participant right after the trigger is an official whose role
/// is a required context word: "was recalling Meyer" (an ambassador).
fn context_in_role(trig: &Trigger, parts: &[Part], roles: &[Vec<String>], t_end: usize) -> bool {
    !trig.context.is_empty()
        && parts
            .iter()
            .filter(|p| p.start >= t_end && p.start - t_end < 40)
            .take(1)
            .any(|p| {
                p.official.and_then(|i| roles.get(i)).is_some_and(|rs| {
                    rs.iter()
                        .any(|r| trig.context.iter().any(|c| r.contains(c.as_str())))
                })
            })
}

/// Words that make the next word a noun: "the attack", "its strikes".
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "such",
];

/// Prepositions after which a participant is a place or an agent, not a target.
const NOT_TARGET_PREPS: &[&str] = &[
    "in", "at", "from", "by", "near", "inside", "within", "during", "across", "despite", "between",
    "among", "like",
    // "fired what Seoul called a missile": the subject of an embedded clause.
    "what", "which", "who", "whom",
];
/// Prepositions after which a participant is not the clause subject.
const NOT_SUBJECT_PREPS: &[&str] = &[
    "in", "at", "from", "by", "near", "inside", "within", "during", "across", "of", "on", "to",
    "against", "with", "for", "into", "over", "toward", "towards", "about", "despite", "between",
    "among", "after", "before", "like", "than", "under", "behind", "upon", "outside",
];

static NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("dozens", 24),
    ("a", 1),
    ("an", 1),
];

const NUMBER: &str = r"\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|dozens|a|an";

/// "12 people were killed", "three soldiers killed".
static COUNT_THEN_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:at\s+least\s+)?(?P<n>{NUMBER})\s+(?:[a-z-]+\s+){{0,3}}?(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+|been\s+)?(?:badly\s+|seriously\s+)?(?P<v>killed|dead|wounded|injured|hurt)\b"))
        .expect("casualty regex")
});

/// "killed 12 people", "wounding two".
static VERB_THEN_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?P<v>killed|killing|kills|wounded|wounding|wounds|injured|injuring|injures)\s+(?:at\s+least\s+)?(?P<n>{NUMBER}|the)\b"))
        .expect("casualty regex")
});

fn parse_count(word: &str) -> Option<u32> {
    let w = word.to_lowercase().replace(',', "");
    if let Ok(n) = w.parse::<u32>() {
        return Some(n);
    }
    NUMBER_WORDS
        .iter()
        .find(|(name, _)| *name == w)
        .map(|(_, n)| *n)
}

/// Killed and wounded counts stated in a sentence.
pub fn casualties(sentence: &str) -> (Option<u32>, Option<u32>) {
    let mut killed = None;
    let mut wounded = None;
    // "killed 12 people and wounded 30": read verb-first phrases first, and
    // never let a count-first phrase reuse their words.
    let verb_first: Vec<regex::Captures> = VERB_THEN_COUNT.captures_iter(sentence).collect();
    let taken: Vec<(usize, usize)> = verb_first
        .iter()
        .filter_map(|c| c.get(0))
        .map(|m| (m.start(), m.end()))
        .collect();
    let count_first = COUNT_THEN_VERB.captures_iter(sentence).filter(|c| {
        c.get(0)
            .is_some_and(|m| !taken.iter().any(|&(s, e)| m.start() < e && s < m.end()))
    });
    for c in verb_first.into_iter().chain(count_first) {
        let n = &c["n"];
        // "killed the head of mission security": one person.
        let Some(count) = parse_count(n).or_else(|| n.eq_ignore_ascii_case("the").then_some(1))
        else {
            continue;
        };
        let v = c["v"].to_lowercase();
        if v.starts_with("kill") || v == "dead" {
            killed.get_or_insert(count);
        } else {
            wounded.get_or_insert(count);
        }
    }
    (killed, wounded)
}

/// Whether a participant stands where a subject stands (not after a preposition).
///
/// A subject starts its clause (after punctuation or nothing) or follows a
/// conjunction; after a preposition it is a place or an object, and after any
/// other word (usually a verb: "thanked Washington") an object.
pub fn is_subject_slot(p: &Part) -> bool {
    match p.prep.as_deref() {
        None => true,
        Some(w) => SUBJECT_INTRO.contains(&w) || w.chars().all(|c| c.is_ascii_digit()),
    }
}

/// Words after which a clause (and so its subject) begins.
const SUBJECT_INTRO: &[&str] = &[
    "and",
    "or",
    "but",
    "that",
    "while",
    "when",
    "as",
    "after",
    "before",
    "because",
    "since",
    "although",
    "though",
    "then",
    "also",
    "meanwhile",
    "however",
    "where",
    "whereas",
    "if",
    "once",
    "until",
    "so",
    "said",
    "says",
    "say",
    "saying",
    "added",
    "believes",
    "thinks",
    "later",
    "earlier",
    "both",
    "neither",
    "whether",
    "wednesday",
    "monday",
    "tuesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "now",
    "still",
    "instead",
    "which",
    "who",
    "where",
];

/// A word in lower case, with its byte offset.
type LowerWord<'s> = (usize, Cow<'s, str>);

/// Lower-cased words of `s` with their byte offsets relative to `base`.
/// (A word in ASCII lower case already is borrowed as it is.)
fn lower_words(s: &str, base: usize) -> Vec<LowerWord<'_>> {
    crate::text::words(s)
        .into_iter()
        .map(|(o, w)| (base + o, lower_case(w)))
        .collect()
}

/// `w.to_lowercase()`, without a copy when `w` is ASCII without capitals.
fn lower_case(w: &str) -> Cow<'_, str> {
    if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

/// The word right before byte `pos`, skipping determiners and numbers.
pub fn preposition_before(text: &str, from: usize, pos: usize) -> Option<String> {
    // Determiners, and honorifics left in front of a name found without its
    // title ("General Abdourahamane Tiani").
    const SKIP: &[&str] = &[
        "the",
        "a",
        "an",
        "its",
        "his",
        "her",
        "their",
        "two",
        "three",
        "four",
        "several",
        "some",
        "senior",
        "top",
        "former",
        "official",
        "general",
        "gen",
        "colonel",
        "col",
        "admiral",
        "sheikh",
        "prince",
        "king",
        "emir",
        "ayatollah",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "lord",
        "brigadier",
        "major",
        "lieutenant",
        "captain",
        "marshal",
    ];
    let skipped = |w: &str| SKIP.contains(&w.to_lowercase().as_str());
    // Only the last words matter: read back no further than the first
    // word that is not skipped.
    crate::text::trailing_words(text, from, pos, |ws| ws.iter().any(|(_, w)| !skipped(w)))
        .iter()
        .rev()
        .map(|(_, w)| w.to_lowercase())
        .find(|w| !SKIP.contains(&w.as_str()))
}

/// Clause boundaries of one sentence, as byte offsets (start, end) of the boundary tokens.
fn clause_boundaries(
    text: &str,
    words: &[LowerWord],
    s_start: usize,
    s_end: usize,
    k: &Knowledge,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (pos, w) in words {
        if k.cues.clause.iter().any(|c| c == w) {
            out.push((*pos, pos + w.len()));
        }
    }
    for (i, c) in text[s_start..s_end].char_indices() {
        if c == ';' || c == ':' {
            out.push((s_start + i, s_start + i + 1));
        }
    }
    out.sort();
    out
}

/// Reads every event of one sentence, given the trigger phrases matched in
/// it (offsets within the sentence).
pub fn sentence_events(
    cx: &Context,
    si: usize,
    triggers: &[PhraseMatch],
    parts: &[Part],
    dates: &[DateMention],
    prev_date: Option<PartialDate>,
    earlier: &[Event],
) -> Vec<(Event, Option<String>)> {
    let k = cx.k;
    let text = cx.text;
    let s = cx.sentences[si];
    let sentence = &text[s.start..s.end];
    let mut out: Vec<(Event, Option<String>)> = Vec::new();
    let mut notes = Vec::new();
    if sentence
        .trim_end_matches(['"', '”', '\'', ')'])
        .ends_with('?')
    {
        return out;
    }
    if triggers.is_empty() {
        return out;
    }
    let words = lower_words(sentence, s.start);
    let boundaries = clause_boundaries(text, &words, s.start, s.end, k);
    let discards: Vec<PhraseMatch> = cx.scan.find(k, Phrases::Discards, text, s.start..s.end);
    // Casualty counts are read only for attacks, once per sentence.
    let counts = std::cell::OnceCell::new();
    let mut denial_until: Option<usize> = None;
    // "were declared persona non grata and ordered to leave": a participle
    // joined by "and" to a passive one is passive too.
    let mut last_passive_end: Option<usize> = None;
    let mut last_trigger: Option<(usize, &str)> = None;
    let mut pending: Vec<(Event, String)> = Vec::new();
    // The participants of the previous trigger, kept even when it was
    // dropped: ", killing two guards" continues it.
    let mut previous: (Vec<Part>, Vec<Part>) = (Vec::new(), Vec::new());

    for m in triggers {
        let t_start = s.start + m.start;
        let t_end = s.start + m.end;
        // The first row for this phrase whose required context is present.
        let Some(trig): Option<&Trigger> = k.trigger_groups[m.payload]
            .iter()
            .map(|&i| &k.triggers[i])
            .find(|t| {
                context_present(t, &words, t_end)
                    || context_in_role(t, parts, &cx.official_roles, t_end)
                    || context_before_passive(t, &words, t_start, &text[t_start..t_end], k)
            })
        else {
            continue;
        };
        let trigger_text = &text[t_start..t_end];
        let note = |why: &str| {
            format!(
                "sentence {}: «{}» ({}) dropped: {}",
                si + 1,
                trigger_text,
                trig.category,
                why
            )
        };
        // Inside a participant's name ("Defence Minister") or a date ("March 10")?
        if parts.iter().any(|p| t_start >= p.start && t_end <= p.end)
            || dates.iter().any(|d| d.start <= t_start && t_end <= d.end)
        {
            continue;
        }

        if discards
            .iter()
            .any(|d| d.start <= m.start && m.end <= d.end)
        {
            notes.push(note("inside a discard phrase"));
            continue;
        }

        // Cue words in the three words before the trigger, within the clause.
        let clause_start = boundaries
            .iter()
            .filter(|b| b.1 <= t_start)
            .map(|b| b.1)
            .max()
            .unwrap_or(s.start);
        let clause_end = boundaries
            .iter()
            .filter(|b| b.0 >= t_end && text[b.0..b.1] != *"that")
            .map(|b| b.0)
            .min()
            .unwrap_or(s.end);
        let before: Vec<&str> = words
            .iter()
            .filter(|(p, _)| *p < t_start && *p >= clause_start)
            .map(|(_, w)| w.as_ref())
            .collect();
        let last3 = &before[before.len().saturating_sub(3)..];
        if last3
            .iter()
            .any(|w| k.cues.negation.iter().any(|n| n == w) || w.ends_with("n't"))
        {
            notes.push(note("negated"));
            continue;
        }
        if denial_until.is_some_and(|u| t_start < u) {
            notes.push(note("inside a denial"));
            continue;
        }
        let before_text = text[clause_start.max(s.start)..t_start].to_lowercase();
        let sentence_before = text[s.start..t_start].to_lowercase();
        if k.cues
            .hope
            .iter()
            .any(|h| contains_word(&sentence_before, h))
        {
            notes.push(note("only hoped for"));
            continue;
        }
        let modal = last3.iter().any(|w| k.cues.modal.iter().any(|c| c == w))
            || k.cues
                .modal
                .iter()
                .filter(|c| c.contains(' '))
                .any(|c| before_text.trim_end().ends_with(c.as_str()));
        // "agreed to restore ties": not (yet) done. But "carried out
        // operations to detain people": the purpose of an act that happened.
        let purpose =
            last3.len() >= 2 && k.cues.purpose.iter().any(|p| p == last3[last3.len() - 2]);
        let infinitive = last3.last() == Some(&"to") && trig.category != "AGREE" && !purpose;
        let mut category = trig.category;
        // "decided to pull out", "troops would be out": a withdrawal or
        // release promised, not yet carried out, is a concession (PLOVER).
        let committed = infinitive
            && last3.len() >= 2
            && k.cues.commit.iter().any(|c| c == last3[last3.len() - 2]);
        if modal || infinitive {
            if category == "THREATEN" && modal {
                // A threat is about the future by nature: "would respond forcefully".
            } else if matches!(category, "CONSULT" | "SUPPORT" | "COOPERATE" | "AID") && modal {
                category = "AGREE";
            } else if category == "RETREAT" && (modal || committed) {
                category = "CONCEDE";
            } else {
                notes.push(note(if modal {
                    "not (yet) real: modal or future"
                } else {
                    "an infinitive complement"
                }));
                continue;
            }
        }
        if category == "REJECT" && trigger_text.to_lowercase().starts_with("den") {
            denial_until = Some(clause_end);
        }

        let joined_to_passive = last_passive_end.is_some_and(|end| {
            let between = text[end.min(t_start)..t_start].trim().to_lowercase();
            between == "and"
                || between.ends_with(" and")
                    && !between.contains(',')
                    && between.split_whitespace().count() <= 2
        });
        // "the attack", "its strikes": a verb entry used as a noun.
        let raw_before = text[s.start..t_start]
            .split_whitespace()
            .next_back()
            .unwrap_or("");
        let determiner_before = DETERMINERS.contains(&raw_before.to_lowercase().as_str())
            && (raw_before.chars().all(|c| c.is_lowercase())
                || text[s.start..t_start].trim() == raw_before);
        // "Friday's shooting", "the January shooting": a possessive, or a
        // day or month after a determiner, before a verb entry makes it a noun.
        let two_before: Vec<&str> = text[s.start..t_start]
            .split_whitespace()
            .rev()
            .take(2)
            .collect();
        let dated_noun = match two_before.as_slice() {
            [w, ..] if w.ends_with("'s") || w.ends_with("’s") => true,
            [w, det] => {
                crate::dates::is_calendar_name(w)
                    && DETERMINERS.contains(&det.to_lowercase().as_str())
            }
            _ => false,
        };
        let determiner_before = determiner_before || dated_noun;
        // "an Ecuadorian request", "Israeli strikes": a demonym right before.
        let demonym_before = parts
            .iter()
            .any(|p| p.demonym && p.end < t_start && text[p.end..t_start].trim().is_empty());
        let frame = if trig.frame == Frame::Verb && (determiner_before || demonym_before) {
            Frame::Noun
        } else {
            trig.frame
        };
        // "condemned the attack", "called the strike reckless": the noun
        // names the event reacted to, reported elsewhere; not a new event.
        let object_of_reaction = frame == Frame::Noun
            && last_trigger.is_some_and(|(end, cat): (usize, &str)| {
                matches!(
                    cat,
                    "ACCUSE" | "REJECT" | "REQUEST" | "THREATEN" | "SUPPORT"
                ) && text[end.min(t_start)..t_start]
                    .split_whitespace()
                    .all(|w| DETERMINERS.contains(&w.to_lowercase().as_str()))
            });
        last_trigger = Some((t_end, trig.category));
        if object_of_reaction {
            notes.push(note("the object of a reaction, not a new event"));
            continue;
        }
        let passive =
            frame == Frame::Verb && (is_passive(&before, trigger_text, k) || joined_to_passive);
        if passive {
            last_passive_end = Some(t_end);
        }
        let in_clause = |p: &&Part| p.start >= clause_start && p.end <= clause_end;
        let left: Vec<&Part> = parts
            .iter()
            .filter(|p| p.end <= t_start)
            .filter(in_clause)
            .collect();
        let right: Vec<&Part> = parts
            .iter()
            .filter(|p| p.start >= t_end)
            .filter(in_clause)
            .collect();
        let subject = |parts_left: &[&Part]| -> Vec<Part> {
            // "The foreign ministers of Iran and Saudi Arabia held talks":
            // a short head noun phrase ending in "of" still makes a subject.
            let head_of = |i: usize, p: &Part| {
                let from = text[clause_start..p.start]
                    .rfind(',')
                    .map_or(clause_start, |c| clause_start + c + 1);
                i == 0
                    && p.prep.as_deref() == Some("of")
                    && crate::text::words(&text[from..p.start]).len() <= 8
            };
            let subj = parts_left
                .iter()
                .enumerate()
                .position(|(i, p)| is_subject_slot(p) || head_of(i, p));
            match subj {
                Some(i) => coordinated(text, parts_left, i),
                None => Vec::new(),
            }
        };
        // The first participant after the trigger that is not a place or an
        // agent, with any joined to it ("Rwanda, Belgium and Kenya").
        let first_target = |cands: &[&Part], exclude: &[Part], allow_loc: bool| -> Vec<Part> {
            let excluded = |p: &Part| exclude.iter().any(|e| e.state == p.state);
            // An attack "on positions inside Armenia" targets Armenia;
            // exercises "around Taiwan" are aimed at Taiwan.
            let place_is_target = matches!(category, "ASSAULT" | "MOBILIZE");
            let pos = cands
                .iter()
                .position(|p| {
                    let prep = p.prep.as_deref();
                    !excluded(p)
                        && (!prep.is_some_and(|w| NOT_TARGET_PREPS.contains(&w))
                            || place_is_target
                                                                && prep.is_some_and(|w| ["in", "inside", "near", "at", "around", "off", "toward", "towards", "along"].contains(&w))
                            // "withdraw troops from Slovakia"
                            || trig.category == "RETREAT" && prep == Some("from"))
                })
                .or_else(|| {
                    if allow_loc {
                        cands
                            .iter()
                            .position(|p| !excluded(p) && p.prep.as_deref() != Some("by"))
                    } else {
                        None
                    }
                });
            pos.map(|i| coordinated(text, cands, i)).unwrap_or_default()
        };
        let by_agent = right
            .iter()
            .find(|p| p.prep.as_deref() == Some("by") && p.start - t_end < 60)
            .map(|p| (*p).clone());

        let (mut actors, mut targets): (Vec<Part>, Vec<Part>) = match frame {
            Frame::Verb if passive => {
                let targets = subject(&left);
                let actors = match by_agent {
                    Some(a) => vec![a],
                    None if category == "SANCTION" || done_to_a_diplomat(trig) => {
                        // "were declared persona non grata and ordered to leave Azerbaijan",
                        // "was summoned to the ministry in Baku": the state that
                        // expels or summons is where the mission is.
                        parts
                            .iter()
                            .filter(|p| {
                                p.start >= clause_start
                                    && !targets.iter().any(|t| t.state == p.state)
                            })
                            .find(|p| p.prep.as_deref() == Some("in") || p.start >= t_end)
                            .map(|p| vec![p.clone()])
                            .unwrap_or_default()
                    }
                    None => Vec::new(),
                };
                (actors, targets)
            }
            Frame::Verb | Frame::Claim => {
                let mut actors = subject(&left);
                if actors.is_empty() {
                    actors = fallback_subject(cx, si, parts, clause_start);
                }
                let targets = first_target(&right, &actors, category == "SANCTION");
                (actors, targets)
            }
            Frame::Patient => {
                let targets = subject(&left);
                let actors = fallback_subject(cx, si, parts, clause_start);
                (actors, targets)
            }
            Frame::Noun => {
                let adjacent = left
                    .iter()
                    .rev()
                    .find(|p| {
                        // "Israeli strikes", "Russia's full-scale invasion": a
                        // demonym or possessive, with at most lower-case
                        // modifiers between.
                        let between = text
                            .get(p.end..t_start)
                            .unwrap_or("")
                            .trim_start_matches("'s")
                            .trim_start_matches("’s");
                        (p.possessive || p.demonym)
                            && between.split_whitespace().count() <= 2
                            && between
                                .split_whitespace()
                                .all(|w| w.starts_with(|c: char| c.is_lowercase()))
                    })
                    .map(|p| (*p).clone());
                let mut actors: Vec<Part> = adjacent.or(by_agent.clone()).into_iter().collect();
                if actors.is_empty() && category != "ASSAULT" {
                    actors = subject(&left);
                    if actors.is_empty() && category != "PROTEST" {
                        actors = fallback_subject(cx, si, parts, clause_start);
                    }
                }
                let targets = right
                    .iter()
                    .filter(|p| by_agent.as_ref().is_none_or(|b| b.start != p.start))
                    .filter(|p| !actors.iter().any(|a| a.state == p.state))
                    .find(|p| {
                        p.prep.as_deref().is_some_and(|w| {
                            [
                                "on",
                                "against",
                                "of",
                                "to",
                                "with",
                                "at",
                                "outside",
                                "near",
                                "targeting",
                                "toward",
                                "towards",
                                "into",
                                "in",
                                "over",
                            ]
                            .contains(&w)
                        }) && p.start - t_end < 80
                    })
                    .map(|p| {
                        let i = right.iter().position(|q| q.start == p.start).unwrap_or(0);
                        coordinated(text, &right, i)
                    })
                    .unwrap_or_default();
                (actors, targets)
            }
            Frame::Sym => {
                let mut actors = subject(&left);
                let between: Vec<Part> = parts
                    .iter()
                    .filter(|p| {
                        p.start >= clause_start
                            && p.end <= clause_end
                            && p.prep.as_deref() == Some("between")
                    })
                    .flat_map(|p| {
                        coordinated(
                            text,
                            &parts.iter().collect::<Vec<_>>(),
                            parts.iter().position(|q| q.start == p.start).unwrap_or(0),
                        )
                    })
                    .collect();
                let explicit_with = right.iter().any(|p| {
                    p.prep
                        .as_deref()
                        .is_some_and(|w| ["with", "to"].contains(&w))
                });
                if between.len() >= 2 && !explicit_with {
                    actors = vec![between[0].clone()];
                    (actors, vec![between[1].clone()])
                } else {
                    if actors.is_empty() {
                        actors = fallback_subject(cx, si, parts, clause_start);
                    }
                    let with = right
                        .iter()
                        .position(|p| {
                            p.prep
                                .as_deref()
                                .is_some_and(|w| ["with", "to", "between"].contains(&w))
                                || p.prep.is_none()
                        })
                        .map(|i| coordinated(text, &right, i))
                        // "spoke by phone with Sheikh Tamim and the Saudi crown
                        // prince": the first party named after "with".
                        .or_else(|| {
                            let with_at = text[t_end..clause_end.max(t_end)]
                                .find(" with ")
                                .map(|i| t_end + i);
                            with_at
                                .and_then(|w| {
                                    right.iter().position(|p| p.start > w && p.start - w < 60)
                                })
                                .map(|i| coordinated(text, &right, i))
                        });
                    match with {
                        Some(w) if !actors.is_empty() || w.len() < 2 => (actors, w),
                        Some(mut w) => {
                            // "Talks with X and Y": no subject, X and Y meet.
                            let rest = w.split_off(1);
                            (w, rest)
                        }
                        None if actors.len() >= 2 => {
                            let rest = actors.split_off(1);
                            (actors, rest)
                        }
                        None => (actors, Vec::new()),
                    }
                }
            }
        };
        // "In a call with X, Foreign Minister Y demanded …": a fronted
        // phrase; the subject comes after its comma.
        let first_word = text[s.start..s.end].split_whitespace().next().unwrap_or("");
        let fronted = FRONTING.contains(&first_word) && !text[s.start..t_start].contains(',');
        if actors.is_empty() && frame != Frame::Noun && fronted {
            if let Some(comma) = text[t_end..s.end].find(',').map(|c| t_end + c) {
                let after_comma: Vec<&Part> = parts.iter().filter(|p| p.start > comma).collect();
                if let Some(first) = after_comma.first() {
                    if first.prep.is_none() && first.start - comma < 40 {
                        actors = coordinated(text, &after_comma, 0);
                        targets.retain(|t| !actors.iter().any(|a| a.start == t.start));
                    }
                }
            }
        }
        // Protesters act for the state where they protest.
        if actors.is_empty() && category == "PROTEST" {
            let place = parts
                .iter()
                .find(|p| p.is_state_name && p.prep.as_deref() == Some("in"))
                .and_then(|p| p.state.clone())
                .or_else(|| cx.home.clone());
            if let Some(state) = place {
                actors = vec![Part {
                    state: Some(state.clone()),
                    text: state,
                    ..placeholder_part()
                }];
            }
        }
        // "stormed the embassy, killing two guards": a participle after a
        // comma continues the previous action, with its participants.
        let participle = trigger_text
            .split_whitespace()
            .next()
            .is_some_and(|w| w.ends_with("ing"))
            && text[s.start..t_start].trim_end().ends_with(',');
        if participle {
            if targets.iter().all(|t| t.state.is_none()) {
                targets = previous.1.clone();
            }
            if actors.iter().all(|a| a.state.is_none()) && category != "ASSAULT" {
                actors = previous.0.clone();
            }
        }
        previous = (actors.clone(), targets.clone());
        actors.retain(|a| a.state.is_some());
        // "condemned the attack", "called it reckless": the target is whoever
        // carried out the event referred to.
        if matches!(category, "ACCUSE" | "REJECT" | "THREATEN" | "REQUEST") {
            let after = text[t_end..clause_end.max(t_end)]
                .trim_start()
                .to_lowercase();
            let refers = k.cues.eventref.iter().position(|r| {
                after.starts_with(r.as_str())
                    && after[r.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric())
            });
            if let Some(r) = refers {
                let referent =
                    referent_actors(earlier, &out, &actors, &k.cues.eventref_categories[r]);
                if !referent.is_empty() {
                    targets = referent;
                }
            }
        }
        // "the two leaders held talks", "urged both sides": the two states
        // the story is about.
        let pair_in = |from: usize, to: usize| {
            let to = crate::text::floor_char_boundary(text, to);
            let seg = text[from.min(to)..to].to_lowercase();
            k.cues.pair.iter().any(|p| contains_word(&seg, p))
        };
        let subject_in_clause = left.iter().any(|p| is_subject_slot(p));
        if (actors.is_empty() || !subject_in_clause) && pair_in(clause_start, t_start) {
            if let Some([a, b]) = cx.main_pair(t_start, &[]) {
                actors = vec![pair_part(a), pair_part(b)];
            }
        }
        if targets.iter().all(|t| t.state.is_none())
            && !actors.is_empty()
            && pair_in(t_end, (t_end + 40).min(clause_end))
        {
            let acting: Vec<&str> = actors.iter().filter_map(|a| a.state.as_deref()).collect();
            if let Some([a, b]) = cx.main_pair(t_start, &acting) {
                targets = vec![pair_part(a), pair_part(b)];
            }
        }
        // "was recalling Meyer", "summoned Ambassador Laidre": a diplomat
        // the text gives no state for serves the other side of the story.
        let is_diplomat = |p: &Part| {
            p.official
                .and_then(|i| cx.official_roles.get(i))
                .is_some_and(|rs| {
                    rs.iter().any(|r| {
                        [
                            "ambassador",
                            "envoy",
                            "charge d'affaires",
                            "high commissioner",
                            "diplomat",
                            "consul",
                        ]
                        .iter()
                        .any(|d| r.contains(d))
                    })
                })
        };
        if !actors.is_empty()
            && targets.iter().all(|t| t.state.is_none())
            && targets.iter().any(is_diplomat)
        {
            let acting: Vec<&str> = actors.iter().filter_map(|a| a.state.as_deref()).collect();
            if let Some([a, b]) = cx.main_pair(t_start, &[]) {
                let in_pair = acting.len() == 1 && (acting[0] == a || acting[0] == b);
                let other = [a, b].into_iter().find(|s| !acting.contains(&s.as_str()));
                if let (Some(other), true) = (other, in_pair) {
                    for t in targets.iter_mut().filter(|t| is_diplomat(t)) {
                        t.state = Some(other.clone());
                    }
                }
            }
        }
        // "the Azerbaijani embassy suspended its activities", "its staff were
        // evacuated": acts of a mission abroad are about its host state.
        let host_of = |owner: &str| {
            cx.embassy_hosts
                .iter()
                .rev()
                .find(|(o, _, at)| o == owner && *at < t_end)
                .map(|(_, h, _)| h.clone())
        };
        // The subject phrase: after the last "and" or comma before the verb.
        let before_lower = text[clause_start..t_start].to_lowercase();
        let phrase_start = before_lower.rfind(", ").map_or(0, |i| i + 2);
        let phrase = before_lower[phrase_start..].trim_start();
        let subject_is_its =
            passive && (phrase.starts_with("its ") || phrase.contains(" and its "));
        if matches!(trig.category, "SANCTION" | "RETREAT")
            && (subject_is_its || targets.iter().all(|t| t.state.is_none()))
        {
            if subject_is_its {
                actors.clear();
                targets.clear();
                // "its staff": the mission named last before this clause.
                let mission = cx.all_parts.iter().rev().find(|p| {
                    p.end <= t_start
                        && p.org.as_deref().is_some_and(|o| {
                            matches!(o, "Embassy" | "Consulate" | "Diplomatic Mission")
                        })
                });
                if let Some(m) = mission {
                    actors = vec![m.clone()];
                }
            }
            let mission_actor = actors.iter().find(|a| {
                a.org
                    .as_deref()
                    .is_some_and(|o| matches!(o, "Embassy" | "Consulate" | "Diplomatic Mission"))
            });
            if let Some(host) = mission_actor
                .and_then(|a| a.state.as_deref())
                .and_then(host_of)
            {
                targets = vec![pair_part(host)];
            }
        }
        // A denial or rejection with no object answers the latest accusation
        // or demand made against the one who rejects it.
        if targets.iter().all(|t| t.state.is_none()) && category == "REJECT" && !actors.is_empty() {
            let rejecting: Vec<&str> = actors.iter().filter_map(|a| a.state.as_deref()).collect();
            let answered = earlier
                .iter()
                .chain(out.iter().filter(|(_, n)| n.is_none()).map(|(e, _)| e))
                .rev()
                .find(|e| {
                    matches!(e.category.as_str(), "ACCUSE" | "REQUEST")
                        && e.target_states().iter().any(|t| rejecting.contains(t))
                        && !e.actors.is_empty()
                });
            if let Some(e) = answered {
                targets = e
                    .actors
                    .iter()
                    .map(|a| pair_part(a.state.clone().unwrap_or_default()))
                    .collect();
            } else if rejecting.len() == 1 {
                // No accusation read: in a two-sided story, the other side.
                if let Some([a, b]) = cx.main_pair(t_start, &[]) {
                    if rejecting[0] == a || rejecting[0] == b {
                        let other = if rejecting[0] == a { b } else { a };
                        targets = vec![pair_part(other)];
                    }
                }
            }
        }
        // "a ceasefire brokered by Moscow": the mediator consults both parties.
        if trig.mode.as_deref() == Some("third-party")
            && targets.iter().all(|t| t.state.is_none())
            && !actors.is_empty()
        {
            let acting: Vec<&str> = actors.iter().filter_map(|a| a.state.as_deref()).collect();
            if let Some([a, b]) = cx.main_pair(t_start, &acting) {
                targets = vec![pair_part(a), pair_part(b)];
            }
        }
        // "An Iranian citizen attacked the embassy": a national is not the
        // state acting.
        actors.retain(|a| !names_a_national(text, a, k));
        // Symmetric events with a compound subject: "Tehran and Riyadh agreed".
        if targets.iter().all(|t| t.state.is_none())
            && actors.len() >= 2
            && matches!(category, "CONSULT" | "AGREE" | "COOPERATE" | "SUPPORT")
        {
            targets = actors.split_off(1);
        }
        // Compound subjects with the target inside them: drop the target from actors.
        targets.retain(|t| t.state.is_some() && !actors.iter().any(|a| a.state == t.state));
        // "the attack", "the strikes": a definite noun for an event already
        // reported in this article (same category, no new target) refers
        // back to it; it is not a new event.
        let definite = frame == Frame::Noun
            && crate::text::ends_with_lowercase(text[..t_start].trim_end(), " the");
        if definite {
            let target_states: Vec<&str> =
                targets.iter().filter_map(|t| t.state.as_deref()).collect();
            let reported = earlier
                .iter()
                .chain(out.iter().filter(|(_, n)| n.is_none()).map(|(e, _)| e))
                .any(|e| {
                    e.category == category
                        && head_word(&e.trigger) == head_word(trigger_text)
                        && (target_states.is_empty() || e.target_states() == target_states)
                });
            if reported {
                notes.push(note("a reference to an event already reported"));
                continue;
            }
        }
        // "Baku views as an unfriendly step the military exercises organized
        // by Tehran": a reaction whose object is an event reported later in
        // the sentence waits for that event's actor.
        let awaits_object =
            targets.is_empty() && matches!(category, "ACCUSE" | "REJECT") && !actors.is_empty();
        if targets.is_empty() && !awaits_object {
            notes.push(note("no target state"));
            continue;
        }
        // Attacks by unknown or non-state perpetrators ("a gunman",
        // "Hezbollah opened fire") are kept with no actor state.
        if actors.is_empty() && category != "ASSAULT" {
            notes.push(note("no actor state"));
            continue;
        }
        // "Baku says Iran was behind the attack at the end of March": the
        // date belongs to the attack; a claim in the present tense is made now.
        let present_claim = trig.frame == Frame::Claim && is_present_tense(trigger_text, &before);
        // Where the date comes from: the text around the trigger, the
        // sentence before, or (for a report with no time of its own, not
        // told as background in the past perfect) the publication date.
        let background = before.iter().rev().take(3).any(|w| *w == "had");
        let (date, date_basis) = if present_claim {
            (cx.published, "publication")
        } else if let Some(d) = pick_date(dates, t_start, t_end, clause_start, clause_end) {
            (Some(d), "text")
        } else if let Some(d) = prev_date {
            (Some(d), "context")
        } else if !background {
            (cx.published, "publication")
        } else {
            (None, "none")
        };
        let location = parts
            .iter()
            .filter(|p| {
                p.start >= t_end
                    && p.start < clause_end
                    && p.prep.as_deref() == Some("in")
                    && p.is_state_name
            })
            .map(|p| p.state.clone())
            .next()
            .flatten();
        let event = Event {
            category: category.to_string(),
            mode: trig.mode.clone(),
            actors: actors.iter().map(to_participant).collect(),
            targets: targets.iter().map(to_participant).collect(),
            date,
            date_basis: if date.is_some() {
                Some(date_basis.to_string())
            } else {
                None
            },
            location,
            killed: if category == "ASSAULT" {
                counts.get_or_init(|| casualties(sentence)).0
            } else {
                None
            },
            wounded: if category == "ASSAULT" {
                counts.get_or_init(|| casualties(sentence)).1
            } else {
                None
            },
            trigger: trigger_text.to_string(),
            trigger_start: t_start,
            trigger_end: t_end,
            lexicon_line: trig.line,
            evidence: Evidence {
                sentence: si,
                start: clause_start.max(s.start),
                end: clause_end.min(s.end),
                rule: format!("event:{}", frame_name(frame, passive)),
            },
        };
        if awaits_object {
            pending.push((event, note("no target state")));
            continue;
        }
        let same =
            |e: &Event| e.category == event.category && e.target_states() == event.target_states();
        let duplicate = out.iter().any(|(e, n)| {
            n.is_none()
                && same(e)
                && (e.actor_states() == event.actor_states() || event.actors.is_empty())
        });
        if duplicate {
            continue;
        }
        // A reading with an actor replaces an actorless one of the same incident.
        if !event.actors.is_empty() {
            out.retain(|(e, n)| n.is_some() || !(same(e) && e.actors.is_empty()));
        }
        out.push((event, None));
    }
    for (mut event, why) in pending {
        let acting = event
            .actor_states()
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>();
        let object = out.iter().find(|(e, n)| {
            n.is_none()
                && e.trigger_start >= event.trigger_end
                && !e.actors.is_empty()
                && e.actor_states()
                    .iter()
                    .all(|a| !acting.iter().any(|x| x == a))
                && matches!(
                    e.category.as_str(),
                    "ASSAULT" | "MOBILIZE" | "COERCE" | "SANCTION" | "PROTEST"
                )
        });
        match object {
            Some((e, _)) => {
                event.targets = e.actors.clone();
                out.push((event, None));
            }
            None => notes.push(why),
        }
    }
    for n in notes {
        out.push((placeholder(), Some(n)));
    }
    out
}

/// The actors of the event an anaphoric noun refers to: the latest earlier
/// event (this sentence first) acted by someone else, preferring one that
/// targeted the reacting state.
fn referent_actors(
    earlier: &[Event],
    this_sentence: &[(Event, Option<String>)],
    reactors: &[Part],
    categories: &[String],
) -> Vec<Part> {
    let reacting: Vec<&str> = reactors.iter().filter_map(|p| p.state.as_deref()).collect();
    let candidates: Vec<&Event> = earlier
        .iter()
        .chain(
            this_sentence
                .iter()
                .filter(|(_, n)| n.is_none())
                .map(|(e, _)| e),
        )
        .filter(|e| {
            !e.actors.is_empty()
                && e.actor_states().iter().all(|a| !reacting.contains(a))
                && (categories.is_empty() || categories.contains(&e.category))
        })
        .collect();
    let pick = candidates
        .iter()
        .rev()
        .find(|e| e.target_states().iter().any(|t| reacting.contains(t)))
        .or_else(|| candidates.last());
    pick.map(|e| {
        e.actors
            .iter()
            .map(|a| Part {
                state: a.state.clone(),
                org: a.org.clone(),
                text: a.text.clone(),
                ..placeholder_part()
            })
            .collect()
    })
    .unwrap_or_default()
}

/// The last word of a trigger, lower case, without a plural "s": "attack"
/// for "the armed attacks".
fn head_word(trigger: &str) -> String {
    let last = trigger
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    match last.strip_suffix('s') {
        Some(stem) if stem.len() > 3 => stem.to_string(),
        _ => last,
    }
}

/// A participant named by a phrase for a pair of states.
fn pair_part(iso3: String) -> Part {
    Part {
        state: Some(iso3.clone()),
        text: iso3,
        ..placeholder_part()
    }
}

/// A participant that does not stand at a place in the sentence.
fn placeholder_part() -> Part {
    Part {
        start: 0,
        end: 0,
        state: None,
        official: None,
        org: None,
        text: String::new(),
        prep: None,
        possessive: false,
        demonym: false,
        is_state_name: false,
    }
}

fn placeholder() -> Event {
    Event {
        category: String::new(),
        mode: None,
        actors: Vec::new(),
        targets: Vec::new(),
        date: None,
        date_basis: None,
        location: None,
        killed: None,
        wounded: None,
        trigger: String::new(),
        trigger_start: 0,
        trigger_end: 0,
        lexicon_line: 0,
        evidence: Evidence {
            sentence: 0,
            start: 0,
            end: 0,
            rule: String::new(),
        },
    }
}

fn frame_name(f: Frame, passive: bool) -> &'static str {
    match (f, passive) {
        (Frame::Verb, true) => "passive",
        (Frame::Verb, false) => "verb",
        (Frame::Noun, _) => "noun",
        (Frame::Sym, _) => "symmetric",
        (Frame::Claim, _) => "claim",
        (Frame::Patient, _) => "patient",
    }
}

fn to_participant(p: &Part) -> Participant {
    Participant {
        state: p.state.clone(),
        official: p.official,
        org: p.org.clone(),
        text: p.text.clone(),
    }
}

fn contains_word(haystack: &str, word: &str) -> bool {
    if word.is_empty() {
        return haystack
            .match_indices(word)
            .any(|(i, _)| crate::text::is_word_bounded(haystack, i, i + word.len()));
    }
    // The occurrences `match_indices` finds (each search starting where
    // the last occurrence ended), by comparing bytes: cue phrases and the
    // text before a trigger are short, not worth a substring searcher.
    let (h, w) = (haystack.as_bytes(), word.as_bytes());
    let mut from = 0;
    while let Some(i) = (from..(h.len() + 1).saturating_sub(w.len()))
        .find(|&i| h[i] == w[0] && h[i..].starts_with(w))
    {
        if crate::text::is_word_bounded(haystack, i, i + w.len()) {
            return true;
        }
        from = i + w.len();
    }
    false
}

/// "were declared", "was shot": an auxiliary right before a participle.
fn is_passive(before: &[&str], trigger: &str, k: &Knowledge) -> bool {
    let first = trigger
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    let participle = first.ends_with("ed") || k.cues.participle.contains(&first);
    participle
        && before
            .iter()
            .rev()
            .take(2)
            .any(|w| k.cues.passive.iter().any(|p| p == w))
}

fn is_present_tense(trigger: &str, before: &[&str]) -> bool {
    let first = trigger
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    let aux_present = before
        .last()
        .is_some_and(|w| ["is", "are", "has", "have"].contains(w));
    (first.ends_with('s') && !first.ends_with("ss") && !first.ends_with("us")) || aux_present
}

/// The date mention nearest the trigger in its clause, else in the sentence.
fn pick_date(
    dates: &[DateMention],
    t_start: usize,
    t_end: usize,
    c_start: usize,
    c_end: usize,
) -> Option<PartialDate> {
    let dist = |d: &DateMention| {
        if d.end <= t_start {
            // A date after the verb usually belongs to it; one before it often
            // to an earlier clause ("who flew in on Sunday, held talks on Monday").
            (t_start - d.end) * 3
        } else {
            d.start.saturating_sub(t_end)
        }
    };
    let dates: Vec<&DateMention> = dates.iter().filter(|d| !d.deadline).collect();
    dates
        .iter()
        .copied()
        .filter(|d| d.start >= c_start && d.end <= c_end)
        .min_by_key(|d| dist(d))
        .or_else(|| dates.iter().copied().min_by_key(|d| dist(d)))
        .map(|d| d.date)
}

/// The participant(s) at index `i` and any joined to it by "and" / ",".
fn coordinated(text: &str, parts: &[&Part], i: usize) -> Vec<Part> {
    let mut out = vec![parts[i].clone()];
    let mut j = i;
    while j + 1 < parts.len() {
        let Some(gap) = text.get(parts[j].end..parts[j + 1].start) else {
            break;
        };
        // Joined by a comma or "and", with determiners and a repeated
        // preposition allowed: "Rwanda, Belgium, the United States and Kenya",
        // "with X and with Y".
        let gap = gap.trim().to_lowercase();
        let gap = gap.trim_start_matches("'s").trim_start_matches("’s");
        let words: Vec<&str> = gap
            .split(|c: char| c.is_whitespace())
            .filter(|w| {
                !w.is_empty() && !["the", "its", "his", "her", "their", "with", "to"].contains(w)
            })
            .collect();
        let joined = matches!(
            words.as_slice(),
            [","] | ["and"] | [",", "and"] | ["or"] | [",", "or"]
        ) || words.as_slice() == [","] && gap.contains(',')
            || words.is_empty() && gap.starts_with(',');
        if joined {
            out.push(parts[j + 1].clone());
            j += 1;
        } else {
            break;
        }
    }
    out
}

/// When the clause has no subject: the sentence subject, else the subject
/// a pronoun refers to in the previous sentence, else the last official.
fn fallback_subject(cx: &Context, si: usize, parts: &[Part], clause_start: usize) -> Vec<Part> {
    let s = cx.sentences[si];
    let before: Vec<&Part> = parts
        .iter()
        .filter(|p| p.end <= clause_start && p.start >= s.start)
        .collect();
    if let Some(i) = before.iter().position(|p| {
        !p.prep
            .as_deref()
            .is_some_and(|w| NOT_SUBJECT_PREPS.contains(&w))
    }) {
        return coordinated(cx.text, &before, i);
    }
    let first_word = cx.text[s.start..s.end]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    if si > 0 && ["he", "she", "it", "they", "the"].contains(&first_word.as_str()) {
        if let Some(prev) = cx.subjects.get(si - 1).and_then(|p| p.clone()) {
            if first_word == "he" || first_word == "she" {
                if prev.official.is_some() {
                    return vec![prev];
                }
                return cx.last_official_before(s.start).into_iter().collect();
            }
            return vec![prev];
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_as_match_indices_finds_them() {
        let by_search = |h: &str, w: &str| {
            h.match_indices(w)
                .any(|(i, _)| crate::text::is_word_bounded(h, i, i + w.len()))
        };
        let hays = [
            "",
            "a",
            "aaa aa",
            "both sides",
            "xboth sides",
            "both sidesy both sides",
            "é both é",
            "a a a",
            "aa",
        ];
        let needles = ["", "a", "aa", "a a", "both sides", "é", "sides"];
        for h in hays {
            for w in needles {
                assert_eq!(contains_word(h, w), by_search(h, w), "{h:?} {w:?}");
            }
        }
    }

    #[test]
    fn casualty_counts() {
        assert_eq!(
            casualties("The attack killed 12 people and wounded 30."),
            (Some(12), Some(30))
        );
        assert_eq!(
            casualties("which killed the head of security and wounded two of his colleagues"),
            (Some(1), Some(2))
        );
        assert_eq!(casualties("Three soldiers were killed."), (Some(3), None));
        assert_eq!(casualties("Talks continued."), (None, None));
    }
}
