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
    let published = match string("published").or_else(|| string("date")) {
        Some(d) => Some(
            PartialDate::parse(&d)
                .ok_or_else(|| err(line, format!("record {id}: cannot read date '{d}'")))?,
        ),
        None => None,
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
pub fn parse_jsonl_line(line_text: &str, line: usize) -> Result<Article, RecordError> {
    let v: Value =
        serde_json::from_str(line_text).map_err(|e| err(line, format!("not valid JSON: {e}")))?;
    article_from_value(&v, line)
}

/// Parses a `.json` document: an object or an array of objects.
pub fn parse_json(contents: &str) -> Vec<Result<Article, RecordError>> {
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
}
