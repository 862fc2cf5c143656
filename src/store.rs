//! The embedded Oxigraph store: opening it (with the ontology and reference
//! graphs loaded on first use), replacing article graphs in transactions,
//! running SPARQL with the union of all graphs as the default graph, and
//! one-pass scans of every graph for export and push. The only module that
//! holds a `Store`.
//!
//! A scan reads an on-disk store through short-lived read-only handles, a new
//! one every [`SCAN_WINDOW_QUADS`] quads, while it holds the store's lock so
//! no other process writes meanwhile. RocksDB fills its block caches (a
//! shared 32 MB and a 128 MB one, set by oxigraph and not configurable) with
//! every block a scan touches, although a one-pass scan never reads a block
//! twice; dropping the handle empties them, so the caches never hold more
//! than one window's worth however large the store. Graph names are listed a
//! batch at a time for the same reason (see [`GraphScan::next_graph`]).

use crate::ns;
use anyhow::{Context as _, Result};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
    Term, Triple, Variable,
};
use oxigraph::sparql::{BoundPreparedSparqlQuery, QueryExplanation, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use sha2::{Digest, Sha256};
use std::collections::VecDeque;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The ontology, as shipped.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/diplograph.ttl");

pub struct GraphStore {
    store: Store,
    /// The folder of an on-disk store; `None` in memory.
    path: Option<PathBuf>,
    /// Opened read-only (by the reading commands): nothing to flush.
    read_only: bool,
}

/// How many quads a scan reads through one read-only handle before it opens
/// a fresh one (which starts with empty caches). Opening costs about 50 ms;
/// a window of this size holds the caches near what a store of the dev set
/// (25,000 quads) fills.
pub const SCAN_WINDOW_QUADS: usize = 50_000;

/// A fingerprint of the built-in ontology and reference data, so a store
/// built by an older binary gets them refreshed.
fn data_version() -> String {
    let mut h = Sha256::new();
    for part in [
        ONTOLOGY_TTL,
        crate::knowledge::STATES_TSV,
        crate::knowledge::HOLDERS_TTL,
    ] {
        h.update(part.as_bytes());
    }
    h.finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl GraphStore {
    /// Opens (creating if needed) the on-disk store at `path`.
    pub fn open(path: &Path, k: &crate::knowledge::Knowledge) -> Result<GraphStore> {
        GraphStore::open_with(path, Some(k))
    }

    fn open_with(path: &Path, k: Option<&crate::knowledge::Knowledge>) -> Result<GraphStore> {
        std::fs::create_dir_all(path)
            .with_context(|| format!("creating store folder {}", path.display()))?;
        let store = Store::open(path).map_err(|e| {
            let in_use = e.to_string().contains("lock file");
            anyhow::Error::new(e).context(format!(
                "opening the store at {}{}",
                path.display(),
                if in_use {
                    " (another process is using it)"
                } else {
                    ""
                }
            ))
        })?;
        let gs = GraphStore {
            store,
            path: Some(path.to_path_buf()),
            read_only: false,
        };
        gs.ensure_reference(k)?;
        Ok(gs)
    }

    /// Opens the on-disk store at `path`, refusing a path that holds none
    /// (a typo must not leave an empty store behind and answer nothing).
    /// The built-in knowledge is only compiled when the store's reference
    /// data is out of date, so a query starts in milliseconds.
    pub fn open_existing(path: &Path) -> Result<GraphStore> {
        // Every RocksDB database has a CURRENT file naming its manifest.
        if !path.join("CURRENT").is_file() {
            anyhow::bail!(
                "no store at {}; run `diplograph ingest --store {} FILE…` first",
                path.display(),
                path.display()
            );
        }
        // Readers open the store read-only: no lock (a query runs while
        // `ingest` writes), no write-ahead log, no log files, no compaction
        // started by the open. Only a store whose reference data is out of
        // date is opened for writing, once, to bring it up to date.
        if let Ok(store) = Store::open_read_only(path) {
            let gs = GraphStore {
                store,
                path: Some(path.to_path_buf()),
                read_only: true,
            };
            if gs.has_current_reference()? {
                return Ok(gs);
            }
        }
        GraphStore::open_with(path, None)
    }

    /// Whether the ontology graph carries this build's data version.
    fn has_current_reference(&self) -> Result<bool> {
        let ontology = NamedNode::new_unchecked(ns::ontology_graph());
        let version_prop = NamedNode::new_unchecked(ns::dg("dataVersion"));
        let version = Literal::new_simple_literal(data_version());
        let marker = QuadRef::new(&ontology, &version_prop, &version, &ontology);
        Ok(self.store.contains(marker)?)
    }

    /// An in-memory store (tests).
    pub fn in_memory(k: &crate::knowledge::Knowledge) -> Result<GraphStore> {
        let gs = GraphStore {
            store: Store::new()?,
            path: None,
            read_only: false,
        };
        gs.ensure_reference(Some(k))?;
        Ok(gs)
    }

    /// Loads the ontology and reference graphs when the store lacks them or
    /// holds an older version; `k` is compiled here when not given.
    fn ensure_reference(&self, k: Option<&crate::knowledge::Knowledge>) -> Result<()> {
        if self.has_current_reference()? {
            return Ok(());
        }
        let ontology = NamedNode::new_unchecked(ns::ontology_graph());
        let version_prop = NamedNode::new_unchecked(ns::dg("dataVersion"));
        let version = Literal::new_simple_literal(data_version());
        let marker = QuadRef::new(&ontology, &version_prop, &version, &ontology);
        let builtin;
        let k = match k {
            Some(k) => k,
            None => {
                builtin = crate::knowledge::Knowledge::builtin()?;
                &builtin
            }
        };
        let reference = NamedNode::new_unchecked(ns::reference_graph());
        let mut tx = self.store.start_transaction()?;
        tx.clear_graph(&ontology)?;
        tx.clear_graph(&reference)?;
        tx.load_from_slice(
            RdfParser::from_format(RdfFormat::Turtle).with_default_graph(ontology.clone()),
            ONTOLOGY_TTL.as_bytes(),
        )
        .context("loading ontology/diplograph.ttl")?;
        tx.insert(marker);
        for q in crate::rdf::reference_quads(k) {
            tx.insert(&q);
        }
        tx.load_from_slice(
            RdfParser::from_format(RdfFormat::Turtle).with_default_graph(reference.clone()),
            crate::knowledge::HOLDERS_TTL.as_bytes(),
        )
        .context("loading ontology/officeholders.ttl")?;
        tx.commit()?;
        Ok(())
    }

    /// Replaces the graphs of a batch of articles.
    /// `batch`: (article graph, quads of that article: its own graph's and
    /// the descriptions it adds to the entities graph).
    ///
    /// Each article ends up either in its old version or in its new one,
    /// whenever the process is killed. Articles new to the store go in
    /// through the bulk loader, whose commit ingests its files in one atomic
    /// step (and is an order of magnitude faster than a transaction);
    /// articles already stored are cleared and rewritten in one transaction,
    /// which also removes from the entities graph what no article describes
    /// any more (see [`collect_orphans`]).
    pub fn replace_graphs(&self, batch: &[(NamedNode, Vec<Quad>)]) -> Result<()> {
        let mut fresh = Vec::new();
        let mut existing = Vec::new();
        for item in batch {
            if self.store.contains_named_graph(&item.0)? {
                existing.push(item);
            } else {
                fresh.push(item);
            }
        }
        if !fresh.is_empty() {
            let mut loader = self
                .store
                .bulk_loader()
                .with_max_memory_size_in_megabytes(512);
            loader.load_quads(fresh.iter().flat_map(|(_, quads)| quads.iter().cloned()))?;
            loader.commit().context("writing to the store")?;
        }
        if !existing.is_empty() {
            let mut tx = self.store.start_transaction()?;
            let mut touched = std::collections::HashSet::new();
            for (graph, _) in &existing {
                for q in tx.quads_for_pattern(None, None, None, Some(graph.as_ref().into())) {
                    let q = q?;
                    // Mentions are an article's own, never shared: most of
                    // its nodes, and no need to look them up.
                    if let NamedOrBlankNode::NamedNode(s) = &q.subject {
                        if !s.as_str().starts_with(&*MENTIONS) {
                            touched.insert(q.subject.clone());
                        }
                    }
                    if let Term::NamedNode(o) = q.object {
                        if !o.as_str().starts_with(&*MENTIONS) {
                            touched.insert(o.into());
                        }
                    }
                }
                tx.clear_graph(graph)?;
            }
            for (_, quads) in &existing {
                for q in quads {
                    tx.insert(q);
                }
            }
            collect_orphans(&mut tx, touched)?;
            tx.commit().context("replacing re-ingested articles")?;
        }
        Ok(())
    }

    /// Runs a SPARQL query with the union of all graphs as the default graph.
    pub fn query(&self, text: &str, params: &[(String, Term)]) -> Result<QueryResults<'static>> {
        Ok(self.bound(text, params)?.execute()?)
    }

    /// Runs a query like [`GraphStore::query`] and returns, with its
    /// results, its evaluation plan; the plan's row counts and times are
    /// complete once every result has been read.
    pub fn explain(
        &self,
        text: &str,
        params: &[(String, Term)],
    ) -> Result<(Result<QueryResults<'static>>, QueryExplanation)> {
        let (results, explanation) = self.bound(text, params)?.compute_statistics().explain();
        Ok((results.map_err(Into::into), explanation))
    }

    /// A query parsed, over the union of the graphs unless it names its
    /// dataset, with `params` bound, ready to run on this store.
    fn bound(
        &self,
        text: &str,
        params: &[(String, Term)],
    ) -> Result<BoundPreparedSparqlQuery<'static>> {
        let mut prepared = SparqlEvaluator::new().parse_query(text)?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        for (name, term) in params {
            prepared = prepared.substitute_variable(Variable::new(name)?, term.clone());
        }
        Ok(prepared.on_store(&self.store))
    }

    /// Subject and object of every quad with `predicate`, in any graph (the
    /// same pair may come once per graph). A direct index scan: much faster
    /// than a SPARQL join over the union graph when reading whole tables.
    pub fn by_predicate(
        &self,
        predicate: &str,
    ) -> impl Iterator<Item = Result<(String, Term)>> + '_ {
        let p = NamedNode::new_unchecked(predicate);
        self.store
            .quads_for_pattern(None, Some(p.as_ref()), None, None)
            .map(|q| {
                let q = q?;
                let subject = match q.subject {
                    oxigraph::model::NamedOrBlankNode::NamedNode(n) => n.into_string(),
                    oxigraph::model::NamedOrBlankNode::BlankNode(b) => format!("_:{}", b.as_str()),
                };
                Ok((subject, q.object))
            })
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize> {
        Ok(self.store.len()?)
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.store.is_empty()?)
    }

    /// Streams the whole store (or one graph) to `out`, through a
    /// [`GraphScan`]. Triple formats get the union of the graphs.
    pub fn export(
        self,
        format: RdfFormat,
        graph: Option<NamedNodeRef<'_>>,
        out: impl Write,
    ) -> Result<()> {
        self.into_scan()?.export(format, graph, out)
    }

    /// Turns the handle into a one-pass reader of every graph (see the
    /// module comment). An on-disk store is flushed and closed, then read
    /// through read-only handles under the store's lock.
    pub fn into_scan(self) -> Result<GraphScan> {
        self.into_scan_with_window(SCAN_WINDOW_QUADS)
    }

    fn into_scan_with_window(self, window: usize) -> Result<GraphScan> {
        self.flush()?;
        let source = match self.path {
            None => Source::Memory(self.store),
            Some(path) => {
                drop(self.store);
                let lock = StoreLock::acquire(&path)?;
                Source::Disk {
                    store: None,
                    path,
                    _lock: lock,
                }
            }
        };
        Ok(GraphScan {
            source,
            window,
            read: 0,
            opened: 0,
            pending: VecDeque::new(),
            listed: None,
            exhausted: false,
        })
    }

    pub fn flush(&self) -> Result<()> {
        if !self.read_only {
            self.store.flush()?;
        }
        Ok(())
    }
}

/// Removes from the entities graph the description of every node in
/// `touched` that no article graph mentions any more, so replacing an
/// article leaves no incident or official that nothing reports.
fn collect_orphans(
    tx: &mut oxigraph::store::Transaction<'_>,
    touched: std::collections::HashSet<NamedOrBlankNode>,
) -> Result<()> {
    let entities = NamedNode::new_unchecked(ns::entities_graph());
    let in_entities = GraphNameRef::NamedNode(entities.as_ref());
    let in_articles = |q: &Quad| match &q.graph_name {
        GraphName::NamedNode(g) => g.as_str().starts_with(&*ARTICLE_GRAPHS),
        _ => false,
    };
    for node in touched {
        let described: Vec<Quad> = tx
            .quads_for_pattern(Some(node.as_ref()), None, None, Some(in_entities))
            .collect::<Result<_, _>>()?;
        if described.is_empty() {
            continue;
        }
        let used = first_match(
            tx.quads_for_pattern(Some(node.as_ref()), None, None, None),
            &in_articles,
        )? || first_match(
            tx.quads_for_pattern(None, None, Some(node.as_ref().into()), None),
            &in_articles,
        )?;
        if !used {
            for q in &described {
                tx.remove(q);
            }
        }
    }
    Ok(())
}

/// Whether any quad of `quads` passes `keep`, reading no further than the
/// first that does.
fn first_match(
    quads: impl Iterator<Item = Result<Quad, oxigraph::store::StorageError>>,
    keep: &impl Fn(&Quad) -> bool,
) -> Result<bool> {
    for q in quads {
        if keep(&q?) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The prefix of every mention's IRI.
static MENTIONS: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("{}mention/", ns::ID));

/// The prefix of every article graph's name.
static ARTICLE_GRAPHS: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| format!("{}article/", ns::GRAPH));

/// A one-pass reader of every graph of a store, made by
/// [`GraphStore::into_scan`].
pub struct GraphScan {
    source: Source,
    window: usize,
    /// Quads read through the current handle.
    read: usize,
    /// Read-only handles opened so far.
    opened: usize,
    /// Graph names listed but not yet handed out.
    pending: VecDeque<GraphName>,
    /// How many named graphs have been listed; `None` before the default
    /// graph is handed out.
    listed: Option<usize>,
    /// Whether every named graph has been listed.
    exhausted: bool,
}

enum Source {
    Memory(Store),
    Disk {
        /// The current read-only handle; `None` until the first read and
        /// between windows.
        store: Option<Store>,
        path: PathBuf,
        _lock: StoreLock,
    },
}

/// How many graph names a scan lists at a time.
const NAME_BATCH: usize = 1000;

impl GraphScan {
    /// The store to read from: the current handle, or a fresh one when
    /// there is none or the current one has read a window's worth.
    fn handle(&mut self) -> Result<&Store> {
        match &mut self.source {
            Source::Memory(store) => Ok(store),
            Source::Disk { store, path, .. } => {
                if self.read >= self.window {
                    // Close the old handle (and its caches) before opening
                    // the next, so the two never coexist.
                    *store = None;
                }
                if store.is_none() {
                    self.read = 0;
                    self.opened += 1;
                    *store = Some(Store::open_read_only(&*path).with_context(|| {
                        format!("opening the store at {} to read", path.display())
                    })?);
                }
                Ok(store.as_ref().expect("opened above"))
            }
        }
    }

    /// The next graph: the default graph first, then every named graph in
    /// store order; `None` at the end.
    ///
    /// Names come in batches from `SELECT ?g { GRAPH ?g {} } OFFSET n
    /// LIMIT m`: an IRI costs a lookup in RocksDB's string table, which
    /// lands a block in the handle's cache, and OFFSET skips graphs without
    /// looking their names up, so each batch is looked up by the handle of
    /// the window it is read in (a whole list up front would fill one cache
    /// with a block per graph: 108 MB for 31,000 graphs).
    pub fn next_graph(&mut self) -> Result<Option<GraphName>> {
        let Some(listed) = self.listed else {
            self.listed = Some(0);
            return Ok(Some(GraphName::DefaultGraph));
        };
        if self.pending.is_empty() && !self.exhausted {
            let query =
                format!("SELECT ?g WHERE {{ GRAPH ?g {{}} }} OFFSET {listed} LIMIT {NAME_BATCH}");
            let mut batch = VecDeque::new();
            for g in self.column(&query, "g")? {
                match g {
                    Term::NamedNode(n) => batch.push_back(GraphName::NamedNode(n)),
                    Term::BlankNode(b) => batch.push_back(GraphName::BlankNode(b)),
                    _ => {}
                }
            }
            self.exhausted = batch.len() < NAME_BATCH;
            self.listed = Some(listed + batch.len());
            self.pending = batch;
        }
        Ok(self.pending.pop_front())
    }

    /// The next named graph that is an IRI; `None` at the end.
    pub fn next_named_graph(&mut self) -> Result<Option<NamedNode>> {
        while let Some(g) = self.next_graph()? {
            if let GraphName::NamedNode(n) = g {
                return Ok(Some(n));
            }
        }
        Ok(None)
    }

    /// How many named graphs the store holds (counted without looking
    /// their names up).
    pub fn named_graph_count(&mut self) -> Result<usize> {
        let count = self.column("SELECT (COUNT(?g) AS ?n) WHERE { GRAPH ?g {} }", "n")?;
        match count.first() {
            Some(Term::Literal(n)) => Ok(n.value().parse()?),
            _ => anyhow::bail!("counting graphs: no count"),
        }
    }

    /// The values of `?var` in the answers to a SELECT query, read through
    /// the current handle.
    fn column(&mut self, query: &str, var: &str) -> Result<Vec<Term>> {
        let store = self.handle()?;
        let QueryResults::Solutions(rows) = SparqlEvaluator::new()
            .parse_query(query)?
            .on_store(store)
            .execute()?
        else {
            anyhow::bail!("{query}: not a SELECT query");
        };
        let mut out = Vec::new();
        for row in rows {
            if let Some(t) = row?.get(var) {
                out.push(t.clone());
            }
        }
        Ok(out)
    }

    /// Calls `each` on every quad of `graph`. A graph is read whole through
    /// one handle; a fresh handle is opened before a graph once the current
    /// one has read a window's worth of quads.
    pub fn for_each_quad(
        &mut self,
        graph: GraphNameRef<'_>,
        mut each: impl FnMut(Quad) -> Result<()>,
    ) -> Result<()> {
        let mut read = 0;
        for quad in self
            .handle()?
            .quads_for_pattern(None, None, None, Some(graph))
        {
            each(quad?)?;
            read += 1;
        }
        self.read += read;
        Ok(())
    }

    /// Serializes the scan (every graph, or one) to `out`. Triple formats
    /// get the union of the graphs.
    pub fn export(
        &mut self,
        format: RdfFormat,
        graph: Option<NamedNodeRef<'_>>,
        out: impl Write,
    ) -> Result<()> {
        let mut serializer = RdfSerializer::from_format(format);
        if matches!(
            format,
            RdfFormat::Turtle | RdfFormat::TriG | RdfFormat::JsonLd { .. } | RdfFormat::RdfXml
        ) {
            for (p, iri) in ns::PREFIXES {
                serializer = serializer.with_prefix(*p, *iri)?;
            }
        }
        let mut writer = serializer.for_writer(out);
        let mut write = |quad: Quad| -> Result<()> {
            if format.supports_datasets() {
                writer.serialize_quad(&quad)?;
            } else {
                writer.serialize_triple(quad.as_ref())?;
            }
            Ok(())
        };
        match graph {
            Some(g) => self.for_each_quad(GraphNameRef::NamedNode(g), &mut write)?,
            None => {
                while let Some(g) = self.next_graph()? {
                    self.for_each_quad(g.as_ref(), &mut write)?;
                }
            }
        }
        writer.finish()?;
        Ok(())
    }

    /// The triples of one named graph.
    pub fn graph_triples(&mut self, graph: &NamedNode) -> Result<Vec<Triple>> {
        let mut out = Vec::new();
        self.for_each_quad(GraphNameRef::NamedNode(graph.as_ref()), |q| {
            out.push(Triple::from(q));
            Ok(())
        })?;
        Ok(out)
    }
}

/// RocksDB's own lock on a store folder (a POSIX record lock on its `LOCK`
/// file), held while a scan reads through read-only handles, which take no
/// lock themselves: a writer that opens the store meanwhile (an `ingest`,
/// an `oxigraph serve`) is refused as if the store were open, instead of
/// changing the files under the reader.
struct StoreLock {
    #[cfg(unix)]
    _file: std::fs::File,
}

impl StoreLock {
    #[cfg(unix)]
    fn acquire(path: &Path) -> Result<StoreLock> {
        use std::os::fd::AsRawFd as _;
        let lock_path = path.join("LOCK");
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .with_context(|| format!("opening {}", lock_path.display()))?;
        // SAFETY: `flock` is plain data; zeroed it means "whole file".
        let mut request: libc::flock = unsafe { std::mem::zeroed() };
        request.l_type = libc::F_WRLCK as _;
        request.l_whence = libc::SEEK_SET as _;
        // SAFETY: a valid descriptor and a valid `flock` that outlives the call.
        if unsafe { libc::fcntl(file.as_raw_fd(), libc::F_SETLK, &request) } == -1 {
            let err = std::io::Error::last_os_error();
            return Err(err).with_context(|| {
                format!(
                    "the store at {} is in use by another process",
                    path.display()
                )
            });
        }
        // Closing any descriptor of this file releases the process's lock,
        // so the file stays open for as long as the lock is needed.
        Ok(StoreLock { _file: file })
    }

    #[cfg(not(unix))]
    fn acquire(_path: &Path) -> Result<StoreLock> {
        Ok(StoreLock {})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store with the reference graphs and three small article graphs.
    fn fill(store: &GraphStore) {
        let k = crate::knowledge::Knowledge::builtin().unwrap();
        let text = "TEHRAN, April 17. Iran accused Israel of worsening its relations with \
                    Azerbaijan. Baku and Tehran held talks.";
        let batch: Vec<(NamedNode, Vec<Quad>)> = ["a", "b", "c"]
            .iter()
            .map(|id| {
                let article = crate::model::Article {
                    id: id.to_string(),
                    title: None,
                    published: crate::dates::PartialDate::parse("2023-04-17"),
                    publisher: None,
                    url: None,
                    text: text.into(),
                };
                let facts = crate::extract::extract(&article, &k);
                let quads = crate::rdf::article_quads(&article, &facts, &k);
                (crate::rdf::article_graph(id), quads)
            })
            .collect();
        store.replace_graphs(&batch).unwrap();
    }

    fn export(scan: &mut GraphScan, format: RdfFormat) -> String {
        let mut out = Vec::new();
        scan.export(format, None, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Every graph a scan hands out, in order.
    fn graphs(scan: &mut GraphScan) -> Vec<GraphName> {
        std::iter::from_fn(|| scan.next_graph().unwrap()).collect()
    }

    #[test]
    fn windowed_scan_reads_what_one_pass_reads() {
        let k = crate::knowledge::Knowledge::builtin().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path(), &k).unwrap();
        fill(&store);
        let one_pass = |format| {
            let store = GraphStore::open(dir.path(), &k).unwrap();
            let mut scan = store.into_scan_with_window(usize::MAX).unwrap();
            let out = export(&mut scan, format);
            assert_eq!(scan.opened, 1);
            out
        };
        drop(store);
        let expected = [one_pass(RdfFormat::NQuads), one_pass(RdfFormat::Turtle)];
        assert!(expected[0].contains("/article/b>"), "{}", expected[0]);

        // A window of one quad: a fresh handle before every graph.
        let windowed = |format| {
            let store = GraphStore::open(dir.path(), &k).unwrap();
            let mut scan = store.into_scan_with_window(1).unwrap();
            let out = export(&mut scan, format);
            // The ontology, reference, entities and three article graphs
            // (the empty default graph does not fill a window).
            assert!(scan.opened >= 6, "{}", scan.opened);
            out
        };
        assert_eq!(windowed(RdfFormat::NQuads), expected[0]);
        assert_eq!(windowed(RdfFormat::Turtle), expected[1]);

        let store = GraphStore::open(dir.path(), &k).unwrap();
        let mut scan = store.into_scan_with_window(1).unwrap();
        assert_eq!(scan.named_graph_count().unwrap(), 6);
        let names = graphs(&mut scan);
        assert_eq!(names.len(), 7, "{names:?}");
        assert_eq!(names[0], GraphName::DefaultGraph);
        let c = crate::rdf::article_graph("c");
        assert!(names.contains(&GraphName::NamedNode(c.clone())));
        let triples = scan.graph_triples(&c).unwrap();
        let in_export = expected[0]
            .lines()
            .filter(|l| l.contains("/article/c> ."))
            .count();
        assert!(in_export > 0);
        assert_eq!(triples.len(), in_export);
    }

    #[test]
    fn graph_names_come_in_batches_without_repeats() {
        let k = crate::knowledge::Knowledge::builtin().unwrap();
        let store = GraphStore::in_memory(&k).unwrap();
        let quads: Vec<(NamedNode, Vec<Quad>)> = (0..NAME_BATCH + 10)
            .map(|i| {
                let g = crate::rdf::article_graph(&format!("n{i}"));
                let q = Quad::new(
                    g.clone(),
                    NamedNode::new_unchecked(ns::dg("id")),
                    Literal::new_simple_literal(i.to_string()),
                    g.clone(),
                );
                (g, vec![q])
            })
            .collect();
        store.replace_graphs(&quads).unwrap();
        let mut scan = store.into_scan().unwrap();
        assert_eq!(scan.named_graph_count().unwrap(), NAME_BATCH + 12);
        let mut names: Vec<String> = std::iter::from_fn(|| scan.next_named_graph().unwrap())
            .map(|g| g.into_string())
            .collect();
        assert_eq!(names.len(), NAME_BATCH + 12);
        names.sort();
        names.dedup();
        assert_eq!(names.len(), NAME_BATCH + 12);
        assert!(scan.next_graph().unwrap().is_none());
    }
}
