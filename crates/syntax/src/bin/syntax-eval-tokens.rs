//! Evaluates the tokenizer and sentence splitter on UD CoNLL-U files: the
//! raw text of each file is rebuilt from its `# text` lines (a space between
//! the sentences of a paragraph, a blank line between paragraphs and
//! documents), tokenized, and compared with the gold tokens, words and
//! sentences by their byte offsets. Also benchmarks the tokenizer on a JSON
//! lines corpus and learns word lists from training files.
//!
//! ```text
//! syntax-eval-tokens [FILE.conllu ...] [--errors N]
//! syntax-eval-tokens --bench FILE.jsonl [--seconds S]
//! syntax-eval-tokens --show FILE        (a text file, or JSON lines)
//! syntax-eval-tokens --learn-abbreviations FILE.conllu ...
//! syntax-eval-tokens --learn-starters FILE.conllu ...
//! ```
//! Without files it evaluates the EWT and GUM dev and test files of
//! `../shared/ud/` (relative to the workspace root).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use diplograph_syntax::conllu::{self, GoldSentence};
use diplograph_syntax::tokenize::{tokenizer, Span, Tokenized};

const DEFAULT_FILES: [&str; 4] = [
    "en_ewt-ud-dev.conllu",
    "en_gum-ccby-dev.conllu",
    "en_ewt-ud-test.conllu",
    "en_gum-ccby-test.conllu",
];

fn main() {
    if let Err(e) = run() {
        eprintln!("syntax-eval-tokens: {e:#}");
        std::process::exit(1);
    }
}

/// Command-line options.
#[derive(Default)]
struct Options {
    files: Vec<PathBuf>,
    errors: usize,
    bench: Option<PathBuf>,
    show: Option<PathBuf>,
    seconds: f64,
    learn_abbreviations: bool,
    learn_starters: bool,
}

fn parse_args() -> Result<Options> {
    let mut o = Options {
        seconds: 3.0,
        ..Options::default()
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--errors" => o.errors = args.next().context("--errors N")?.parse()?,
            "--bench" => o.bench = Some(args.next().context("--bench FILE")?.into()),
            "--show" => o.show = Some(args.next().context("--show FILE")?.into()),
            "--seconds" => o.seconds = args.next().context("--seconds S")?.parse()?,
            "--learn-abbreviations" => o.learn_abbreviations = true,
            "--learn-starters" => o.learn_starters = true,
            "-h" | "--help" => {
                println!("usage: syntax-eval-tokens [FILE.conllu ...] [--errors N] | --bench FILE.jsonl [--seconds S] | --show FILE | --learn-abbreviations FILE... | --learn-starters FILE...");
                std::process::exit(0);
            }
            s if s.starts_with("--") => bail!("unknown option {s}"),
            _ => o.files.push(a.into()),
        }
    }
    Ok(o)
}

fn run() -> Result<()> {
    let o = parse_args()?;
    if let Some(path) = &o.bench {
        return bench(path, o.seconds);
    }
    if let Some(path) = &o.show {
        return show(path);
    }
    if o.learn_abbreviations || o.learn_starters {
        let mut sentences = Vec::new();
        for f in &o.files {
            sentences.extend(read_conllu(f)?);
        }
        if o.learn_abbreviations {
            learn_abbreviations(&sentences);
        } else {
            learn_starters(&sentences);
        }
        return Ok(());
    }
    let files = if o.files.is_empty() {
        default_files()?
    } else {
        o.files.clone()
    };
    println!(
        "{:<28} {:>7} {:>7} {:>7}   {:>7} {:>7} {:>7}   {:>6} {:>6} {:>6}",
        "file",
        "tok P",
        "tok R",
        "tok F1",
        "word P",
        "word R",
        "word F1",
        "sent P",
        "sent R",
        "sent F1"
    );
    for f in &files {
        evaluate(f, o.errors)?;
    }
    Ok(())
}

/// The dev and test files under `../shared/ud`, found from the current
/// directory or the crate's.
fn default_files() -> Result<Vec<PathBuf>> {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let candidates = [
        PathBuf::from("../shared/ud"),
        here.join("../../../shared/ud"),
    ];
    let dir = candidates
        .iter()
        .find(|d| d.join(DEFAULT_FILES[0]).exists())
        .context("no ../shared/ud with the UD files; give the files as arguments")?;
    Ok(DEFAULT_FILES.iter().map(|f| dir.join(f)).collect())
}

fn read_conllu(path: &Path) -> Result<Vec<GoldSentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    conllu::read(&path.display().to_string(), &text)
}

/// A treebank file as raw text with the gold spans.
#[derive(Default)]
struct Gold {
    text: String,
    tokens: Vec<Span>,
    words: Vec<Span>,
    sentences: Vec<Span>,
    /// Sentences whose tokens could not be found in their `# text`.
    unaligned: usize,
}

/// Rebuilds the raw text and the gold spans.
fn gold(sentences: &[GoldSentence]) -> Gold {
    let mut g = Gold::default();
    for (i, s) in sentences.iter().enumerate() {
        if i > 0 {
            g.text.push_str(if s.new_par { "\n\n" } else { " " });
        }
        let base = g.text.len();
        g.text.push_str(&s.text);
        g.sentences.push(Span::new(base, g.text.len()));
        let (tokens, words) = (g.tokens.len(), g.words.len());
        if !align(s, base, &mut g) {
            g.tokens.truncate(tokens);
            g.words.truncate(words);
            g.unaligned += 1;
        }
    }
    g
}

/// The surface tokens of a gold sentence: form and word range (0-based).
fn surface_tokens(s: &GoldSentence) -> Vec<(&str, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut w = 0;
    while w < s.words.len() {
        if let Some(m) = s.multiwords.iter().find(|m| m.first == w + 1) {
            out.push((m.form.as_str(), w..m.last));
            w = m.last;
        } else {
            out.push((s.words[w].form.as_str(), w..w + 1));
            w += 1;
        }
    }
    out
}

/// Finds the gold tokens and words of `s` in its text (placed at `base`).
fn align(s: &GoldSentence, base: usize, g: &mut Gold) -> bool {
    let text = s.text.as_str();
    let mut at = 0;
    for (form, words) in surface_tokens(s) {
        at += text[at..].len() - text[at..].trim_start().len();
        if !text[at..].starts_with(form) {
            return false;
        }
        let span = Span::new(base + at, base + at + form.len());
        g.tokens.push(span);
        let forms: Vec<&str> = s.words[words.clone()]
            .iter()
            .map(|w| w.form.as_str())
            .collect();
        if forms.concat() == form {
            let mut from = span.start;
            for f in forms {
                g.words.push(Span::new(from, from + f.len()));
                from += f.len();
            }
        } else {
            // words that do not spell the token: no offsets to compare
            for _ in forms {
                g.words.push(Span::new(usize::MAX, usize::MAX));
            }
        }
        at += form.len();
    }
    true
}

/// Precision, recall and F1 of predicted spans against gold spans.
struct Score {
    gold: usize,
    pred: usize,
    correct: usize,
}

impl Score {
    fn new(gold: &[Span], pred: &[Span]) -> Score {
        let set: HashSet<Span> = gold.iter().copied().collect();
        Score {
            gold: gold.len(),
            pred: pred.len(),
            correct: pred.iter().filter(|p| set.contains(p)).count(),
        }
    }

    fn cols(&self) -> String {
        let p = 100.0 * self.correct as f64 / self.pred.max(1) as f64;
        let r = 100.0 * self.correct as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        format!("{p:7.2} {r:7.2} {f:7.2}")
    }
}

fn evaluate(path: &Path, errors: usize) -> Result<()> {
    let g = gold(&read_conllu(path)?);
    let t = tokenizer().tokenize(&g.text);
    let tokens: Vec<Span> = t.tokens.iter().map(|t| t.span).collect();
    let sentences: Vec<Span> = t.sentences.iter().map(|s| s.span).collect();
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    println!(
        "{:<28} {}   {}   {}",
        name.trim_end_matches(".conllu"),
        Score::new(&g.tokens, &tokens).cols(),
        Score::new(&g.words, &t.words).cols(),
        Score::new(&g.sentences, &sentences).cols()
    );
    if g.unaligned > 0 {
        println!(
            "  ({} sentences left out: gold forms not found in their text)",
            g.unaligned
        );
    }
    if errors > 0 {
        print_token_errors(&g, &tokens, errors);
        print_token_errors(&g_words(&g), &t.words, errors);
        print_sentence_errors(&g, &t, errors);
    }
    Ok(())
}

/// The gold with its words in place of its tokens (to list word errors).
fn g_words(g: &Gold) -> Gold {
    Gold {
        text: g.text.clone(),
        tokens: g
            .words
            .iter()
            .copied()
            .filter(|w| w.start != usize::MAX)
            .collect(),
        ..Gold::default()
    }
}

/// Prints the most frequent differing stretches "gold => predicted".
fn print_token_errors(g: &Gold, pred: &[Span], n: usize) {
    let mut tally: HashMap<String, usize> = HashMap::new();
    let (mut gi, mut pi) = (0, 0);
    let gold = &g.tokens;
    let show = |spans: &[Span]| -> String {
        spans
            .iter()
            .map(|s| s.text(&g.text))
            .collect::<Vec<_>>()
            .join(" ")
    };
    while gi < gold.len() && pi < pred.len() {
        if gold[gi] == pred[pi] {
            gi += 1;
            pi += 1;
            continue;
        }
        let (g0, p0) = (gi, pi);
        let (mut ge, mut pe) = (gold[gi].end, pred[pi].end);
        gi += 1;
        pi += 1;
        while ge != pe {
            if ge < pe && gi < gold.len() {
                ge = gold[gi].end;
                gi += 1;
            } else if pe < ge && pi < pred.len() {
                pe = pred[pi].end;
                pi += 1;
            } else {
                break;
            }
        }
        let key = format!("{}  =>  {}", show(&gold[g0..gi]), show(&pred[p0..pi]));
        *tally.entry(key).or_default() += 1;
    }
    print_tally("token/word errors (gold => predicted)", tally, n);
}

fn print_tally(title: &str, tally: HashMap<String, usize>, n: usize) {
    let mut v: Vec<_> = tally.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let total: usize = v.iter().map(|x| x.1).sum();
    println!("  {title}: {total}");
    for (k, c) in v.into_iter().take(n) {
        println!("    {c:4}  {k}");
    }
}

/// Prints sentence ends that were missed or added, with context.
fn print_sentence_errors(g: &Gold, t: &Tokenized, n: usize) {
    let gold_ends: HashSet<usize> = g.sentences.iter().map(|s| s.end).collect();
    let pred_ends: HashSet<usize> = t.sentences.iter().map(|s| s.span.end).collect();
    let context = |end: usize| -> String {
        let from = floor_char(&g.text, end.saturating_sub(40));
        let to = floor_char(&g.text, (end + 30).min(g.text.len()));
        format!("{} || {}", &g.text[from..end], &g.text[end..to]).replace('\n', "¶")
    };
    let mut missed: Vec<usize> = gold_ends.difference(&pred_ends).copied().collect();
    let mut extra: Vec<usize> = pred_ends.difference(&gold_ends).copied().collect();
    missed.sort_unstable();
    extra.sort_unstable();
    println!("  sentence ends missed: {}", missed.len());
    for &e in missed.iter().take(n) {
        println!("    {}", context(e));
    }
    println!("  sentence ends added: {}", extra.len());
    for &e in extra.iter().take(n) {
        println!("    {}", context(e));
    }
}

/// The largest char boundary at or before `i`.
fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Prints the abbreviation candidates of training files: single-word
/// tokens with a final period that hold a letter, with how often they occur
/// and how often they end a sentence.
fn learn_abbreviations(sentences: &[GoldSentence]) {
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for s in sentences {
        let tokens = surface_tokens(s);
        for (i, (form, _)) in tokens.iter().enumerate() {
            let letter = form.chars().any(char::is_alphabetic);
            if form.len() > 1 && form.ends_with('.') && letter && !form.contains("..") {
                let e = counts.entry(form).or_default();
                e.0 += 1;
                e.1 += usize::from(i + 1 == tokens.len());
            }
        }
    }
    let mut v: Vec<_> = counts.into_iter().collect();
    v.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then_with(|| a.0.cmp(b.0)));
    for (form, (n, fin)) in v {
        println!("{form}\t{n}\t{fin}");
    }
}

/// Prints the words that usually open a sentence: capitalised first words
/// seen at least 3 times at the start of a sentence, at least twice as often
/// there as capitalised inside a sentence, and also seen in lower case (so
/// not names).
fn learn_starters(sentences: &[GoldSentence]) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut inside: HashMap<&str, usize> = HashMap::new();
    let mut lower: HashSet<&str> = HashSet::new();
    for s in sentences {
        let mut seen_word = false;
        for w in &s.words {
            let f = w.form.as_str();
            if f.chars().next().is_some_and(char::is_lowercase) {
                lower.insert(f);
            }
            if !f.chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            if !seen_word {
                *first.entry(f).or_default() += 1;
                seen_word = true;
            } else if f.chars().next().is_some_and(char::is_uppercase) {
                *inside.entry(f).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = first
        .into_iter()
        .filter(|(f, n)| {
            let mid = inside.get(f).copied().unwrap_or(0);
            let capital = f.chars().next().is_some_and(char::is_uppercase);
            *n >= 3 && *n >= 2 * mid && capital && lower.contains(f.to_lowercase().as_str())
        })
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    for (f, _) in v {
        println!("{f}");
    }
}

/// The texts of a file: the `"text"` fields of JSON lines (`.jsonl`), else
/// the whole file.
fn read_texts(path: &Path) -> Result<Vec<String>> {
    let data =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    if path.extension().is_none_or(|e| e != "jsonl") {
        return Ok(vec![data]);
    }
    data.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, l)| json_text_field(l).with_context(|| format!("{}:{}", path.display(), i + 1)))
        .collect()
}

/// Prints each sentence on a line, tokens separated by spaces and the words
/// of a multiword token joined by "·".
fn show(path: &Path) -> Result<()> {
    for text in read_texts(path)? {
        let t = tokenizer().tokenize(&text);
        for s in &t.sentences {
            let tokens: Vec<String> = t
                .sentence_tokens(s)
                .iter()
                .map(|tok| {
                    let words = t.words[tok.words.clone()].iter().map(|w| w.text(&text));
                    words.collect::<Vec<_>>().join("·")
                })
                .collect();
            println!("{}", tokens.join(" "));
        }
        println!();
    }
    Ok(())
}

/// Tokenizes the `"text"` fields of a JSON lines file for `seconds`
/// seconds (at least three passes) and prints the throughput.
fn bench(path: &Path, seconds: f64) -> Result<()> {
    let texts = read_texts(path)?;
    let bytes: usize = texts.iter().map(String::len).sum();
    let tok = tokenizer();
    let mut out = Tokenized::new();
    let (mut passes, mut tokens, mut words, mut sentences) = (0u64, 0u64, 0u64, 0u64);
    let start = Instant::now();
    while passes < 3 || start.elapsed().as_secs_f64() < seconds {
        for t in &texts {
            tok.tokenize_into(t, &mut out);
            tokens += out.tokens.len() as u64;
            words += out.words.len() as u64;
            sentences += out.sentences.len() as u64;
        }
        passes += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{}: {} texts, {:.1} KB, {} tokens, {} words, {} sentences a pass",
        path.display(),
        texts.len(),
        bytes as f64 / 1e3,
        tokens / passes,
        words / passes,
        sentences / passes
    );
    println!(
        "{passes} passes in {secs:.2} s: {:.2} M tokens/s, {:.2} M words/s, {:.1} MB/s (one thread)",
        tokens as f64 / secs / 1e6,
        words as f64 / secs / 1e6,
        (bytes as f64 * passes as f64) / secs / 1e6
    );
    Ok(())
}

/// The string value of the top-level `"text"` key of a JSON object line.
fn json_text_field(line: &str) -> Result<String> {
    let mut p = JsonReader {
        s: line.as_bytes(),
        i: 0,
    };
    p.expect(b'{')?;
    loop {
        p.skip_space();
        if p.peek() == Some(b'}') {
            bail!("no \"text\" field");
        }
        let key = p.string()?;
        p.skip_space();
        p.expect(b':')?;
        p.skip_space();
        if key == "text" {
            return p.string();
        }
        p.skip_value()?;
        p.skip_space();
        if p.peek() == Some(b',') {
            p.i += 1;
        }
    }
}

/// Just enough JSON to pull a string field out of an object.
struct JsonReader<'a> {
    s: &'a [u8],
    i: usize,
}

impl JsonReader<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.i += 1;
        }
    }

    fn expect(&mut self, b: u8) -> Result<()> {
        self.skip_space();
        if self.peek() != Some(b) {
            bail!("expected {:?} at byte {}", b as char, self.i);
        }
        self.i += 1;
        Ok(())
    }

    /// Skips a number, literal, string, object or array.
    fn skip_value(&mut self) -> Result<()> {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                None => bail!("unexpected end of line"),
                Some(b'"') => {
                    self.string()?;
                }
                Some(b'{' | b'[') => {
                    depth += 1;
                    self.i += 1;
                }
                Some(b'}' | b']') if depth > 0 => {
                    depth -= 1;
                    self.i += 1;
                }
                Some(b',' | b'}' | b']') if depth == 0 => return Ok(()),
                Some(_) => self.i += 1,
            }
            if depth == 0 && matches!(self.peek(), Some(b',' | b'}')) {
                return Ok(());
            }
        }
    }

    /// Reads a string, decoding escapes.
    fn string(&mut self) -> Result<String> {
        self.expect(b'"')?;
        let mut out = Vec::new();
        loop {
            let Some(b) = self.peek() else {
                bail!("unterminated string");
            };
            self.i += 1;
            match b {
                b'"' => return Ok(String::from_utf8(out)?),
                b'\\' => self.escape(&mut out)?,
                _ => out.push(b),
            }
        }
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<()> {
        let Some(e) = self.peek() else {
            bail!("unterminated escape");
        };
        self.i += 1;
        let c = match e {
            b'n' => '\n',
            b't' => '\t',
            b'r' => '\r',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'u' => self.unicode_escape()?,
            other => other as char,
        };
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32> {
        let h = self.s.get(self.i..self.i + 4).context("short \\u escape")?;
        self.i += 4;
        Ok(u32::from_str_radix(std::str::from_utf8(h)?, 16)?)
    }

    fn unicode_escape(&mut self) -> Result<char> {
        let hi = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&hi) && self.s[self.i..].starts_with(b"\\u") {
            self.i += 2;
            let lo = self.hex4()?;
            0x10000 + ((hi - 0xD800) << 10) + (lo.wrapping_sub(0xDC00) & 0x3FF)
        } else {
            hi
        };
        Ok(char::from_u32(code).unwrap_or('\u{FFFD}'))
    }
}
