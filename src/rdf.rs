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
use crate::ns::{self, dg, dg_ref};
use crate::text::CharIndex;
use oxigraph::model::vocab::xsd;
use oxigraph::model::{
    Literal, LiteralRef, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, QuadRef, TermRef,
};
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

fn plain(value: &str) -> LiteralRef<'_> {
    LiteralRef::new_simple_literal(value)
}

/// A property or class the code names by a constant IRI.
fn term(iri: &str) -> NamedNodeRef<'_> {
    NamedNodeRef::new_unchecked(iri)
}

/// A number's decimal digits, kept on the stack.
struct Decimal {
    digits: [u8; 20],
    start: usize,
}

impl Decimal {
    fn new(n: usize) -> Decimal {
        let mut d = Decimal {
            digits: [b'0'; 20],
            start: 20,
        };
        let mut n = n as u64;
        loop {
            d.start -= 1;
            d.digits[d.start] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                return d;
            }
        }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.digits[self.start..]).unwrap_or("0")
    }
}

/// Where a graph writer's quads go: owned quads for the store, or N-Quads
/// lines for a stream ([`NQuadLines`]), so a stream builds no quads.
pub trait QuadOut {
    fn put(&mut self, q: QuadRef<'_>);
    /// Room for about `quads` more.
    fn reserve(&mut self, quads: usize);
}

impl QuadOut for Vec<Quad> {
    fn put(&mut self, q: QuadRef<'_>) {
        self.push(q.into_owned());
    }

    fn reserve(&mut self, quads: usize) {
        Vec::reserve(self, quads);
    }
}

/// Quads written as N-Quads lines (see [`crate::nquads`]), and where each
/// line ends.
#[derive(Debug, Default)]
pub struct NQuadLines {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl NQuadLines {
    fn lines(&self) -> impl Iterator<Item = &[u8]> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|(s, &e)| &self.bytes[s..e])
    }
}

impl QuadOut for NQuadLines {
    fn put(&mut self, q: QuadRef<'_>) {
        crate::nquads::push_quad(&mut self.bytes, q);
        self.ends.push(self.bytes.len());
    }

    fn reserve(&mut self, quads: usize) {
        // About two hundred bytes a line.
        self.bytes.reserve(200 * quads);
        self.ends.reserve(quads);
    }
}

/// Writes quads into one graph.
struct GraphWriter<O> {
    graph: NamedNode,
    out: O,
}

impl<O: QuadOut + Default> GraphWriter<O> {
    fn new(graph: NamedNode) -> GraphWriter<O> {
        GraphWriter {
            graph,
            out: O::default(),
        }
    }

    fn add<'a>(
        &mut self,
        s: impl Into<NamedOrBlankNodeRef<'a>>,
        p: NamedNodeRef<'a>,
        o: impl Into<TermRef<'a>>,
    ) {
        let (s, o): (NamedOrBlankNodeRef<'_>, TermRef<'_>) = (s.into(), o.into());
        self.out.put(QuadRef::new(s, p, o, &self.graph));
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
struct Writers<O> {
    own: GraphWriter<O>,
    shared: GraphWriter<O>,
}

/// Every quad for one article: its own graph, and the descriptions it adds
/// to the entities graph (see [`Writers`]).
pub fn article_quads(article: &Article, x: &Extraction, k: &Knowledge) -> Vec<Quad> {
    let w: Writers<Vec<Quad>> = article_graphs(article, x, k);
    let mut quads = w.own.out;
    quads.extend(w.shared.out);
    dedup(quads)
}

/// [`article_quads`] as N-Quads lines, and how many: the same lines as
/// writing out those quads, without building them.
pub fn article_nquads(article: &Article, x: &Extraction, k: &Knowledge) -> (Vec<u8>, usize) {
    let w: Writers<NQuadLines> = article_graphs(article, x, k);
    let size = w.own.out.bytes.len() + w.shared.out.bytes.len();
    dedup_lines(w.own.out.lines().chain(w.shared.out.lines()), size)
}

/// The article's two graphs, written (with repeats).
fn article_graphs<O: QuadOut + Default>(
    article: &Article,
    x: &Extraction,
    k: &Knowledge,
) -> Writers<O> {
    let mut w: Writers<O> = Writers {
        own: GraphWriter::new(article_graph(&article.id)),
        shared: GraphWriter::new(iri(ns::entities_graph())),
    };
    // Nine quads a mention, a dozen an event's report: room for most.
    let mentions = x.states.len() + x.officials.iter().map(|o| o.mentions.len()).sum::<usize>();
    w.own.out.reserve(16 + 9 * mentions + 24 * x.events.len());
    let a = article_iri(&article.id);
    write_article(&mut w.own, article, &a);
    let chars = CharIndex::new(&article.text);
    let mention = |w: &mut GraphWriter<O>, owner: &NamedNode, ev: &Evidence| {
        write_mention(w, article, x, &chars, &a, owner, ev)
    };

    let mut mentioned: Vec<&str> = Vec::new();
    for m in &x.states {
        let s = state_iri(&m.iso3);
        if !mentioned.contains(&m.iso3.as_str()) {
            mentioned.push(&m.iso3);
            w.own.add(&a, dg_ref!("mentions"), &s);
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
    w
}

/// The article's own description.
fn write_article<O: QuadOut + Default>(w: &mut GraphWriter<O>, article: &Article, a: &NamedNode) {
    w.add(a, term(ns::RDF_TYPE), dg_ref!("Article"));
    w.add(a, dg_ref!("sourceId"), plain(&article.id));
    if let Some(t) = &article.title {
        w.add(a, term(ns::DCT_TITLE), plain(t));
    }
    if let Some(p) = &article.publisher {
        w.add(a, term(ns::DCT_PUBLISHER), plain(p));
    }
    if let Some(d) = article.published {
        w.add(a, term(ns::DCT_ISSUED), &typed(d.to_string(), d.xsd_type()));
    }
    if let Some(u) = &article.url {
        w.add(a, term(ns::SCHEMA_URL), plain(u));
    }
}

/// One piece of evidence: a `dg:Mention` of `owner` with its sentence,
/// span, character offsets and rule.
fn write_mention<O: QuadOut + Default>(
    w: &mut GraphWriter<O>,
    article: &Article,
    x: &Extraction,
    chars: &CharIndex,
    a: &NamedNode,
    owner: &NamedNode,
    ev: &Evidence,
) {
    let key = hash16(&[
        &article.id,
        Decimal::new(ev.start).as_str(),
        Decimal::new(ev.end).as_str(),
        &ev.rule,
        owner.as_str(),
    ]);
    let m = iri([ns::ID, "mention/", &key].concat());
    w.add(owner, dg_ref!("mention"), &m);
    w.add(&m, term(ns::RDF_TYPE), dg_ref!("Mention"));
    // dg:article is a sub-property of prov:wasDerivedFrom (see the ontology).
    w.add(&m, dg_ref!("article"), a);
    let (ss, se) = x
        .sentences
        .get(ev.sentence)
        .copied()
        .unwrap_or((ev.start, ev.end));
    w.add(&m, dg_ref!("sentence"), plain(&article.text[ss..se]));
    let index = Decimal::new(ev.sentence + 1);
    w.add(
        &m,
        dg_ref!("sentenceIndex"),
        LiteralRef::new_typed_literal(index.as_str(), xsd::INTEGER),
    );
    w.add(&m, dg_ref!("text"), plain(&article.text[ev.start..ev.end]));
    let start = Decimal::new(chars.char_offset(ev.start));
    w.add(
        &m,
        dg_ref!("charStart"),
        LiteralRef::new_typed_literal(start.as_str(), xsd::INTEGER),
    );
    let end = Decimal::new(chars.char_offset(ev.end));
    w.add(
        &m,
        dg_ref!("charEnd"),
        LiteralRef::new_typed_literal(end.as_str(), xsd::INTEGER),
    );
    w.add(&m, dg_ref!("rule"), plain(&ev.rule));
}

/// An official: type and names in the entities graph; the state, body and
/// roles this article gives in its own.
fn write_official<O: QuadOut + Default>(
    w: &mut Writers<O>,
    a: &NamedNode,
    o: &crate::model::Official,
    oi: &NamedNode,
    k: &Knowledge,
) {
    w.own.add(a, dg_ref!("mentions"), oi);
    w.shared.add(oi, term(ns::RDF_TYPE), dg_ref!("Official"));
    w.shared.add(oi, term(ns::RDFS_LABEL), plain(&o.name));
    for alt in &o.alt_names {
        w.shared.add(oi, term(ns::SKOS_ALT_LABEL), plain(alt));
    }
    if let Some(q) = &o.qid {
        let entity = [ns::WIKIDATA, q].concat();
        w.shared.add(oi, term(ns::OWL_SAME_AS), term(&entity));
    }
    if let Some(s) = &o.state {
        w.own.add(oi, dg_ref!("serves"), &state_iri(s));
        if let Some(org) = &o.org {
            let body = org_iri(s, org);
            w.own.add(oi, dg_ref!("memberOf"), &body);
            write_body(&mut w.shared, &body, org, s, k);
        }
    }
    for r in &o.roles {
        w.own.add(oi, dg_ref!("role"), plain(r));
    }
}

/// A government body ("Ministry of Foreign Affairs (Iran)").
fn write_body<O: QuadOut + Default>(
    w: &mut GraphWriter<O>,
    body: &NamedNode,
    org: &str,
    iso3: &str,
    k: &Knowledge,
) {
    w.add(body, term(ns::RDF_TYPE), dg_ref!("Organization"));
    w.add(body, term(ns::RDFS_LABEL), plain(&org_label(org, iso3, k)));
    w.add(body, dg_ref!("bodyOf"), &state_iri(iso3));
}

/// What makes an event the incident it is: its type, category, states and
/// date, and the dyad keys the relation views group by. For an incident
/// several articles share (see [`event_iri`]) these are the same in every
/// report, so they go to the entities graph once.
fn write_event_core<O: QuadOut + Default>(
    w: &mut GraphWriter<O>,
    ei: &NamedNode,
    e: &crate::model::Event,
) {
    w.add(ei, term(ns::RDF_TYPE), dg_ref!("Event"));
    w.add(ei, term(ns::RDF_TYPE), &category_class(&e.category));
    w.add(ei, dg_ref!("category"), plain(&e.category));
    for s in e.actor_states() {
        w.add(ei, dg_ref!("actorState"), &state_iri(s));
    }
    for s in e.target_states() {
        w.add(ei, dg_ref!("targetState"), &state_iri(s));
    }
    if let Some(d) = e.date {
        w.add(ei, dg_ref!("date"), &typed(d.to_string(), d.xsd_type()));
    }
    // A denormalized grouping key per (actor state, target state) pair,
    // so relation views aggregate 100,000 events with one index scan.
    for a in e.actor_states() {
        for t in e.target_states().into_iter().filter(|t| *t != a) {
            let key = format!("{a} {t} {}", e.category);
            w.add(ei, dg_ref!("dyadKey"), plain(&key));
        }
    }
}

/// What one article says of an event: that it reports it, the trigger,
/// mode, the participants it names, where the date came from, place and
/// casualties. Always in the article's own graph.
fn write_event_report<O: QuadOut + Default>(
    w: &mut Writers<O>,
    ei: &NamedNode,
    a: &NamedNode,
    e: &crate::model::Event,
    participant: &dyn Fn(&Participant) -> Option<NamedNode>,
    k: &Knowledge,
) {
    let Writers { own, shared } = w;
    own.add(ei, dg_ref!("reportedIn"), a);
    own.add(ei, dg_ref!("trigger"), plain(&e.trigger));
    if let Some(m) = &e.mode {
        own.add(ei, dg_ref!("mode"), plain(m));
    }
    for (ps, prop) in [
        (&e.actors, dg_ref!("actor")),
        (&e.targets, dg_ref!("target")),
    ] {
        for p in ps {
            let Some(node) = participant(p) else { continue };
            own.add(ei, prop, &node);
            if let (Some(s), Some(org), None) = (&p.state, &p.org, p.official) {
                write_body(shared, &node, org, s, k);
            }
        }
    }
    if let Some(b) = &e.date_basis {
        own.add(ei, dg_ref!("dateBasis"), plain(b));
    }
    if let Some(l) = &e.location {
        own.add(ei, dg_ref!("location"), &state_iri(l));
    }
    if let Some(n) = e.killed {
        own.add(ei, dg_ref!("killed"), &typed(n.to_string(), "integer"));
    }
    if let Some(n) = e.wounded {
        own.add(ei, dg_ref!("wounded"), &typed(n.to_string(), "integer"));
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

/// N-Quads lines (of `size` bytes in all) without repeats, first
/// occurrences kept in order, and how many are kept: the lines of the
/// quads [`dedup`] keeps, a quad's line being its own alone.
fn dedup_lines<'l>(lines: impl Iterator<Item = &'l [u8]>, size: usize) -> (Vec<u8>, usize) {
    let lines = lines.into_iter();
    let mut seen = rustc_hash::FxHashSet::default();
    seen.reserve(lines.size_hint().0);
    let mut out = Vec::with_capacity(size);
    for line in lines {
        if seen.insert(line) {
            out.extend_from_slice(line);
        }
    }
    (out, seen.len())
}

/// The reference description of every state, in the reference graph.
pub fn reference_quads(k: &Knowledge) -> Vec<Quad> {
    let mut w: GraphWriter<Vec<Quad>> = GraphWriter::new(iri(ns::reference_graph()));
    for s in &k.states {
        let si = state_iri(&s.iso3);
        w.add(&si, term(ns::RDF_TYPE), dg_ref!("State"));
        w.add(&si, dg_ref!("iso3"), plain(&s.iso3));
        if !s.iso2.is_empty() {
            w.add(&si, dg_ref!("iso2"), plain(&s.iso2));
        }
        w.add(&si, term(ns::RDFS_LABEL), plain(&s.name));
        if !s.official.is_empty() && s.official != s.name {
            w.add(&si, term(ns::SKOS_ALT_LABEL), plain(&s.official));
        }
        for c in &s.capitals {
            w.add(&si, dg_ref!("capital"), plain(c));
        }
        if let Some(d) = &s.demonym {
            w.add(&si, dg_ref!("demonym"), plain(d));
        }
        if let Some(q) = &s.qid {
            let entity = [ns::WIKIDATA, q].concat();
            w.add(&si, term(ns::OWL_SAME_AS), term(&entity));
        }
        w.add(&si, dg_ref!("membership"), plain(&s.status));
    }
    w.out
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
                oxigraph::model::Term::Literal(l) => format!("{} {}", l.value(), q.subject),
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

    /// An article's N-Quads lines are its quads written out.
    #[test]
    fn nquads_are_the_quads_written_out() {
        let k = Knowledge::builtin().unwrap();
        let fixtures = include_str!("../tests/data/corpus/articles.jsonl");
        let mut articles: Vec<Article> = fixtures
            .lines()
            .enumerate()
            .filter_map(|(i, l)| crate::input::parse_jsonl_line(l, i + 1).ok())
            .collect();
        articles.push(article(
            "twice",
            "2023-01-28",
            "A gunman attacked the Azerbaijani embassy on January 27. \
             On January 27 an assailant opened fire at the Azerbaijani embassy, \
             killing a guard. Iran's foreign ministry spokesman Nasser Kanani said \
             \"regret\"\n\u{1}.",
        ));
        assert!(articles.len() > 2);
        for a in &articles {
            let x = crate::extract::extract(a, &k);
            let quads = article_quads(a, &x, &k);
            let mut lines = Vec::new();
            for q in &quads {
                crate::nquads::push_quad(&mut lines, q.as_ref());
            }
            assert_eq!(article_nquads(a, &x, &k), (lines, quads.len()), "{}", a.id);
        }
    }

    #[test]
    fn hashes_are_stable() {
        assert_eq!(hash16(&["a", "b"]), hash16(&["a", "b"]));
        assert_ne!(hash16(&["ab", ""]), hash16(&["a", "b"]));
    }
}
