"""Independent check of expected.yaml against the report files (no checker involved)."""
import yaml, re, os
from decimal import Decimal as D, ROUND_HALF_UP
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
exp = yaml.safe_load(open(os.path.join(HERE, 'expected.yaml'), encoding='utf-8'))
bad = 0
for r in exp['reports']:
    lines = open(os.path.join(HERE, r['file']), encoding='utf-8').read().split('\n')
    assert lines[-1] == '' and 25 <= len(lines) - 1 <= 45, (r['file'], len(lines))
    assert sorted(r['planted']) == sorted({f['kind'] for f in r['inconsistent']}) or len(r['planted']) == len(r['inconsistent'])
    for f in r['inconsistent']:
        line = lines[f['line'] - 1].replace(' ', '')
        ok_line = f['stated'] in line
        work = f['working']
        m = re.match(r'^(.*?)=\s*(-?[\d.,]+)', work)
        val = None
        if m and re.fullmatch(r'[\d.,\s+\-÷()]+', m.group(1)):
            expr = m.group(1).replace(',', '').replace('÷', '/')
            val = eval(expr)
        # recomputed numeric
        rec = f['recomputed']
        num = re.search(r'[+-]?[\d,]+(\.\d+)?', rec).group(0)
        nd = len(num.split('.')[1]) if '.' in num else 0
        if val is not None:
            scale = 100 if rec.endswith('%') or (f['kind'] == 'table_row' and '.' in num and abs(val) < 5) else 1
            got = D(repr(val * scale)).quantize(D(1).scaleb(-nd), ROUND_HALF_UP)
            ok_val = got == D(num.replace(',', '').replace('+', ''))
        else:
            ok_val = None
        status = 'OK ' if ok_line and ok_val in (True, None) else 'BAD'
        bad += status == 'BAD'
        print(f"{status} {r['file']}:{f['line']} {f['kind']:<13} stated={f['stated']} rec={rec} eval={val!r} line_has_stated={ok_line} val_ok={ok_val}")
    for wv in r.get('warnings') or []:
        ok = wv['stated'] in lines[wv['line'] - 1]
        bad += not ok
        print(('OK ' if ok else 'BAD'), r['file'], wv['line'], 'warning', wv['stated'])
    for t in r.get('traps') or []:
        ok = t['text'] in lines[t['line'] - 1]
        bad += not ok
        if not ok: print('BAD trap', r['file'], t)
print('bad =', bad)
