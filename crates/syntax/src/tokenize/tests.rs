//! Unit tests of the tokenizer and sentence splitter on strings written for
//! them (not taken from the treebanks). Every call also checks the offset
//! invariants: spans on char boundaries, in order, words tiling their
//! token, sentences tiling the tokens, every non-space character covered.

use super::*;

/// Tokenizes `text` and checks the invariants of the result.
fn run(text: &str) -> Tokenized {
    let t = tokenize(text);
    invariants(text, &t);
    t
}

/// The syntactic words of `text`.
fn words(text: &str) -> Vec<&str> {
    let t = run(text);
    t.words.iter().map(|w| w.text(text)).collect()
}

/// The surface tokens of `text`.
fn tokens(text: &str) -> Vec<&str> {
    let t = run(text);
    t.tokens.iter().map(|w| w.span.text(text)).collect()
}

/// The sentences of `text`.
fn sentences(text: &str) -> Vec<&str> {
    let t = run(text);
    t.sentences.iter().map(|s| s.span.text(text)).collect()
}

/// Checks the syntactic words of `text`.
fn check(text: &str, expected: &[&str]) {
    assert_eq!(words(text), expected, "words of {text:?}");
}

/// Checks the surface tokens of `text`.
fn check_tokens(text: &str, expected: &[&str]) {
    assert_eq!(tokens(text), expected, "tokens of {text:?}");
}

/// Checks the sentences of `text`.
fn check_sentences(text: &str, expected: &[&str]) {
    assert_eq!(sentences(text), expected, "sentences of {text:?}");
}

fn invariants(text: &str, t: &Tokenized) {
    let mut last = 0;
    for (i, tok) in t.tokens.iter().enumerate() {
        let s = tok.span;
        assert!(s.start < s.end, "empty token {i} in {text:?}");
        assert!(s.start >= last, "token {i} out of order in {text:?}");
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        // the words tile the token
        assert!(!tok.words.is_empty());
        assert_eq!(t.words[tok.words.start].start, s.start);
        assert_eq!(t.words[tok.words.end - 1].end, s.end);
        for w in tok.words.start + 1..tok.words.end {
            assert_eq!(t.words[w - 1].end, t.words[w].start);
        }
        if i > 0 {
            assert_eq!(t.tokens[i - 1].words.end, tok.words.start);
        }
        last = s.end;
    }
    if let Some(tok) = t.tokens.last() {
        assert_eq!(tok.words.end, t.words.len());
    }
    // the sentences tile the tokens
    let mut next = 0;
    for s in &t.sentences {
        assert_eq!(s.tokens.start, next);
        assert!(s.tokens.end > s.tokens.start);
        let first = &t.tokens[s.tokens.start];
        let last = &t.tokens[s.tokens.end - 1];
        assert_eq!(s.span, Span::new(first.span.start, last.span.end));
        assert_eq!(s.words, first.words.start..last.words.end);
        next = s.tokens.end;
    }
    assert_eq!(next, t.tokens.len());
    // every character that is not a space is in a token
    let mut covered = vec![false; text.len()];
    for tok in &t.tokens {
        covered[tok.span.range()].iter_mut().for_each(|c| *c = true);
    }
    for (i, c) in text.char_indices() {
        let space = chars::class(c) == chars::Class::Space;
        assert_eq!(covered[i], !space, "char {c:?} at {i} of {text:?}");
    }
}

#[test]
fn clitics_split_into_words_of_one_token() {
    check(
        "The U.S. didn't say.",
        &["The", "U.S.", "did", "n't", "say", "."],
    );
    check(
        "I'm sure they're here; we'll see, you've won, I'd go.",
        &[
            "I", "'m", "sure", "they", "'re", "here", ";", "we", "'ll", "see", ",", "you", "'ve",
            "won", ",", "I", "'d", "go", ".",
        ],
    );
    check(
        "Can't, won't, don't, cannot, gonna",
        &[
            "Ca", "n't", ",", "wo", "n't", ",", "do", "n't", ",", "can", "not", ",", "gon", "na",
        ],
    );
    check_tokens("We don't know.", &["We", "don't", "know", "."]);
    let t = run("We don't know.");
    assert!(t.tokens[1].is_multiword());
    assert!(!t.tokens[0].is_multiword());
}

#[test]
fn possessives_and_names_with_apostrophes() {
    check("Ahmed's car", &["Ahmed", "'s", "car"]);
    check("the students' books", &["the", "students", "'", "books"]);
    check_tokens("the students' books", &["the", "students'", "books"]);
    check("O'Neill and O'Brien", &["O'Neill", "and", "O'Brien"]);
    check("in the '90s and '07", &["in", "the", "'90s", "and", "'07"]);
    check("the 1990s and 1990's", &["the", "1990s", "and", "1990's"]);
}

#[test]
fn curly_apostrophes_and_quotes() {
    check(
        "It’s Maria’s car, isn’t it?",
        &[
            "It", "’s", "Maria", "’s", "car", ",", "is", "n’t", "it", "?",
        ],
    );
    check(
        "“Stop,” he said.",
        &["“", "Stop", ",", "”", "he", "said", "."],
    );
    check(
        "\"Stop,\" he said.",
        &["\"", "Stop", ",", "\"", "he", "said", "."],
    );
    check(
        "She called it 'cheap' twice.",
        &["She", "called", "it", "'", "cheap", "'", "twice", "."],
    );
    check(
        "‘Yes,’ says Bess.",
        &["‘", "Yes", ",", "’", "says", "Bess", "."],
    );
}

#[test]
fn abbreviations_keep_their_period() {
    check(
        "Mr. Brown met Dr. Ruiz on Dec. 5 at 9 a.m., e.g. in St. Louis.",
        &[
            "Mr.", "Brown", "met", "Dr.", "Ruiz", "on", "Dec.", "5", "at", "9", "a.m.", ",",
            "e.g.", "in", "St.", "Louis", ".",
        ],
    );
    check(
        "J. R. R. Tolkien wrote it.",
        &["J.", "R.", "R.", "Tolkien", "wrote", "it", "."],
    );
    check("Ph.D. students", &["Ph.D.", "students"]);
    check("GOV. SMITH", &["GOV.", "SMITH"]);
}

#[test]
fn number_abbreviations_need_a_number() {
    check(
        "No. 5 won. I said no.",
        &["No.", "5", "won", ".", "I", "said", "no", "."],
    );
    check("See p. 12.", &["See", "p.", "12", "."]);
}

#[test]
fn abbreviation_that_ends_a_sentence_gives_back_its_period() {
    check(
        "He works for Acme Inc. The firm grew.",
        &[
            "He", "works", "for", "Acme", "Inc", ".", "The", "firm", "grew", ".",
        ],
    );
    check_sentences(
        "He works for Acme Inc. The firm grew.",
        &["He works for Acme Inc.", "The firm grew."],
    );
    check_sentences(
        "Talks with the U.S. Army resumed.",
        &["Talks with the U.S. Army resumed."],
    );
    check(
        "Fruit, nuts, etc.",
        &["Fruit", ",", "nuts", ",", "etc", "."],
    );
}

#[test]
fn hyphens_split_except_after_prefixes() {
    check(
        "al-Sadr's long-term e-mail co-founder",
        &[
            "al",
            "-",
            "Sadr",
            "'s",
            "long",
            "-",
            "term",
            "e-mail",
            "co-founder",
        ],
    );
    check_tokens("al-Sadr's", &["al", "-", "Sadr's"]);
    check(
        "a non-profit, anti-war, well-known group",
        &[
            "a",
            "non-profit",
            ",",
            "anti-war",
            ",",
            "well",
            "-",
            "known",
            "group",
        ],
    );
    check("from 1999-2001", &["from", "1999", "-", "2001"]);
    check(
        "call 555-1234 or 1-800-555-0199",
        &["call", "555-1234", "or", "1-800-555-0199"],
    );
    check("I was th- there", &["I", "was", "th-", "there"]);
    check("Dasht-e-Barchi", &["Dasht", "-", "e", "-", "Barchi"]);
    check("on 01-Feb-02", &["on", "01-Feb-02"]);
}

#[test]
fn dashes_split_off() {
    check(
        "Peace—for now—holds.",
        &["Peace", "—", "for", "now", "—", "holds", "."],
    );
    check("yes--no", &["yes", "--", "no"]);
    check("pages 10–12", &["pages", "10", "–", "12"]);
}

#[test]
fn numbers_money_and_percent() {
    check("$1,000.50", &["$", "1,000.50"]);
    check("3.5% of €20", &["3.5", "%", "of", "€", "20"]);
    check("US$5 and £3m", &["US", "$", "5", "and", "£", "3", "m"]);
    check(
        "at 10am on the 21st",
        &["at", "10", "am", "on", "the", "21st"],
    );
    check("at 7:30pm", &["at", "7:30", "pm"]);
    check("1,2,3", &["1", ",", "2", ",", "3"]);
    check("9/11 and and/or", &["9/11", "and", "and", "/", "or"]);
}

#[test]
fn urls_and_addresses_stay_whole() {
    check(
        "See https://example.org/a_b?c=1&d=(2). Mail jane.doe@example.com!",
        &[
            "See",
            "https://example.org/a_b?c=1&d=(2)",
            ".",
            "Mail",
            "jane.doe@example.com",
            "!",
        ],
    );
    check("(www.voanews.com)", &["(", "www.voanews.com", ")"]);
    check("<http://x.org/a>", &["<", "http://x.org/a", ">"]);
    check(
        "Follow @VOA_News #Ukraine",
        &["Follow", "@VOA_News", "#Ukraine"],
    );
}

#[test]
fn ellipsis_and_runs_of_marks() {
    check("Wait... What?!", &["Wait", "...", "What", "?!"]);
    check("Wait… what", &["Wait", "…", "what"]);
    check_sentences("Wait... What?!", &["Wait...", "What?!"]);
    check("((a))", &["(", "(", "a", ")", ")"]);
}

#[test]
fn sentences_split_at_final_marks() {
    check_sentences("He left. She stayed.", &["He left.", "She stayed."]);
    check_sentences("Mr. Smith arrived.", &["Mr. Smith arrived."]);
    check_sentences(
        "Did he? \"Yes.\" (He did.) Then 3 more came!",
        &["Did he?", "\"Yes.\"", "(He did.)", "Then 3 more came!"],
    );
    check_sentences(
        "\"Stop!\" he said. It was 3.5 m long.",
        &["\"Stop!\" he said.", "It was 3.5 m long."],
    );
    check_sentences("where are you? home?", &["where are you?", "home?"]);
    check_sentences(
        "It rained.[3] Then it stopped.",
        &["It rained.[3]", "Then it stopped."],
    );
    check_sentences("Great! :) See you", &["Great! :)", "See you"]);
}

#[test]
fn paragraphs_headlines_and_lines() {
    check_sentences(
        "Peace Talks Resume\n\nThe talks resumed on Monday.",
        &["Peace Talks Resume", "The talks resumed on Monday."],
    );
    // a single line break inside prose is a space
    check_sentences(
        "The talks\nresumed on Monday. They\nended.",
        &["The talks\nresumed on Monday.", "They\nended."],
    );
    // lines that each start with a capital are one sentence each
    check_sentences(
        "Dear John,\nThanks for the note\nBest\n\nAnn",
        &["Dear John,", "Thanks for the note", "Best", "Ann"],
    );
    check_sentences("A\r\n\r\nB", &["A", "B"]);
}

#[test]
fn unicode_text() {
    check(
        "Café Zürich, naïve Ελλάδα",
        &["Café", "Zürich", ",", "naïve", "Ελλάδα"],
    );
    check("Cafe\u{301} ok", &["Cafe\u{301}", "ok"]);
    check("10\u{a0}km and 5\u{202f}%", &["10", "km", "and", "5", "%"]);
    check("東京は大きい。次", &["東京は大きい", "。", "次"]);
    check_sentences("東京は大きい。次", &["東京は大きい。", "次"]);
    check("ok 😀 fine", &["ok", "😀", "fine"]);
    check("\u{feff}Hello", &["Hello"]);
}

#[test]
fn offsets_point_into_the_input() {
    let text = "“Hé’s here”—isn’t he?\n\nYes.";
    let t = run(text);
    let words: Vec<&str> = t.words.iter().map(|w| &text[w.range()]).collect();
    assert_eq!(
        words,
        ["“", "Hé", "’s", "here", "”", "—", "is", "n’t", "he", "?", "Yes", "."]
    );
    assert_eq!(t.words[1], Span::new(3, 6));
    assert_eq!(t.tokens[1].span, Span::new(3, 10));
    assert_eq!(t.sentences.len(), 2);
    assert_eq!(t.sentences[1].span.text(text), "Yes.");
    assert_eq!(t.sentence_words(&t.sentences[1]).len(), 2);
    assert_eq!(t.sentence_tokens(&t.sentences[0]).len(), 8);
}

#[test]
fn empty_and_blank_input() {
    for text in ["", " ", "\n\n\t", "\u{a0}\u{3000}\r\n", "\u{200b}"] {
        let t = run(text);
        assert!(t.tokens.is_empty() && t.words.is_empty() && t.sentences.is_empty());
    }
    check_sentences(".", &["."]);
    check_sentences("'", &["'"]);
}

#[test]
fn buffers_are_reused() {
    let tok = Tokenizer::new();
    let mut out = Tokenized::new();
    tok.tokenize_into("A long first text. With two sentences.", &mut out);
    tok.tokenize_into("Short.", &mut out);
    let fresh = tok.tokenize("Short.");
    assert_eq!(out.words, fresh.words);
    assert_eq!(out.tokens, fresh.tokens);
    assert_eq!(out.sentences, fresh.sentences);
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_strings_never_panic_and_keep_invariants() {
    const PIECES: &[&str] = &[
        "a",
        "Z",
        "é",
        "7",
        "0",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        "\r",
        ".",
        "..",
        ",",
        "'",
        "’",
        "‘",
        "\"",
        "“",
        "”",
        "-",
        "--",
        "—",
        "(",
        ")",
        "[",
        "]",
        "$",
        "%",
        "@",
        "#",
        "+",
        "/",
        ":",
        ";",
        "!",
        "?",
        "&",
        "_",
        "`",
        "\u{a0}",
        "\u{301}",
        "東",
        "😀",
        "…",
        "。",
        "http://",
        "www.",
        "n't",
        "'s",
        "Mr.",
        "U.S.",
        "e.g.",
        "No.",
        "cannot",
        "gonna",
        "al-",
        "non-",
        "1,000",
        ":)",
        "(:",
        "<3",
        "^_^",
        "[1]",
        ".doc",
        "'90s",
        "\u{feff}",
        "\u{2028}",
        "\u{2029}",
        "\0",
        "The",
        "etc.",
        "555-1234",
        "01-Feb-02",
        "10am",
        "x..@y",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let tok = Tokenizer::new();
    let mut out = Tokenized::new();
    let mut text = String::new();
    for _ in 0..20_000 {
        text.clear();
        for _ in 0..rng.below(24) {
            text.push_str(PIECES[rng.below(PIECES.len())]);
        }
        tok.tokenize_into(&text, &mut out);
        invariants(&text, &out);
    }
}

#[test]
fn random_characters_never_panic() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let tok = Tokenizer::new();
    let mut out = Tokenized::new();
    let mut text = String::new();
    for _ in 0..5_000 {
        text.clear();
        for _ in 0..rng.below(40) {
            // mostly ASCII, some of the BMP, some beyond
            let limit = [0x80, 0x800, 0x1_0000, 0x11_0000][rng.below(4)];
            if let Some(c) = char::from_u32(rng.below(limit) as u32) {
                text.push(c);
            }
        }
        tok.tokenize_into(&text, &mut out);
        invariants(&text, &out);
    }
}

#[test]
fn long_runs_take_linear_time() {
    let n = 100_000;
    let texts = [
        ")".repeat(n),
        "(".repeat(n),
        "1-".repeat(n / 2) + "1",
        "01-Feb-".to_string() + &"0".repeat(n) + &"-a".repeat(n / 2),
        "http://x.org/".to_string() + &")".repeat(n),
        "a. ".to_string() + &"\"".repeat(n),
        "U.S. ".repeat(n / 5),
        "a\n".repeat(n / 2),
        "a\n\n".repeat(n / 3),
        "x".repeat(n) + "'s",
        "'".repeat(n),
        ".".repeat(n) + "@a",
    ];
    for text in &texts {
        let t = tokenize(text);
        invariants(text, &t);
    }
}
