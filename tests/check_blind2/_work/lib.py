"""Helpers: exact figures -> displayed strings (half-up), interval checks."""
from decimal import Decimal as D, ROUND_HALF_UP
import itertools

WARN = []
FW = str.maketrans('０１２３４５６７８９．％，', '0123456789.%,')

def q(x, nd):
    return D(x).quantize(D(1).scaleb(-nd), rounding=ROUND_HALF_UP)

def _border(x, nd, what):
    s = abs(D(x)) * (D(10) ** nd)
    frac = s - int(s)
    if abs(frac - D('0.5')) < D('0.08'):
        WARN.append(f'BORDERLINE {what}: {x} at {nd} dp')

def fmt(x, nd, sep=True, sign=False):
    _border(x, nd, 'fmt')
    v = q(x, nd)
    spec = ('+' if sign else '') + (',' if sep else '') + f'.{nd}f'
    return format(v, spec)

def wan(yuan, sep=True, nd=2):
    return fmt(D(yuan) / 10000, nd, sep)

def yi(yuan, nd=2):
    return fmt(D(yuan) / 100000000, nd, False)

def pct(n, d, nd=1, sign=False):
    return fmt(D(n) / D(d) * 100, nd, False, sign)

def cnt(n, sep=True):
    return format(int(n), ',' if sep else '')

# ---------------- interval checks ----------------
def val(s):
    s = s.translate(FW).replace(',', '').replace('+', '').strip()
    v = D(s)
    nd = len(s.split('.')[1]) if '.' in s else 0
    return v, D('0.5') * D(10) ** (-nd), nd

def interval(f, args):
    vs = [val(a) for a in args]
    outs = []
    for corner in itertools.product(*[(v - h, v + h) for v, h, _ in vs]):
        outs.append(f(*corner))
    mid = f(*[v for v, _, _ in vs])
    return min(outs), max(outs), mid

CHECKS = []

def check(report, kind, f, args, stated, planted=False, note=''):
    lo, hi, mid = interval(f, args)
    s, h, nd = val(stated)
    s = abs(s)
    overlap = lo <= s + h and hi >= s - h
    gap = max(lo - (s + h), (s - h) - hi)
    CHECKS.append(dict(report=report, kind=kind, args=args, stated=stated,
                       planted=planted, lo=lo, hi=hi, mid=mid, nd=nd,
                       overlap=overlap, gap=gap, note=note))
    return mid, nd

def report_checks(thresholds):
    bad = 0
    for c in CHECKS:
        if c['planted']:
            ok = (not c['overlap']) and c['gap'] >= thresholds.get(c['kind'], D('0.04'))
        else:
            ok = c['overlap']
        tag = 'OK ' if ok else 'BAD'
        if not ok:
            bad += 1
        print(f"{tag} {c['report']:<4} {c['kind']:<13} {'PLANT' if c['planted'] else '     '} "
              f"stated={c['stated']:<12} recomputed~{float(c['mid']):.4f} "
              f"[{float(c['lo']):.4f},{float(c['hi']):.4f}] gap={float(c['gap']):.4f} {c['note']}")
    return bad
