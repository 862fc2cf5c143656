//! N-Quads and N-Triples lines appended to a byte buffer, for `extract`.
//!
//! The bytes are those of oxttl's serializers (each line is the quad's
//! `Display` and " .\n"), written without the formatting machinery: named
//! nodes and literals are copied, and a literal's characters are escaped as
//! `oxrdf::literal::print_quoted_str` escapes them. Terms this module does
//! not write itself (language-tagged literals, RDF 1.2 terms) are written
//! through their `Display`, so every term comes out as oxttl writes it.
//! Pure: a buffer in, the same buffer longer out.

use oxigraph::model::vocab::xsd;
use oxigraph::model::{GraphNameRef, LiteralRef, NamedOrBlankNodeRef, QuadRef, TermRef};
use std::io::Write;

/// Appends one N-Quads line: `s p o g .` (`s p o .` in the default graph).
pub fn push_quad(out: &mut Vec<u8>, q: QuadRef<'_>) {
    push_subject(out, q.subject);
    out.push(b' ');
    push_iri(out, q.predicate.as_str());
    out.push(b' ');
    push_term(out, q.object);
    match q.graph_name {
        GraphNameRef::DefaultGraph => {}
        GraphNameRef::NamedNode(g) => {
            out.push(b' ');
            push_iri(out, g.as_str());
        }
        GraphNameRef::BlankNode(b) => {
            out.push(b' ');
            push_display(out, b);
        }
    }
    out.extend_from_slice(b" .\n");
}

/// Appends one N-Triples line: `s p o .` (the quad's graph is left out).
pub fn push_triple(out: &mut Vec<u8>, q: QuadRef<'_>) {
    push_quad(
        out,
        QuadRef::new(q.subject, q.predicate, q.object, GraphNameRef::DefaultGraph),
    );
}

fn push_iri(out: &mut Vec<u8>, iri: &str) {
    out.push(b'<');
    out.extend_from_slice(iri.as_bytes());
    out.push(b'>');
}

fn push_subject(out: &mut Vec<u8>, s: NamedOrBlankNodeRef<'_>) {
    match s {
        NamedOrBlankNodeRef::NamedNode(n) => push_iri(out, n.as_str()),
        #[allow(unreachable_patterns)]
        other => push_display(out, other),
    }
}

fn push_term(out: &mut Vec<u8>, t: TermRef<'_>) {
    match t {
        TermRef::NamedNode(n) => push_iri(out, n.as_str()),
        TermRef::Literal(l) if l.language().is_none() => push_literal(out, l),
        other => push_display(out, other),
    }
}

/// A literal without a language tag: `"value"`, then `^^<datatype>` unless
/// it is an `xsd:string`.
fn push_literal(out: &mut Vec<u8>, l: LiteralRef<'_>) {
    push_quoted(out, l.value());
    if l.datatype() != xsd::STRING {
        out.extend_from_slice(b"^^");
        push_iri(out, l.datatype().as_str());
    }
}

/// `s` in double quotes, escaped as oxrdf's `print_quoted_str` does:
/// runs of plain characters are copied whole. Only ASCII control
/// characters, quotes, backslashes and U+FFFE and U+FFFF (whose UTF-8
/// starts with 0xEF) are escaped, so the bytes are read, not the chars.
fn push_quoted(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (escaped, len): (&[u8], usize) = match bytes[i] {
            0x08 => (b"\\b", 1),
            b'\t' => (b"\\t", 1),
            b'\n' => (b"\\n", 1),
            0x0C => (b"\\f", 1),
            b'\r' => (b"\\r", 1),
            b'"' => (b"\\\"", 1),
            b'\\' => (b"\\\\", 1),
            0..=0x1F | 0x7F => (b"", 1),
            0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => (b"", 3),
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[run..i]);
        if escaped.is_empty() {
            let c = s[i..i + len].chars().next().map_or(0, u32::from);
            // Infallible: writing to a Vec.
            let _ = write!(out, "\\u{c:04X}");
        } else {
            out.extend_from_slice(escaped);
        }
        i += len;
        run = i;
    }
    out.extend_from_slice(&bytes[run..]);
    out.push(b'"');
}

/// A term as its `Display` writes it.
fn push_display(out: &mut Vec<u8>, t: impl std::fmt::Display) {
    // Infallible: writing to a Vec.
    let _ = write!(out, "{t}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, Quad, Term};

    fn same_as_oxttl(q: &Quad) {
        let mut ours = Vec::new();
        push_quad(&mut ours, q.as_ref());
        assert_eq!(String::from_utf8(ours).unwrap(), format!("{q} .\n"));
        let mut ours = Vec::new();
        push_triple(&mut ours, q.as_ref());
        let t = q.as_ref();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            format!("{} {} {} .\n", t.subject, t.predicate, t.object)
        );
    }

    #[test]
    fn lines_are_oxttl_lines() {
        let s = NamedNode::new_unchecked("http://e.org/s");
        let p = NamedNode::new_unchecked("http://e.org/p");
        let g = GraphName::NamedNode(NamedNode::new_unchecked("http://e.org/g"));
        let objects: [Term; 6] = [
            Literal::new_simple_literal(
                "plain «é» \"q\" \\ \t\n\r\u{8}\u{C}\0\u{1}\u{1F}\u{7F}\u{FFFE}\u{FFFF}x",
            )
            .into(),
            Literal::new_typed_literal("3", xsd::INTEGER).into(),
            Literal::new_language_tagged_literal("hé\n", "fr")
                .unwrap()
                .into(),
            Literal::new_simple_literal("").into(),
            BlankNode::new_unchecked("b1").into(),
            NamedNode::new_unchecked("http://e.org/o").into(),
        ];
        for o in objects {
            same_as_oxttl(&Quad::new(s.clone(), p.clone(), o, g.clone()));
        }
        same_as_oxttl(&Quad::new(
            BlankNode::new_unchecked("b2"),
            p.clone(),
            Literal::new_simple_literal("x"),
            GraphName::DefaultGraph,
        ));
        same_as_oxttl(&Quad::new(
            s,
            p,
            Literal::new_simple_literal("x"),
            GraphName::BlankNode(BlankNode::new_unchecked("g")),
        ));
    }
}
