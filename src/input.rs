//! Parsing article records from the supported input formats, without I/O.
//!
//! - `.txt`: optional header lines (`Title:`, `Date:`, `Publisher:`, `URL:`,
//!   `Id:`) before a blank line, then the body; the id defaults to the file stem.
//! - `.json`: one object or an array of objects.
//! - `.jsonl`: one object per line.
//!
//! Objects carry `id` (string or number) and `text` (both required) and may
//! carry `title`, `published` (or `date`), `publisher`, `url`; other keys are
//! ignored. A bad record becomes a [`RecordError`] naming its line; the other
//! records of the same input still parse.

use crate::dates::PartialDate;
use crate::model::Article;
use serde_json::Value;
use std::fmt;

/// Why one record could not be read. `line` is 1-based, 0 when unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for RecordError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}

fn err(line: usize, message: impl Into<String>) -> RecordError {
    RecordError {
        line,
        message: message.into(),
    }
}

/// Reads one JSON object as an article.
pub fn article_from_value(v: &Value, line: usize) -> Result<Article, RecordError> {
    let obj = v
        .as_object()
        .ok_or_else(|| err(line, "expected a JSON object"))?;
    let id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(err(line, "`id` must be a non-empty string or a number")),
        None => return Err(err(line, "record has no `id`")),
    };
    let text = match obj.get("text") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(err(line, format!("record {id}: `text` must be a string"))),
        None => return Err(err(line, format!("record {id}: no `text`"))),
    };
    if text.trim().is_empty() {
        return Err(err(line, format!("record {id}: `text` is empty")));
    }
    let string = |key: &str| {
        obj.get(key)
            .and_then(Value::as_str)
            .map(str::to_string)
            .filter(|s| !s.trim().is_empty())
    };
    // `published`, else `date`; null counts as absent, anything else but a
    // readable date string is an error, never silently dropped.
    let key = ["published", "date"]
        .into_iter()
        .find(|k| obj.get(*k).is_some_and(|v| !v.is_null()));
    let published = match key.map(|k| (k, &obj[k])) {
        None => None,
        Some((k, Value::String(d))) if d.trim().is_empty() => {
            return Err(err(line, format!("record {id}: `{k}` is empty")));
        }
        Some((_, Value::String(d))) => Some(
            PartialDate::parse(d)
                .ok_or_else(|| err(line, format!("record {id}: cannot read date '{d}'")))?,
        ),
        Some((k, v)) => {
            let shown: String = v.to_string().chars().take(40).collect();
            return Err(err(
                line,
                format!(
                    "record {id}: `{k}` must be a date string like \"2023-04-17\", not {shown}"
                ),
            ));
        }
    };
    Ok(Article {
        id,
        title: string("title"),
        published,
        publisher: string("publisher"),
        url: string("url"),
        text,
    })
}

/// Parses a JSON Lines document: one result per non-blank line.
pub fn parse_jsonl(contents: &str) -> Vec<Result<Article, RecordError>> {
    contents
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| parse_jsonl_line(l, i + 1))
        .collect()
}

/// Parses one JSON Lines line (1-based `line` for messages).
/// A byte-order mark before the record (a file saved "UTF-8 with BOM", or
/// several such files concatenated) is ignored.
pub fn parse_jsonl_line(line_text: &str, line: usize) -> Result<Article, RecordError> {
    let line_text = line_text.strip_prefix('\u{feff}').unwrap_or(line_text);
    let v: Value =
        serde_json::from_str(line_text).map_err(|e| err(line, format!("not valid JSON: {e}")))?;
    article_from_value(&v, line)
}

/// Parses a `.json` document: an object or an array of objects.
/// A leading byte-order mark is ignored, as in `.txt`.
pub fn parse_json(contents: &str) -> Vec<Result<Article, RecordError>> {
    let contents = contents.strip_prefix('\u{feff}').unwrap_or(contents);
    match serde_json::from_str::<Value>(contents) {
        Err(e) => vec![Err(err(e.line(), format!("not valid JSON: {e}")))],
        Ok(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                article_from_value(v, 0)
                    .map_err(|e| err(0, format!("item {}: {}", i + 1, e.message)))
            })
            .collect(),
        Ok(v) => vec![article_from_value(&v, 1)],
    }
}

/// Parses a `.txt` article. `stem` is the default id.
pub fn parse_txt(stem: &str, contents: &str) -> Result<Article, RecordError> {
    let contents = contents.strip_prefix('\u{feff}').unwrap_or(contents);
    let mut article = Article {
        id: stem.to_string(),
        title: None,
        published: None,
        publisher: None,
        url: None,
        text: String::new(),
    };
    let mut body_start = 0;
    let mut saw_header = false;
    let mut offset = 0;
    for (i, line) in contents.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if saw_header {
                body_start = offset + line.len();
            }
            break;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            break;
        };
        let value = value.trim().to_string();
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => article.title = Some(value),
            "date" | "published" => {
                article.published = Some(
                    PartialDate::parse(&value)
                        .ok_or_else(|| err(i + 1, format!("cannot read date '{value}'")))?,
                );
            }
            "publisher" => article.publisher = Some(value),
            "url" => article.url = Some(value),
            "id" if !value.is_empty() => article.id = value,
            _ => break,
        }
        saw_header = true;
        offset += line.len();
    }
    if !saw_header {
        body_start = 0;
    }
    article.text = contents[body_start..].to_string();
    if article.text.trim().is_empty() {
        return Err(err(0, "the article has no text"));
    }
    Ok(article)
}

/// A size in bytes as written on the command line: `10MB`, `512 kB`, `1MiB`,
/// `1.5GB`, `2000000` (plain bytes). K, M and G (with or without B) are
/// powers of 1000; KiB, MiB and GiB powers of 1024. Zero is refused.
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = (&t[..split], t[split..].trim());
    if number.is_empty() {
        return Err(format!("'{s}' is not a size (like 10MB or 500000)"));
    }
    let unit_bytes: u64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "m" | "mb" => 1_000_000,
        "g" | "gb" => 1_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => {
            return Err(format!(
                "'{s}': unknown unit '{unit}' (use bytes, KB, MB, GB, KiB, MiB or GiB)"
            ))
        }
    };
    let value: f64 = number
        .parse()
        .map_err(|_| format!("'{s}' is not a size (like 10MB or 500000)"))?;
    let bytes = value * unit_bytes as f64;
    if !(1.0..=u64::MAX as f64).contains(&bytes) {
        return Err(format!("'{s}': a size must be at least one byte"));
    }
    Ok(bytes as u64)
}

/// A size for messages: `10 MB`, `1.5 MB`, `512 bytes`.
pub fn show_size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000_000 => format!("{} GB", trim_float(b as f64 / 1e9)),
        b if b >= 1_000_000 => format!("{} MB", trim_float(b as f64 / 1e6)),
        b if b >= 10_000 => format!("{} kB", trim_float(b as f64 / 1e3)),
        b => format!("{b} bytes"),
    }
}

fn trim_float(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One line of a JSON Lines stream, from [`LineReader::next_line`].
#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// A line no longer than the limit, without its `\n` or `\r\n`.
    Text { line: usize, bytes: &'a [u8] },
    /// A line longer than the limit. Its bytes were read in chunks and
    /// discarded up to its end (`len` is its length without the line end), or,
    /// when `binary`, up to the first NUL byte of the discarded part: a stream
    /// of NUL bytes is binary, not JSON Lines, and may never end (`/dev/zero`),
    /// so the reader stops there and [`LineReader::next_line`] then returns
    /// `None`.
    TooLong { line: usize, len: u64, binary: bool },
}

/// Reads JSON Lines with a bounded buffer: a line longer than `max` bytes is
/// never held in memory, whatever the input (one 100 GB line, or a stream
/// without newlines). Lines end with `\n`; a `\r` before it is dropped too;
/// the last line needs no line end.
pub struct LineReader<R> {
    reader: R,
    max: usize,
    buf: Vec<u8>,
    line: usize,
    bytes: u64,
    done: bool,
}

impl<R: std::io::BufRead> LineReader<R> {
    pub fn new(reader: R, max: u64) -> LineReader<R> {
        LineReader {
            reader,
            max: usize::try_from(max).unwrap_or(usize::MAX),
            buf: Vec::new(),
            line: 0,
            bytes: 0,
            done: false,
        }
    }

    /// Bytes consumed so far, line ends included.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// The last line number returned (1-based).
    pub fn line_number(&self) -> usize {
        self.line
    }

    /// The next line, or `None` at the end of the input. An I/O error leaves
    /// the reader where it was; reading on is the caller's choice.
    pub fn next_line(&mut self) -> std::io::Result<Option<Line<'_>>> {
        if self.done {
            return Ok(None);
        }
        self.buf.clear();
        // Room for the content and its "\r\n": past that the line is too long.
        let keep = self.max.saturating_add(2);
        let mut len: u64 = 0;
        let mut too_long = false;
        let mut ended = false;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                break;
            }
            let (take, newline) = match chunk.iter().position(|&c| c == b'\n') {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            let part = &chunk[..take];
            if !too_long && self.buf.len() + take > keep {
                too_long = true;
                self.buf = Vec::new();
            }
            if too_long && part.contains(&0) {
                // Binary: stop here rather than look for a newline that may never come.
                let at = part.iter().position(|&c| c == 0).unwrap_or(0);
                self.reader.consume(at);
                self.bytes += at as u64;
                self.line += 1;
                self.done = true;
                return Ok(Some(Line::TooLong {
                    line: self.line,
                    len: len + at as u64,
                    binary: true,
                }));
            }
            if !too_long {
                self.buf.extend_from_slice(part);
            }
            len += take as u64;
            self.reader.consume(take);
            self.bytes += take as u64;
            if newline {
                ended = true;
                break;
            }
        }
        if len == 0 {
            self.done = true;
            return Ok(None);
        }
        self.line += 1;
        let mut end_len = 0;
        if ended {
            end_len = 1;
            if too_long {
                // Whether a '\r' preceded the '\n' is not known any more: it
                // changes the reported length by one byte at most.
            } else if self.buf.len() >= 2 && self.buf[self.buf.len() - 2] == b'\r' {
                end_len = 2;
            }
        }
        let content = len - end_len as u64;
        if too_long || content > self.max as u64 {
            return Ok(Some(Line::TooLong {
                line: self.line,
                len: content,
                binary: false,
            }));
        }
        let n = self.buf.len() - end_len;
        Ok(Some(Line::Text {
            line: self.line,
            bytes: &self.buf[..n],
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_records_and_errors() {
        let input = "{\"id\": 7, \"text\": \"Iran spoke.\", \"published\": \"2023-04-17T10:00:00Z\", \"extra\": 1}\n\nnot json\n{\"id\": \"b\"}\n{\"id\": \"c\", \"text\": \"x\", \"published\": \"someday\"}\n";
        let got = parse_jsonl(input);
        assert_eq!(got.len(), 4);
        let a = got[0].as_ref().unwrap();
        assert_eq!(
            (a.id.as_str(), a.published.unwrap().to_string().as_str()),
            ("7", "2023-04-17")
        );
        assert_eq!(got[1].as_ref().unwrap_err().line, 3);
        assert_eq!(
            got[2].as_ref().unwrap_err().to_string(),
            "line 4: record b: no `text`"
        );
        assert!(got[3]
            .as_ref()
            .unwrap_err()
            .message
            .contains("cannot read date 'someday'"));
    }

    #[test]
    fn json_object_or_array() {
        assert_eq!(parse_json("{\"id\":\"a\",\"text\":\"t\"}").len(), 1);
        let arr = parse_json("[{\"id\":\"a\",\"text\":\"t\"}, {\"text\":\"t\"}]");
        assert!(arr[0].is_ok());
        assert_eq!(
            arr[1].as_ref().unwrap_err().message,
            "item 2: record has no `id`"
        );
        assert!(parse_json("[1,").pop().unwrap().is_err());
    }

    /// Found by tests/fuzz.rs: a UTF-8 byte-order mark made the first record
    /// of a `.jsonl` or `.json` file "not valid JSON" (`.txt` ignored it).
    #[test]
    fn byte_order_mark_is_ignored() {
        let jsonl =
            parse_jsonl("\u{feff}{\"id\":\"a\",\"text\":\"t\"}\r\n{\"id\":\"b\",\"text\":\"u\"}");
        assert_eq!(jsonl.len(), 2);
        assert!(jsonl.iter().all(Result::is_ok), "{jsonl:?}");
        let json = parse_json("\u{feff}[{\"id\":\"a\",\"text\":\"t\"}]");
        assert_eq!(json.len(), 1);
        assert!(json[0].is_ok(), "{json:?}");
        assert!(parse_jsonl_line("\u{feff}", 1).is_err());
    }

    #[test]
    fn txt_with_and_without_headers() {
        let a = parse_txt(
            "stem",
            "Title: T\nDate: 2023-04-17\nPublisher: TASS\n\nBody here.",
        )
        .unwrap();
        assert_eq!(
            (a.id.as_str(), a.title.as_deref(), a.text.as_str()),
            ("stem", Some("T"), "Body here.")
        );
        let b = parse_txt("plain", "Iran: a statement.\nMore.").unwrap();
        assert_eq!(b.text, "Iran: a statement.\nMore.");
        assert!(parse_txt("e", "  \n").is_err());
        assert_eq!(parse_txt("d", "Date: nope\n\nx").unwrap_err().line, 1);
    }

    /// A line number, and the line's text or (length, binary) of a skipped one.
    type Read = (usize, Result<String, (u64, bool)>);

    /// Every line a reader gives, as text or as the length of a skipped line.
    fn read_all(input: &[u8], max: u64, chunk: usize) -> Vec<Read> {
        // A small BufReader capacity makes lines span many chunks.
        let mut r = LineReader::new(std::io::BufReader::with_capacity(chunk, input), max);
        let mut out = Vec::new();
        while let Some(l) = r.next_line().unwrap() {
            out.push(match l {
                Line::Text { line, bytes } => {
                    (line, Ok(String::from_utf8(bytes.to_vec()).unwrap()))
                }
                Line::TooLong { line, len, binary } => (line, Err((len, binary))),
            });
        }
        out
    }

    #[test]
    fn line_reader_skips_long_lines_and_reads_on() {
        let long = "x".repeat(100);
        let input = format!("{{\"a\":1}}\n{long}\nshort\r\n\r\n12345678\r\n123456789\nlast");
        for chunk in [1, 3, 7, 64, 8192] {
            let got = read_all(input.as_bytes(), 8, chunk);
            assert_eq!(
                got,
                vec![
                    (1, Ok("{\"a\":1}".to_string())),
                    (2, Err((100, false))),
                    (3, Ok("short".to_string())),
                    (4, Ok(String::new())),
                    // Exactly the limit, with a CRLF: kept.
                    (5, Ok("12345678".to_string())),
                    // One byte over: skipped.
                    (6, Err((9, false))),
                    // The last line needs no newline.
                    (7, Ok("last".to_string())),
                ],
                "chunk {chunk}"
            );
        }
        // A too-long last line without a newline.
        assert_eq!(
            read_all(b"ok\n0123456789", 8, 4),
            vec![(1, Ok("ok".into())), (2, Err((10, false)))]
        );
        assert!(read_all(b"", 8, 4).is_empty());
    }

    #[test]
    fn line_reader_keeps_no_more_than_the_limit() {
        // A 3 MB line with a 1 kB limit: the buffer never grows past the limit.
        let mut input = vec![b'a'; 3_000_000];
        input.extend_from_slice(b"\n{}\n");
        let mut r = LineReader::new(std::io::BufReader::new(&input[..]), 1000);
        assert_eq!(
            r.next_line().unwrap(),
            Some(Line::TooLong {
                line: 1,
                len: 3_000_000,
                binary: false
            })
        );
        assert!(r.buf.capacity() <= 4096, "{}", r.buf.capacity());
        assert_eq!(
            r.next_line().unwrap(),
            Some(Line::Text {
                line: 2,
                bytes: b"{}"
            })
        );
        assert_eq!(r.next_line().unwrap(), None);
        assert_eq!(r.bytes_read(), input.len() as u64);
    }

    #[test]
    fn line_reader_stops_at_binary_past_the_limit() {
        // Like /dev/zero: NUL bytes and no newline, endless.
        let mut r = LineReader::new(std::io::BufReader::new(std::io::repeat(0)), 1000);
        match r.next_line().unwrap() {
            Some(Line::TooLong {
                line: 1,
                binary: true,
                len,
            }) => assert!(len <= 8192 + 1002),
            other => panic!("{other:?}"),
        }
        assert_eq!(r.next_line().unwrap(), None);
        // NUL bytes within the limit are the caller's to judge.
        let got = read_all(b"a\0b\nc\n", 8, 2);
        assert_eq!(got, vec![(1, Ok("a\0b".into())), (2, Ok("c".into()))]);
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("10MB"), Ok(10_000_000));
        assert_eq!(parse_size("10 mb"), Ok(10_000_000));
        assert_eq!(parse_size("1MiB"), Ok(1 << 20));
        assert_eq!(parse_size("1.5k"), Ok(1500));
        assert_eq!(parse_size("123"), Ok(123));
        assert!(parse_size("0").is_err());
        assert!(parse_size("ten").is_err());
        assert!(parse_size("10 parsecs").is_err());
        assert_eq!(show_size(10_000_000), "10 MB");
        assert_eq!(show_size(31_457_280), "31.46 MB");
        assert_eq!(show_size(512), "512 bytes");
    }

    #[test]
    fn published_must_be_a_readable_date_string() {
        let line = |s: &str| parse_jsonl_line(s, 3).map(|a| a.published.map(|d| d.to_string()));
        assert_eq!(
            line(r#"{"id":"a","text":"t","published":"2023-04-17T10:00:00Z"}"#),
            Ok(Some("2023-04-17".into()))
        );
        assert_eq!(
            line(r#"{"id":"a","text":"t","published":null,"date":"2023-04"}"#),
            Ok(Some("2023-04".into()))
        );
        assert_eq!(line(r#"{"id":"a","text":"t"}"#), Ok(None));
        for (record, expected) in [
            (r#"{"id":"a","text":"t","published":20230417}"#, "line 3: record a: `published` must be a date string like \"2023-04-17\", not 20230417"),
            (r#"{"id":"a","text":"t","published":""}"#, "line 3: record a: `published` is empty"),
            (r#"{"id":"a","text":"t","date":" "}"#, "line 3: record a: `date` is empty"),
            (r#"{"id":"a","text":"t","published":"2023-04-17T25:61:00Z"}"#, "line 3: record a: cannot read date '2023-04-17T25:61:00Z'"),
        ] {
            assert_eq!(line(record).unwrap_err().to_string(), expected);
        }
    }
}
