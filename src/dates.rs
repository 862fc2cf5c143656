//! Calendar dates at the precision the text allows, and the resolution of
//! explicit and relative date expressions against an article's date.
//!
//! A [`PartialDate`] is a year, a year-month or a full day; nothing here ever
//! invents a day the text does not give. [`find_dates`] scans one sentence for
//! expressions ("on Monday", "in January this year", "at the end of March",
//! "Jan. 24", "on April 6", "last year", "17 April 2023") and returns each with
//! its byte span, resolved against the publication date. Pure: no clock, no I/O.

use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn day(year: i32, month: u32, day: u32) -> PartialDate {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }
    pub fn month(year: i32, month: u32) -> PartialDate {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }
    pub fn year(year: i32) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// The XSD datatype local name for this precision.
    pub fn xsd_type(&self) -> &'static str {
        match (self.month, self.day) {
            (Some(_), Some(_)) => "date",
            (Some(_), None) => "gYearMonth",
            _ => "gYear",
        }
    }

    /// Parses `2023-04-17`, `2023-04`, `2023`, a full date followed by a
    /// valid time of day (`2023-04-17T10:00:00Z`, `2025-03-14 20:30:26Z`,
    /// `2023-04-17T10:00`, `2023-04-17T10:00:00.5+02:00`; see [`is_time`]),
    /// or `17 April 2023`, `April 17, 2023`.
    pub fn parse(s: &str) -> Option<PartialDate> {
        let s = s.trim();
        let (head, time) = match s.split_once(['T', 't', ' ']) {
            Some((head, time)) => (head, Some(time)),
            None => (s, None),
        };
        if time.is_some_and(|t| !(head.len() == 10 && is_time(t))) {
            // Not an ISO date and time: only a written date can still match.
            return Self::parse_written(s);
        }
        let parts: Vec<&str> = head.split('-').collect();
        let num = |p: &str| p.parse::<u32>().ok();
        let iso = match parts.as_slice() {
            [y] if y.len() == 4 => num(y).map(|y| PartialDate::year(y as i32)),
            [y, m] if y.len() == 4 && m.len() == 2 => {
                Some(PartialDate::month(num(y)? as i32, num(m)?))
            }
            [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                Some(PartialDate::day(num(y)? as i32, num(m)?, num(d)?))
            }
            _ => None,
        };
        if let Some(d) = iso {
            return d.is_valid().then_some(d);
        }
        Self::parse_written(s)
    }

    /// A date written out in words, the whole of `s`: `17 April 2023`.
    fn parse_written(s: &str) -> Option<PartialDate> {
        let found = find_dates(s, None);
        match found.as_slice() {
            [only] if only.start == 0 && only.end >= s.trim_end_matches('.').len() => {
                Some(only.date).filter(|d| d.is_valid())
            }
            _ => None,
        }
    }

    pub fn is_valid(&self) -> bool {
        match (self.month, self.day) {
            (None, None) => true,
            (Some(m), None) => (1..=12).contains(&m),
            (Some(m), Some(d)) => {
                (1..=12).contains(&m) && d >= 1 && d <= days_in_month(self.year, m)
            }
            (None, Some(_)) => false,
        }
    }

    /// Days since 1970-01-01 for a full date.
    fn to_days(self) -> Option<i64> {
        Some(days_from_civil(self.year, self.month?, self.day?))
    }

    fn from_days(days: i64) -> PartialDate {
        let (y, m, d) = civil_from_days(days);
        PartialDate::day(y, m, d)
    }

    /// The full date `n` days earlier (requires a full date).
    pub fn minus_days(self, n: i64) -> Option<PartialDate> {
        Some(PartialDate::from_days(self.to_days()? - n))
    }

    /// 0 = Monday … 6 = Sunday, for a full date.
    pub fn weekday(self) -> Option<u32> {
        // 1970-01-01 was a Thursday (3).
        Some(((self.to_days()? + 3).rem_euclid(7)) as u32)
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

/// A time of day after an ISO date: `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff`
/// (hour below 24, minute below 60, second up to 60 for a leap second),
/// then optionally a zone, `Z`, `+HH:MM`, `+HHMM`, `+HH`, `-…`, ` UTC` or
/// ` GMT` (with or without the space).
pub fn is_time(s: &str) -> bool {
    // Bytes, not chars: only ASCII digits and signs are accepted anyway.
    fn two(t: &[u8], max: u32) -> bool {
        t.len() == 2
            && t.iter().all(u8::is_ascii_digit)
            && u32::from(t[0] - b'0') * 10 + u32::from(t[1] - b'0') <= max
    }
    let b = s.as_bytes();
    if b.len() < 5 || b[2] != b':' || !two(&b[..2], 23) || !two(&b[3..5], 59) {
        return false;
    }
    let mut rest = &b[5..];
    if let Some(r) = rest.strip_prefix(b":") {
        if r.len() < 2 || !two(&r[..2], 60) {
            return false;
        }
        rest = &r[2..];
        if let Some(r) = rest.strip_prefix(b".").or_else(|| rest.strip_prefix(b",")) {
            let digits = r.iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return false;
            }
            rest = &r[digits..];
        }
    }
    let zone = rest.strip_prefix(b" ").unwrap_or(rest);
    if zone.len() < rest.len() && zone.is_empty() {
        return false;
    }
    match zone {
        b"" | b"Z" | b"z" | b"UTC" | b"GMT" => true,
        [b'+' | b'-', offset @ ..] => match offset {
            [h1, h2] => two(&[*h1, *h2], 23),
            [h1, h2, m1, m2] => two(&[*h1, *h2], 23) && two(&[*m1, *m2], 59),
            [h1, h2, b':', m1, m2] => two(&[*h1, *h2], 23) && two(&[*m1, *m2], 59),
            _ => false,
        },
        _ => false,
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

// Howard Hinnant's civil-date algorithms (public-domain arithmetic).
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y as i64 - 1 } else { y as i64 };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

/// A date expression found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub date: PartialDate,
    /// A deadline ("by Feb. 7", "until March"), not when something happened.
    pub deadline: bool,
}

const MONTH_PATTERN: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)";

static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let m = MONTH_PATTERN;
    let pattern = format!(
        r"(?x)
        (?P<dmy>(?-u:\b)(?:(?:on|by|until|since|from|before|after)\s+)?(?P<d1>\d{{1,2}})\s+(?P<m1>{m})\.?(?:,?\s+(?P<y1>(?:19|20)\d{{2}}))?(?-u:\b))
      | (?P<mdy>(?-u:\b)(?:(?:on|by|until|since|from|before|after)\s+)?(?P<m2>{m})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<y2>(?:19|20)\d{{2}})(?-u:\b)|\s+(?P<this_y2>this\s+year)(?-u:\b)|\s+(?P<last_y2>last\s+year)(?-u:\b))?)
      | (?P<rel_month>(?-u:\b)(?:(?P<last_m>last)\s+|(?:in|during|since|by|until|from|early|late|mid|mid-|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|end\s+of|early\s+in|late\s+in)\s+)?(?P<m3>{m})(?:\s+(?P<y3>(?:19|20)\d{{2}})|\s+(?P<this_y>this\s+year)|\s+(?P<last_y>last\s+year))?(?-u:\b))
      | (?P<wd>(?-u:\b)(?P<wday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?-u:\b))
      | (?P<yday>(?-u:\b)(?:yesterday)(?-u:\b))
      | (?P<tday>(?-u:\b)(?:today|tonight)(?-u:\b))
      | (?P<lweek>(?-u:\b)last\s+week(?-u:\b)|(?-u:\b)earlier\s+this\s+week(?-u:\b)|(?-u:\b)this\s+week(?-u:\b))
      | (?P<tmonth>(?-u:\b)(?:earlier\s+this\s+month|this\s+month|earlier\s+in\s+the\s+month)(?-u:\b))
      | (?P<lmonth>(?-u:\b)last\s+month(?-u:\b))
      | (?P<tyear>(?-u:\b)(?:earlier\s+this\s+year|this\s+year)(?-u:\b))
      | (?P<lyear>(?-u:\b)last\s+year(?-u:\b))
      | (?P<year>(?-u:\b)(?:in|since|by|during|early|late|mid-?)\s+(?:the\s+)?(?P<y4>(?:19|20)\d{{2}})(?-u:\b))
        "
    );
    Regex::new(&pattern).expect("date regex compiles")
});

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Weekday names, Monday first (the order `weekday_number` counts in).
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A capitalized month or weekday name: never part of a person's or place's name.
pub fn is_calendar_name(word: &str) -> bool {
    MONTHS.contains(&word) || WEEKDAYS.contains(&word)
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.');
    let idx = MONTHS
        .iter()
        .position(|m| n.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(&m[..3])))?;
    Some(idx as u32 + 1)
}

fn weekday_number(name: &str) -> Option<u32> {
    WEEKDAYS.iter().position(|d| *d == name).map(|i| i as u32)
}

/// The year a month/day without a year refers to: the most recent such date on
/// or before the article date (news reports the past).
fn year_for(month: u32, day: Option<u32>, article: Option<PartialDate>) -> Option<i32> {
    let a = article?;
    let am = a.month?;
    let later = month > am || (month == am && day.is_some_and(|d| a.day.is_some_and(|ad| d > ad)));
    Some(if later { a.year - 1 } else { a.year })
}

/// True when the first word of `s` (up to any whitespace, as the date
/// pattern's `\s` separates words: "by\u{a0}Feb. 7" too) is one of `words`.
fn starts_with_any(s: &str, words: &[&str]) -> bool {
    let first = s.split(char::is_whitespace).next().unwrap_or("");
    words.iter().any(|w| first.eq_ignore_ascii_case(w))
}

/// Finds date expressions in `sentence`, resolving relative ones against
/// `article` (the publication date). Expressions that cannot be resolved
/// without an article date are skipped.
pub fn find_dates(sentence: &str, article: Option<PartialDate>) -> Vec<DateMention> {
    let mut out = Vec::new();
    for caps in DATE_RE.captures_iter(sentence) {
        let whole = caps.get(0).expect("group 0");
        let year_of = |g: &str| caps.name(g).and_then(|y| y.as_str().parse::<i32>().ok());
        let date = if caps.name("dmy").is_some() || caps.name("mdy").is_some() {
            let (m, d, y) = if caps.name("dmy").is_some() {
                (&caps["m1"], &caps["d1"], year_of("y1"))
            } else {
                (&caps["m2"], &caps["d2"], year_of("y2"))
            };
            let (Some(m), Ok(d)) = (month_number(m), d.parse::<u32>()) else {
                continue;
            };
            if d == 0 || d > 31 {
                continue;
            }
            // "October 8 last year", "March 10 this year".
            let y = y
                .or_else(|| caps.name("last_y2").and(article).map(|a| a.year - 1))
                .or_else(|| caps.name("this_y2").and(article).map(|a| a.year));
            // A deadline is in the future: "leave by Feb. 7" in January.
            // A deadline or a start ("leave by Feb. 7", "flights banned from July 8")
            // is in the future: its year is the article's.
            let deadline = starts_with_any(whole.as_str(), &["by", "until", "from"]);
            let y = if deadline {
                y.or(article.map(|a| a.year))
            } else {
                y
            };
            // "May 5" is a date, but "May" alone is usually the verb; handled below.
            match y.or_else(|| year_for(m, Some(d), article)) {
                Some(y) => PartialDate::day(y, m, d),
                None => continue,
            }
        } else if caps.name("rel_month").is_some() {
            let m_text = &caps["m3"];
            // "May" alone is ambiguous with the modal verb: require a cue.
            let cued = whole.as_str() != m_text;
            if m_text == "May" && !cued {
                continue;
            }
            if !cued && m_text.len() <= 4 && m_text != "June" && m_text != "July" {
                // Bare abbreviations ("Mar", "Dec") are too ambiguous.
                continue;
            }
            let Some(m) = month_number(m_text) else {
                continue;
            };
            let y = if let Some(y) = year_of("y3") {
                Some(y)
            } else if caps.name("this_y").is_some() {
                article.map(|a| a.year)
            } else if caps.name("last_y").is_some() {
                article.map(|a| a.year - 1)
            } else if caps.name("last_m").is_some() {
                // "last April": the most recent April strictly before this month.
                article.and_then(|a| a.month.map(|am| if m < am { a.year } else { a.year - 1 }))
            } else {
                year_for(m, None, article)
            };
            match y {
                Some(y) => PartialDate::month(y, m),
                None => continue,
            }
        } else if caps.name("wd").is_some() {
            let Some(a) = article.filter(|a| a.day.is_some()) else {
                continue;
            };
            let (Some(target), Some(today)) = (weekday_number(&caps["wday"]), a.weekday()) else {
                continue;
            };
            let back = (today + 7 - target) % 7;
            match a.minus_days(back as i64) {
                Some(d) => d,
                None => continue,
            }
        } else if caps.name("yday").is_some() {
            match article.and_then(|a| a.minus_days(1)) {
                Some(d) => d,
                None => continue,
            }
        } else if caps.name("tday").is_some() {
            match article.filter(|a| a.day.is_some()) {
                Some(d) => d,
                None => continue,
            }
        } else if caps.name("lweek").is_some() {
            let Some(a) = article else { continue };
            let back = if whole.as_str().starts_with("last") {
                7
            } else {
                0
            };
            match a.minus_days(back) {
                Some(d) => PartialDate::month(d.year, d.month.unwrap_or(1)),
                None => continue,
            }
        } else if caps.name("tmonth").is_some() {
            let Some(a) = article else { continue };
            let Some(m) = a.month else { continue };
            PartialDate::month(a.year, m)
        } else if caps.name("lmonth").is_some() {
            let Some(a) = article else { continue };
            let Some(m) = a.month else { continue };
            if m == 1 {
                PartialDate::month(a.year - 1, 12)
            } else {
                PartialDate::month(a.year, m - 1)
            }
        } else if caps.name("tyear").is_some() {
            let Some(a) = article else { continue };
            PartialDate::year(a.year)
        } else if caps.name("lyear").is_some() {
            let Some(a) = article else { continue };
            PartialDate::year(a.year - 1)
        } else if caps.name("year").is_some() {
            let Some(y) = year_of("y4") else { continue };
            PartialDate::year(y)
        } else {
            continue;
        };
        if date.is_valid() {
            out.push(DateMention {
                start: whole.start(),
                end: whole.end(),
                date,
                deadline: starts_with_any(whole.as_str(), &["by", "until", "from"]),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PUB: PartialDate = PartialDate {
        year: 2023,
        month: Some(4),
        day: Some(17),
    }; // a Monday

    fn check(sentence: &str, expected: &[&str]) {
        let got: Vec<String> = find_dates(sentence, Some(PUB))
            .iter()
            .map(|d| d.date.to_string())
            .collect();
        assert_eq!(got, expected, "in {sentence:?}");
    }

    #[test]
    fn weekdays_resolve_to_most_recent_on_or_before() {
        check("This statement was made on Monday.", &["2023-04-17"]);
        check("He arrived on Friday.", &["2023-04-14"]);
        check("Talks on Tuesday collapsed.", &["2023-04-11"]);
    }

    #[test]
    fn month_expressions_keep_month_precision() {
        check("the attack in January this year", &["2023-01"]);
        check("at the end of March", &["2023-03"]);
        check("expelled the ambassador last April", &["2022-04"]);
        check("in December", &["2022-12"]);
        check("earlier this month", &["2023-04"]);
        check("last month", &["2023-03"]);
    }

    #[test]
    fn day_expressions() {
        check("On April 6, four employees", &["2023-04-06"]);
        check("leave by Feb. 7", &["2023-02-07"]);
        check("leave by Feb. 7", &["2023-02-07"]);
        assert!(find_dates("leave by Feb. 7", Some(PUB))[0].deadline);
        check("on October 8 last year", &["2022-10-08"]);
        // A start date ahead of the article is in the future, not last year.
        check("barred flights from July 8", &["2023-07-08"]);
        check("shot dead on June 18", &["2022-06-18"]);
        check("on 17 April 2023", &["2023-04-17"]);
        check("on Sept 19", &["2022-09-19"]);
    }

    #[test]
    fn years_and_ambiguity() {
        check("last year", &["2022"]);
        check("since 2019", &["2019"]);
        check("defeated Armenia in the 2020 war", &["2020"]);
        check("Officials may meet", &[]);
        check("in May", &["2022-05"]);
    }

    #[test]
    fn parse_formats() {
        assert_eq!(
            PartialDate::parse("2023-04-17").unwrap().to_string(),
            "2023-04-17"
        );
        assert_eq!(
            PartialDate::parse("2023-04-17T10:00:00Z")
                .unwrap()
                .to_string(),
            "2023-04-17"
        );
        assert_eq!(
            PartialDate::parse("2025-03-14 20:30:26Z")
                .unwrap()
                .to_string(),
            "2025-03-14"
        );
        assert_eq!(
            PartialDate::parse("17 April 2023").unwrap().to_string(),
            "2023-04-17"
        );
        assert_eq!(
            PartialDate::parse("April 17, 2023").unwrap().to_string(),
            "2023-04-17"
        );
        assert_eq!(PartialDate::parse("2023-02-30"), None);
        for ok in [
            "2023-04-17T10:00",
            "2023-04-17T23:59:60Z",
            "2023-04-17T10:00:00.123+02:00",
            "2023-04-17T10:00:00-0500",
            "2023-04-17 10:00:00 UTC",
            "2023-04-17t10:00:00z",
            "2024-02-29T00:00:00Z",
        ] {
            assert!(PartialDate::parse(ok).is_some(), "{ok}");
        }
        for bad in [
            "2023-04-17T25:61:00Z",
            "2023-04-17T24:00:00Z",
            "2023-04-17T10:60:00Z",
            "2023-04-17T10:00:61Z",
            "2023-04-17T",
            "2023-04-17T10",
            "2023-04-17T10:00:00+25:00",
            "2023-04-17T10:00:00Q",
            "2023-04-17 garbage",
            "2023-04-31T10:00:00Z",
            "2023-02-29T10:00:00Z",
            "2023T10:00:00Z",
            "2023-04-17T1٠:00",
        ] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
        assert_eq!(PartialDate::parse("yesterday-ish"), None);
    }

    #[test]
    fn calendar_arithmetic() {
        assert_eq!(PUB.weekday(), Some(0));
        assert_eq!(
            PartialDate::day(2024, 3, 1)
                .minus_days(1)
                .unwrap()
                .to_string(),
            "2024-02-29"
        );
        assert_eq!(
            PartialDate::day(2023, 1, 1)
                .minus_days(1)
                .unwrap()
                .to_string(),
            "2022-12-31"
        );
    }

    /// Found by tests/fuzz.rs: a multi-byte space (no-break, line separator)
    /// within the first bytes of an expression made the deadline check slice
    /// inside a character and panic.
    #[test]
    fn unicode_space_after_the_first_word() {
        let jan = PartialDate::month(2023, 1);
        for s in [
            "March\u{a0}this year ",
            "May\u{2028}this year",
            "in\u{a0}2023 ",
            "last\u{a0}January ",
        ] {
            assert_eq!(find_dates(s, Some(jan)).len(), 1, "{s:?}");
        }
        // "by" with a no-break space is a deadline like "by Feb. 7".
        let got = find_dates("leave by\u{a0}Feb. 7", Some(jan));
        assert_eq!(got.len(), 1);
        assert!(got[0].deadline);
        assert_eq!(got[0].date, PartialDate::day(2023, 2, 7));
        assert!(!find_dates("byzantine Feb. 7", Some(jan))[0].deadline);
    }
}
