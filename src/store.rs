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
//! twice; dropping the handle empties them, so a scan's memory stays that of
//! one window however large the store.

use crate::ns;
use anyhow::{Context as _, Result};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{
    GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef,
    Term, Triple, Variable,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The ontology, as shipped.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/diplograph.ttl");

pub struct GraphStore {
    store: Store,
    /// The folder of an on-disk store; `None` in memory.
    path: Option<PathBuf>,
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
        };
        gs.ensure_reference(k)?;
        Ok(gs)
    }

    /// An in-memory store (tests).
    pub fn in_memory(k: &crate::knowledge::Knowledge) -> Result<GraphStore> {
        let gs = GraphStore {
            store: Store::new()?,
            path: None,
        };
        gs.ensure_reference(k)?;
        Ok(gs)
    }

    fn ensure_reference(&self, k: &crate::knowledge::Knowledge) -> Result<()> {
        let ontology = NamedNode::new_unchecked(ns::ontology_graph());
        let version_prop = NamedNode::new_unchecked(ns::dg("dataVersion"));
        let version = Literal::new_simple_literal(data_version());
        let marker = QuadRef::new(&ontology, &version_prop, &version, &ontology);
        if self.store.contains(marker)? {
            return Ok(());
        }
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
    /// `batch`: (article graph, quads of that graph).
    ///
    /// Graphs that already exist are cleared in one transaction; the new
    /// quads then go in through the bulk loader, which is an order of
    /// magnitude faster than transactional inserts. A crash between the two
    /// steps leaves the re-ingested articles absent, never duplicated.
    pub fn replace_graphs(&self, batch: &[(NamedNode, Vec<Quad>)]) -> Result<()> {
        let mut existing = Vec::new();
        for (graph, _) in batch {
            if self.store.contains_named_graph(graph)? {
                existing.push(graph);
            }
        }
        if !existing.is_empty() {
            let mut tx = self.store.start_transaction()?;
            for graph in existing {
                tx.clear_graph(graph)?;
            }
            tx.commit().context("clearing re-ingested articles")?;
        }
        let mut loader = self
            .store
            .bulk_loader()
            .with_max_memory_size_in_megabytes(512);
        loader.load_quads(batch.iter().flat_map(|(_, quads)| quads.iter().cloned()))?;
        loader.commit().context("writing to the store")?;
        Ok(())
    }

    /// Runs a SPARQL query with the union of all graphs as the default graph.
    pub fn query(&self, text: &str, params: &[(String, Term)]) -> Result<QueryResults<'static>> {
        let mut prepared = SparqlEvaluator::new().parse_query(text)?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        for (name, term) in params {
            prepared = prepared.substitute_variable(Variable::new(name)?, term.clone());
        }
        Ok(prepared.on_store(&self.store).execute()?)
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
        let mut graphs = vec![GraphName::DefaultGraph];
        for g in self.store.named_graphs() {
            graphs.push(match g? {
                NamedOrBlankNode::NamedNode(n) => GraphName::NamedNode(n),
                NamedOrBlankNode::BlankNode(b) => GraphName::BlankNode(b),
            });
        }
        let source = match self.path {
            None => Source::Memory(self.store),
            Some(path) => {
                self.store.flush()?;
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
            graphs,
            source,
            window,
            read: 0,
            opened: 0,
        })
    }

    pub fn flush(&self) -> Result<()> {
        Ok(self.store.flush()?)
    }
}

/// A one-pass reader of every graph of a store, made by
/// [`GraphStore::into_scan`].
pub struct GraphScan {
    /// The default graph, then the named graphs in store order.
    graphs: Vec<GraphName>,
    source: Source,
    window: usize,
    /// Quads read through the current handle.
    read: usize,
    /// Read-only handles opened so far.
    opened: usize,
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

impl GraphScan {
    /// The default graph, then every named graph.
    pub fn graphs(&self) -> &[GraphName] {
        &self.graphs
    }

    /// The named graphs that are IRIs.
    pub fn named_graphs(&self) -> impl Iterator<Item = &NamedNode> {
        self.graphs.iter().filter_map(|g| match g {
            GraphName::NamedNode(n) => Some(n),
            _ => None,
        })
    }

    /// Calls `each` on every quad of `graph`. A graph is read whole through
    /// one handle; a fresh handle is opened before a graph once the current
    /// one has read a window's worth of quads.
    pub fn for_each_quad(
        &mut self,
        graph: GraphNameRef<'_>,
        mut each: impl FnMut(Quad) -> Result<()>,
    ) -> Result<()> {
        let store = match &mut self.source {
            Source::Memory(store) => store,
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
                store.as_mut().expect("opened above")
            }
        };
        for quad in store.quads_for_pattern(None, None, None, Some(graph)) {
            each(quad?)?;
            self.read += 1;
        }
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
        let graphs = match graph {
            Some(g) => vec![GraphName::NamedNode(g.into_owned())],
            None => self.graphs.clone(),
        };
        for g in &graphs {
            self.for_each_quad(g.as_ref(), |quad| {
                if format.supports_datasets() {
                    writer.serialize_quad(&quad)?;
                } else {
                    writer.serialize_triple(quad.as_ref())?;
                }
                Ok(())
            })?;
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

    #[test]
    fn windowed_scan_reads_what_one_pass_reads() {
        let k = crate::knowledge::Knowledge::builtin().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let store = GraphStore::open(dir.path(), &k).unwrap();
        fill(&store);
        let mut one_pass = store.into_scan_with_window(usize::MAX).unwrap();
        let expected: Vec<String> = [RdfFormat::NQuads, RdfFormat::Turtle]
            .into_iter()
            .map(|f| export(&mut one_pass, f))
            .collect();
        assert_eq!(one_pass.opened, 1);
        assert!(expected[0].contains("/article/b>"), "{}", expected[0]);
        let graphs = one_pass.graphs().to_vec();
        drop(one_pass);

        // A window of one quad: a fresh handle before every graph.
        let store = GraphStore::open(dir.path(), &k).unwrap();
        let mut windowed = store.into_scan_with_window(1).unwrap();
        assert_eq!(windowed.graphs(), graphs);
        assert_eq!(graphs.len(), 6, "{graphs:?}");
        assert_eq!(export(&mut windowed, RdfFormat::NQuads), expected[0]);
        assert_eq!(export(&mut windowed, RdfFormat::Turtle), expected[1]);
        // Ontology, reference and three articles, twice (the empty default
        // graph does not fill a window).
        assert!(windowed.opened >= 2 * 5, "{}", windowed.opened);
        let c = crate::rdf::article_graph("c");
        let triples = windowed.graph_triples(&c).unwrap();
        let in_export = expected[0]
            .lines()
            .filter(|l| l.contains("/article/c> ."))
            .count();
        assert!(in_export > 0);
        assert_eq!(triples.len(), in_export);
    }

    #[test]
    fn in_memory_scan_reads_every_graph() {
        let k = crate::knowledge::Knowledge::builtin().unwrap();
        let store = GraphStore::in_memory(&k).unwrap();
        fill(&store);
        let mut scan = store.into_scan().unwrap();
        let mut named: Vec<&str> = scan.named_graphs().map(|g| g.as_str()).collect();
        named.sort();
        assert_eq!(named.len(), 5);
        assert!(named[0].ends_with("/article/a"), "{named:?}");
        let nq = export(&mut scan, RdfFormat::NQuads);
        assert!(nq.lines().count() > 100);
    }
}
