#!/usr/bin/env python3
"""Convert PETRARCH2's CAMEO verb dictionary into PLOVER-coded verb tables.

    python3 ontology/tools/cameo_to_plover.py [CAMEO.2.0.txt]

Reads the PETRARCH2 verb dictionary (default:
/work/shared/reference/petrarch2/CAMEO.2.0.txt, override with the first
argument or $CAMEO_VERBS) and the CAMEO -> PLOVER mapping in
ontology/tools/cameo_plover.tsv, and writes

    ontology/verbs.tsv     one row per (verb, pattern) that maps to a PLOVER category
    ontology/synsets.tsv   the &NAME synonym sets the patterns refer to

then prints counts (rows per category, skipped rows by reason) to stdout.
Standard library only; the output depends only on the two inputs (sorted,
no timestamps), so running it twice gives identical files.

How the dictionary is read follows PETRARCH2's own reader
(petrarch2/PETRreader.py, read_verb_dictionary) where that matters for what
gets coded:
  * '#' starts a comment anywhere on a line;
  * a block is '--- NAME [code] ---'; its verbs share all of its patterns
    (PETRARCH stores patterns under the block name), so every verb of a block
    gets a row for every pattern of the block;
  * a verb word already defined in an earlier block keeps its first block
    (PETRARCH's dictionary insert keeps the first definition);
  * of two identical patterns in one block the later one wins (PETRARCH
    overwrites the pattern's leaf);
  * a code [A:B] gives the event subject->object code A and the paired event
    object->subject code B (utilities.convert_code / VerbPhrase.get_meaning);
    [:B] alone codes only the reversed event ("X received aid" = aid to X).
See ontology/tools/README.md for the column semantics and the lossy points.
"""

import collections
import os
import re
import signal
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ONTOLOGY = os.path.dirname(HERE)
DEFAULT_SOURCE = '/work/shared/reference/petrarch2/CAMEO.2.0.txt'
SOURCE_NAME = 'CAMEO.2.0.txt'
MAPPING = os.path.join(HERE, 'cameo_plover.tsv')

CATEGORIES = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID',
              'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST',
              'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT']

# Closed-class words of the pattern syntax (not lexicon content): which bare
# words after the verb are phrasal particles and which open an old TABARI-style
# prepositional phrase written without parentheses ("* ATTACK ON +").
PARTICLES = {'UP', 'DOWN', 'OUT', 'OFF', 'AWAY', 'BACK', 'ASIDE', 'APART',
             'FORWARD', 'TOGETHER', 'FORTH', 'BEHIND'}
PREPOSITIONS = {'ABOUT', 'ACROSS', 'AFTER', 'AGAINST', 'ALONG', 'AS', 'AT',
                'BEFORE', 'BETWEEN', 'BY', 'FOR', 'FROM', 'IN', 'INSIDE', 'INTO',
                'NEAR', 'OF', 'ON', 'ONTO', 'OUTSIDE', 'OVER', 'THROUGH', 'TO',
                'TOWARD', 'TOWARDS', 'UNDER', 'UNTIL', 'UPON', 'WITH', 'WITHOUT',
                'THAT', 'AROUND', 'ALONGSIDE', 'AMONG', 'AMID', 'BEYOND', 'WITHIN',
                'DURING', 'SINCE', 'VIA', 'DESPITE', 'BESIDE', 'BENEATH', 'BELOW', 'ABOVE',
                'ACROSS', 'UPON', 'AHEAD'}
CONJUNCTIONS = {'AND', 'OR'}

LICENCE = """\
# Source: PETRARCH2 verb dictionary CAMEO.2.0.txt (last update 30 April 2015),
#   openeventdata/petrarch2 commit 676801c, petrarch2/data/dictionaries/.
#   Converted by ontology/tools/cameo_to_plover.py (CAMEO -> PLOVER mapping in
#   ontology/tools/cameo_plover.tsv, from the 2021 CAMEO2PLOVER table and the
#   PLOVER manual v0.8); regenerate with: python3 ontology/tools/cameo_to_plover.py
#   Do not edit by hand: fix the converter or the mapping and regenerate.
#
# The MIT License (MIT)
#
# Copyright (c) 2015 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
#
"""

VERBS_TITLE = """\
# Verb lexicon: PETRARCH2 verb patterns with PLOVER category and mode.
"""

VERBS_DOC = """\
# One row per (verb, pattern) whose CAMEO code maps to a PLOVER category; a
# block's patterns apply to every verb of the block, as in PETRARCH2 (see origin).
# A row with empty object, prep and before is the verb's default (what the bare
# verb codes); a matcher should prefer the most specific matching row and fall
# back to it.
# Word lists: '/' separates alternatives, ';' separates requirements that must all
# hold (separate noun phrases or prepositional phrases). '&NAME' is a synonym set
# of ontology/synsets.tsv (any member, singular or plural). Nouns are lemmas:
# regular plurals reduced (talks -> talk, families -> family), invariant nouns
# (headquarters, news) listed in ontology/tools/cameo_plover.tsv.
# lemma: verb lemma, lowercase base form
# particle: word(s) required right after the verb: a phrasal particle (carry out,
#   turn over) or the preposition of a prepositional verb entry (ask for, meet
#   with); from the verb entry or from a pattern ("* UP"), empty if none
# category, mode: PLOVER v0.8 category and mode (mode empty if none)
# actor: where the actor is: subj (default); obj; obl:PREP (a PREP phrase after the
#   verb); subj:PREP (a PREP phrase inside the subject); none (the pattern does not
#   place it: unknown, "X faced criticism", or inside the object, "X welcomed the
#   Chinese minister" where the visitor is the actor)
# target: where the target is: obj (the direct object; PETRARCH falls back to an
#   actor in a prepositional phrase when there is none); obl:PREP; subj (reversed:
#   "X received aid", "X hosted Y", "Y appalled X"); subj:PREP; none (the object
#   slot holds a required noun and no target is marked: look in prepositional
#   phrases or in the object's own modifiers, "condemned the killing of Y")
# object: required head lemma(s) of the object/complement noun phrase(s); a
#   multiword noun is written with spaces, its last word the head
# prep: required prepositional phrase(s) after the verb, PREP:noun, or PREP alone
#   for any phrase with that preposition; PREP:^ = the phrase holds an actor that
#   is neither actor nor target (e.g. where talks are held)
# before: words required before the verb (usually the subject's head, as in
#   PROSECUTOR * &DETENTION), same notation; a restriction the other columns
#   cannot express
# cameo: the CAMEO code of the row; A:B for a dictionary code [A:B], :B for [:B]
#   (a stray character is dropped: 080! -> 080)
# paired: second event of an [A:B] code: 'mutual' (A = B: the object does the same
#   to the subject; PLOVER lists both as actors), 'mirror' (B is the same PLOVER
#   event seen from the other side, e.g. visit/host: code it once), or
#   CATEGORY:mode:B for another event from the object to the subject; else empty
# forms: inflected forms PETRARCH lists for the verb ({...} and inflected entries),
#   '/'-separated, lowercase, for lemmatizer misses
# origin: the verb(s) the pattern was written for (named in its comment in the
#   dictionary) as lemma[ particle]; empty for default rows or when the comment
#   names none. A row whose lemma is not in origin comes from block sharing.
# block: the PETRARCH2 verb block
# source: CAMEO.2.0.txt:LINE of the pattern (of the verb line for a default row)
# columns: lemma	particle	category	mode	actor	target	object	prep	before	cameo	paired	forms	origin	block	source
"""

SYNSETS_TITLE = """\
# Synonym sets (&NAME) of the PETRARCH2 verb dictionary, referred to by the
# object, prep and before columns of ontology/verbs.tsv.
"""

SYNSETS_DOC = """\
# name: the set's name as written in the dictionary (with '&'; a trailing '_'
#   marks a set PETRARCH does not pluralise)
# members: lowercase words or phrases, '/'-separated (a '/' inside a member is
#   written '\\/', e.g. f\\/a-18 fighter jet); '_' between words became a space
# no_plural: members PETRARCH matches only as written (no regular plural
#   generated): a member written with a trailing '_', or every member of a set
#   whose name ends in '_'
# source: CAMEO.2.0.txt:LINE of the &NAME line
# columns: name	members	no_plural	source
"""


# ----------------------------------------------------------------- mapping

class Mapping:
    def __init__(self, path):
        self.codes = {}
        self.refines = []
        self.lemmas = {}
        self.nouns = {}
        with open(path, encoding='utf-8') as f:
            for n, line in enumerate(f, 1):
                if line.startswith('#') or not line.strip():
                    continue
                cols = line.rstrip('\n').split('\t')
                if len(cols) != 5:
                    sys.exit(f'{path}:{n}: expected 5 tab-separated columns')
                kind, key, cat, mode, note = cols
                if kind == 'code':
                    if cat != '-' and cat not in CATEGORIES:
                        sys.exit(f'{path}:{n}: unknown category {cat}')
                    self.codes[key] = (None if cat == '-' else cat, mode)
                elif kind == 'refine':
                    conds = []
                    for c in key.split(';'):
                        m = re.match(r'(\w+)([=~])(.*)$', c)
                        if not m:
                            sys.exit(f'{path}:{n}: bad condition {c}')
                        conds.append((m.group(1), m.group(2), m.group(3)))
                    self.refines.append((conds, cat, mode, n))
                elif kind == 'lemma':
                    self.lemmas[key] = cat
                elif kind == 'noun':
                    self.nouns[key] = cat.upper()
                else:
                    sys.exit(f'{path}:{n}: unknown kind {kind}')

    def lookup(self, code):
        """(category, mode) for a CAMEO code, or (None, reason)."""
        if code in ('---', ''):
            return None, 'null code ---'
        if not re.fullmatch(r'\d{3,4}', code):
            return None, 'malformed code'
        for key in (code, code[:3], code[:2]):
            if key in self.codes:
                cat, mode = self.codes[key]
                if cat is None:
                    root = code[:2]
                    return None, ('CAMEO 01 statement: no PLOVER category' if root == '01'
                                  else 'CAMEO 02 appeal: no PLOVER category')
                return cat, mode
        return None, 'code not in mapping'

    def refine(self, row):
        for conds, cat, mode, n in self.refines:
            ok = True
            for field, op, val in conds:
                have = row[field]
                if op == '=' and have != val:
                    ok = False
                elif op == '~' and not re.search(val, have):
                    ok = False
            if ok:
                return cat, mode, n
        return None


# ----------------------------------------------------------------- reading

def strip_comment(line):
    i = line.find('#')
    return (line[:i], line[i + 1:]) if i >= 0 else (line, '')


def norm_code(raw):
    """'080!' -> '080' (PETRARCH falls back the same way); keeps '---'."""
    raw = raw.strip()
    if raw == '---':
        return raw
    m = re.match(r'\d+', raw)
    return m.group(0) if m else raw


class Synset:
    def __init__(self, name, line):
        self.name = name
        self.line = line
        self.members = []     # (text, no_plural)


class Verb:
    def __init__(self, word, back, line):
        self.word = word      # verb word as written (uppercase)
        self.back = back      # words after the verb in a compound (uppercase list)
        self.line = line
        self.code = None      # own [code], None = block default
        self.forms = []       # listed forms (verb word only, uppercase)
        self.literal = False  # written with empty {} : no forms generated


class Pattern:
    def __init__(self, text, code, line, comment):
        self.text = text
        self.code = code      # raw code string inside [...]
        self.line = line
        self.comment = comment


class Block:
    def __init__(self, name, code, line):
        self.name = name
        self.code = code
        self.line = line
        self.verbs = []
        self.patterns = []


def verb_word(token):
    """'+CARRY_OUT' -> ('CARRY', ['OUT'], []); 'WIRE_+TAP' -> ('TAP', [], ['WIRE'])."""
    token = token.strip(',')
    if '_' in token:
        parts = [p for p in token.split('_')]
        idx = [i for i, p in enumerate(parts) if p.startswith('+')]
        if not idx:
            return None
        i = idx[0]
        front = [p for p in parts[:i] if p]
        back = [p for p in parts[i + 1:] if p]
        return parts[i][1:], back, front
    return token.lstrip('+'), [], []


def read_dictionary(path, stats):
    synsets = collections.OrderedDict()
    blocks = []
    section = 'head'
    cur_syn = None
    block = None
    with open(path, encoding='utf-8') as f:
        lines = f.read().split('\n')
    for n, raw in enumerate(lines, 1):
        if raw.startswith('####### SYNONYM SETS'):
            section = 'syn'
            continue
        if raw.startswith('####### VERB PATTERNS'):
            section = 'verbs'
            continue
        if raw.startswith('######## TRANSFORMATIONS'):
            section = 'trans'
            continue
        if raw.startswith('#') or not raw.strip():
            continue
        body, comment = strip_comment(raw)
        if not body.strip():
            continue
        s = body.strip()
        if section == 'syn':
            if s.startswith('&'):
                cur_syn = Synset(s.split()[0], n)
                synsets[cur_syn.name] = cur_syn
            elif s.startswith('+') and cur_syn:
                term = s[1:].strip()
                no_plural = term.endswith('_') or cur_syn.name.endswith('_')
                cur_syn.members.append((term.rstrip('_').replace('_', ' ').lower(), no_plural))
            continue
        if section == 'trans':
            if s.startswith('~'):
                stats['patterns skipped: verb transformation (~ line)'] += 1
            continue
        if section != 'verbs':
            continue
        if s.startswith('---'):
            m = re.match(r'---\s+(\S+)\s+\[([^\]]*)\]', s)
            if not m:
                sys.exit(f'{path}:{n}: unreadable block header')
            block = Block(m.group(1), m.group(2).strip(), n)
            blocks.append(block)
            continue
        if s.startswith('-'):
            m = re.match(r'-(.*)\[([^\]]*)\]\s*(\S*)\s*$', s)
            if not m:
                stats['patterns skipped: no [code]'] += 1
                continue
            text = m.group(1)
            if m.group(3):                    # e.g. "... (ON ^) ^)[111]": stray text
                text = text + ' ' + m.group(3)
            block.patterns.append(Pattern(text, m.group(2).strip(), n, comment))
            continue
        if s.startswith('~'):
            stats['patterns skipped: verb transformation (~ line)'] += 1
            continue
        # a verb line
        code = None
        mc = re.search(r'\[([^\]]*)\]', s)
        if mc:
            code = mc.group(1).strip()
        mb = re.search(r'\{([^}]*)\}', s)
        rest = re.sub(r'\{[^}]*\}|\[[^\]]*\]', ' ', s).split()
        if not rest:
            continue
        if len(rest) > 1:
            stats['verb lines with trailing text ignored (old ";" comments)'] += 1
        vw = verb_word(rest[0])
        if vw is None:
            sys.exit(f'{path}:{n}: compound verb without "+"')
        word, back, front = vw
        if front:
            sys.exit(f'{path}:{n}: words before the verb in a compound are not supported')
        v = Verb(word, back, n)
        v.code = code
        if mb is not None:
            if not mb.group(1).strip():
                v.literal = True
            for tok in mb.group(1).replace(',', ' ').split():
                fw = verb_word(tok)
                if fw:
                    v.forms.append(fw[0])
        block.verbs.append(v)
    return synsets, blocks, lines


# ----------------------------------------------------------------- lemmas

def regular_forms(word):
    """The forms PETRARCH generates for a verb written without {...}."""
    out = set()
    if word.endswith(('S', 'X', 'Z')):
        out.add(word + 'ES')
    elif word.endswith('Y'):
        out.add(word[:-1] + 'IES')
    else:
        out.add(word + 'S')
    out.add(word + ('D' if word.endswith('E') else 'ED'))
    if word.endswith('E') and len(word) > 1 and word[-2] not in 'AEIOU':
        out.add(word[:-1] + 'ING')
    else:
        out.add(word + 'ING')
    return out


def deinflect_candidates(word):
    c = []
    for suf in ('ING', 'ED', 'EN'):
        if word.endswith(suf) and len(word) > len(suf) + 1:
            stem = word[:-len(suf)]
            c.append(stem)
            c.append(stem + 'E')
            if len(stem) > 2 and stem[-1] == stem[-2]:
                c.append(stem[:-1])          # KIDNAPPED -> KIDNAP, DETERRING -> DETER
            if stem.endswith('I'):
                c.append(stem[:-1] + 'Y')    # WORRIED -> WORRY
    return c


def resolve_lemmas(blocks, mapping, stats, notes):
    """Give every verb a lemma (lowercase base form) and its surface forms."""
    mains = collections.defaultdict(set)         # main word -> blocks
    listed = collections.defaultdict(set)        # listed form -> main words
    for b in blocks:
        for v in b.verbs:
            mains[v.word].add(b.name)
            for f in v.forms:
                if f != v.word:
                    listed[f].add(v.word)
    for b in blocks:
        block_words = {v.word for v in b.verbs}
        for v in b.verbs:
            w = v.word
            base = None
            if w in mapping.lemmas:
                base = mapping.lemmas[w].upper()
            else:
                # An entry is an inflected form only if its base is written as
                # a verb of the same block, or the entry is a literal ({}: PETRARCH
                # generates no forms, so the author wrote the inflected form on
                # purpose). FOUND, WOUND and BOUND are verbs in their own right and
                # stay (FIND, WIND and BIND are in other blocks).
                cands = [c for c in sorted(listed.get(w, ())) if c != w]
                cands += [c for c in deinflect_candidates(w) if c in mains and c != w]
                for c in cands:
                    if c in block_words or v.literal:
                        base = c
                        break
            v.lemma_word = base or w
            if base:
                notes.append(f'{SOURCE_NAME}:{v.line}: verb entry {w} read as lemma {base.lower()}')
                stats['verb entries that are inflected forms (lemma derived)'] += 1
            forms = set(v.forms)
            if base:
                forms.add(w)
            forms.discard(v.lemma_word)
            v.forms_out = sorted(f.lower() for f in forms)
            v.surface = {v.word, v.lemma_word} | set(v.forms)
            if not v.literal and not v.forms:
                v.surface |= regular_forms(v.word)


# ----------------------------------------------------------------- patterns

def tokenize(text):
    text = text.replace('(', ' ( ').replace(')', ' ) ').replace('{', ' { ').replace('}', ' } ')
    return text.split()


class Parsed:
    def __init__(self):
        self.before = []      # rendered elements
        self.objects = []
        self.preps = []
        self.particles = []
        self.actor = None     # explicit from $ / %
        self.target = None    # explicit from +
        self.pre_plus = False
        self.compound = False
        self.has_from_pp = False
        self.has_by_pp = False
        self.synsets = set()
        self.problems = []


def singular(word, nouns):
    """Noun lemma of a head word (UD style: talks -> talk, families -> family).
    Regular English plurals only; nouns given in cameo_plover.tsv (kind=noun)
    are taken from there (headquarters, news, thanks ...)."""
    if word in nouns:
        return nouns[word]
    if word.startswith('&') or not re.fullmatch(r"[A-Z][A-Z'-]*[A-Z]", word):
        return word
    if word.endswith(('SS', 'US', 'IS', 'AS', 'OS', "'S")) or len(word) < 4:
        return word
    if word.endswith('IES'):
        return word[:-3] + 'Y'
    if word.endswith(('CHES', 'SHES', 'XES', 'ZES', 'SSES')):
        return word[:-2]
    if word.endswith('S'):
        return word[:-1]
    return word


def render_alts(words, vocab):
    """A noun phrase as a list of alternatives: words as written, lowercase
    except &SETS, the head (last word) as lemma; an old TABARI 'A/B' word gives
    one alternative per choice ("AIR ATTACK/RAID" -> air attack, air raid)."""
    alts = [[]]
    for i, w in enumerate(words):
        choices = w.split('/') if '/' in w and not w.startswith('&') else [w]
        nxt = []
        for a in alts:
            for c in choices:
                if i == len(words) - 1:
                    c = singular(c, vocab)
                nxt.append(a + [c if c.startswith('&') else c.lower()])
        alts = nxt
    return [' '.join(a) for a in alts]


def render_np(words, vocab):
    return '/'.join(render_alts(words, vocab))


def parse_segment(tokens, post, p, vocab):
    """Parse the tokens on one side of '*' into p (a Parsed)."""
    elems = []   # ('np', [words]) | ('mark', c) | ('pp', prep, [elems]) | ('word', w)
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t == '(':
            j = i + 1
            inner = []
            while j < len(tokens) and tokens[j] != ')':
                inner.append(tokens[j])
                j += 1
            if j >= len(tokens):
                p.problems.append('unclosed (')
            if not inner:
                i = j + 1
                continue
            prep = inner[0]
            sub = []
            k = 1
            while k < len(inner):
                if inner[k] == '{':
                    m = k + 1
                    words = []
                    while m < len(inner) and inner[m] != '}':
                        words.append(inner[m])
                        m += 1
                    sub.append(('np', words))
                    k = m + 1
                elif inner[k] in ('$', '+', '^', '%'):
                    sub.append(('mark', inner[k]))
                    k += 1
                elif inner[k] == '}':
                    k += 1
                else:
                    sub.append(('np', [inner[k]]))
                    k += 1
            elems.append(('pp', prep, sub))
            i = j + 1
        elif t == ')':
            p.problems.append('stray )')
            i += 1
        elif t == '{':
            j = i + 1
            words = []
            while j < len(tokens) and tokens[j] != '}':
                words.append(tokens[j])
                j += 1
            elems.append(('np', words))
            i = j + 1
        elif t == '}':
            i += 1
        elif t in ('$', '+', '^', '%'):
            elems.append(('mark', t))
            i += 1
        else:
            elems.append(('word', t))
            i += 1

    # "EACH OTHER" is one (reciprocal) noun phrase, not two heads
    merged = []
    for e in elems:
        if e == ('word', 'OTHER') and merged and merged[-1] == ('word', 'EACH'):
            merged[-1] = ('np', ['EACH', 'OTHER'])
        else:
            merged.append(e)
    elems = merged

    # Old TABARI style: a bare preposition governs the bare words/markers after it.
    out = []
    i = 0
    while i < len(elems):
        e = elems[i]
        if e[0] == 'word':
            w = e[1]
            nxt = elems[i + 1] if i + 1 < len(elems) else None
            is_particle = post and (w in PARTICLES or (
                w in ('OVER', 'AROUND') and not out and (nxt is None or nxt[0] == 'pp')))
            if is_particle:
                p.particles.append(w.lower())
                i += 1
                continue
            if w in PREPOSITIONS or '/' in w and all(x in PREPOSITIONS for x in w.split('/')):
                sub = []
                j = i + 1
                while j < len(elems) and elems[j][0] in ('word', 'np', 'mark') and not (
                        elems[j][0] == 'word' and (elems[j][1] in PREPOSITIONS or
                                                  (post and elems[j][1] in PARTICLES))):
                    sub.append(('np', [elems[j][1]]) if elems[j][0] == 'word' else elems[j])
                    j += 1
                out.append(('pp', w, sub))
                i = j
                continue
            out.append(('np', [w]))
        else:
            out.append(e)
        i += 1

    rendered = []
    for e in out:
        if e[0] == 'mark':
            c = e[1]
            if c == '+':
                if post:
                    p.target = p.target or 'obj'
                else:
                    p.target = 'subj'
                    p.pre_plus = True
            elif c == '$':
                if post:
                    p.actor = p.actor or 'obj'
                else:
                    p.actor = 'subj'
            elif c == '%':
                p.compound = True
            continue                       # '^' outside a phrase: nothing to require
        if e[0] == 'np':
            for w in e[1]:
                if w.startswith('&'):
                    p.synsets.add(w)
            rendered.append(('np', render_np(e[1], vocab)))
            continue
        prep = e[1]
        preps = [x.lower() for x in prep.split('/')]
        nouns = []
        for s in e[2]:
            if s[0] == 'mark':
                role = ('obl:' if post else 'subj:') + preps[0]
                if s[1] == '+':
                    p.target = role
                elif s[1] == '$':
                    p.actor = role
                elif s[1] == '^':
                    nouns.append('^')
            else:
                for w in s[1]:
                    if w.startswith('&'):
                        p.synsets.add(w)
                nouns.extend(s[1])
        if post and preps[0] == 'from' and not any(s[0] == 'mark' and s[1] in '+$' for s in e[2]):
            p.has_from_pp = True
        if post and preps[0] == 'by':
            p.has_by_pp = True
        alts = render_alts(nouns, vocab) if nouns else []
        rendered.append(('pp', '/'.join(f'{x}:{a}' for x in preps for a in alts) if alts
                         else '/'.join(preps)))
    if post:
        p.objects = [r for k, r in rendered if k == 'np']
        p.preps = [r for k, r in rendered if k == 'pp']
    else:
        p.before = [r for k, r in rendered]


def parse_pattern(text, vocab):
    p = Parsed()
    if '*' not in text:
        p.problems.append('no *')
        return p
    pre, post = text.split('*', 1)
    if '*' in post:
        p.problems.append('two *')
    if any('_' in t and not t.startswith('&') for t in tokenize(text.replace('*', ' '))):
        p.problems.append('underscore')
    parse_segment(tokenize(pre), False, p, vocab)
    parse_segment(tokenize(post), True, p, vocab)
    return p


def origin_of(comment, block):
    """Lemmas of the block's verbs named at the start of a pattern comment."""
    c = re.sub(r'<[^>]*>', ' ', comment)
    names = []
    for tok in re.split(r'[\s,]+', c.strip()):
        if not tok:
            continue
        if not re.fullmatch(r"[A-Z][A-Z_'-]*", tok):
            break
        names.append(tok)
    found = []
    for name in names:
        parts = name.split('_')
        cands = [v for v in block.verbs if parts[0] in v.surface and v.back == parts[1:]]
        if not cands and len(parts) == 1:
            cands = [v for v in block.verbs if parts[0] in v.surface]
        if cands:
            lab = verb_label(cands[0])
            if lab not in found:
                found.append(lab)
    return found


def verb_label(v):
    return ' '.join([v.lemma_word.lower()] + [b.lower() for b in v.back])


# ----------------------------------------------------------------- rows

SWAP = {'043'}


def first_mapped(rawcode, mapping):
    parts = [norm_code(c) for c in rawcode.split(':')]
    main = parts[1] if parts[0] == '' and len(parts) > 1 else parts[0]
    return mapping.lookup(main)[0] is not None


def assign_roles(p, how):
    """actor, target for one event of a pattern (p is None for a default row).

    how: 'forward'  the event goes from the subject side to the object side;
         'swap'     the same event read the other way round (CAMEO 043 host:
                    PLOVER's actor is the visitor; the second code of [A:B]);
         'passive'  a [:B] code: the event goes towards the subject ("X
                    received aid", "X faced criticism")."""
    if p is None:
        return ('obj', 'subj') if how != 'forward' else ('subj', 'obj')
    has_obj = bool(p.objects)
    explicit = p.actor is not None or p.target is not None or p.compound
    actor = p.actor or 'subj'
    if p.compound:
        target = 'subj'
    elif p.target:
        target = p.target
    elif p.actor and p.actor != 'subj':
        target = 'subj'          # "* PROTESTS (FROM $)": the subject is the other party
    else:
        target = 'none' if has_obj else 'obj'
    if p.pre_plus and not p.actor:
        actor = 'obl:by' if p.has_by_pp else 'none'
    if how == 'forward':
        return actor, target
    if how == 'passive' and explicit:
        # the markers name the other party; the subject is the target
        others = [x for x in (p.actor, p.target) if x and x != 'subj']
        return ('obl:from' if p.has_from_pp else (others[0] if others else 'none')), 'subj'
    actor, target = target, actor
    if how == 'passive' and actor in ('none', 'obj') and p.has_from_pp:
        actor = 'obl:from'
    if actor == 'obj' and (has_obj or p.preps):
        actor = 'none'           # the object slot holds a noun, not a party
    return actor, target


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.environ.get('CAMEO_VERBS', DEFAULT_SOURCE)
    stats = collections.Counter()
    notes = []
    mapping = Mapping(MAPPING)
    synsets, blocks, lines = read_dictionary(src, stats)
    resolve_lemmas(blocks, mapping, stats, notes)

    vocab = mapping.nouns

    # PETRARCH keeps the first block that defines a verb word (+ particles)
    owner = {}
    for b in blocks:
        for v in b.verbs:
            key = (v.word, tuple(v.back))
            if key in owner and owner[key] is not b:
                v.shadowed = owner[key]
                notes.append(f'{SOURCE_NAME}:{v.line}: {v.word} already in block {owner[key].name} '
                             f'(line {owner[key].line}): PETRARCH ignores this entry')
            else:
                owner.setdefault(key, b)
                v.shadowed = None

    compounds = {(v.word, tuple(v.back)) for b in blocks for v in b.verbs if v.back}
    noted_overrides = set()
    rows = []
    seen = set()
    pattern_stats = collections.Counter()

    def emit(row, reason_counter):
        key = tuple(row[k] for k in ('lemma', 'particle', 'category', 'mode', 'actor', 'target',
                                      'object', 'prep', 'before', 'cameo', 'paired'))
        if key in seen:
            reason_counter['rows skipped: duplicate of an earlier row'] += 1
            return
        seen.add(key)
        rows.append(row)

    for b in blocks:
        # later identical pattern wins (PETRARCH overwrites the leaf)
        last = {}
        for pt in b.patterns:
            last[' '.join(tokenize(pt.text))] = pt
        live = []
        for pt in b.patterns:
            if last[' '.join(tokenize(pt.text))] is not pt:
                pattern_stats['patterns skipped: repeated later in the block (later one wins)'] += 1
                continue
            live.append(pt)

        parsed = []
        for pt in live:
            p = parse_pattern(pt.text, vocab)
            undefined = sorted(s for s in p.synsets if s not in synsets)
            if 'no *' in p.problems:
                pattern_stats['patterns skipped: no * (verb position)'] += 1
                continue
            if 'underscore' in p.problems:
                pattern_stats['patterns skipped: word_with_underscore (old TABARI form, never matched by PETRARCH2)'] += 1
                continue
            if undefined:
                pattern_stats['patterns skipped: undefined synset ' + '/'.join(undefined)] += 1
                continue
            p.origin = origin_of(pt.comment, b)
            for prob in ('stray )', 'unclosed ('):
                if prob in p.problems:
                    pattern_stats[f'patterns read despite a {prob} (ignored)'] += 1
            parsed.append((pt, p))

        block_default = b.code
        for v in b.verbs:
            if v.shadowed is not None:
                stats['verb entries skipped: already defined in an earlier block'] += 1
                continue
            if v.back and v.back[0] in CONJUNCTIONS:
                stats['verb entries skipped: compound with AND/OR (never a particle in PETRARCH2)'] += 1
                notes.append(f'{SOURCE_NAME}:{v.line}: skipped {v.word}_{"_".join(v.back)}')
                continue
            lemma = v.lemma_word.lower()
            # A compound's words after the verb are particles for PETRARCH
            # (CARRY_OUT, ASK_FOR); content words in them (WAGE_WAR,
            # SET_IN_MOTION, GET_HOLD_OF) are read like a pattern's object and
            # prepositional phrases.
            vpart, vobj, vprep = [], [], []
            if v.back and all(w in PARTICLES or w in PREPOSITIONS for w in v.back):
                vpart = [w.lower() for w in v.back]
            elif v.back:
                cp = Parsed()
                parse_segment(v.back, True, cp, vocab)
                vpart, vobj, vprep = cp.particles, cp.objects, cp.preps
                stats['verb entries: compound with a content word (read as object/prep)'] += 1
            forms = '/'.join(v.forms_out)
            base = {'lemma': lemma, 'forms': forms, 'block': b.name}
            default_code = v.code if v.code is not None else block_default
            items = [(None, default_code, v.line, '')]
            for pt, p in parsed:
                items.append((p, pt.code, pt.line, pt.comment))
            for p, rawcode, line, comment in items:
                row_particles = list(vpart)
                if p is not None:
                    extra = [x for x in p.particles if x not in vpart]
                    if v.back and p.particles and not extra and not (p.objects or p.preps or p.before):
                        stats['pattern rows skipped: pattern only repeats the compound verb\'s particle'] += 1
                        continue
                    if v.back and extra:
                        stats['pattern rows skipped: compound verb x pattern requiring another particle'] += 1
                        continue
                    if not v.back and p.particles and (v.word, tuple(x.upper() for x in p.particles)) in compounds:
                        stats['pattern rows skipped: verb + pattern particle is a compound verb entry '
                              '(PETRARCH codes it from that entry)'] += 1
                        continue
                    if vobj and p.objects:
                        stats['pattern rows skipped: compound verb with its own object x pattern object'] += 1
                        continue
                    # A particle is part of a phrasal verb ("kick off" is not
                    # "hit off"): a pattern that adds one is kept for the verbs
                    # its comment names (all verbs when it names none).
                    if extra and p.origin and verb_label(v) not in p.origin and lemma not in p.origin:
                        stats['pattern rows skipped: particle pattern written for another verb of the block'] += 1
                        continue
                    row_particles += extra
                rp = p
                if vobj or vprep:
                    rp = Parsed()
                    if p is not None:
                        rp.__dict__.update({k: (list(val) if isinstance(val, list) else val)
                                            for k, val in p.__dict__.items()})
                    rp.objects = vobj + rp.objects
                    rp.preps = vprep + rp.preps
                codes = [norm_code(c) for c in rawcode.split(':')] if ':' in rawcode else [norm_code(rawcode)]
                a = codes[0]
                bcode = codes[1] if len(codes) > 1 else None
                reversed_only = (a == '' and bcode)
                main_code = bcode if reversed_only else a
                cat, mode = mapping.lookup(main_code)
                kind = 'default rows' if p is None else 'pattern rows'
                if cat is None:
                    stats[f'{kind} skipped: {mode}'] += 1
                    if p is not None and first_mapped(default_code, mapping):
                        stats['pattern rows skipped whose verb default maps (a matcher falling '
                              'back to the default row would code these)'] += 1
                        if line not in noted_overrides:
                            noted_overrides.add(line)
                            notes.append(f'{SOURCE_NAME}:{line}: pattern [{rawcode}] ({mode}) '
                                         f'overrides the {b.name} default [{default_code}]')
                    continue
                swap = main_code in SWAP
                how = 'passive' if reversed_only else ('swap' if swap else 'forward')
                actor, target = assign_roles(rp, how)
                paired = ''
                if bcode and not reversed_only:
                    bcat, bmode = mapping.lookup(bcode)
                    if bcode == a:
                        paired = 'mutual'
                    elif bcat is None:
                        stats['paired second codes dropped: ' + bmode] += 1
                    else:
                        ra, rt = assign_roles(rp, 'forward' if bcode in SWAP else 'swap')
                        if (bcat, bmode, ra, rt) == (cat, mode, actor, target):
                            paired = 'mirror'
                        else:
                            paired = f'{bcat}:{bmode}:{bcode}'
                origin = p.origin if p is not None else []
                row = dict(base)
                row.update({
                    'particle': ' '.join(row_particles),
                    'category': cat, 'mode': mode,
                    'actor': actor, 'target': target,
                    'object': ';'.join(rp.objects) if rp else '',
                    'prep': ';'.join(rp.preps) if rp else '',
                    'before': ';'.join(rp.before) if rp else '',
                    'cameo': ':'.join(codes),
                    'paired': paired,
                    'origin': '/'.join(origin),
                    'source': f'{SOURCE_NAME}:{line}',
                })
                ref = mapping.refine(row)
                if ref:
                    row['category'], row['mode'] = ref[0], ref[1]
                    stats[f'rows refined by cameo_plover.tsv line {ref[2]}'] += 1
                emit(row, stats)

    # forms: every inflected form written for the lemma, whichever entry gave it
    all_forms = collections.defaultdict(set)
    for b in blocks:
        for v in b.verbs:
            if v.shadowed is None:
                all_forms[(v.lemma_word.lower(), ' '.join(x.lower() for x in v.back))].update(v.forms_out)
    for r in rows:
        key = (r['lemma'], r['particle'])
        if key not in all_forms:                     # particle came from a pattern
            key = (r['lemma'], '')
        r['forms'] = '/'.join(sorted(all_forms.get(key, ())))

    cols = ['lemma', 'particle', 'category', 'mode', 'actor', 'target', 'object', 'prep',
            'before', 'cameo', 'paired', 'forms', 'origin', 'block', 'source']
    rows.sort(key=lambda r: (r['lemma'], r['particle'], int(r['source'].split(':')[1]),
                             r['cameo'], r['object'], r['prep']))
    for r in rows:
        for c in cols:
            if '\t' in r[c] or '\n' in r[c]:
                sys.exit(f'tab or newline in {c} of {r}')

    with open(os.path.join(ONTOLOGY, 'verbs.tsv'), 'w', encoding='utf-8', newline='\n') as f:
        f.write(VERBS_TITLE)
        f.write(LICENCE)
        f.write(VERBS_DOC)
        for r in rows:
            f.write('\t'.join(r[c] for c in cols) + '\n')

    with open(os.path.join(ONTOLOGY, 'synsets.tsv'), 'w', encoding='utf-8', newline='\n') as f:
        f.write(SYNSETS_TITLE)
        f.write(LICENCE)
        f.write(SYNSETS_DOC)
        for s in synsets.values():
            members = '/'.join(m.replace('/', '\\/') for m, _ in s.members)
            nop = '/'.join(m.replace('/', '\\/') for m, np_ in s.members if np_)
            f.write(f'{s.name}\t{members}\t{nop}\t{SOURCE_NAME}:{s.line}\n')

    # ------------------------------------------------------------ report
    per_cat = collections.Counter(r['category'] for r in rows)
    print(f'read {src}: {len(blocks)} verb blocks, '
          f'{sum(len(b.verbs) for b in blocks)} verb entries, '
          f'{sum(len(b.patterns) for b in blocks)} patterns, {len(synsets)} synsets')
    print(f'wrote ontology/verbs.tsv: {len(rows)} rows, '
          f'{len({(r["lemma"], r["particle"]) for r in rows})} verbs '
          f'({sum(1 for r in rows if not (r["object"] or r["prep"] or r["before"]))} default rows)')
    print(f'wrote ontology/synsets.tsv: {len(synsets)} synsets')
    print('rows per category:')
    for c in CATEGORIES:
        print(f'  {c}\t{per_cat.get(c, 0)}')
    print('patterns (before the verb x pattern product):')
    for k, n in sorted(pattern_stats.items()):
        print(f'  {k}\t{n}')
    print('skipped and other counts:')
    for k, n in sorted(stats.items()):
        print(f'  {k}\t{n}')
    if os.environ.get('CAMEO_NOTES'):
        for n in notes:
            print('note:', n)


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # quiet under | head
    main()
