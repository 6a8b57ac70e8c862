"""Reconciliation checks: each one an assertion with its figures and a reason.

A check records what was expected, what was found, the difference and the
tolerance it was judged with. Verdicts: pass, warning (e.g. a 0.01 万元
rounding difference, 尾数误差), fail.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd

from analysis.money import fen_to_wan, fen_to_yuan

VERDICT_LABELS = {"pass": "通过", "warning": "提示", "fail": "不符"}


@dataclass(frozen=True)
class Check:
    """One reconciliation: figures in the unit named by ``unit``."""

    id: str
    area: str
    title: str
    expected: str
    actual: str
    difference: str
    tolerance: str
    unit: str
    verdict: str
    note: str = ""

    def as_dict(self) -> dict:
        """JSON-ready form, with the verdict's Chinese label."""
        return asdict(self) | {"verdict_label": VERDICT_LABELS[self.verdict]}


def check_parts_sum(check_id: str, area: str, title: str, total_fen: int, parts_fen: list[int]) -> Check:
    """Parts must add up to the total exactly in fen; a 0.01 万元 gap after display rounding is a warning.

    Figures are stated in yuan; the note explains a rounding (尾数) difference.
    """
    parts_sum = sum(parts_fen)
    if parts_sum != total_fen:
        return Check(
            check_id,
            area,
            title,
            str(fen_to_yuan(total_fen)),
            str(fen_to_yuan(parts_sum)),
            str(fen_to_yuan(parts_sum - total_fen)),
            "0.00",
            "元",
            "fail",
            "分项之和与合计不符",
        )
    shown_gap = sum(fen_to_wan(p) for p in parts_fen) - fen_to_wan(total_fen)
    verdict, note = "pass", ""
    if shown_gap != 0:
        verdict = "warning"  # the fen figures agree, so the gap can only come from rounding each part
        note = f"按万元两位小数显示时分项之和与合计相差{shown_gap}万元（尾数误差）"
    return Check(check_id, area, title, str(fen_to_yuan(total_fen)), str(fen_to_yuan(parts_sum)), "0.00", "0.00", "元", verdict, note)


def check_at_most(check_id: str, area: str, title: str, part: int, whole: int, unit: str) -> Check:
    """A subset count must not exceed its total."""
    verdict = "pass" if part <= whole else "fail"
    return Check(check_id, area, title, f"≤ {whole}", str(part), str(max(part - whole, 0)), "0", unit, verdict, "" if verdict == "pass" else "分项超过总数")


def check_equal(check_id: str, area: str, title: str, expected: int, actual: int, unit: str) -> Check:
    """Two counts must be equal."""
    verdict = "pass" if expected == actual else "fail"
    return Check(check_id, area, title, str(expected), str(actual), str(actual - expected), "0", unit, verdict)


def summarise_checks(checks: list[Check]) -> dict[str, int]:
    """Count of checks by verdict."""
    counts = {verdict: 0 for verdict in VERDICT_LABELS}
    for check in checks:
        counts[check.verdict] += 1
    return counts


def checks_frame(checks: list[Check], areas: tuple[str, ...] = ()) -> pd.DataFrame:
    """Checks as a table for reading in a notebook, optionally only some areas."""
    rows = [c.as_dict() for c in checks if not areas or c.area in areas]
    frame = pd.DataFrame(rows, columns=["area", "title", "expected", "actual", "difference", "unit", "verdict_label", "note"])
    return frame.rename(
        columns={
            "area": "类别",
            "title": "核对内容",
            "expected": "应为",
            "actual": "实际",
            "difference": "差额",
            "unit": "单位",
            "verdict_label": "结论",
            "note": "说明",
        }
    )
