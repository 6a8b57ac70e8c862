import importlib, sys, os
from lib import *
OUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
mods = sys.argv[1:] or ['r1', 'r2', 'r3', 'r4']
reports = []

def find(lines, marker):
    hits = [i + 1 for i, l in enumerate(lines) if marker in l]
    assert len(hits) == 1, (marker, hits)
    return hits[0]

def yq(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'

for m in mods:
    M = importlib.import_module(m)
    text = '\n'.join(M.lines) + '\n'
    with open(os.path.join(OUT, M.FILE), 'w', encoding='utf-8') as fh:
        fh.write(text)
    print(M.FILE, len(M.lines), 'lines')
    reports.append(M)

bad = report_checks({})
print('BAD checks:', bad)
print('\n'.join(WARN) or 'no borderline values')

if set(mods) == {'r1', 'r2', 'r3', 'r4'}:
    y = ['reports:']
    for M in reports:
        y.append(f'  - file: {M.FILE}')
        y.append(f'    department: {M.DEPT}')
        y.append(f'    planted: [{", ".join(f["kind"] for f in M.F)}]')
        if M.F:
            y.append('    inconsistent:')
            for f in sorted(M.F, key=lambda f: find(M.lines, f['marker'])):
                y.append(f'      - line: {find(M.lines, f["marker"])}')
                y.append(f'        stated: {yq(f["stated"])}')
                y.append(f'        recomputed: {yq(f["recomputed"])}')
                y.append(f'        kind: {f["kind"]}')
                y.append(f'        working: {yq(f["working"])}')
        else:
            y.append('    inconsistent: []')
        if M.WARNINGS:
            y.append('    warnings:')
            for wv in M.WARNINGS:
                y.append(f'      - line: {find(M.lines, wv["marker"])}')
                y.append(f'        stated: {yq(wv["stated"])}')
        else:
            y.append('    warnings: []')
        y.append('    traps:')
        for t in sorted(M.TRAPS, key=lambda t: find(M.lines, t['marker'])):
            y.append(f'      - line: {find(M.lines, t["marker"])}')
            y.append(f'        text: {yq(t["text"])}')
            y.append(f'        why: {yq(t["why"])}')
            assert t['text'] in M.lines[find(M.lines, t['marker']) - 1], t
    with open(os.path.join(OUT, 'expected.yaml'), 'w', encoding='utf-8') as fh:
        fh.write('\n'.join(y) + '\n')
    print('expected.yaml written')
