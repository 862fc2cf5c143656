//! CoNLL-U (https://universaldependencies.org/format.html): reading the
//! treebanks for training and evaluation. A sentence keeps its `# text`
//! line and its syntactic words (multiword-token ranges such as `3-4` and
//! empty nodes such as `5.1` are kept apart: ranges as surface tokens,
//! empty nodes dropped, as basic-tree parsers do).

use anyhow::{bail, Context, Result};

/// One syntactic word of a gold sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root, else the 1-based index of the head word.
    pub head: usize,
    pub deprel: String,
    pub misc: String,
}

/// A multiword token (`3-4 don't`): the surface form of words `first..=last`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultiWord {
    pub first: usize,
    pub last: usize,
    pub form: String,
}

/// One sentence of a treebank.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldSentence {
    pub id: String,
    pub text: String,
    /// True when the sentence opens a new document or paragraph
    /// (`# newdoc`, `# newpar`).
    pub new_par: bool,
    pub words: Vec<Word>,
    pub multiwords: Vec<MultiWord>,
}

/// Reads every sentence of a CoNLL-U text; `name` names the source in errors
/// (with the line number).
pub fn read(name: &str, text: &str) -> Result<Vec<GoldSentence>> {
    let mut out = Vec::new();
    let mut cur = GoldSentence::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(v) = comment.strip_prefix("sent_id =") {
                cur.id = v.trim().to_string();
            } else if let Some(v) = comment.strip_prefix("text =") {
                cur.text = v.trim().to_string();
            } else if comment.starts_with("newdoc") || comment.starts_with("newpar") {
                cur.new_par = true;
            }
            continue;
        }
        read_word(line, &mut cur).with_context(|| format!("{name}:{}", i + 1))?;
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

fn read_word(line: &str, cur: &mut GoldSentence) -> Result<()> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 10 {
        bail!("expected 10 tab-separated columns, found {}", cols.len());
    }
    let id = cols[0];
    if id.contains('.') {
        return Ok(());
    }
    if let Some((a, b)) = id.split_once('-') {
        cur.multiwords.push(MultiWord {
            first: a.parse().context("multiword range")?,
            last: b.parse().context("multiword range")?,
            form: cols[1].to_string(),
        });
        return Ok(());
    }
    let n: usize = id.parse().with_context(|| format!("word id {id:?}"))?;
    if n != cur.words.len() + 1 {
        bail!("word id {n} out of order");
    }
    cur.words.push(Word {
        form: cols[1].to_string(),
        lemma: cols[2].to_string(),
        upos: cols[3].to_string(),
        xpos: cols[4].to_string(),
        feats: cols[5].to_string(),
        head: cols[6]
            .parse()
            .with_context(|| format!("head {:?}", cols[6]))?,
        deprel: cols[7].to_string(),
        misc: cols[9].to_string(),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = x\n# sent_id = x-1\n# text = We don't.\n1\tWe\twe\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_ranges_and_text() {
        let s = read("sample", SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].text, "We don't.");
        assert!(s[0].new_par);
        assert_eq!(s[0].words.len(), 4);
        assert_eq!(s[0].words[2].deprel, "root");
        assert_eq!(
            s[0].multiwords,
            vec![MultiWord {
                first: 2,
                last: 3,
                form: "don't".into()
            }]
        );
    }

    #[test]
    fn errors_name_the_line() {
        let err = read("bad.conllu", "1\tx\n").unwrap_err();
        assert!(format!("{err:#}").contains("bad.conllu:1"), "{err:#}");
    }
}
