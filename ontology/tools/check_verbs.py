#!/usr/bin/env python3
"""Check ontology/verbs.tsv (written by cameo_to_plover.py).

    python3 ontology/tools/check_verbs.py [--samples N] [--show FLAG]

Prints the row count per PLOVER category, then flags suspicious rows by kind
with a few examples each, then (with --samples N) N evenly spaced rows per
category to read by eye. Exit status 1 if a hard error is found (bad column
count, unknown category, mode not in the PLOVER manual's list for the
category, lemma that is not a base form, malformed actor/target); the soft
flags are for review and do not fail.
Standard library only.
"""

import argparse
import collections
import os
import re
import signal
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ONTOLOGY = os.path.dirname(HERE)

COLUMNS = ['lemma', 'particle', 'category', 'mode', 'actor', 'target', 'object', 'prep',
           'before', 'cameo', 'paired', 'forms', 'origin', 'block', 'source']

# PLOVER manual v0.8 modes per category (shared reference plover.md, section 2).
MODES = {
    'AGREE': set(),
    'CONSULT': {'visit', 'third-party', 'multilateral', 'phone'},
    'SUPPORT': set(),
    'CONCEDE': set(),
    'COOPERATE': set(),
    'AID': set(),
    'RETREAT': {'withdraw', 'release', 'disarm', 'ceasefire', 'access', 'resign'},
    'REQUEST': {'assist', 'change', 'yield', 'meet'},
    'ACCUSE': {'disapprove', 'investigate', 'allege'},
    'REJECT': {'assist', 'change', 'yield', 'meet'},
    'THREATEN': {'restrict', 'arrest', 'relations', 'expel', 'territory', 'violence'},
    'PROTEST': {'demo', 'riot', 'strike', 'hunger', 'boycott', 'obstruct', 'vandalize'},
    'SANCTION': {'convict', 'expel', 'withdraw', 'discontinue'},
    'MOBILIZE': {'troops', 'weapons', 'police', 'militia'},
    'COERCE': {'seize', 'restrict', 'censor', 'curfew', 'martial-law', 'arrest', 'deport',
               'withhold', 'misinformation', 'cyber'},
    'ASSAULT': {'abduct', 'beat', 'torture', 'sexual', 'targeted', 'destroy', 'primitive',
                'firearms', 'explosives', 'suicide-attack', 'aerial', 'drone', 'heavy-weapons',
                'crowd-control', 'unconventional'},
}
CATEGORIES = list(MODES)
MATERIAL_CONFLICT = {'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'}
MATERIAL = MATERIAL_CONFLICT | {'COOPERATE', 'AID', 'RETREAT'}

# Review aid only: verbs of saying and mental state. Such a verb reports an event
# (in its complement) but is not one, so a material category on it is suspect.
SAYING = {'say', 'tell', 'state', 'announce', 'report', 'claim', 'comment', 'add', 'note',
          'stress', 'describe', 'explain', 'declare', 'mention', 'write', 'think', 'believe',
          'know', 'hope', 'want', 'expect', 'predict', 'estimate', 'quote', 'repeat',
          'confirm', 'deny', 'warn', 'suggest', 'consider', 'feel', 'fear', 'see', 'hear',
          'learn', 'discover', 'understand', 'reveal', 'disclose', 'indicate', 'show', 'seem',
          'appear', 'remain', 'be', 'have', 'get', 'make', 'go', 'come', 'take', 'give'}
PARTICLE_WORDS = {'up', 'down', 'out', 'off', 'away', 'back', 'aside', 'apart', 'forward',
                  'together', 'forth', 'behind', 'over', 'around', 'in', 'on', 'at', 'by',
                  'for', 'with', 'to', 'into', 'through', 'after', 'of', 'upon', 'about',
                  'across'}
FUNCTION_WORDS = {'a', 'an', 'the', 'not', 'will', 'would', 'been', 'when', 'that', 'and',
                  'or', 'each', 'other', 'to', 'of', 'is', 'are', 'was', 'were', 'no', 'if'}
ROLE = re.compile(r'^(subj|obj|none|obl:[a-z/]+|subj:[a-z/]+)$')


def read(path):
    rows, errors = [], []
    with open(path, encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            if line.startswith('#'):
                continue
            cols = line.rstrip('\n').split('\t')
            if len(cols) != len(COLUMNS):
                errors.append(f'{path}:{n}: {len(cols)} columns, expected {len(COLUMNS)}')
                continue
            r = dict(zip(COLUMNS, cols))
            r['line'] = n
            rows.append(r)
    return rows, errors


def show(r):
    bits = [r['lemma'] + (' ' + r['particle'] if r['particle'] else ''), '->',
            r['category'] + (' ' + r['mode'] if r['mode'] else '')]
    for k in ('object', 'prep', 'before'):
        if r[k]:
            bits.append(f'{k}={r[k]}')
    if (r['actor'], r['target']) != ('subj', 'obj'):
        bits.append(f'actor={r["actor"]} target={r["target"]}')
    bits.append(f'[{r["cameo"]}{" " + r["paired"] if r["paired"] else ""}]')
    if r['origin']:
        bits.append(f'origin={r["origin"]}')
    bits.append(f'{r["block"]} {r["source"]}')
    return ' '.join(bits)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--samples', type=int, default=0, help='rows to show per category')
    ap.add_argument('--examples', type=int, default=4, help='examples per flag')
    ap.add_argument('--show', default='', help='print every row of this flag')
    ap.add_argument('file', nargs='?', default=os.path.join(ONTOLOGY, 'verbs.tsv'))
    args = ap.parse_args()
    rows, errors = read(args.file)

    hard = collections.defaultdict(list)
    soft = collections.defaultdict(list)
    defaults = collections.defaultdict(list)
    for r in rows:
        if not (r['object'] or r['prep'] or r['before']):
            defaults[(r['lemma'], r['particle'])].append(r)

    for r in rows:
        cat, mode, lemma = r['category'], r['mode'], r['lemma']
        if cat not in MODES:
            hard['unknown category'].append(r)
            continue
        if mode and mode not in MODES[cat]:
            hard['mode not in the manual list for the category'].append(r)
        if not re.fullmatch(r"[a-z][a-z'-]*", lemma):
            hard['lemma not a lowercase word'].append(r)
        if lemma in r['forms'].split('/'):
            hard['lemma listed among its own inflected forms'].append(r)
        if re.search(r'(ed|ing)$', lemma) and not any(
                lemma == f for f in ('need', 'speed', 'feed', 'proceed', 'succeed', 'bring',
                                     'spring', 'string', 'ring', 'embed', 'imbed', 'exceed',
                                     'bleed', 'breed', 'heed', 'seed', 'plead', 'shed',
                                     'wed', 'sing', 'wing', 'swing', 'sting', 'cling',
                                     'fling', 'wring', 'shred', 'bed')):
            hard['lemma looks inflected (-ed/-ing)'].append(r)
        if not ROLE.match(r['actor']) or not ROLE.match(r['target']):
            hard['malformed actor/target'].append(r)
        if not re.fullmatch(r'(\d{3,4})?(:\d{3,4})?', r['cameo']) or not r['cameo']:
            hard['malformed cameo'].append(r)

        # soft flags
        restricted = bool(r['object'] or r['prep'] or r['before'])
        if lemma in SAYING and cat in MATERIAL:
            soft['saying/mental verb with a material category (the event is in the complement)'].append(r)
        if r['particle'] and any(w not in PARTICLE_WORDS for w in r['particle'].split()):
            soft['particle holds a non-particle word (PETRARCH compound like "take shape")'].append(r)
        if len(r['particle'].split()) > 1 and all(w in PARTICLE_WORDS for w in r['particle'].split()) \
                and r['source'] != defaults.get((lemma, r['particle']), [{}])[0].get('source'):
            soft['two particles (compound verb x pattern particle)'].append(r)
        heads = [h for h in r['object'].split(';') if h]
        if len(heads) >= 3 or len([p for p in r['prep'].split(';') if p]) >= 3:
            soft['old TABARI phrase pattern (3+ separate heads or phrases)'].append(r)
        elements = [x.split()[-1] for x in re.split(r'[;/]', r['object'] + ';' + r['before']) if x]
        elements += [x.split(':', 1)[1].split()[-1] for x in re.split(r'[;/]', r['prep']) if ':' in x]
        if set(elements) & FUNCTION_WORDS - {'other'}:
            soft['function word required as a noun (old TABARI pattern)'].append(r)
        if any(re.search(r'[a-z]s$', h.split()[-1]) and not h.split()[-1].endswith(('ss', 'us', 'is', 'as'))
               for h in heads if not h.startswith('&')):
            soft['object head ends in -s (invariant noun, or a plural the rule missed)'].append(r)
        if restricted and r['origin'] and lemma + (' ' + r['particle'] if r['particle'] else '') \
                not in r['origin'].split('/'):
            soft['pattern written for another verb of the block (block sharing)'].append(r)
        if r['before']:
            soft['restriction before the verb (before column)'].append(r)
        if r['target'] == 'subj' or r['actor'] in ('obj', 'none') and r['target'] != 'obj':
            soft['reversed roles (target=subj or actor not subject)'].append(r)
        if not restricted and cat in MATERIAL_CONFLICT and r['block'] and r['cameo'][:2] in ('01', '02'):
            soft['material conflict default from a statement block'].append(r)

    # a verb whose default rows disagree
    for key, ds in defaults.items():
        cats = {(d['category'], d['mode']) for d in ds if not d['object']}
        if len({d['category'] for d in ds}) > 1:
            for d in ds:
                soft['verb with several unrestricted rows of different categories'].append(d)
    # material conflict category on a verb whose own default is verbal cooperation
    default_cat = {k: v[0]['category'] for k, v in defaults.items()}
    for r in rows:
        d = default_cat.get((r['lemma'], r['particle']))
        if d in ('SUPPORT', 'AGREE', 'CONSULT', 'CONCEDE') and r['category'] == 'ASSAULT' \
                and not r['object'] and not r['before']:
            soft['ASSAULT by prepositional phrase alone on a cooperative verb'].append(r)

    per_cat = collections.Counter(r['category'] for r in rows)
    per_cat_default = collections.Counter(r['category'] for r in rows
                                          if not (r['object'] or r['prep'] or r['before']))
    verbs_cat = collections.defaultdict(set)
    own = collections.Counter()
    for r in rows:
        verbs_cat[r['category']].add((r['lemma'], r['particle']))
        label = r['lemma'] + (' ' + r['particle'] if r['particle'] else '')
        origin = r['origin'].split('/') if r['origin'] else []
        if not (r['object'] or r['prep'] or r['before']) or not origin \
                or label in origin or r['lemma'] in origin:
            own[r['category']] += 1
    print(f'{args.file}: {len(rows)} rows, {len({(r["lemma"], r["particle"]) for r in rows})} verbs')
    print('own rows: default rows and patterns written for the row\'s verb (or naming none);')
    print('the other rows come from PETRARCH sharing a block\'s patterns among its verbs')
    print('category\trows\town rows\tdefault rows\tverbs')
    for c in CATEGORIES:
        print(f'{c}\t{per_cat.get(c, 0)}\t{own.get(c, 0)}\t{per_cat_default.get(c, 0)}\t{len(verbs_cat[c])}')
    print(f'total\t{len(rows)}\t{sum(own.values())}\t{sum(per_cat_default.values())}\t'
          f'{len({(r["lemma"], r["particle"]) for r in rows})}')

    status = 0
    for msg in errors:
        print('ERROR', msg)
        status = 1
    for kind, rs in sorted(hard.items()):
        status = 1
        print(f'\nERROR {kind}: {len(rs)}')
        for r in rs[:args.examples]:
            print('   ', show(r))
    for kind, rs in sorted(soft.items(), key=lambda kv: -len(kv[1])):
        print(f'\nflag {kind}: {len(rs)}')
        step = max(1, len(rs) // max(1, args.examples))
        for r in (rs if args.show and args.show in kind else rs[::step][:args.examples]):
            print('   ', show(r))
    if args.samples:
        by = collections.defaultdict(list)
        for r in rows:
            by[r['category']].append(r)
        for c in CATEGORIES:
            rs = by[c]
            step = max(1, len(rs) // args.samples)
            print(f'\n== {c} ({len(rs)} rows), every {step}th')
            for r in rs[::step][:args.samples]:
                print('   ', show(r))
    return status


if __name__ == '__main__':
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)   # quiet under | head
    sys.exit(main())
