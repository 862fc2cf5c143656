//! Rule tests for the extractor, one sentence pattern per test, with sentences
//! of our own (not from the dev set), plus the golden test of the seed.

use super::extract;
use crate::dates::PartialDate;
use crate::knowledge::Knowledge;
use crate::model::{Article, Extraction};
use std::sync::LazyLock;

static K: LazyLock<Knowledge> = LazyLock::new(|| Knowledge::builtin().unwrap());

fn run(text: &str, published: &str) -> Extraction {
    let article = Article {
        id: "t".into(),
        title: None,
        published: PartialDate::parse(published),
        publisher: None,
        url: None,
        text: text.into(),
    };
    extract(&article, &K)
}

/// Events as "CATEGORY ACTOR->TARGET DATE", actors/targets joined by '+', '-' for none.
fn events(x: &Extraction) -> Vec<String> {
    x.events
        .iter()
        .map(|e| {
            let a = e.actor_states().join("+");
            let t = e.target_states().join("+");
            format!(
                "{} {}->{} {}",
                e.category,
                if a.is_empty() { "-" } else { &a },
                if t.is_empty() { "-" } else { &t },
                e.date.map_or("-".to_string(), |d| d.to_string())
            )
        })
        .collect()
}

fn check(text: &str, expected: &[&str]) {
    let x = run(text, "2024-03-20"); // a Wednesday
    assert_eq!(events(&x), expected, "in {text:?}\nnotes: {:#?}", x.notes);
}

#[test]
fn active_verb_subject_and_object() {
    check(
        "Peru expelled a Bolivian diplomat on Monday.",
        &["SANCTION PER->BOL 2024-03-18"],
    );
    check(
        "Lima accuses La Paz of meddling.",
        &["ACCUSE PER->BOL 2024-03-20"],
    );
    // A report with no date of its own is dated at publication…
    check(
        "Lima accused La Paz of meddling.",
        &["ACCUSE PER->BOL 2024-03-20"],
    );
    // …unless it is told as background, in the past perfect.
    check(
        "Lima had accused La Paz of meddling.",
        &["ACCUSE PER->BOL -"],
    );
    // A sentence without a date continues the one before.
    check(
        "Peru expelled a Bolivian diplomat on Monday. Lima then accused La Paz of meddling.",
        &["SANCTION PER->BOL 2024-03-18", "ACCUSE PER->BOL 2024-03-18"],
    );
}

#[test]
fn passive_with_agent() {
    check(
        "Two Chilean diplomats were expelled by Argentina on March 3.",
        &["SANCTION ARG->CHL 2024-03-03"],
    );
}

#[test]
fn negation_and_modality_drop_events() {
    check("Norway did not expel the Danish envoy.", &[]);
    check("Sweden will recall its ambassador from Finland.", &[]);
    check(
        "Finland said it hoped Sweden would restore ties with Norway.",
        &[],
    );
}

#[test]
fn denial_is_reject_not_the_denied_event() {
    check(
        "Hungary denied on Monday that it attacked Slovakia.",
        &["REJECT HUN->SVK 2024-03-18"],
    );
}

#[test]
fn attack_with_unknown_perpetrator() {
    check(
        "An armed attack on the Kenyan embassy in Uganda in January killed two guards.",
        &["ASSAULT -->KEN 2024-01"],
    );
}

#[test]
fn symmetric_talks_between_two_states() {
    check(
        "Despite tensions between Quito and Lima, the ministers held talks.",
        &["CONSULT ECU->PER 2024-03-20"],
    );
}

#[test]
fn claim_of_involvement_is_an_accusation() {
    check(
        "Ghana believes that Togo is behind the unrest.",
        &["ACCUSE GHA->TGO 2024-03-20"],
    );
}

#[test]
fn compound_actor() {
    check(
        "Latvia and Lithuania expelled Belarusian diplomats on Friday.",
        &["SANCTION LVA+LTU->BLR 2024-03-15"],
    );
}

#[test]
fn official_stands_for_state() {
    check(
        "Polish Foreign Minister Jan Kowalski condemned Belarus on Tuesday.",
        &["ACCUSE POL->BLR 2024-03-19"],
    );
}

#[test]
fn questions_are_not_events() {
    check("Will Serbia recognize Kosovo?", &[]);
}

#[test]
fn any_text_is_safe() {
    for text in [
        "",
        "\u{0}\u{1}",
        "....",
        "“”",
        "A",
        "Iran",
        "Iran's",
        "'s",
        "\n\n\n",
        "Mr.",
        "U.S.",
        "é—",
        &"x ".repeat(5000),
    ] {
        let _ = run(text, "2024-01-01");
    }
}

#[test]
fn seed_golden() {
    let text = include_str!("../../seeds/tass-2023-04-17.txt");
    let article = crate::input::parse_txt("seed", text).unwrap();
    let x = extract(&article, &K);
    assert_eq!(x.state_codes(), ["IRN", "ISR", "AZE"]);
    let officials: Vec<String> = x
        .officials
        .iter()
        .map(crate::model::Official::test_line)
        .collect();
    assert_eq!(
        officials,
        [
            "Nasser Kanani|IRN|spokesperson",
            "Fazil Mustafa|AZE|member of parliament"
        ]
    );
    // All twelve gold events, in text order (the gold leaves four undated;
    // here they carry the publication date, with dg:dateBasis "publication").
    assert_eq!(
        events(&x),
        [
            "ACCUSE IRN->ISR 2023-04-17",
            "CONSULT IRN->AZE 2023-04-17",
            "AGREE IRN->AZE 2023-04-17",
            "ASSAULT -->AZE 2023-01",
            "SANCTION AZE->IRN 2023-01",
            "RETREAT AZE->IRN 2023-01",
            "MOBILIZE IRN->AZE 2023-04-17",
            "ACCUSE AZE->IRN 2023-04-17",
            "ACCUSE AZE->IRN 2023-04-17",
            "ASSAULT -->AZE 2023-03",
            "COERCE AZE->IRN 2023-03",
            "SANCTION AZE->IRN 2023-04-06",
        ]
    );
    let attack = &x.events[3];
    assert_eq!(x.events[1].mode.as_deref(), Some("phone"));
    assert_eq!(
        (attack.killed, attack.wounded, attack.location.as_deref()),
        (Some(1), Some(2), Some("IRN"))
    );
}

/// Thousands of generated texts mixing curly quotes, accents, dates, state
/// names, titles and triggers: extraction and RDF never panic.
#[test]
fn generated_texts_never_panic() {
    const TOKENS: &[&str] = &[
        "Iran",
        "Israel's",
        "“",
        "”",
        "’s",
        "‘",
        "é",
        "—",
        "-",
        ".",
        ",",
        ";",
        ":",
        "?",
        "!",
        "\n\n",
        "U.S.",
        "Mr.",
        "Feb.",
        "7",
        "on",
        "Monday",
        "in",
        "January",
        "this",
        "year",
        "the",
        "Kremlin",
        "President",
        "Vladimir",
        "Putin",
        "Foreign",
        "Minister",
        "spokesman",
        "MFA",
        "Azerbaijani",
        "embassy",
        "expelled",
        "accused",
        "attack",
        "on",
        "by",
        "were",
        "declared",
        "persona",
        "non",
        "grata",
        "did",
        "not",
        "talks",
        "with",
        "between",
        "and",
        "killed",
        "12",
        "wounded",
        "two",
        "Georgia",
        "Jordan",
        "Niger",
        "Congo",
        "the kingdom",
        "BAKU,",
        "Jan 27 (Wire Desk) -",
        "Türkiye",
        "Çavuşoğlu",
        "日本",
        "🙂",
        "\u{0}",
        "'",
        "\"",
        "(",
        ")",
        "said",
        "that",
        "it",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..2000 {
        let n = (next() % 60) as usize;
        let mut text = String::new();
        for _ in 0..n {
            text.push_str(TOKENS[(next() % TOKENS.len() as u64) as usize]);
            if next() % 3 != 0 {
                text.push(' ');
            }
        }
        let article = Article {
            id: "g".into(),
            title: None,
            published: PartialDate::parse("2024-02-29"),
            publisher: None,
            url: None,
            text,
        };
        let x = extract(&article, &K);
        let _ = crate::rdf::article_quads(&article, &x, &K);
    }
}

#[test]
fn reaction_to_an_earlier_event_targets_its_author() {
    check(
        "Chadian troops attacked a Sudanese border post on Monday. Khartoum condemned the attack on Tuesday.",
        &["ASSAULT TCD->SDN 2024-03-18", "ACCUSE SDN->TCD 2024-03-19"],
    );
}

#[test]
fn denial_answers_the_latest_accusation() {
    check(
        "Ghana accused Togo of arming rebels on Monday. Togo denied the claim on Tuesday.",
        &["ACCUSE GHA->TGO 2024-03-18", "REJECT TGO->GHA 2024-03-19"],
    );
}

#[test]
fn both_sides_are_the_two_states_of_the_story() {
    check(
        "Bolivia and Paraguay traded fire on Monday. Paraguay said Bolivia started it. Brazil urged both sides to show restraint.",
                &["ASSAULT BOL->PRY 2024-03-18", "REQUEST BRA->BOL+PRY 2024-03-20"],
    );
}

#[test]
fn definite_ministry_refers_back() {
    check(
        "The Chilean Foreign Ministry summoned the Peruvian ambassador on Monday. The ministry accused Lima of interference.",
        &["ACCUSE CHL->PER 2024-03-18", "ACCUSE CHL->PER 2024-03-18"],
    );
}

#[test]
fn a_dated_or_possessive_gerund_is_a_noun() {
    // Not "Iranian officials shot at the embassy".
    check(
        "Iranian officials insisted that Friday's shooting at the Azerbaijani embassy was the work of a man with a grievance.",
        &["ASSAULT -->AZE 2024-03-15"],
    );
    check(
        "Aliyev challenged the Iranian account of the January shooting at Azerbaijan's embassy.",
        &["ASSAULT -->AZE 2024-01"],
    );
}

#[test]
fn a_national_is_not_the_state_acting() {
    check(
        "An Iranian citizen attacked the Azerbaijani embassy on Friday.",
        &["ASSAULT -->AZE 2024-03-15"],
    );
    // Harm to nationals is aimed at their state.
    check(
        "Iran arrested two French nationals on Friday.",
        &["COERCE IRN->FRA 2024-03-15"],
    );
    // A demonym before a body is the state.
    check(
        "Iranian forces attacked the Azerbaijani embassy on Friday.",
        &["ASSAULT IRN->AZE 2024-03-15"],
    );
}

#[test]
fn diplomats_pulled_out_and_declared_unwelcome() {
    check(
        "Baku pulled its diplomats out of the Islamic Republic on Sunday.",
        &["RETREAT AZE->IRN 2024-03-17"],
    );
    check(
        "Azerbaijan withdrew its diplomats from Iran on Sunday.",
        &["RETREAT AZE->IRN 2024-03-17"],
    );
    check(
        "Iran declared four Azerbaijani diplomats unwelcome on Friday.",
        &["SANCTION IRN->AZE 2024-03-15"],
    );
    // Pulling something else is not a withdrawal.
    check(
        "Baku pulled its advertising out of Iranian media on Sunday.",
        &[],
    );
}

#[test]
fn a_diplomat_summoned_in_the_passive() {
    // The ambassador comes before the verb; the summoning state is where
    // it happens.
    check(
        "Peru's ambassador, Jorge Ramos, was summoned to the ministry in Santiago on Monday.",
        &["ACCUSE CHL->PER 2024-03-18"],
    );
    // Without a diplomat, "summoned" is no diplomatic event.
    check(
        "Peru's footballers were summoned to the ministry in Santiago on Monday.",
        &[],
    );
}

#[test]
fn a_body_named_in_full_is_then_called_by_its_last_word() {
    check(
        "Iraq accused the Revolutionary Guards of shelling villages on Monday. \
         The Guards said they had fired missiles at Iraq in response.",
        &["ACCUSE IRQ->IRN 2024-03-18", "ASSAULT IRN->IRQ 2024-03-18"],
    );
    // A lowercase head is a common noun, not the body: the attacker stays
    // unknown.
    check(
        "Iraq accused the Revolutionary Guards of shelling villages on Monday. \
         Witnesses said the guards had fired missiles at Iraq.",
        &["ACCUSE IRQ->IRN 2024-03-18", "ASSAULT -->IRQ 2024-03-18"],
    );
}

#[test]
fn dateline_gives_home_state_and_is_not_a_participant() {
    let x = run(
        "HANOI, March 19 (Wire Desk) - Deputy Foreign Minister Nguyen Van An met the Laotian ambassador on Tuesday.",
        "2024-03-19",
    );
    assert_eq!(
        x.officials.first().and_then(|o| o.state.as_deref()),
        Some("VNM")
    );
    assert_eq!(events(&x), ["CONSULT VNM->LAO 2024-03-19"]);
}

#[test]
fn verb_after_determiner_is_a_noun() {
    // "the attack" here names an event, it does not report one by Egypt.
    check("Egypt condemned the attack.", &[]);
}

#[test]
fn diplomat_without_state_serves_the_other_side() {
    check(
        "Peru and Bolivia traded accusations. Peru expelled a Bolivian diplomat on Monday. Lima also summoned Ambassador Juan Perez on Tuesday.",
        &["SANCTION PER->BOL 2024-03-18", "ACCUSE PER->BOL 2024-03-19"],
    );
}

#[test]
fn promised_withdrawal_is_a_concession() {
    check(
        "Hungary said it would withdraw its troops from Slovakia.",
        &["CONCEDE HUN->SVK 2024-03-20"],
    );
}

#[test]
fn the_one_warned_is_the_target() {
    check(
        "President Kais Saied of Tunisia said on Monday that Libya should expect a response.",
        &["THREATEN TUN->LBY 2024-03-18"],
    );
}

#[test]
fn denial_without_an_accusation_read_answers_the_other_side() {
    check(
        "Rwanda and Uganda traded accusations over the border. Rwanda's president denied on Tuesday that his country backed the rebels.",
        &["REJECT RWA->UGA 2024-03-19"],
    );
}

#[test]
fn acts_of_a_mission_abroad_concern_its_host() {
    check(
        "Gunmen attacked the Kenyan embassy in Somalia on Monday. The Kenyan embassy suspended its activities and its diplomats were evacuated.",
        &["ASSAULT -->KEN 2024-03-18", "SANCTION KEN->SOM 2024-03-18", "RETREAT KEN->SOM 2024-03-18"],
    );
}

// Behaviour kept by the linear-time reading of long articles: each rule
// below once scanned the whole text before a hit, and now looks back only
// as far as it must.

/// Participants as "text:STATE:word before", '-' for none.
fn parts(text: &str) -> Vec<String> {
    let sentences = crate::text::split_sentences(text);
    let hits = super::states::find_states(text, &sentences, &K);
    let bodies = K.body_matcher.find(text);
    let (officials, official_hits) =
        super::officials::find_officials(text, &sentences, &hits, &bodies, None, &K);
    super::build_parts(text, &hits, &bodies, &officials, &official_hits, None, &K)
        .iter()
        .map(|p| {
            format!(
                "{}:{}:{}",
                &text[p.start..p.end],
                p.state.as_deref().unwrap_or("-"),
                p.prep.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

fn check_parts(text: &str, expected: &[&str]) {
    assert_eq!(parts(text), expected, "in {text:?}");
}

/// Officials as "Name|STATE|roles|mentions".
fn check_officials(text: &str, expected: &[&str]) {
    let sentences = crate::text::split_sentences(text);
    let hits = super::states::find_states(text, &sentences, &K);
    let bodies = K.body_matcher.find(text);
    let published = PartialDate::parse("2024-03-20");
    let (officials, _) =
        super::officials::find_officials(text, &sentences, &hits, &bodies, published, &K);
    let got: Vec<String> = officials
        .iter()
        .map(|o| format!("{}|{}", o.test_line(), o.mentions.len()))
        .collect();
    assert_eq!(got, expected, "in {text:?}");
}

#[test]
fn the_word_before_a_participant_stops_at_punctuation_and_dashes() {
    check_parts(
        "Envoys met in Lima - Peru said so; Chile, Bolivia and Ecuador agreed.",
        &[
            "Lima:PER:in",
            "Peru:PER:-",
            "Chile:CHL:-",
            "Bolivia:BOL:-",
            "Ecuador:ECU:and",
        ],
    );
    // Determiners and titles are skipped however many stand in a row.
    let many = format!("Talks with {}Peruvian envoys ended.", "the ".repeat(40));
    check_parts(&many, &["Peruvian:PER:with"]);
    // A long run with no punctuation is read back to its last word.
    let run = format!("{}went to Chile", "delegates ".repeat(300));
    check_parts(&run, &["Chile:CHL:to"]);
    let run = format!("{}Chile", "the ".repeat(300));
    check_parts(&run, &["Chile:CHL:-"]);
}

#[test]
fn a_state_right_before_a_body_is_its_state() {
    check_parts(
        "The Peruvian foreign ministry and Chile's defence ministry spoke to Iraqi federal police.",
        &[
            "Peruvian foreign ministry:PER:-",
            "Chile's defence ministry:CHL:and",
            "Iraqi federal police:IRQ:to",
        ],
    );
    // Not across a comma, nor more than a word away, nor past another body.
    check_parts(
        "Bolivia, the embassy said. Ecuador then the Navy. Chilean troops began military exercises.",
        &["Bolivia:BOL:-", "Ecuador:ECU:-", "Chilean troops:CHL:-"],
    );
    check_parts(
        "The Foreign Ministry of Chile and the foreign ministry of the Republic of Peru met.",
        &[
            "Foreign Ministry of Chile:CHL:-",
            "foreign ministry of the Republic of Peru:PER:and",
        ],
    );
}

#[test]
fn the_ministry_refers_back_whatever_its_case() {
    check_parts(
        "Chile's foreign ministry protested. THE MINISTRY said later that The Ministry would act.",
        &[
            "Chile's foreign ministry:CHL:-",
            "MINISTRY:CHL:-",
            "Ministry:CHL:that",
        ],
    );
}

#[test]
fn short_forms_refer_to_the_latest_body_with_that_last_word() {
    check_parts(
        "Iran's Revolutionary Guards fired. The Guards said so. Later Chile's National Guards \
         marched and the Guards sang. Then the Guardsmen left.",
        &[
            "Iran's Revolutionary Guards:IRN:-",
            "The Guards:IRN:-",
            "Chile:CHL:later",
            "the Guards:IRN:and",
        ],
    );
}

#[test]
fn appositions_read_back_over_fillers_only() {
    check_officials(
        "Talks went on. Tomas Novak, the new official spokesman for the Czech Foreign Ministry, spoke.",
        &["Tomas Novak|CZE|spokesperson|1"],
    );
    // A comma far back, past words that are no fillers, is no apposition.
    check_officials(
        "Ana Ruiz, who had long argued for closer ties with the region and its peoples spokesman for Peru spoke.",
        &[],
    );
    let long = format!(
        "{}Carlos Mendoza Vega, Peru's foreign minister, arrived.",
        "Delegates met. ".repeat(200)
    );
    check_officials(&long, &["Carlos Mendoza Vega|PER|foreign minister|1"]);
}

#[test]
fn surnames_go_to_the_first_official_with_that_name() {
    check_officials(
        "Peruvian envoy Jorge Castro met Chilean envoy Maria Castro and Bolivian Defence Minister \
         Luis Castroviejo. Castro said Castroviejo agreed. Castro-Lopez did not. Castroviejos left.",
        &[
            "Jorge Castro|PER|envoy,ambassador|3",
            "Maria Castro|CHL|envoy,ambassador|1",
            "Luis Castroviejo|BOL|defence minister|3",
        ],
    );
}

#[test]
fn the_two_states_of_the_story_break_ties_by_recency() {
    check(
        "Peru and Chile traded accusations. Peru recalled its envoy. Bolivia watched. \
         Both sides later held talks.",
        &["CONSULT PER->BOL 2024-03-20"],
    );
}

#[test]
fn a_story_reads_the_same_deep_in_a_long_article() {
    let story = "Peruvian Foreign Minister Ana Ruiz condemned Chile on Tuesday. \
                 The Chilean foreign ministry denied it. He then recalled the envoy. \
                 Both sides later held talks.";
    let filler = "The weather stayed mild and the markets were calm all week long. ".repeat(400);
    let alone = run(story, "2024-03-20");
    let deep = run(&format!("{filler}\n\n{story}"), "2024-03-20");
    assert_eq!(events(&deep), events(&alone));
    let names = |x: &Extraction| {
        x.officials
            .iter()
            .map(|o| o.test_line())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&deep), names(&alone));
}

#[test]
fn casualty_counts_belong_to_attacks_only() {
    let x = run(
        "Ghana condemned Togo after Togolese troops attacked a Ghanaian border post, \
         killing three soldiers and wounding five.",
        "2024-03-20",
    );
    let counts: Vec<(String, Option<u32>, Option<u32>)> = x
        .events
        .iter()
        .map(|e| (e.category.clone(), e.killed, e.wounded))
        .collect();
    assert!(
        counts
            .iter()
            .all(|(c, k, w)| c == "ASSAULT" || (k.is_none() && w.is_none())),
        "{counts:?}"
    );
    assert!(
        counts
            .iter()
            .any(|c| *c == ("ASSAULT".into(), Some(3), Some(5))),
        "{counts:?}"
    );
}

#[test]
fn spelling_variants_are_one_edit_from_a_family_name_with_its_initial() {
    // A substitution, a deletion and an insertion each; another initial
    // is no variant.
    check_officials(
        "Armenian Prime Minister Nikol Pashinyan met Azerbaijani Foreign Minister Jeyhun \
         Bayramov. Pashinian said talks went well. Bayramow agreed, and Pashiyan and \
         Pashinyyan left. Bayramovv stayed. Pasinyan nodded. Kashinyan did not.",
        &[
            "Nikol Pashinyan|ARM|prime minister|5",
            "Jeyhun Bayramov|AZE|foreign minister|3",
        ],
    );
}

#[test]
fn an_undated_sentence_takes_the_date_of_the_one_before_only() {
    // The date of a sentence with no event still dates the next one…
    check(
        "The talks opened on March 4. Peru then expelled a Bolivian diplomat.",
        &["SANCTION PER->BOL 2024-03-04"],
    );
    // …but not the one after next.
    check(
        "The talks opened on March 4. Nothing else happened. Peru then expelled a Bolivian diplomat.",
        &["SANCTION PER->BOL 2024-03-20"],
    );
}

#[test]
fn surnames_are_found_alike_for_few_and_many_officials() {
    let families = [
        "Quispe", "Mamani", "Huaman", "Condori", "Ccori", "Apaza", "Chambi", "Yupanqui", "Ticona",
        "Pari",
    ];
    for n in [2, families.len()] {
        let named: Vec<String> = families[..n]
            .iter()
            .map(|f| format!("Peruvian envoy Ana {f} arrived."))
            .collect();
        let later: Vec<String> = families[..n]
            .iter()
            .map(|f| format!("{f} spoke, and then {f} left."))
            .collect();
        let text = format!("{} {}", named.join(" "), later.join(" "));
        let expected: Vec<String> = families[..n]
            .iter()
            .map(|f| format!("Ana {f}|PER|envoy,ambassador|3"))
            .collect();
        let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
        check_officials(&text, &expected);
    }
}

#[test]
fn a_name_never_runs_across_a_paragraph_break() {
    // A capitalised dateline or heading above a paragraph is not part of the
    // name that opens it.
    check_officials(
        "PRAGUE DESK\n\nTomas Novak, the Czech foreign minister, spoke.",
        &["Tomas Novak|CZE|foreign minister|1"],
    );
}
