//! Facts to RDF: one named graph per article, deterministic IRIs, typed dates.
//!
//! [`article_quads`] turns an [`Article`] and its [`Extraction`] into quads:
//! what the article says (its mentions with their evidence, its reports of
//! events, the roles it gives) in the article's own graph, so re-ingesting
//! an article replaces exactly its statements; and the descriptions of the
//! nodes articles share (officials, bodies, incidents reported by several
//! articles) in the entities graph, where each is written once however many
//! articles repeat it. States are described once, in the reference graph
//! ([`reference_quads`]). IRIs are minted from ISO codes (states), normalized
//! names (officials, bodies) and content hashes (events, mentions); the same
//! input always gives the same quads. Pure: no store, no files.

use crate::extract::officials::normalize_name;
use crate::knowledge::Knowledge;
use crate::model::{Article, Evidence, Extraction, Participant};
use crate::ns::{self, dg};
use crate::text::CharIndex;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(DIGITS[usize::from(b >> 4)]));
            out.push(char::from(DIGITS[usize::from(b & 15)]));
        }
    }
    out
}

fn slug(s: &str) -> String {
    encode_segment(&normalize_name(s).replace(' ', "-"))
}

fn hash16(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0u8]);
    }
    hex(&h.finalize()[..8])
}

/// Lower-case hexadecimal digits of `bytes`, two per byte.
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

fn iri(s: String) -> NamedNode {
    NamedNode::new_unchecked(s)
}

pub fn article_iri(id: &str) -> NamedNode {
    iri([ns::ID, "article/", &encode_segment(id)].concat())
}

pub fn article_graph(id: &str) -> NamedNode {
    iri([ns::GRAPH, "article/", &encode_segment(id)].concat())
}

pub fn state_iri(iso3: &str) -> NamedNode {
    iri([ns::ID, "state/", &encode_segment(iso3)].concat())
}

pub fn official_iri(name: &str) -> NamedNode {
    iri(format!("{}official/{}", ns::ID, slug(name)))
}

pub fn org_iri(iso3: &str, org: &str) -> NamedNode {
    iri(format!(
        "{}org/{}/{}",
        ns::ID,
        encode_segment(iso3),
        slug(org)
    ))
}

/// The ontology class of a PLOVER category: `ACCUSE` -> `dg:Accuse`.
pub fn category_class(category: &str) -> NamedNode {
    let mut local = String::new();
    for (i, c) in category.chars().enumerate() {
        local.push(if i == 0 {
            c.to_ascii_uppercase()
        } else {
            c.to_ascii_lowercase()
        });
    }
    iri(dg(&local))
}

fn typed(value: impl Into<String>, xsd_local: &str) -> Literal {
    Literal::new_typed_literal(value, iri([ns::XSD, xsd_local].concat()))
}

fn plain(value: impl Into<String>) -> Literal {
    Literal::new_simple_literal(value)
}

/// Collects quads for one graph.
struct GraphWriter {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl GraphWriter {
    fn new(graph: NamedNode) -> GraphWriter {
        GraphWriter {
            graph: GraphName::NamedNode(graph),
            quads: Vec::new(),
        }
    }

    /// `p` is taken as a `String` when the caller has one (`dg("…")`), so
    /// the predicate's IRI is not copied again.
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: impl Into<String>, o: impl Into<Term>) {
        self.quads
            .push(Quad::new(s, iri(p.into()), o, self.graph.clone()));
    }
}

/// The two graphs an article writes to: its own, for what it says (its
/// mentions, events, evidence, the roles it gives), and the entities graph,
/// for the descriptions of nodes other articles share (an official's type
/// and names, a body's label, an incident's category, states and day). A
/// shared description is the same whichever article writes it, so it is
/// stored once however many articles repeat it, and queries over the union
/// of graphs never multiply it. States are described once, in the
/// reference graph.
struct Writers {
    own: GraphWriter,
    shared: GraphWriter,
}

/// Every quad for one article: its own graph, and the descriptions it adds
/// to the entities graph (see [`Writers`]).
pub fn article_quads(article: &Article, x: &Extraction, k: &Knowledge) -> Vec<Quad> {
    let mut w = Writers {
        own: GraphWriter::new(article_graph(&article.id)),
        shared: GraphWriter::new(iri(ns::entities_graph())),
    };
    // Nine quads a mention, a dozen an event's report: room for most.
    let mentions = x.states.len() + x.officials.iter().map(|o| o.mentions.len()).sum::<usize>();
    w.own.quads.reserve(16 + 9 * mentions + 24 * x.events.len());
    let a = article_iri(&article.id);
    write_article(&mut w.own, article, &a);
    let chars = CharIndex::new(&article.text);
    let mention = |w: &mut GraphWriter, owner: &NamedNode, ev: &Evidence| {
        write_mention(w, article, x, &chars, &a, owner, ev)
    };

    let mut mentioned: Vec<&str> = Vec::new();
    for m in &x.states {
        let s = state_iri(&m.iso3);
        if !mentioned.contains(&m.iso3.as_str()) {
            mentioned.push(&m.iso3);
            w.own.add(a.clone(), dg("mentions"), s.clone());
        }
        mention(&mut w.own, &s, &m.evidence);
    }

    let official_iris: Vec<NamedNode> = x
        .officials
        .iter()
        .map(|o| match &o.holder {
            Some(h) => iri(h.clone()),
            None => official_iri(&o.name),
        })
        .collect();
    for (o, oi) in x.officials.iter().zip(&official_iris) {
        write_official(&mut w, &a, o, oi, k);
        for ev in &o.mentions {
            mention(&mut w.own, oi, ev);
        }
    }

    let participant = |p: &Participant| -> Option<NamedNode> {
        if let Some(i) = p.official {
            return official_iris.get(i).cloned();
        }
        match (&p.state, &p.org) {
            (Some(s), Some(org)) => Some(org_iri(s, org)),
            (Some(s), None) => Some(state_iri(s)),
            _ => None,
        }
    };
    let mut day_keys = std::collections::HashSet::new();
    for e in &x.events {
        let (ei, shared) = event_iri(article, e, &mut day_keys);
        let core = if shared { &mut w.shared } else { &mut w.own };
        write_event_core(core, &ei, e);
        write_event_report(&mut w, &ei, &a, e, &participant, k);
        mention(&mut w.own, &ei, &e.evidence);
    }
    let mut quads = w.own.quads;
    quads.extend(w.shared.quads);
    dedup(quads)
}

/// The article's own description.
fn write_article(w: &mut GraphWriter, article: &Article, a: &NamedNode) {
    w.add(a.clone(), ns::RDF_TYPE, iri(dg("Article")));
    w.add(a.clone(), dg("sourceId"), plain(article.id.clone()));
    if let Some(t) = &article.title {
        w.add(a.clone(), ns::DCT_TITLE, plain(t.clone()));
    }
    if let Some(p) = &article.publisher {
        w.add(a.clone(), ns::DCT_PUBLISHER, plain(p.clone()));
    }
    if let Some(d) = article.published {
        w.add(
            a.clone(),
            ns::DCT_ISSUED,
            typed(d.to_string(), d.xsd_type()),
        );
    }
    if let Some(u) = &article.url {
        w.add(a.clone(), ns::SCHEMA_URL, plain(u.clone()));
    }
}

/// One piece of evidence: a `dg:Mention` of `owner` with its sentence,
/// span, character offsets and rule.
fn write_mention(
    w: &mut GraphWriter,
    article: &Article,
    x: &Extraction,
    chars: &CharIndex,
    a: &NamedNode,
    owner: &NamedNode,
    ev: &Evidence,
) {
    let key = hash16(&[
        &article.id,
        &ev.start.to_string(),
        &ev.end.to_string(),
        &ev.rule,
        owner.as_str(),
    ]);
    let m = iri([ns::ID, "mention/", &key].concat());
    w.add(owner.clone(), dg("mention"), m.clone());
    w.add(m.clone(), ns::RDF_TYPE, iri(dg("Mention")));
    // dg:article is a sub-property of prov:wasDerivedFrom (see the ontology).
    w.add(m.clone(), dg("article"), a.clone());
    let (ss, se) = x
        .sentences
        .get(ev.sentence)
        .copied()
        .unwrap_or((ev.start, ev.end));
    w.add(
        m.clone(),
        dg("sentence"),
        plain(article.text[ss..se].to_string()),
    );
    w.add(
        m.clone(),
        dg("sentenceIndex"),
        typed((ev.sentence + 1).to_string(), "integer"),
    );
    w.add(
        m.clone(),
        dg("text"),
        plain(article.text[ev.start..ev.end].to_string()),
    );
    w.add(
        m.clone(),
        dg("charStart"),
        typed(chars.char_offset(ev.start).to_string(), "integer"),
    );
    w.add(
        m.clone(),
        dg("charEnd"),
        typed(chars.char_offset(ev.end).to_string(), "integer"),
    );
    w.add(m, dg("rule"), plain(ev.rule.clone()));
}

/// An official: type and names in the entities graph; the state, body and
/// roles this article gives in its own.
fn write_official(
    w: &mut Writers,
    a: &NamedNode,
    o: &crate::model::Official,
    oi: &NamedNode,
    k: &Knowledge,
) {
    w.own.add(a.clone(), dg("mentions"), oi.clone());
    w.shared.add(oi.clone(), ns::RDF_TYPE, iri(dg("Official")));
    w.shared
        .add(oi.clone(), ns::RDFS_LABEL, plain(o.name.clone()));
    for alt in &o.alt_names {
        w.shared
            .add(oi.clone(), ns::SKOS_ALT_LABEL, plain(alt.clone()));
    }
    if let Some(q) = &o.qid {
        w.shared.add(
            oi.clone(),
            ns::OWL_SAME_AS,
            iri(format!("{}{}", ns::WIKIDATA, q)),
        );
    }
    if let Some(s) = &o.state {
        w.own.add(oi.clone(), dg("serves"), state_iri(s));
        if let Some(org) = &o.org {
            let body = org_iri(s, org);
            w.own.add(oi.clone(), dg("memberOf"), body.clone());
            write_body(&mut w.shared, &body, org, s, k);
        }
    }
    for r in &o.roles {
        w.own.add(oi.clone(), dg("role"), plain(r.clone()));
    }
}

/// A government body ("Ministry of Foreign Affairs (Iran)").
fn write_body(w: &mut GraphWriter, body: &NamedNode, org: &str, iso3: &str, k: &Knowledge) {
    w.add(body.clone(), ns::RDF_TYPE, iri(dg("Organization")));
    w.add(body.clone(), ns::RDFS_LABEL, plain(org_label(org, iso3, k)));
    w.add(body.clone(), dg("bodyOf"), state_iri(iso3));
}

/// What makes an event the incident it is: its type, category, states and
/// date, and the dyad keys the relation views group by. For an incident
/// several articles share (see [`event_iri`]) these are the same in every
/// report, so they go to the entities graph once.
fn write_event_core(w: &mut GraphWriter, ei: &NamedNode, e: &crate::model::Event) {
    w.add(ei.clone(), ns::RDF_TYPE, iri(dg("Event")));
    w.add(ei.clone(), ns::RDF_TYPE, category_class(&e.category));
    w.add(ei.clone(), dg("category"), plain(e.category.clone()));
    for s in e.actor_states() {
        w.add(ei.clone(), dg("actorState"), state_iri(s));
    }
    for s in e.target_states() {
        w.add(ei.clone(), dg("targetState"), state_iri(s));
    }
    if let Some(d) = e.date {
        w.add(ei.clone(), dg("date"), typed(d.to_string(), d.xsd_type()));
    }
    // A denormalized grouping key per (actor state, target state) pair,
    // so relation views aggregate 100,000 events with one index scan.
    for a in e.actor_states() {
        for t in e.target_states().into_iter().filter(|t| *t != a) {
            w.add(
                ei.clone(),
                dg("dyadKey"),
                plain(format!("{a} {t} {}", e.category)),
            );
        }
    }
}

/// What one article says of an event: that it reports it, the trigger,
/// mode, the participants it names, where the date came from, place and
/// casualties. Always in the article's own graph.
fn write_event_report(
    w: &mut Writers,
    ei: &NamedNode,
    a: &NamedNode,
    e: &crate::model::Event,
    participant: &dyn Fn(&Participant) -> Option<NamedNode>,
    k: &Knowledge,
) {
    let Writers { own, shared } = w;
    own.add(ei.clone(), dg("reportedIn"), a.clone());
    own.add(ei.clone(), dg("trigger"), plain(e.trigger.clone()));
    if let Some(m) = &e.mode {
        own.add(ei.clone(), dg("mode"), plain(m.clone()));
    }
    for (ps, prop) in [(&e.actors, "actor"), (&e.targets, "target")] {
        for p in ps {
            let Some(node) = participant(p) else { continue };
            own.add(ei.clone(), dg(prop), node.clone());
            if let (Some(s), Some(org), None) = (&p.state, &p.org, p.official) {
                write_body(shared, &node, org, s, k);
            }
        }
    }
    if let Some(b) = &e.date_basis {
        own.add(ei.clone(), dg("dateBasis"), plain(b.clone()));
    }
    if let Some(l) = &e.location {
        own.add(ei.clone(), dg("location"), state_iri(l));
    }
    if let Some(n) = e.killed {
        own.add(ei.clone(), dg("killed"), typed(n.to_string(), "integer"));
    }
    if let Some(n) = e.wounded {
        own.add(ei.clone(), dg("wounded"), typed(n.to_string(), "integer"));
    }
}

/// An event's node. Events that agree on category, actor states, target
/// states and day are one event wherever they are reported, the one-a-day
/// rule of ICEWS and PETRARCH coders: articles that report the same incident
/// share its node, each article's statements about it staying in that
/// article's graph. Within one article the first such event takes the
/// shared node and the rest stay apart (an article that tells of two
/// meetings on one day means two), except attacks by no named state, which
/// an article retells ("the shooting", "Friday's attack"). An event without
/// a day-precise date or without any state stays with its article.
/// `day_keys`: the shared keys the article has used so far. Returns the node
/// and whether it is shared (keyed by category, states and day alone).
fn event_iri(
    article: &Article,
    e: &crate::model::Event,
    day_keys: &mut std::collections::HashSet<String>,
) -> (NamedNode, bool) {
    let sorted = |mut v: Vec<&str>| {
        v.sort_unstable();
        v.join(",")
    };
    let (actors, targets) = (sorted(e.actor_states()), sorted(e.target_states()));
    if let Some(d) = e.date.filter(|d| d.day.is_some()) {
        if !(actors.is_empty() && targets.is_empty()) {
            let key = hash16(&["day", &e.category, &actors, &targets, &d.to_string()]);
            // An attack by no named state on the same target and day is the
            // same incident retold ("the shooting", "Friday's attack").
            if day_keys.insert(key.clone()) || actors.is_empty() {
                return (iri([ns::ID, "event/", &key].concat()), true);
            }
        }
    }
    let key = hash16(&[
        &article.id,
        &e.category,
        &e.evidence.start.to_string(),
        &e.trigger,
        &actors,
        &targets,
    ]);
    (iri([ns::ID, "event/", &key].concat()), false)
}

/// "Embassy (Azerbaijan)": a body's label names its state.
fn org_label(org: &str, iso3: &str, k: &Knowledge) -> String {
    format!(
        "{org} ({})",
        k.state(iso3).map_or(iso3, |s| s.name.as_str())
    )
}

/// The quads without repeats, first occurrences kept in order. The set
/// borrows the quads, so nothing is cloned.
fn dedup(quads: Vec<Quad>) -> Vec<Quad> {
    let keep: Vec<bool> = {
        let mut seen = rustc_hash::FxHashSet::default();
        seen.reserve(quads.len());
        quads.iter().map(|q| seen.insert(q)).collect()
    };
    quads
        .into_iter()
        .zip(keep)
        .filter_map(|(q, k)| k.then_some(q))
        .collect()
}

/// The reference description of every state, in the reference graph.
pub fn reference_quads(k: &Knowledge) -> Vec<Quad> {
    let mut w = GraphWriter {
        graph: GraphName::NamedNode(iri(ns::reference_graph())),
        quads: Vec::new(),
    };
    for s in &k.states {
        let si = state_iri(&s.iso3);
        w.add(si.clone(), ns::RDF_TYPE, iri(dg("State")));
        w.add(si.clone(), dg("iso3"), plain(s.iso3.clone()));
        if !s.iso2.is_empty() {
            w.add(si.clone(), dg("iso2"), plain(s.iso2.clone()));
        }
        w.add(si.clone(), ns::RDFS_LABEL, plain(s.name.clone()));
        if !s.official.is_empty() && s.official != s.name {
            w.add(si.clone(), ns::SKOS_ALT_LABEL, plain(s.official.clone()));
        }
        for c in &s.capitals {
            w.add(si.clone(), dg("capital"), plain(c.clone()));
        }
        if let Some(d) = &s.demonym {
            w.add(si.clone(), dg("demonym"), plain(d.clone()));
        }
        if let Some(q) = &s.qid {
            w.add(
                si.clone(),
                ns::OWL_SAME_AS,
                iri(format!("{}{}", ns::WIKIDATA, q)),
            );
        }
        w.add(si, dg("membership"), plain(s.status.clone()));
    }
    w.quads
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_encoded() {
        assert_eq!(encode_segment("seed-tass 2023/04"), "seed-tass%202023%2F04");
        assert_eq!(
            article_iri("a b").as_str(),
            "https://w3id.org/diplograph/id/article/a%20b"
        );
        assert_eq!(
            official_iri("Jean-Noël Barrot").as_str(),
            "https://w3id.org/diplograph/id/official/jean-noel-barrot"
        );
        assert_eq!(
            category_class("ACCUSE").as_str(),
            "https://w3id.org/diplograph/ns#Accuse"
        );
    }

    fn article(id: &str, published: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            title: None,
            published: crate::dates::PartialDate::parse(published),
            publisher: None,
            url: None,
            text: text.into(),
        }
    }

    /// The event nodes of an article, with their categories:
    /// "CATEGORY node" lines, sorted.
    fn events(id: &str, published: &str, text: &str) -> Vec<String> {
        let k = Knowledge::builtin().unwrap();
        let article = article(id, published, text);
        let x = crate::extract::extract(&article, &k);
        let category = NamedNode::new_unchecked(dg("category"));
        let mut out: Vec<String> = article_quads(&article, &x, &k)
            .into_iter()
            .filter(|q| q.predicate == category)
            .map(|q| match q.object {
                Term::Literal(l) => format!("{} {}", l.value(), q.subject),
                _ => unreachable!(),
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn one_incident_reported_twice_is_one_node() {
        // Two outlets, two days, one expulsion dated by both.
        let a = events(
            "a",
            "2023-04-07",
            "Azerbaijan expelled four Iranian diplomats on April 6.",
        );
        let b = events(
            "b",
            "2023-04-09",
            "Azerbaijan expelled four Iranian diplomats on Thursday, April 6, \
             the ministry said.",
        );
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!(a, b);
        // Another day is another incident.
        let c = events(
            "c",
            "2023-05-07",
            "Azerbaijan expelled two Iranian diplomats on May 6.",
        );
        assert_eq!(c.len(), 1, "{c:?}");
        assert_ne!(a, c);
    }

    #[test]
    fn incidents_without_a_day_stay_with_their_article() {
        let text = "Azerbaijan expelled four Iranian diplomats in April.";
        let a = events("a", "2023-05-01", text);
        assert_eq!(a.len(), 1, "{a:?}");
        assert_ne!(a, events("b", "2023-05-01", text));
    }

    #[test]
    fn two_alike_incidents_in_one_article_stay_two() {
        let x = events(
            "a",
            "2023-04-07",
            "Azerbaijan expelled four Iranian diplomats on April 6. \
             Separately, Azerbaijan expelled an Iranian diplomat on April 6.",
        );
        assert_eq!(x.len(), 2, "{x:?}");
        assert_ne!(x[0], x[1]);
        // The first of them is the one other articles share.
        let y = events(
            "b",
            "2023-04-08",
            "Azerbaijan expelled four Iranian diplomats on April 6.",
        );
        assert!(x.contains(&y[0]), "{x:?} {y:?}");
    }

    #[test]
    fn an_attack_by_no_named_state_retold_is_one_node() {
        let text = "A gunman attacked the Azerbaijani embassy on January 27. \
                    On January 27 an assailant opened fire at the Azerbaijani embassy, \
                    killing a guard.";
        let k = Knowledge::builtin().unwrap();
        let article = article("a", "2023-01-28", text);
        // Two readings of the attack, one node.
        assert_eq!(crate::extract::extract(&article, &k).events.len(), 2);
        let x = events("a", "2023-01-28", text);
        assert_eq!(x.len(), 1, "{x:?}");
    }

    #[test]
    fn hashes_are_stable() {
        assert_eq!(hash16(&["a", "b"]), hash16(&["a", "b"]));
        assert_ne!(hash16(&["ab", ""]), hash16(&["a", "b"]));
    }
}
