#!/usr/bin/env python3
"""Deterministic generator of the sample ledgers under ``data/raw/``.

Writes two sample departments in the ledger layout the ``analysis`` package reads:

* ``nanyue-swd``: the department of the published reference report (fiscal years
  2023 and 2024). Row-level detail is invented; the sums reproduce the report's
  published totals exactly (see that folder's README.md).
* ``fictional-qingchuan-csb``: an entirely fictional department (2022-2024).

Usage::

    python scripts/make_samples.py [--out DIR]

Running it twice gives byte-identical files: every random choice comes from a
``random.Random`` seeded with a fixed string, output is sorted, lines end in
``\\n``, text is UTF-8 without BOM, amounts carry exactly two decimals and no
generation timestamp is written anywhere. This script deliberately does not
import the ``analysis`` package.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import io
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "data" / "raw"

FUND = "一般公共预算"
BASIC = "基本支出"
PROJECT = "项目支出"

EXPENDITURE_COLUMNS = [
    "voucher_id",
    "date",
    "spending_type",
    "econ_code",
    "econ_name",
    "func_code",
    "fund_source",
    "project",
    "amount",
    "summary",
]
BUDGET_COLUMNS = ["spending_type", "project", "budget_initial", "budget_adjusted"]
HOTLINE_COLUMNS = [
    "order_id",
    "received_at",
    "channel",
    "category",
    "topic",
    "handling",
    "assigned_unit",
    "status",
    "closed_at",
    "callback",
    "satisfaction",
    "content",
    "caller_phone",
]
PETITION_COLUMNS = [
    "case_id",
    "registered_at",
    "form",
    "persons",
    "leader_reception",
    "to_beijing",
    "repeat",
    "accepted_on_time",
    "dept_accepted_on_time",
    "replied_on_time",
    "resolved_first_time",
    "issue_type",
    "petitioner_name",
    "id_number",
    "phone",
]
VOLUNTEER_COLUMNS = ["date", "name", "volunteers"]

# Economic classification (政府支出经济分类, 部门预算) sub-items used by the samples.
ECON = {
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费",
    "30109": "职业年金缴费",
    "30110": "职工基本医疗保险缴费",
    "30112": "其他社会保障缴费",
    "30113": "住房公积金",
    "30201": "办公费",
    "30202": "印刷费",
    "30205": "水费",
    "30206": "电费",
    "30207": "邮电费",
    "30209": "物业管理费",
    "30211": "差旅费",
    "30213": "维修（护）费",
    "30214": "租赁费",
    "30215": "会议费",
    "30216": "培训费",
    "30217": "公务接待费",
    "30226": "劳务费",
    "30227": "委托业务费",
    "30228": "工会经费",
    "30229": "福利费",
    "30239": "其他交通费用",
    "30299": "其他商品和服务支出",
    "30302": "退休费",
    "30305": "生活补助",
    "30399": "其他对个人和家庭的补助",
    "31002": "办公设备购置",
    "31007": "信息网络及软件购置更新",
    "31099": "其他资本性支出",
}
PERSONNEL_CLASSES = ("301", "303")
PUBLIC_CLASSES = ("302", "310")


# --------------------------------------------------------------------------- helpers


def rng_for(*parts: object) -> random.Random:
    """A generator seeded with a fixed string (str seeds hash with SHA-512: stable)."""
    return random.Random("jixiao-samples/" + "/".join(str(p) for p in parts))


def fmt_cents(cents: int) -> str:
    if cents < 0:
        raise ValueError("negative amount")
    return f"{cents // 100}.{cents % 100:02d}"


def wan(cents: int) -> str:
    """Cents → 万元 with two decimals (half up), as reports print them."""
    return str((Decimal(cents) / Decimal(1_000_000)).quantize(Decimal("0.01"), ROUND_HALF_UP))


def pct(num: int, den: int, digits: int = 2) -> str:
    q = Decimal(1).scaleb(-digits)
    return str((Decimal(num) * 100 / Decimal(den)).quantize(q, ROUND_HALF_UP)) + "%"


def signed_pct(cur: int, prior: int) -> str:
    value = (Decimal(cur - prior) * 100 / Decimal(prior)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return ("+" if value > 0 else "") + str(value) + "%"


def workday(d: dt.date) -> dt.date:
    """Move a Saturday or Sunday back to the preceding Friday."""
    while d.weekday() >= 5:
        d -= dt.timedelta(days=1)
    return d


def apportion(total: int, weights: list[float]) -> list[int]:
    """Split an integer total proportionally (largest remainder; ties by position)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    base = [int(x) for x in raw]
    order = sorted(range(len(weights)), key=lambda i: (-(raw[i] - base[i]), i))
    for i in order[: total - sum(base)]:
        base[i] += 1
    return base


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[c] for c in columns])
    write_text(path, buf.getvalue())


# ------------------------------------------------------------------ expenditure


@dataclass
class Line:
    """One recurring posting line: an economic item posted on a list of dates."""

    econ: str
    func: str
    dates: list[dt.date]
    summary: str | list[str]  # "{m}" is replaced by the month; a list is sampled
    weight: float | list[float]  # expected amount per posting (relative only)
    jitter: float = 0.02


@dataclass
class Group:
    """Postings that must sum to an exact target (e.g. personnel, one project)."""

    spending_type: str
    project: str
    target_cents: int
    lines: list[Line] = field(default_factory=list)


def monthly(year: int, day: int, months=range(1, 13)) -> list[dt.date]:
    return [workday(dt.date(year, m, min(day, calendar.monthrange(year, m)[1]))) for m in months]


def on(year: int, *month_days: tuple[int, int]) -> list[dt.date]:
    return [workday(dt.date(year, m, d)) for m, d in month_days]


def quarterly(year: int, day: int = 20) -> list[dt.date]:
    return monthly(year, day, (3, 6, 9, 12))


def build_group(rng: random.Random, group: Group) -> list[dict]:
    postings = []
    for li, line in enumerate(group.lines):
        if line.econ not in ECON:
            raise KeyError(line.econ)
        cls = line.econ[:3]
        if group.spending_type == BASIC and group.project == "personnel" and cls not in PERSONNEL_CLASSES:
            raise ValueError(f"{line.econ} is not a personnel item")
        if group.spending_type == BASIC and group.project == "public" and cls not in PUBLIC_CLASSES:
            raise ValueError(f"{line.econ} is not a public-expense item")
        weights = line.weight if isinstance(line.weight, list) else [line.weight] * len(line.dates)
        for di, (d, w) in enumerate(zip(line.dates, weights)):
            if isinstance(line.summary, list):
                summary = line.summary[di] if len(line.summary) == len(line.dates) else rng.choice(line.summary)
            else:
                summary = line.summary
            raw = w * (1 + rng.uniform(-line.jitter, line.jitter))
            postings.append(
                {
                    "date": d,
                    "order": (li, di),
                    "econ_code": line.econ,
                    "econ_name": ECON[line.econ],
                    "func_code": line.func,
                    "summary": summary.format(m=d.month),
                    "raw": raw,
                }
            )
    postings.sort(key=lambda p: (p["date"], p["order"]))
    total_raw = sum(p["raw"] for p in postings)
    running = 0
    for p in postings[:-1]:
        p["cents"] = round(group.target_cents * p["raw"] / total_raw)
        running += p["cents"]
    last = postings[-1]
    last["cents"] = group.target_cents - running  # the last posting absorbs the remainder
    expected = group.target_cents * last["raw"] / total_raw
    if last["cents"] <= 0 or abs(last["cents"] - expected) > 100:
        raise AssertionError("remainder posting implausible")
    project = "" if group.spending_type == BASIC else group.project
    for p in postings:
        p["spending_type"] = group.spending_type
        p["project"] = project
    return postings


def build_expenditure(year: int, groups: list[Group], seed: str) -> list[dict]:
    rows: list[dict] = []
    for gi, group in enumerate(groups):
        rng = rng_for(seed, year, "expenditure", gi, group.project)
        for p in build_group(rng, group):
            p["gi"] = gi
            rows.append(p)
    rows.sort(key=lambda p: (p["date"], p["gi"], p["order"]))
    out = []
    for n, p in enumerate(rows, 1):
        if p["date"].year != year:
            raise AssertionError("posting outside the fiscal year")
        out.append(
            {
                "voucher_id": f"记-{year}-{n:04d}",
                "date": p["date"].isoformat(),
                "spending_type": p["spending_type"],
                "econ_code": p["econ_code"],
                "econ_name": p["econ_name"],
                "func_code": p["func_code"],
                "fund_source": FUND,
                "project": p["project"],
                "amount": fmt_cents(p["cents"]),
                "amount_cents": p["cents"],
                "summary": p["summary"],
            }
        )
    return out


def personnel_lines(year: int, f_admin: str, f_inst: str, f_retire: str, admin: float, inst: float, retire: float) -> list[Line]:
    """Monthly payroll for administrative and institutional staff plus retirees.

    ``admin``/``inst`` scale the monthly payroll of each staff group, ``retire``
    the retiree items; only ratios matter, the group target fixes the total.
    """
    f_med_a, f_med_i = "2101101", "2101102"
    return [
        Line("30101", f_admin, monthly(year, 15), "支付{m}月行政人员基本工资", 14800 * admin, 0.01),
        Line("30102", f_admin, monthly(year, 15), "支付{m}月行政人员津贴补贴", 21500 * admin, 0.03),
        Line("30103", f_admin, on(year, (12, 20)), "发放年终一次性奖金", 55000 * admin, 0.02),
        Line("30108", "2080505", monthly(year, 18), "缴纳{m}月行政人员基本养老保险", 5900 * admin, 0.01),
        Line("30109", "2080506", quarterly(year), "缴纳本季度行政人员职业年金", 8800 * admin, 0.01),
        Line("30110", f_med_a, monthly(year, 18), "缴纳{m}月行政人员医疗保险", 3300 * admin, 0.01),
        Line("30113", "2210201", monthly(year, 16), "缴存{m}月行政人员住房公积金", 6900 * admin, 0.01),
        Line("30101", f_inst, monthly(year, 15), "支付{m}月事业人员基本工资", 20600 * inst, 0.01),
        Line("30102", f_inst, monthly(year, 15), "支付{m}月事业人员津贴补贴", 6200 * inst, 0.03),
        Line("30107", f_inst, monthly(year, 15), "支付{m}月事业人员基础性绩效工资", 24800 * inst, 0.02),
        Line("30107", f_inst, on(year, (12, 24)), "发放年度奖励性绩效工资", 48000 * inst, 0.03),
        Line("30108", "2080505", monthly(year, 18), "缴纳{m}月事业人员基本养老保险", 6900 * inst, 0.01),
        Line("30109", "2080506", quarterly(year), "缴纳本季度事业人员职业年金", 10350 * inst, 0.01),
        Line("30110", f_med_i, monthly(year, 18), "缴纳{m}月事业人员医疗保险", 3900 * inst, 0.01),
        Line("30113", "2210201", monthly(year, 16), "缴存{m}月事业人员住房公积金", 8100 * inst, 0.01),
        Line("30112", f_admin, quarterly(year, 22), "缴纳本季度失业及工伤保险", 2100 * (admin + inst) / 2, 0.05),
        Line("30302", f_retire, monthly(year, 10), "支付{m}月退休人员退休费补差", 3100 * retire, 0.01),
        Line("30305", f_retire, on(year, (1, 18), (9, 12)), "发放遗属生活补助", 4200 * retire, 0.05),
        Line("30399", f_retire, on(year, (1, 25), (9, 13)), ["春节走访慰问退休人员", "中秋走访慰问退休人员"], [3000 * retire, 2000 * retire], 0.05),
    ]


def nanyue_groups(year: int) -> list[Group]:
    if year == 2024:
        fa, fi = "2013601", "2013650"  # 其他共产党事务支出: 行政运行 / 事业运行
        personnel_cents, public_cents = 147341236, 52198715
        projects = [("信访维稳经费", 28979640), ("信访救助经费", 56500320), ("12345热线管理经费", 19491275)]
        admin, inst = 1.0, 1.0
    elif year == 2023:
        fa, fi = "2010301", "2010350"  # predecessors: 信访局 / 热线中心 under 政府办公厅
        personnel_cents, public_cents = 156868390, 49002144
        projects = [("信访维稳经费", 58648860), ("信访救助经费", 42153080)]
        admin, inst = 0.95, 1.12
    else:
        raise ValueError(year)
    personnel = Group(BASIC, "personnel", personnel_cents, personnel_lines(year, fa, fi, "2080501", admin, inst, 1.0))
    electricity = [3100 * f for f in (1.3, 1.2, 1.0, 0.9, 0.9, 1.1, 1.35, 1.4, 1.2, 0.95, 1.0, 1.25)]
    public_lines = [
        Line(
            "30201",
            fa,
            monthly(year, 8, (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12)),
            ["购买打印纸、墨盒等办公用品", "购买办公耗材", "购买文件盒、笔记本等办公用品", "订阅报刊资料", "购买信访接待登记用品"],
            5200,
            0.4,
        ),
        Line("30202", fa, on(year, (3, 14), (9, 20), (11, 15)), ["印制信访法治宣传资料", "印制工作简报", "印制人民建议征集宣传册"], 3800, 0.3),
        Line("30205", fa, monthly(year, 6, (2, 4, 6, 8, 10, 12)), "缴纳办公楼水费", 1100, 0.15),
        Line("30206", fa, monthly(year, 6), "缴纳{m}月办公楼电费", electricity, 0.08),
        Line("30207", fi, monthly(year, 9), "支付{m}月热线中继线路及电话费", 4300, 0.05),
        Line("30209", fa, quarterly(year, 10), "支付本季度办公楼物业管理费", 9800, 0.01),
        Line(
            "30211",
            fa,
            monthly(year, 26, (1, 3, 4, 5, 6, 7, 9, 10, 11, 12)),
            ["赴市参加业务培训差旅费", "赴省汇报工作差旅费", "下乡镇调研差旅费", "赴市参加工作会议差旅费"],
            3200,
            0.5,
        ),
        Line("30213", fa, on(year, (4, 12), (7, 22), (8, 20), (11, 19)), ["办公楼线路检修", "办公用房修缮", "空调维修", "办公设备维修"], 6500, 0.4),
        Line("30215", fa, on(year, (5, 16), (12, 10)), "召开全区工作会议", 4500, 0.2),
        Line("30216", fa, on(year, (6, 13), (10, 24)), ["举办业务骨干培训班", "举办基层工作人员培训"], 5200, 0.2),
        Line("30217", fa, on(year, (3, 28), (6, 20), (9, 26), (11, 28)), "上级业务指导公务接待", 1300, 0.3),
        Line("30226", fa, on(year, (4, 25), (8, 28), (12, 18)), "支付临时聘用人员劳务费", 4000, 0.2),
        Line("30228", fa, on(year, (6, 25), (12, 23)), "按比例拨付工会经费", 9600, 0.05),
        Line("30229", fa, on(year, (2, 5), (9, 10)), "发放职工福利", 7500, 0.1),
        Line("30239", fa, monthly(year, 12), "发放{m}月公务交通补贴", 6100, 0.01),
        Line("30299", fa, on(year, (5, 30), (8, 30), (12, 27)), ["购买饮用水", "支付保洁服务费", "购买防暑降温用品"], 3000, 0.3),
    ]
    if year == 2024:
        # New department founded on 2024-07-12: furniture and equipment afterwards.
        public_lines += [
            Line(
                "31002",
                fa,
                on(year, (7, 26), (8, 16), (9, 13), (10, 18), (11, 22)),
                ["购置办公桌椅等办公家具", "购置台式计算机", "购置打印复印一体机", "购置文件柜及会议桌椅", "购置笔记本电脑"],
                [28000, 36000, 12000, 18000, 9000],
                0.1,
            ),
            Line("31007", fa, on(year, (9, 27)), "购置正版办公软件", 8500, 0.1),
        ]
    else:
        public_lines += [Line("31002", fa, on(year, (6, 21)), "更换打印机", 6000, 0.1)]
    public = Group(BASIC, "public", public_cents, public_lines)

    groups = [personnel, public]
    for name, cents in projects:
        if name == "信访维稳经费":
            lines = [
                Line(
                    "30211",
                    "2010308",
                    on(year, (1, 20), (3, 4), (3, 15), (4, 18), (6, 14), (7, 19), (9, 11), (10, 16), (11, 14), (12, 12)),
                    ["赴京接访劝返差旅费", "赴省接访劝返差旅费", "全国两会期间驻京值守差旅费", "重要会议期间驻省值守差旅费"],
                    12000,
                    0.5,
                ),
                Line("30215", "2010308", on(year, (2, 27), (6, 27), (11, 26)), "召开信访工作联席会议", 4000, 0.2),
                Line("30226", "2010308", on(year, (3, 29), (7, 30), (10, 30), (12, 20)), "支付重要时段维稳值守劳务费", 9000, 0.2),
                Line("30214", "2010308", on(year, (3, 18), (5, 20), (9, 23), (12, 16)), "租用接访劝返车辆", 6000, 0.3),
                Line("30299", "2010308", on(year, (4, 26), (8, 27), (12, 26)), "信访接待场所运行保障", 5000, 0.3),
            ]
        elif name == "信访救助经费":
            n = 16 if year == 2024 else 13
            rr = rng_for("nanyue", year, "relief-dates")
            dates = sorted(workday(dt.date(year, 1, 10) + dt.timedelta(days=rr.randint(0, 350))) for _ in range(n))
            weights = [rr.choice([8000, 12000, 20000, 30000, 45000, 60000]) for _ in range(n)]
            lines = [
                Line(
                    "30399",
                    "2010308",
                    dates,
                    ["发放信访积案化解救助金", "发放疑难信访个案救助金", "发放信访人临时生活救助金", "发放信访困难群众应急救助金"],
                    weights,
                    0.3,
                ),
            ]
        elif name == "12345热线管理经费":
            lines = [
                Line(
                    "30226", "2013602", monthly(year, 25, range(7, 13)), "支付{m}月12345热线话务员劳务派遣费", [30000, 28000, 18000, 30000, 30000, 31000], 0.02
                ),
                Line("30211", "2013602", on(year, (8, 9), (10, 11), (12, 6)), ["赴市12345平台跟班学习差旅费", "赴市参加热线业务培训差旅费"], 2500, 0.3),
            ]
        else:
            raise KeyError(name)
        groups.append(Group(PROJECT, name, cents, lines))
    return groups


QC_FA, QC_FI = "2010301", "2010350"


def qingchuan_groups(year: int, figures: dict) -> list[Group]:
    admin, inst = {2022: (0.55, 4.3), 2023: (0.55, 4.4), 2024: (0.4, 4.6)}[year]
    personnel = Group(BASIC, "personnel", figures["personnel"], personnel_lines(year, QC_FA, QC_FI, "2080502", admin, inst, 2.5))
    public_lines = [
        Line("30201", QC_FI, monthly(year, 8), ["购买办公用品", "购买打印耗材", "购买档案盒等办公用品"], 7000, 0.4),
        Line("30202", QC_FI, on(year, (4, 15), (10, 15)), "印制热线服务指南", 5000, 0.3),
        Line("30205", QC_FI, monthly(year, 6, (2, 4, 6, 8, 10, 12)), "缴纳服务中心水费", 2400, 0.15),
        Line("30206", QC_FI, monthly(year, 6), "缴纳{m}月服务中心电费", 7600, 0.2),
        Line("30207", QC_FI, monthly(year, 9), "支付{m}月固定电话及网络费", 3800, 0.05),
        Line("30209", QC_FI, quarterly(year, 10), "支付本季度物业管理费", 16000, 0.02),
        Line("30211", QC_FI, monthly(year, 26, (3, 5, 7, 9, 11)), ["赴市参加业务培训差旅费", "赴外地考察学习差旅费"], 6000, 0.4),
        Line("30213", QC_FI, on(year, (5, 20), (10, 20)), ["办公设备维修", "办公楼屋面防水维修"], 9000, 0.4),
        Line("30216", QC_FI, on(year, (6, 18)), "举办话务员业务培训", 8000, 0.2),
        Line("30228", QC_FI, on(year, (6, 25), (12, 23)), "按比例拨付工会经费", 22000, 0.05),
        Line("30229", QC_FI, on(year, (2, 5), (9, 10)), "发放职工福利", 18000, 0.1),
        Line("30239", QC_FI, monthly(year, 12), "发放{m}月公务交通补贴", 6500, 0.01),
        Line("30299", QC_FI, on(year, (3, 30), (9, 29)), ["支付保洁服务费", "购买饮用水"], 5000, 0.3),
        Line("31002", QC_FI, on(year, (8, 16)), "购置办公计算机", 30000 if year != 2023 else 12000, 0.1),
    ]
    groups = [personnel, Group(BASIC, "public", figures["public"], public_lines)]
    for name, cents in figures["projects"].items():
        if name == "12345热线运行经费":
            lines = [
                Line("30226", "2010399", monthly(year, 25), "支付{m}月热线话务员劳务派遣费", 110000, 0.03),
                Line("30207", "2010399", monthly(year, 10), "支付{m}月热线中继线路费", 9000, 0.05),
                Line("30227", "2010399", on(year, (6, 28), (12, 20)), "支付热线受理系统运维服务费", 80000, 0.05),
            ]
        elif name == "城市网格化管理经费":
            lines = [
                Line("30226", "2120199", monthly(year, 20), "发放{m}月专职网格员劳务报酬", 66000, 0.03),
                Line("30201", "2120199", on(year, (3, 12), (9, 12)), "购置网格员工作包及巡查手册", 12000, 0.2),
            ]
        elif name == "数字城管平台运维经费":
            lines = [
                Line("30227", "2120199", quarterly(year, 15), "支付本季度数字城管平台运维服务费", 110000, 0.05),
                Line("30213", "2120199", on(year, (5, 14), (11, 12)), "维修城区视频监控点位", 20000, 0.3),
            ]
            if year == 2023:
                lines.append(Line("31007", "2120199", on(year, (8, 22)), "数字城管平台存储扩容", 90000, 0.05))
        elif name == "市民服务大厅改造经费":
            lines = [
                Line(
                    "30213",
                    "2010399",
                    on(year, (4, 22), (6, 17), (8, 19)),
                    ["市民服务大厅装修工程进度款", "市民服务大厅装修工程进度款", "市民服务大厅装修工程结算款"],
                    [180000, 150000, 90000],
                    0.05,
                ),
                Line("31002", "2010399", on(year, (9, 15), (9, 28)), ["购置自助服务终端", "购置排队叫号设备"], [110000, 60000], 0.05),
                Line("31099", "2010399", on(year, (10, 20)), "市民服务大厅导视系统制作安装", 55000, 0.05),
            ]
        elif name == "志愿服务活动经费":
            lines = [
                Line("30201", "2010399", on(year, (3, 3), (9, 8)), "购置志愿者服装及物资", 15000, 0.3),
                Line("30226", "2010399", on(year, (5, 10), (10, 12), (12, 12)), "发放志愿者交通及误餐补助", 18000, 0.3),
                Line("30299", "2010399", on(year, (12, 26)), "志愿者意外保险", 12000, 0.2),
            ]
        elif name == "热线智能知识库建设经费":
            lines = [
                Line("30227", "2010399", on(year, (5, 24), (11, 29)), ["知识库建设服务预付款", "知识库建设服务验收款"], [150000, 150000], 0.02),
                Line("31007", "2010399", on(year, (6, 20)), "购置知识库检索软件", 85000, 0.05),
            ]
        else:
            raise KeyError(name)
        groups.append(Group(PROJECT, name, cents, lines))
    return groups


def sum_expenditure(rows: list[dict]) -> dict:
    out = {"personnel": 0, "public": 0, "projects": {}}
    for r in rows:
        c = r["amount_cents"]
        if r["spending_type"] == BASIC:
            key = "personnel" if r["econ_code"][:3] in PERSONNEL_CLASSES else "public"
            out[key] += c
        else:
            out["projects"][r["project"]] = out["projects"].get(r["project"], 0) + c
    out["basic"] = out["personnel"] + out["public"]
    out["project"] = sum(out["projects"].values())
    out["total"] = out["basic"] + out["project"]
    return out


# -------------------------------------------------------------------- hotline


@dataclass
class Topic:
    weight: float
    units: list[str]
    consult: list[str]
    problem: list[str]  # phrases that read after 投诉/举报/反映
    help: list[str]
    suggest: list[str]


PRAISE = ["表扬话务员耐心解答", "表扬承办单位处理及时", "感谢工作人员热心帮助"]

NANYUE_TOPICS = {
    "旅游市场": Topic(
        17,
        ["区文旅广体局", "区市场监管局", "南岳镇"],
        ["咨询景区开放时间", "咨询门票优惠政策", "咨询进山交通安排"],
        ["商户强买强卖", "景区餐馆价格虚高", "导游私自拉客", "宾馆节假日乱涨价"],
        ["求助寻找走失同伴", "求助找回遗失物品"],
        ["建议增设景区休息座椅"],
    ),
    "城市管理": Topic(
        12,
        ["区城管执法局", "祝融街道", "南岳镇"],
        ["咨询占道经营审批"],
        ["路边摊占道经营", "夜间施工噪音扰民", "垃圾清运不及时", "小区路灯损坏"],
        ["求助疏通堵塞下水道"],
        ["建议增设垃圾分类桶"],
    ),
    "住房保障": Topic(
        6, ["区住建局"], ["咨询公租房申请条件", "咨询公积金提取手续"], ["公租房维修不及时", "安置房迟迟未交房"], ["求助解决住房困难"], ["建议加快老旧小区改造"]
    ),
    "交通出行": Topic(
        9,
        ["区交通运输局", "区交警大队"],
        ["咨询观光车班次", "咨询节假日交通管制"],
        ["出租车拒载绕路", "观光车超载", "道路坑洼未修复"],
        ["求助挪移堵门车辆"],
        ["建议加密公交班次"],
    ),
    "物业管理": Topic(
        6, ["区住建局", "祝融街道"], ["咨询物业费收费标准"], ["物业服务不到位", "电梯长期故障", "小区违规停车"], ["求助维修漏水屋顶"], ["建议规范物业收费"]
    ),
    "劳动保障": Topic(
        8, ["区民政人社局"], ["咨询社保缴费年限", "咨询灵活就业参保"], ["工地拖欠工资", "用人单位未签合同"], ["求助追讨农民工工资"], ["建议增加技能培训"]
    ),
    "医疗卫生": Topic(
        6, ["区卫健局"], ["咨询医保报销比例", "咨询疫苗接种时间"], ["诊所收费不规范", "医院排队时间长"], ["求助联系急救车辆"], ["建议延长门诊时间"]
    ),
    "教育": Topic(
        5, ["区教育局"], ["咨询新生入学报名", "咨询学籍转入手续"], ["校外培训违规收费", "校车存在安全隐患"], ["求助解决子女入学"], ["建议增设护学岗"]
    ),
    "市场监管": Topic(
        8, ["区市场监管局"], ["咨询个体户登记"], ["商品缺斤短两", "超市销售过期食品", "香烛商品以次充好"], ["求助协调退货退款"], ["建议加强香火市场管理"]
    ),
    "生态环境": Topic(
        5,
        ["区生态环境分局", "区自然资源局"],
        ["咨询森林防火规定"],
        ["饭店油烟扰民", "溪沟污水直排", "违规焚烧垃圾"],
        ["求助处理倒伏树木"],
        ["建议加强溪流保护"],
    ),
    "供水供电": Topic(
        7, ["南岳供水公司", "南岳供电公司"], ["咨询水电费缴纳"], ["停水未提前通知", "频繁停电", "水压过低"], ["求助抢修爆裂水管"], ["建议公开停电计划"]
    ),
    "民政救助": Topic(
        4, ["区民政人社局", "寿岳乡"], ["咨询低保申请条件", "咨询高龄津贴发放"], ["低保评定不公", "救助金未到账"], ["求助申请临时救助"], ["建议增设养老服务点"]
    ),
    "其他": Topic(
        7,
        ["南岳镇", "寿岳乡", "祝融街道"],
        ["咨询办事指南", "咨询热线受理范围"],
        ["邻里纠纷未调解", "村道照明不足"],
        ["求助查询联系电话"],
        ["建议优化热线服务"],
    ),
}

QINGCHUAN_TOPICS = {
    "市容环境": Topic(
        14,
        ["县城管执法局", "东城街道", "西城街道"],
        ["咨询户外广告审批"],
        ["店外乱堆乱放", "建筑垃圾乱倒", "流动摊贩堵路"],
        ["求助清理楼道杂物"],
        ["建议增设果皮箱"],
    ),
    "道路设施": Topic(
        11, ["县住建局", "城关镇"], ["咨询道路施工工期"], ["井盖缺失", "人行道砖松动", "路灯夜间不亮"], ["求助修复塌陷路面"], ["建议增设无障碍坡道"]
    ),
    "噪声扰民": Topic(
        8,
        ["县生态环境局", "县城管执法局"],
        ["咨询夜间施工许可"],
        ["广场舞音响扰民", "夜间施工噪声", "商铺高音喇叭"],
        ["求助制止深夜噪声"],
        ["建议划定广场舞时段"],
    ),
    "燃气供应": Topic(
        6, ["县燃气公司"], ["咨询燃气开户手续", "咨询阶梯气价"], ["燃气表计量不准", "报修燃气无人上门"], ["求助处理燃气异味"], ["建议延长营业厅时间"]
    ),
    "公交出行": Topic(
        8, ["县交通运输局"], ["咨询公交线路调整", "咨询老年卡办理"], ["公交车不按站停靠", "司机服务态度差"], ["求助寻找车上遗失物"], ["建议增开夜班公交"]
    ),
    "停车管理": Topic(
        7,
        ["县公安局交警大队", "县城管执法局"],
        ["咨询停车收费标准"],
        ["车辆占用消防通道", "僵尸车长期占位", "停车场乱收费"],
        ["求助挪车"],
        ["建议增建公共停车场"],
    ),
    "房屋征收": Topic(5, ["县自然资源局", "城关镇"], ["咨询征收补偿标准"], ["补偿款未按期支付", "违规圈占土地"], ["求助协调过渡安置"], ["建议公开征收进度"]),
    "社区服务": Topic(
        8,
        ["东城街道", "西城街道", "城关镇"],
        ["咨询居住证明开具", "咨询社区活动安排"],
        ["社区办事推诿", "老旧小区缺少照明"],
        ["求助联系社区网格员"],
        ["建议增设社区食堂"],
    ),
    "社保医保": Topic(
        9, ["县人社局", "县医保局"], ["咨询医保异地备案", "咨询养老金领取"], ["医保报销进度慢", "企业欠缴社保"], ["求助办理大病救助"], ["建议简化报销材料"]
    ),
    "户籍证照": Topic(6, ["县公安局"], ["咨询身份证补办", "咨询户口迁移手续"], ["窗口办证排队久"], ["求助加急办理证件"], ["建议开通网上预约"]),
    "校园周边": Topic(5, ["县教育局", "县市场监管局"], ["咨询学位申请"], ["校门口交通拥堵", "校园周边售卖三无食品"], ["求助接送孩子安全"], ["建议设置护学岗"]),
    "食品安全": Topic(6, ["县市场监管局"], ["咨询食品经营许可"], ["餐馆卫生差", "出售变质肉类", "外卖无证经营"], ["求助食品消费维权"], ["建议公示后厨状况"]),
    "其他": Topic(7, ["城关镇", "东城街道", "西城街道"], ["咨询政策办理渠道"], ["宠物犬扰民", "楼上漏水无人管"], ["求助查询部门电话"], ["建议开通热线小程序"]),
}

CHANNELS = {"电话": 72, "微信": 11, "网站": 4, "APP": 5, "省平台转办": 7, "领导信箱": 1}
CATEGORY_SELF = {"咨询": 70, "求助": 8, "投诉": 9, "举报": 1, "建议": 5, "表扬": 2, "其他": 5}
CATEGORY_ASSIGNED = {"咨询": 6, "求助": 25, "投诉": 46, "举报": 10, "建议": 6, "表扬": 0, "其他": 7}
CATEGORY_OPEN = {"求助": 30, "投诉": 55, "举报": 15}  # still-open orders are problems, not questions
HOUR_WEIGHTS = [1, 0.6, 0.4, 0.3, 0.3, 0.5, 1.5, 4, 8, 10, 10, 9, 6, 6, 8, 9, 9, 8, 6, 6, 5, 4, 3, 2]


@dataclass
class HotlineSpec:
    year: int
    prefix: str  # order_id prefix
    phone_prefix: str  # 4 digits
    month_weights: list[float]
    topics: dict[str, Topic]
    self_handled: int
    assigned_closed: int
    assigned_open: int
    no_callback: int  # closed self-handled consultations not called back
    unsatisfied: int
    basic_satisfied: int

    @property
    def orders(self) -> int:
        return self.self_handled + self.assigned_closed + self.assigned_open


def content_for(rng: random.Random, topic: Topic, category: str) -> str:
    if category == "咨询":
        text = rng.choice(topic.consult)
    elif category == "求助":
        text = rng.choice(topic.help)
    elif category == "建议":
        text = rng.choice(topic.suggest)
    elif category == "表扬":
        text = rng.choice(PRAISE)
    else:
        text = {"投诉": "投诉", "举报": "举报", "其他": "反映"}[category] + rng.choice(topic.problem)
    if len(text) > 16:
        raise AssertionError(f"content too long: {text}")
    return text


def weighted(rng: random.Random, table: dict[str, float]) -> str:
    keys = list(table)
    return rng.choices(keys, [table[k] for k in keys])[0]


def build_hotline(spec: HotlineSpec, seed: str) -> list[dict]:
    rng = rng_for(seed, spec.year, "hotline")
    year = spec.year
    n = spec.orders
    times: list[dt.datetime] = []
    for month, count in enumerate(apportion(n, spec.month_weights), 1):
        days = calendar.monthrange(year, month)[1]
        for _ in range(count):
            times.append(dt.datetime(year, month, rng.randint(1, days), rng.choices(range(24), HOUR_WEIGHTS)[0], rng.randint(0, 59), rng.randint(0, 59)))
    times.sort()

    # Unclosed assigned orders: mostly received in December, some in the autumn.
    late = [i for i, t in enumerate(times) if t >= dt.datetime(year, 12, 1)]
    autumn = [i for i, t in enumerate(times) if dt.datetime(year, 9, 1) <= t < dt.datetime(year, 12, 1)]
    k_late = min(len(late), round(spec.assigned_open * 0.85))
    open_idx = set(rng.sample(late, k_late) + rng.sample(autumn, spec.assigned_open - k_late))
    rest = [i for i in range(n) if i not in open_idx]
    assigned_closed = set(rng.sample(rest, spec.assigned_closed))
    role = ["self"] * n
    for i in open_idx:
        role[i] = "open"
    for i in assigned_closed:
        role[i] = "assigned"

    topic_names = list(spec.topics)
    topic_w = [spec.topics[t].weight for t in topic_names]
    rows = []
    for i, t in enumerate(times):
        topic = rng.choices(topic_names, topic_w)[0]
        category = weighted(rng, {"self": CATEGORY_SELF, "assigned": CATEGORY_ASSIGNED, "open": CATEGORY_OPEN}[role[i]])
        rows.append({"i": i, "t": t, "role": role[i], "topic": topic, "category": category})

    # Call-back and satisfaction, with exact counts.
    closed = [r for r in rows if r["role"] != "open"]
    consult_self = [r for r in closed if r["role"] == "self" and r["category"] == "咨询"]
    no_cb = {r["i"] for r in rng.sample(consult_self, spec.no_callback)}
    rated = [r for r in closed if r["i"] not in no_cb]
    rated_assigned = [r for r in rated if r["role"] == "assigned"]
    rated_self = [r for r in rated if r["role"] == "self"]
    k_unsat_a = round(spec.unsatisfied * 0.6)
    unsat = rng.sample(rated_assigned, k_unsat_a) + rng.sample(rated_self, spec.unsatisfied - k_unsat_a)
    unsat_ids = {r["i"] for r in unsat}
    k_basic_a = round(spec.basic_satisfied * 0.5)
    basic = rng.sample([r for r in rated_assigned if r["i"] not in unsat_ids], k_basic_a) + rng.sample(
        [r for r in rated_self if r["i"] not in unsat_ids], spec.basic_satisfied - k_basic_a
    )
    basic_ids = {r["i"] for r in basic}

    out = []
    yy = f"{year % 100:02d}"
    for r in rows:
        t = r["t"]
        tp = spec.topics[r["topic"]]
        if r["role"] == "self":
            handling, unit, status = "自办", "", "已办结"
            closed_at = t + dt.timedelta(seconds=rng.randint(90, 1800))
        else:
            handling, unit = "交办", rng.choice(tp.units)
            if r["role"] == "open":
                status, closed_at = "办理中", None
            else:
                status = "已办结"
                day = t + dt.timedelta(days=rng.choices(range(1, 16), [6, 9, 10, 9, 8, 6, 5, 4, 3, 2, 2, 1, 1, 1, 1])[0])
                closed_at = dt.datetime(day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59), rng.randint(0, 59))
        if closed_at is None:
            callback, satisfaction = "否", "未评价"
        elif r["i"] in no_cb:
            callback, satisfaction = "否", "未评价"
        else:
            callback = "是"
            satisfaction = "不满意" if r["i"] in unsat_ids else "基本满意" if r["i"] in basic_ids else "满意"
        channel = weighted(rng, CHANNELS)
        content = content_for(rng, tp, r["category"])
        phone = spec.phone_prefix + f"{rng.randint(0, 9_999_999):07d}"
        out.append(
            {
                "order_id": f"{spec.prefix}{yy}{r['i'] + 1:06d}",
                "received_at": t.strftime("%Y-%m-%d %H:%M:%S"),
                "channel": channel,
                "category": r["category"],
                "topic": r["topic"],
                "handling": handling,
                "assigned_unit": unit,
                "status": status,
                "closed_at": closed_at.strftime("%Y-%m-%d %H:%M:%S") if closed_at else "",
                "callback": callback,
                "satisfaction": satisfaction,
                "content": content,
                "caller_phone": phone,
            }
        )
    return out


def hotline_stats(rows: list[dict]) -> dict:
    s = {
        "orders": len(rows),
        "self_handled": sum(r["handling"] == "自办" for r in rows),
        "self_closed": sum(r["handling"] == "自办" and r["status"] == "已办结" for r in rows),
        "assigned": sum(r["handling"] == "交办" for r in rows),
        "assigned_closed": sum(r["handling"] == "交办" and r["status"] == "已办结" for r in rows),
        "closed": sum(r["status"] == "已办结" for r in rows),
        "called_back": sum(r["status"] == "已办结" and r["callback"] == "是" for r in rows),
        "satisfied": sum(r["satisfaction"] in ("满意", "基本满意") for r in rows),
        "rated": sum(r["satisfaction"] != "未评价" for r in rows),
        "very": sum(r["satisfaction"] == "满意" for r in rows),
        "basic": sum(r["satisfaction"] == "基本满意" for r in rows),
        "unsatisfied": sum(r["satisfaction"] == "不满意" for r in rows),
    }
    return s


# ------------------------------------------------------------------ petitions

SURNAMES = "王李张刘陈杨黄赵周吴徐孙朱马胡郭林何高罗郑梁谢宋唐许邓冯韩曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷黎史龙陶贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国华明丽芳军平秀英强伟敏静霞杰涛超勇艳娟磊洋斌桂兰红梅玉珍春生志刚德福海燕凤文辉永新国庆小云冬松林"

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"


def fake_id(rng: random.Random) -> str:
    """A well-formed but fake 18-character ID: province-level region code 430000."""
    birth = dt.date(1945, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 56))
    body = "430000" + birth.strftime("%Y%m%d") + f"{rng.randint(0, 999):03d}"
    check = ID_CHECK[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS)) % 11]
    return body + check


def fake_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))


def fix_sum(rng: random.Random, values: list[int], target: int, lo: int = 1, hi: int = 30) -> list[int]:
    """Nudge integers (each kept within [lo, hi]) until they sum to target."""
    values = list(values)
    if not lo * len(values) <= target <= hi * len(values):
        raise ValueError("target sum not reachable")
    while sum(values) != target:
        i = rng.randrange(len(values))
        if sum(values) > target and values[i] > lo:
            values[i] -= 1
        elif sum(values) < target and values[i] < hi:
            values[i] += 1
    return values


@dataclass
class PetitionSpec:
    year: int
    prefix: str
    phone_prefix: str
    batches: int
    leader_batches: int
    leader_persons: int
    beijing_batches: int
    beijing_months: list[int]
    other_persons: int
    issues: dict[str, float]
    month_weights: list[float]
    no_counts: dict[str, int] = field(default_factory=dict)  # "否" per rate field


def random_day(rng: random.Random, year: int, month: int, weekday_only: bool) -> dt.date:
    d = dt.date(year, month, rng.randint(1, calendar.monthrange(year, month)[1]))
    if weekday_only:
        d = workday(d)
        if d.month != month:  # pushed into the previous month: move forward instead
            d = dt.date(year, month, 1)
            while d.weekday() >= 5:
                d += dt.timedelta(days=1)
    return d


def build_petitions(spec: PetitionSpec, seed: str) -> list[dict]:
    rng = rng_for(seed, spec.year, "petitions")
    year = spec.year
    months = list(range(1, 13))
    batches = []
    leader_persons = fix_sum(
        rng, [rng.choices([1, 2, 3, 4, 5, 6, 8, 12], [44, 24, 12, 6, 5, 4, 3, 2])[0] for _ in range(spec.leader_batches)], spec.leader_persons
    )
    for p in leader_persons:
        m = rng.choices(months, spec.month_weights)[0]
        batches.append(
            {
                "date": random_day(rng, year, m, True),
                "form": "来访",
                "persons": p,
                "leader": "是",
                "beijing": "否",
                "repeat": "是" if rng.random() < 0.2 else "否",
            }
        )
    for m in spec.beijing_months:
        batches.append(
            {
                "date": random_day(rng, year, m, False),
                "form": "来访",
                "persons": 1,
                "leader": "否",
                "beijing": "是",
                "repeat": "是" if rng.random() < 0.7 else "否",
            }
        )
    n_other = spec.batches - spec.leader_batches - spec.beijing_batches
    forms = [weighted(rng, {"来信": 33, "网上": 45, "电话": 7, "来访": 15}) for _ in range(n_other)]
    persons = [1 if f != "来访" else rng.choices([1, 2, 3, 4, 6], [50, 25, 12, 8, 5])[0] for f in forms]
    # Only in-person visits may carry more than one person.
    visit_idx = [i for i, f in enumerate(forms) if f == "来访"]
    sub = fix_sum(rng, [persons[i] for i in visit_idx], spec.other_persons - (n_other - len(visit_idx)), 1, 9)
    for i, p in zip(visit_idx, sub):
        persons[i] = p
    for f, p in zip(forms, persons):
        m = rng.choices(months, spec.month_weights)[0]
        batches.append(
            {
                "date": random_day(rng, year, m, f == "来访"),
                "form": f,
                "persons": p,
                "leader": "否",
                "beijing": "否",
                "repeat": "是" if rng.random() < 0.1 else "否",
            }
        )
    if len(batches) != spec.batches or len(spec.beijing_months) != spec.beijing_batches:
        raise AssertionError("batch count")

    for b in batches:
        b["issue"] = weighted(rng, spec.issues)
        b["name"] = fake_name(rng)
        b["id"] = fake_id(rng)
        b["phone"] = spec.phone_prefix + f"{rng.randint(0, 9_999_999):07d}"
        b["tiebreak"] = rng.random()
        pending = b["date"] >= dt.date(year, 11, 1) and rng.random() < 0.6  # still within the legal limit
        b["accepted_on_time"] = "是"
        b["dept_accepted_on_time"] = "不适用" if (b["form"] == "电话" and rng.random() < 0.7) else "是"
        b["replied_on_time"] = "不适用" if pending else "是"
        b["resolved_first_time"] = "不适用" if (pending or b["repeat"] == "是") else "是"
    for fld, k in sorted(spec.no_counts.items()):
        eligible = [b for b in batches if b[fld] == "是"]
        for b in rng.sample(eligible, k):
            b[fld] = "否"
    batches.sort(key=lambda b: (b["date"], b["tiebreak"]))
    out = []
    for n, b in enumerate(batches, 1):
        out.append(
            {
                "case_id": f"{spec.prefix}{year}-{n:04d}",
                "registered_at": b["date"].isoformat(),
                "form": b["form"],
                "persons": str(b["persons"]),
                "leader_reception": b["leader"],
                "to_beijing": b["beijing"],
                "repeat": b["repeat"],
                "accepted_on_time": b["accepted_on_time"],
                "dept_accepted_on_time": b["dept_accepted_on_time"],
                "replied_on_time": b["replied_on_time"],
                "resolved_first_time": b["resolved_first_time"],
                "issue_type": b["issue"],
                "petitioner_name": b["name"],
                "id_number": b["id"],
                "phone": b["phone"],
            }
        )
    return out


def petition_stats(rows: list[dict]) -> dict:
    def rate(fld: str) -> tuple[int, int]:
        yes = sum(r[fld] == "是" for r in rows)
        no = sum(r[fld] == "否" for r in rows)
        return yes, yes + no

    return {
        "batches": len(rows),
        "persons": sum(int(r["persons"]) for r in rows),
        "leader_batches": sum(r["leader_reception"] == "是" for r in rows),
        "leader_persons": sum(int(r["persons"]) for r in rows if r["leader_reception"] == "是"),
        "beijing_batches": sum(r["to_beijing"] == "是" for r in rows),
        "beijing_persons": sum(int(r["persons"]) for r in rows if r["to_beijing"] == "是"),
        "accepted_on_time": rate("accepted_on_time"),
        "dept_accepted_on_time": rate("dept_accepted_on_time"),
        "replied_on_time": rate("replied_on_time"),
        "resolved_first_time": rate("resolved_first_time"),
    }


# ------------------------------------------------------------------ volunteers

NANYUE_VOLUNTEER_2024 = [
    ("2024-08-03", "景区恢复开放志愿服务", 32),
    ("2024-08-10", "景区恢复开放文明引导志愿服务", 18),
    ("2024-08-17", "灾后安置点关爱志愿服务", 15),
    ("2024-08-24", "暑期文明旅游劝导志愿服务", 14),
    ("2024-09-03", "农历八月初一志愿服务", 45),
    ("2024-09-04", "朝山香客疏导志愿服务", 20),
    ("2024-09-14", "中秋节景区服务志愿活动", 16),
    ("2024-09-21", "全国科普日宣传志愿服务", 8),
    ("2024-09-25", "旅游发展大会志愿服务", 38),
    ("2024-09-26", "旅游发展大会会场保障志愿服务", 24),
    ("2024-10-01", "国庆黄金周志愿服务", 30),
    ("2024-10-03", "国庆黄金周交通疏导志愿服务", 22),
    ("2024-10-05", "国庆黄金周游客咨询志愿服务", 18),
    ("2024-10-11", "重阳节敬老志愿服务", 12),
    ("2024-10-13", "国际减灾日宣传", 14),
    ("2024-10-26", "护林防火宣传志愿服务", 10),
    ("2024-11-09", "消防安全宣传志愿服务", 9),
    ("2024-11-16", "社区环境整治志愿服务", 12),
    ("2024-11-23", "防范电信诈骗宣传志愿服务", 8),
    ("2024-11-30", "文明交通劝导志愿服务", 10),
    ("2024-12-04", "国家宪法日普法宣传", 8),
    ("2024-12-05", "国际志愿者日主题活动", 15),
    ("2024-12-14", "冬季送温暖志愿服务", 9),
    ("2024-12-21", "关爱留守儿童志愿服务", 8),
    ("2024-12-28", "冬季景区除冰保畅志愿服务", 11),
]

QINGCHUAN_VOLUNTEER_NAMES = [
    "学雷锋志愿服务",
    "植树节义务植树",
    "文明交通劝导",
    "社区环境清洁行动",
    "防范电信诈骗宣传",
    "关爱空巢老人走访",
    "高考护考志愿服务",
    "河道垃圾清理",
    "垃圾分类入户宣传",
    "暑期儿童课业辅导",
    "老旧小区楼道清理",
    "重阳节敬老志愿服务",
    "消防安全宣传",
    "国家宪法日普法宣传",
    "国际志愿者日主题活动",
    "冬季送温暖志愿服务",
    "献血志愿服务",
    "公园文明游园引导",
    "热线政策进社区宣讲",
    "食品安全进社区宣传",
    "全民健身赛事保障",
    "元宵灯会秩序维护",
]


def build_qingchuan_volunteers(year: int, events: int, total: int, seed: str) -> list[dict]:
    rng = rng_for(seed, year, "volunteers")
    names = rng.sample(QINGCHUAN_VOLUNTEER_NAMES, events)
    dates = sorted(rng.sample(range(1, 365), events))
    counts = fix_sum(rng, [rng.randint(8, 40) for _ in range(events)], total, 5, 60)
    rows = []
    for day, name, c in zip(dates, names, counts):
        rows.append({"date": (dt.date(year, 1, 1) + dt.timedelta(days=day)).isoformat(), "name": name, "volunteers": str(c)})
    rows.sort(key=lambda r: (r["date"], r["name"]))
    return rows


# ------------------------------------------------------------------ budget


def build_budget(year: int, sums: dict, seed: str, initial_changes: dict[str, int]) -> tuple[list[dict], dict]:
    """budget_adjusted from a chosen execution rate; budget_initial = adjusted − mid-year change."""
    rng = rng_for(seed, year, "budget")
    lines = [("基本支出", "", sums["basic"])] + [("项目支出", p, c) for p, c in sorted(sums["projects"].items())]
    rows, rates = [], {}
    for stype, proj, actual in lines:
        target = rng.uniform(0.95, 0.995) if stype == BASIC else rng.uniform(0.87, 0.99)
        adjusted = -(-int(actual / target) // 10000) * 10000  # round up to 100 yuan
        initial = adjusted - initial_changes.get(proj or "基本支出", 0)
        rate = actual / adjusted
        if not 0.85 <= rate <= 1.0:
            raise AssertionError("execution rate out of range")
        rates[proj or "基本支出"] = (actual, adjusted, initial)
        rows.append({"spending_type": stype, "project": proj, "budget_initial": fmt_cents(initial), "budget_adjusted": fmt_cents(adjusted)})
    return rows, rates


# ------------------------------------------------------------------ department specs

NANYUE = "nanyue-swd"
QINGCHUAN = "fictional-qingchuan-csb"

NANYUE_YAML = """\
# 中共南岳区委社会工作部：部门情况来自公开发布的2024年度部门整体支出绩效评价报告；
# 分行台账为演示用虚构数据（sample: true），合计数与报告一致，详见 README.md。
name: 中共南岳区委社会工作部
short_name: 区委社会工作部
sample: true
sample_note: 说明：本报告由示例数据生成。汇总数据与公开发布的报告一致，逐笔明细为虚构的示例数据，仅供演示。
established: 2024-07-12
functions:
  - 信访工作和人民建议征集
  - 以党建引领基层治理，推进基层政权建设
  - 行业协会商会党的工作及其改革发展
  - 指导混合所有制和非公有制企业党建
  - 指导新经济组织、新社会组织和新就业群体党建
  - 社会工作人才队伍建设
  - 志愿服务工作
internal_units: [办公室, 信访组, 基层治理和基层政权建设组, 两企三新党建组（行业协会商会工作组）, 志愿服务和社会服务工作组]
subordinate_units:
  - name: 南岳区社会工作事务中心
    note: 加挂南岳区人民来访接待中心牌子，正股级，公益一类
  - name: 南岳区12345热线管理中心
    note: 副科级，公益一类
staffing:
  2024: {authorised_admin: 4, authorised_institution: 15, actual_admin: 5, actual_institution: 10, contract: 15, retired: 3, contract_note: 部机关办公室1人，12345热线话务员14人}
  # 2023: 部门尚未组建，沿用2024年核定编制作为假设值（前身单位为原区信访局、区12345热线管理中心）
  2023: {authorised_admin: 4, authorised_institution: 15, actual_admin: 4, actual_institution: 11, contract: 14, retired: 3, contract_note: 12345热线话务员14人（假设值）}
"""

QINGCHUAN_YAML = """\
# 虚构单位，仅供演示：名称、职能、人员和全部数字均为编造，不对应任何真实机构。
name: 青川县城市服务中心（虚构单位，仅供演示）
short_name: 县城市服务中心
sample: true
sample_note: 说明：本报告的单位、人员和全部数据均为虚构，仅供演示，不对应任何真实机构。
established: 2019-03-15
functions:
  - 受理和督办12345政务服务便民热线诉求
  - 城市网格化管理的统筹调度和考核
  - 数字城管平台的建设和运行维护
  - 市民服务大厅的日常管理
  - 城市志愿服务活动的组织协调
internal_units: [综合办公室, 热线受理科, 督办回访科, 网格管理科, 数字城管科, 志愿服务科]
subordinate_units:
  - name: 青川县数字城管监督指挥站
    note: 股级，公益一类（虚构）
staffing:
  2024: {authorised_admin: 3, authorised_institution: 36, actual_admin: 2, actual_institution: 35, contract: 32, retired: 11, contract_note: 热线话务员26人，网格督导员6人}
  2023: {authorised_admin: 3, authorised_institution: 36, actual_admin: 3, actual_institution: 34, contract: 30, retired: 10, contract_note: 热线话务员25人，网格督导员5人}
  2022: {authorised_admin: 3, authorised_institution: 36, actual_admin: 3, actual_institution: 33, contract: 28, retired: 9, contract_note: 热线话务员24人，网格督导员4人}
"""

NANYUE_MONTHS_2024 = [2150, 2500, 2250, 2400, 2650, 2350, 3050, 3300, 3150, 3050, 2150, 1950]

QINGCHUAN_FIGURES = {
    2022: {
        "personnel": 348651247,
        "public": 56238019,
        "projects": {
            "12345热线运行经费": 168423650,
            "城市网格化管理经费": 86241800,
            "数字城管平台运维经费": 51264080,
            "市民服务大厅改造经费": 64531860,
            "志愿服务活动经费": 8642030,
        },
    },
    2023: {
        "personnel": 361208533,
        "public": 49871652,
        "projects": {"12345热线运行经费": 181265040, "城市网格化管理经费": 90533610, "数字城管平台运维经费": 61590460, "志愿服务活动经费": 9820670},
    },
    2024: {
        "personnel": 370594018,
        "public": 53620764,
        "projects": {
            "12345热线运行经费": 206431890,
            "城市网格化管理经费": 92157000,
            "数字城管平台运维经费": 54823045,
            "志愿服务活动经费": 12684520,
            "热线智能知识库建设经费": 38647250,
        },
    },
}
# Mid-year budget adjustments (adjusted − initial, cents); absent lines were not adjusted.
QINGCHUAN_BUDGET_CHANGES = {
    2022: {"基本支出": 12000000, "市民服务大厅改造经费": 5000000},
    2023: {"基本支出": 8000000, "数字城管平台运维经费": 9000000},
    2024: {"基本支出": 10000000, "热线智能知识库建设经费": 3000000, "志愿服务活动经费": 2000000},
}
QINGCHUAN_MONTHS = [820, 700, 860, 880, 930, 960, 1020, 1010, 900, 880, 840, 800]
QINGCHUAN_HOTLINE = {
    2022: dict(self_handled=6146, assigned_closed=4105, assigned_open=167, no_callback=312, unsatisfied=585, basic_satisfied=1120),
    2023: dict(self_handled=6902, assigned_closed=4241, assigned_open=93, no_callback=205, unsatisfied=503, basic_satisfied=980),
    2024: dict(self_handled=7551, assigned_closed=4437, assigned_open=76, no_callback=118, unsatisfied=416, basic_satisfied=870),
}
QINGCHUAN_PETITIONS = {
    2022: dict(
        batches=146,
        leader_batches=38,
        leader_persons=71,
        beijing_batches=2,
        beijing_months=[3, 10],
        other_persons=131,
        no_counts={"accepted_on_time": 2, "dept_accepted_on_time": 3, "replied_on_time": 4, "resolved_first_time": 9},
    ),
    2024: dict(
        batches=129,
        leader_batches=41,
        leader_persons=83,
        beijing_batches=1,
        beijing_months=[3],
        other_persons=112,
        no_counts={"accepted_on_time": 1, "dept_accepted_on_time": 2, "replied_on_time": 2, "resolved_first_time": 6},
    ),
}
QINGCHUAN_VOLUNTEERS = {2023: (18, 352), 2024: (22, 461)}
QINGCHUAN_ISSUES = {"城乡建设": 30, "征地拆迁": 18, "劳动社保": 20, "涉法涉诉": 12, "其他": 20}
NANYUE_ISSUES = {"征地拆迁": 22, "劳动社保": 18, "涉法涉诉": 15, "城乡建设": 20, "其他": 25}


# ------------------------------------------------------------------ narratives

NANYUE_NARRATIVE_2023 = """\
## 职责职能

2023年南岳区尚未组建区委社会工作部。本年度数据为其前身单位（原区信访局、区12345热线管理中心）的一般公共预算支出合计，作为2024年的比较基数。

## 绩效情况

1. 全年支出{{ expenditure.total | wan }}，其中基本支出{{ expenditure.basic | wan }}、项目支出{{ expenditure.project | wan }}，重点保障了信访接待、信访维稳和信访救助工作。
2. 信访积案化解和困难信访群众救助按计划推进，12345热线保持全天候受理。

## 存在的问题

1. 信访维稳经费支出集中在重要时段，年度间波动较大。
2. 热线话务人员以临聘为主，队伍流动性大。

## 改进措施

1. 细化信访维稳经费的年度安排，提高预算编制的准确性。
2. 配合机构改革做好职责、人员和经费的划转衔接。

## 其他说明

无
"""

NANYUE_NARRATIVE_2024 = """\
## 职责职能

{{ department.name }}于2024年7月在全区机构改革中组建，承接原区信访局和区12345热线管理中心的全部职责，并归集了此前分散在组织、宣传、政法、民政等部门的社会工作和基层治理职责。主要工作包括：信访和人民建议征集，党建引领基层治理和基层政权建设，行业协会商会党建和改革发展，指导“两企三新”党建，社会工作人才队伍建设和志愿服务。

## 绩效情况

1. 抓班子带队伍、建章立制、管好资金。组织干部职工系统学习二十届三中全会精神和基层治理方面的重要论述；新部门组建后制定议事规则、“三重一大”决策、热线受理办理等内部管理制度14项，坚持月度工作例会，编发工作简报。全年部门整体支出{{ expenditure.total | wan }}，其中项目支出{{ expenditure.project | wan }}，重点保障信访维稳、信访救助和热线运行。
2. 推进信访工作法治化。围绕群众反映集中的问题开展源头治理，重大会议和活动期间保持平稳。全年登记信访{{ petitions.batches }}批次，区领导坐班接访{{ petitions.leader_reception_batches }}批次、{{ petitions.leader_reception_persons }}人次；及时受理率{{ petitions.timely_acceptance_rate | pct(2) }}，责任部门及时受理率{{ petitions.dept_timely_acceptance_rate | pct(2) }}，按期答复率{{ petitions.on_time_reply_rate | pct(2) }}，一次性化解率{{ petitions.first_time_resolution_rate | pct(2) }}。
3. 提升12345热线办理质效。全年受理工单{{ hotline.orders }}件：自办{{ hotline.self_handled }}件，办结{{ hotline.self_closed }}件；交办{{ hotline.assigned }}件，办结{{ hotline.assigned_closed }}件。总办结率{{ hotline.closure_rate | pct(2) }}，回访率{{ hotline.callback_rate | pct(2) }}，回访满意率{{ hotline.satisfaction_rate | pct(2) }}，主要指标在同级热线中位居前列。
4. 为基层减负赋能。对村（社区）承担的工作事项、挂牌和证明开展规范清理，摘除不规范牌子60余块，会同组织部门起草村级活动场所挂牌准入办法；指导部分村（社区）依法补选村（居）委委员，摸排城市社区专职工作者职数。
5. 加强“两企三新”党建和行业协会商会工作。理顺“两新”工委运行机制，机构改革后重新核定了6个综合（行业）党委的委员人选；区内一家客栈行业协会被确定为中央社会工作部行业协会商会工作联系点。
6. 推动志愿服务常态化。8月以来围绕景区恢复开放、朝山香客高峰、旅游发展大会、国庆黄金周、国际减灾日等组织志愿服务活动{{ volunteer.events }}次，参与志愿者{{ volunteer.volunteers }}人次。

## 存在的问题

1. 信访形势严峻。缠访、集访和非正常上访增多，进京登记已达{{ petitions.beijing_batches }}批{{ petitions.beijing_persons }}人次，其中重复访占比较高，源头化解手段不多。
2. 运转经费保障不足。新部门未安排开办经费，划入职能的经费未随之划转：热线临聘人员第三季度工资缺口7万余元，志愿服务活动垫资3万余元，新增办公设施设备没有资金来源，经费核定依据的上级文件尚未下发。
3. 人员力量薄弱。拟调入的5名工作人员调动手续未办结，难以全职到岗；热线管理中心仅有1名在编人员，临聘话务员待遇低、流动快。
4. 乡镇（街道）对接不畅。乡镇（街道）未明确分管社会工作的班子成员，相关工作分散在3个内设机构，缺少专人对接。

## 改进措施

1. 深化信访工作法治化：加大督查督办和问责力度，对临期和逾期事项分级预警，依法处置违法信访行为。
2. 健全上下联动机制：推动乡镇（街道）明确分管领导、工作机构和专干。
3. 做强“两企三新”和行业协会商会工作：以中央联系点为契机打造示范协会，建设面向新就业群体的党群服务站和全区两新组织党建服务中心。
4. 充实人员力量：尽快办理拟调入人员手续，通过事业单位公开招聘为热线补充在编人员。
5. 争取经费支持：申请追加启动资金，弥补热线临聘人员工资、志愿服务和办公设备等缺口，以“三定”规定为依据核定下年度部门预算。

## 其他说明

无

## 变动原因

- 基本支出: 落实过紧日子要求，压减一般性支出
- 日常公用经费: 新部门组建，购置办公家具和办公设备
- 项目支出: 新增12345热线管理经费
- 信访维稳经费: 财政支出压力加大，压缩项目经费优先保障基本支出
- 信访救助经费: 加大信访积案和疑难个案化解救助力度
- 12345热线管理经费: 热线管理中心职责划入后新设项目，用于话务员劳务派遣和业务差旅
"""

QINGCHUAN_NARRATIVES = {
    2022: """\
## 职责职能

{{ department.name }}是县政府直属的公益一类事业单位，负责12345政务服务便民热线的受理督办、城市网格化管理、数字城管平台运维和市民服务大厅管理，并组织城市志愿服务。

## 绩效情况

1. 热线受理：全年受理工单{{ hotline.orders }}件，其中自办{{ hotline.self_handled }}件、交办{{ hotline.assigned }}件；办结率{{ hotline.closure_rate | pct(2) }}，回访率{{ hotline.callback_rate | pct(2) }}，满意率{{ hotline.satisfaction_rate | pct(2) }}。
2. 信访协办：配合县信访部门登记处理信访{{ petitions.batches }}批{{ petitions.persons }}人次，领导接访{{ petitions.leader_reception_batches }}批次；按期答复率{{ petitions.on_time_reply_rate | pct(2) }}。
3. 市民服务大厅完成改造并投入使用，新增自助服务终端和排队叫号设备，窗口等候时间明显缩短。
4. 全年部门整体支出{{ expenditure.total | wan }}，其中项目支出{{ expenditure.project | wan }}。

## 存在的问题

1. 交办工单的部门响应速度不一，个别承办单位回复质量不高。
2. 数字城管平台设备老化，存储容量接近上限。

## 改进措施

1. 建立承办单位办理质量月通报制度。
2. 申请资金对数字城管平台实施扩容。

## 其他说明

无
""",
    2023: """\
## 职责职能

{{ department.name }}负责12345热线受理督办、城市网格化管理、数字城管平台运维、市民服务大厅管理和城市志愿服务组织。

## 绩效情况

1. 热线受理：全年受理工单{{ hotline.orders }}件，自办{{ hotline.self_handled }}件，交办{{ hotline.assigned }}件；办结率{{ hotline.closure_rate | pct(2) }}，满意率{{ hotline.satisfaction_rate | pct(2) }}。
2. 数字城管平台完成存储扩容，城区视频点位接入率提高。
3. 志愿服务：组织活动{{ volunteer.events }}次，参与{{ volunteer.volunteers }}人次。
4. 信访协办工作本年度由县信访部门统一登记，本单位不再单独建账。
5. 全年部门整体支出{{ expenditure.total | wan }}，基本支出{{ expenditure.basic | wan }}。

## 存在的问题

1. 热线知识库更新滞后，话务员答复口径不够统一。
2. 专职网格员流动较大，培训成本较高。

## 改进措施

1. 启动热线智能知识库建设。
2. 完善网格员考核激励办法。

## 其他说明

无

## 变动原因

- 日常公用经费: 压减会议、印刷和办公设备购置等一般性支出
- 数字城管平台运维经费: 平台存储扩容，增加一次性设备投入
- 志愿服务活动经费: 志愿服务活动场次增加，补助和物资支出相应增加
- 市民服务大厅改造经费: 改造工程已于2022年完工，本年不再安排
""",
    2024: """\
## 职责职能

{{ department.name }}负责12345热线受理督办、城市网格化管理、数字城管平台运维、市民服务大厅管理和城市志愿服务组织。

## 绩效情况

1. 热线受理：全年受理工单{{ hotline.orders }}件，自办{{ hotline.self_handled }}件，交办{{ hotline.assigned }}件，办结{{ hotline.closed }}件；办结率{{ hotline.closure_rate | pct(2) }}，回访率{{ hotline.callback_rate | pct(2) }}，满意率{{ hotline.satisfaction_rate | pct(2) }}。
2. 热线智能知识库上线试运行，常见问题可在受理时直接检索答复。
3. 信访协办：登记信访{{ petitions.batches }}批{{ petitions.persons }}人次，领导接访{{ petitions.leader_reception_batches }}批{{ petitions.leader_reception_persons }}人次；及时受理率{{ petitions.timely_acceptance_rate | pct(2) }}，一次性化解率{{ petitions.first_time_resolution_rate | pct(2) }}。
4. 志愿服务：组织活动{{ volunteer.events }}次，参与{{ volunteer.volunteers }}人次。
5. 全年部门整体支出{{ expenditure.total | wan }}，其中项目支出{{ expenditure.project | wan }}。

## 存在的问题

1. 交办工单中跨部门事项办理周期偏长。
2. 知识库内容仍需持续补充和校核。

## 改进措施

1. 建立跨部门工单联合会商机制。
2. 安排专人负责知识库日常维护。

## 其他说明

无

## 变动原因

- 项目支出: 新增热线智能知识库建设项目，志愿服务活动经费增加
- 数字城管平台运维经费: 上年扩容为一次性投入，本年回落到正常运维水平
- 志愿服务活动经费: 志愿服务活动场次和参与人次增加
- 热线智能知识库建设经费: 新设项目，用于建设热线智能知识库
""",
}


# ------------------------------------------------------------------ READMEs


def render_nanyue_readme(s23: dict, s24: dict, hl: dict, pt: dict, vol: list[dict]) -> str:
    basic_change = s24["basic"] - s23["basic"]
    return f"""\
# nanyue-swd：中共南岳区委社会工作部（样例数据）

**说明：本目录的分行台账（凭证、工单、信访批次、志愿活动）全部是虚构的样例数据，只有各项合计数与公开发布的该部门2024年度部门整体支出绩效评价报告一致。人名、身份证号、手机号均为编造，不对应任何真实个人。**

*English: the row-level detail in this folder is invented sample data generated by `scripts/make_samples.py`; only the totals reproduce the published reference report. Names, ID numbers and phone numbers are fake.*

## 文件

| 年度 | 文件 | 说明 |
|---|---|---|
| 2023 | expenditure.csv、narrative.md | 部门尚未组建，数字为前身单位（原区信访局、区12345热线管理中心）的支出合计，作为比较基数 |
| 2024 | expenditure.csv、hotline_orders.csv、petitions.csv、volunteer_events.csv、narrative.md | 无 budget.csv（报告未披露预算数） |

资金来源全部为一般公共预算；报告所列政府性基金、国有资本经营、社会保险基金预算支出均为“无”。

## 台账合计（元）

| 项目 | 2023 | 2024 |
|---|---:|---:|
| 人员经费（301+303） | {fmt_cents(s23["personnel"])} | {fmt_cents(s24["personnel"])} |
| 日常公用经费（302+310） | {fmt_cents(s23["public"])} | {fmt_cents(s24["public"])} |
| 基本支出 | {fmt_cents(s23["basic"])} | {fmt_cents(s24["basic"])} |
| 信访维稳经费 | {fmt_cents(s23["projects"]["信访维稳经费"])} | {fmt_cents(s24["projects"]["信访维稳经费"])} |
| 信访救助经费 | {fmt_cents(s23["projects"]["信访救助经费"])} | {fmt_cents(s24["projects"]["信访救助经费"])} |
| 12345热线管理经费 | — | {fmt_cents(s24["projects"]["12345热线管理经费"])} |
| 项目支出 | {fmt_cents(s23["project"])} | {fmt_cents(s24["project"])} |
| 部门整体支出 | {fmt_cents(s23["total"])} | {fmt_cents(s24["total"])} |

2024年服务台账：12345热线工单{hl["orders"]}件（自办{hl["self_handled"]}件全部办结；交办{hl["assigned"]}件，办结{hl["assigned_closed"]}件、办理中{hl["assigned"] - hl["assigned_closed"]}件），办结率{pct(hl["closed"], hl["orders"])}，回访率{pct(hl["called_back"], hl["closed"])}（已办结工单），满意率{pct(hl["satisfied"], hl["rated"])}（满意{hl["very"]}件＋基本满意{hl["basic"]}件，不满意{hl["unsatisfied"]}件，以回访评价工单为分母）。信访{pt["batches"]}批{pt["persons"]}人次（总人次为样例自定），领导接访{pt["leader_batches"]}批{pt["leader_persons"]}人次，进京{pt["beijing_batches"]}批{pt["beijing_persons"]}人次，四项比率均为100%（“不适用”行不计入分母：年末仍在法定期限内的事项，以及重复信访不计一次性化解）。志愿服务活动{len(vol)}次{sum(int(v["volunteers"]) for v in vol)}人次。

## 报告内部的不一致之处及台账的取舍

参考报告的数字之间并不完全自洽，样例台账按以下方式处理：

1. **基本支出变动**：报告称基本支出较上年减少6.42万元，但分项为人员经费减少9.53万元、日常公用经费增加3.20万元，合计只减少6.33万元。台账以分项为准：2023年人员经费156.87万元、日常公用经费49.00万元，基本支出{wan(s23["basic"])}万元；2024年较上年变动{wan(basic_change)}万元。
2. **信访维稳经费降幅**：减少29.67万元，按上年58.65万元计算应为下降50.6%；报告写作下降52.5%，相当于以本年与上年差额除以56.5（误用了信访救助经费的本年数作分母）。台账按上年58.65万元、本年28.98万元记账。
3. **信访救助经费增幅**：增加14.35万元，按上年42.15万元计算应为增长34.0%；报告写作增长89.9%，与金额不符。台账按上年42.15万元、本年56.50万元记账。
4. **实有人数超编**：核定行政编制4名，实有行政编制人员5人，超出核定数。department.yaml 如实记录（actual_admin: 5），供分析时识别。
5. **志愿服务人次**：报告写作“420余人次”，台账取确定数426人次（25次活动）。

## 其他假设

- 2023年编制情况：部门尚未组建，沿用2024年核定编制作为假设值，实有人数为推测值。
- 2024年上半年支出由前身单位发生，台账按全年合并记录；功能分类2024年用 2013601/2013650/2013602（其他共产党事务支出），2023年用 2010301/2010350，信访项目用 2010308 信访事务。
- 12345热线管理经费为2024年新设项目，按7—12月话务员劳务派遣费和少量差旅费记账，9月份劳务费偏低以对应报告所述的第三季度工资缺口。

本文件由 `scripts/make_samples.py` 生成，请修改脚本后重新生成。
"""


def render_qingchuan_readme(years: dict) -> str:
    ys = sorted(years)

    def row(label: str, getter) -> str:
        return f"| {label} | " + " | ".join(getter(years[y]) for y in ys) + " |"

    projects = ["12345热线运行经费", "城市网格化管理经费", "数字城管平台运维经费", "市民服务大厅改造经费", "志愿服务活动经费", "热线智能知识库建设经费"]
    lines = [
        "| 项目（万元） | " + " | ".join(str(y) for y in ys) + " |",
        "|---|" + "---:|" * len(ys),
        row("部门整体支出", lambda d: wan(d["sums"]["total"])),
        row("基本支出", lambda d: wan(d["sums"]["basic"])),
        row("　人员经费", lambda d: wan(d["sums"]["personnel"])),
        row("　日常公用经费", lambda d: wan(d["sums"]["public"])),
        row("项目支出", lambda d: wan(d["sums"]["project"])),
    ]
    for p in projects:
        lines.append(row("　" + p, lambda d, p=p: wan(d["sums"]["projects"][p]) if p in d["sums"]["projects"] else "—"))
    money = "\n".join(lines)

    exec_lines = ["| 预算执行率（决算数÷调整预算数） | " + " | ".join(str(y) for y in ys) + " |", "|---|" + "---:|" * len(ys)]
    for key in ["基本支出"] + projects:
        exec_lines.append(row(key, lambda d, k=key: pct(d["budget"][k][0], d["budget"][k][1]) if k in d["budget"] else "—"))
    execution = "\n".join(exec_lines)

    svc = [
        "| 服务台账 | " + " | ".join(str(y) for y in ys) + " |",
        "|---|" + "---:|" * len(ys),
        row("热线工单（件）", lambda d: str(d["hotline"]["orders"])),
        row("　自办／交办", lambda d: f"{d['hotline']['self_handled']}／{d['hotline']['assigned']}"),
        row("　办结（件）", lambda d: str(d["hotline"]["closed"])),
        row("　办结率", lambda d: pct(d["hotline"]["closed"], d["hotline"]["orders"])),
        row("　回访率", lambda d: pct(d["hotline"]["called_back"], d["hotline"]["closed"])),
        row("　满意率", lambda d: pct(d["hotline"]["satisfied"], d["hotline"]["rated"])),
        row("信访（批／人次）", lambda d: f"{d['petitions']['batches']}／{d['petitions']['persons']}" if d["petitions"] else "无台账"),
        row("　领导接访（批／人次）", lambda d: f"{d['petitions']['leader_batches']}／{d['petitions']['leader_persons']}" if d["petitions"] else "—"),
        row("　进京（批）", lambda d: str(d["petitions"]["beijing_batches"]) if d["petitions"] else "—"),
        row("　及时受理率", lambda d: pct(*d["petitions"]["accepted_on_time"]) if d["petitions"] else "—"),
        row("　责任部门及时受理率", lambda d: pct(*d["petitions"]["dept_accepted_on_time"]) if d["petitions"] else "—"),
        row("　按期答复率", lambda d: pct(*d["petitions"]["replied_on_time"]) if d["petitions"] else "—"),
        row("　一次性化解率", lambda d: pct(*d["petitions"]["resolved_first_time"]) if d["petitions"] else "—"),
        row("志愿服务（次／人次）", lambda d: f"{d['volunteers'][0]}／{d['volunteers'][1]}" if d["volunteers"] else "无台账"),
    ]
    service = "\n".join(svc)

    change_lines = ["| 年度 | 项目 | 上年（万元） | 本年（万元） | 变动 | 变动原因 |", "|---|---|---:|---:|---:|---|"]
    for y in ys[1:]:
        cur, pri = years[y]["sums"], years[y - 1]["sums"]
        items = [
            ("部门整体支出", cur["total"], pri["total"]),
            ("基本支出", cur["basic"], pri["basic"]),
            ("人员经费", cur["personnel"], pri["personnel"]),
            ("日常公用经费", cur["public"], pri["public"]),
            ("项目支出", cur["project"], pri["project"]),
        ]
        for p in projects:
            if p in cur["projects"] or p in pri["projects"]:
                items.append((p, cur["projects"].get(p, 0), pri["projects"].get(p, 0)))
        for name, c, pr in items:
            if pr == 0:
                change = "新增"
            elif c == 0:
                change = "项目结束"
            else:
                change = signed_pct(c, pr)
            stated = name in years[y]["reasons"]
            big = pr == 0 or c == 0 or abs(c - pr) * 10 >= pr
            if not big and not stated:
                continue
            note = "已说明" if stated else "**故意缺失**"
            change_lines.append(f"| {y} | {name} | {wan(pr) if pr else '—'} | {wan(c) if c else '—'} | {change} | {note} |")
    changes = "\n".join(change_lines)

    return f"""\
# fictional-qingchuan-csb：青川县城市服务中心（虚构单位，仅供演示）

**本单位完全是虚构的。** 名称、职能、机构、人员编制、全部台账和文字均为 `scripts/make_samples.py` 编造，只用于演示和测试，不对应任何真实机构；县名仅作标签使用。人名、身份证号、手机号均为编造。

*English: an entirely fictional department used to exercise the suite (three fiscal years, budgets, a year without a petition ledger, a deliberately missing change reason). Every figure is invented.*

## 各年度台账

| 年度 | expenditure | budget | hotline_orders | petitions | volunteer_events | narrative |
|---|---|---|---|---|---|---|
| 2022 | 有 | 有 | 有 | 有 | 无 | 有 |
| 2023 | 有 | 有 | 有 | **无**（当年无信访台账） | 有 | 有 |
| 2024 | 有 | 有 | 有 | 有 | 有 | 有 |

资金来源全部为一般公共预算。2022年为序列首年，没有上年数可比，narrative 不含“变动原因”。

## 主要数字

{money}

{execution}

{service}

## 变动原因核对（±10%及以上、新增或结束的项目）

{changes}

**故意缺失的原因：** 2024年“12345热线运行经费”较上年增长{signed_pct(years[2024]["sums"]["projects"]["12345热线运行经费"], years[2023]["sums"]["projects"]["12345热线运行经费"]).lstrip("+")}，超过±10%，但 2024/narrative.md 的“变动原因”中有意没有写它的原因，用来检验分析流程能否发现缺失的变动说明。其余±10%及以上的变动和新增项目都给出了原因（2023年的“项目支出”降幅不足10%，亦未写原因）。

本文件由 `scripts/make_samples.py` 生成，请修改脚本后重新生成。
"""


def parse_reasons(narrative: str) -> set[str]:
    names, inside = set(), False
    for line in narrative.splitlines():
        if line.startswith("## "):
            inside = line == "## 变动原因"
        elif inside and line.startswith("- "):
            names.add(line[2:].split(":", 1)[0].strip())
    return names


def check_reasons(years: dict) -> None:
    """Every ±10% change, new or ended project has a reason, except the one left out on purpose."""
    missing = []
    for y in sorted(years)[1:]:
        cur, pri = years[y]["sums"], years[y - 1]["sums"]
        items = {k: (cur[k], pri[k]) for k in ("total", "basic", "personnel", "public", "project")}
        labels = {"total": "部门整体支出", "basic": "基本支出", "personnel": "人员经费", "public": "日常公用经费", "project": "项目支出"}
        items = {labels[k]: v for k, v in items.items()}
        for p in set(cur["projects"]) | set(pri["projects"]):
            items[p] = (cur["projects"].get(p, 0), pri["projects"].get(p, 0))
        for name, (c, p) in sorted(items.items()):
            if (p == 0 or abs(c - p) * 10 >= p) and name not in years[y]["reasons"]:
                missing.append((y, name))
        unknown = years[y]["reasons"] - set(items)
        if unknown:
            raise AssertionError(f"reason for unknown line: {unknown}")
    if missing != [(2024, "12345热线运行经费")]:
        raise AssertionError(f"unexpected missing reasons: {missing}")


# ------------------------------------------------------------------ main


def generate(out: Path) -> list[Path]:
    written: list[Path] = []

    def put_csv(path: Path, columns: list[str], rows: list[dict]) -> None:
        write_csv(path, columns, rows)
        written.append(path)

    def put_text(path: Path, text: str) -> None:
        write_text(path, text)
        written.append(path)

    # --- nanyue-swd
    nd = out / NANYUE
    put_text(nd / "department.yaml", NANYUE_YAML)
    sums = {}
    for year in (2023, 2024):
        rows = build_expenditure(year, nanyue_groups(year), NANYUE)
        sums[year] = sum_expenditure(rows)
        put_csv(nd / str(year) / "expenditure.csv", EXPENDITURE_COLUMNS, rows)
    put_text(nd / "2023" / "narrative.md", NANYUE_NARRATIVE_2023)
    put_text(nd / "2024" / "narrative.md", NANYUE_NARRATIVE_2024)
    hl_rows = build_hotline(
        HotlineSpec(
            2024,
            "NY",
            "1700",
            NANYUE_MONTHS_2024,
            NANYUE_TOPICS,
            self_handled=22894,
            assigned_closed=7576,
            assigned_open=238,
            no_callback=0,
            unsatisfied=783,
            basic_satisfied=1775,
        ),
        NANYUE,
    )
    put_csv(nd / "2024" / "hotline_orders.csv", HOTLINE_COLUMNS, hl_rows)
    pt_rows = build_petitions(
        PetitionSpec(
            2024,
            "NYXF",
            "1710",
            batches=363,
            leader_batches=211,
            leader_persons=510,
            beijing_batches=11,
            beijing_months=[3, 3, 5, 7, 8, 9, 10, 10, 11, 12, 12],
            other_persons=196,
            issues=NANYUE_ISSUES,
            month_weights=[7, 6, 9, 8, 8, 8, 10, 11, 9, 9, 8, 7],
        ),
        NANYUE,
    )
    put_csv(nd / "2024" / "petitions.csv", PETITION_COLUMNS, pt_rows)
    vol = [{"date": d, "name": n, "volunteers": str(v)} for d, n, v in NANYUE_VOLUNTEER_2024]
    put_csv(nd / "2024" / "volunteer_events.csv", VOLUNTEER_COLUMNS, vol)
    put_text(nd / "README.md", render_nanyue_readme(sums[2023], sums[2024], hotline_stats(hl_rows), petition_stats(pt_rows), vol))

    # --- fictional-qingchuan-csb
    qd = out / QINGCHUAN
    put_text(qd / "department.yaml", QINGCHUAN_YAML)
    years = {}
    for year in (2022, 2023, 2024):
        yd = qd / str(year)
        rows = build_expenditure(year, qingchuan_groups(year, QINGCHUAN_FIGURES[year]), QINGCHUAN)
        s = sum_expenditure(rows)
        put_csv(yd / "expenditure.csv", EXPENDITURE_COLUMNS, rows)
        brows, rates = build_budget(year, s, QINGCHUAN, QINGCHUAN_BUDGET_CHANGES[year])
        put_csv(yd / "budget.csv", BUDGET_COLUMNS, brows)
        h = build_hotline(HotlineSpec(year, "QC", "1701", QINGCHUAN_MONTHS, QINGCHUAN_TOPICS, **QINGCHUAN_HOTLINE[year]), QINGCHUAN)
        put_csv(yd / "hotline_orders.csv", HOTLINE_COLUMNS, h)
        pstats = None
        if year in QINGCHUAN_PETITIONS:
            p = build_petitions(
                PetitionSpec(year, "QCXF", "1711", issues=QINGCHUAN_ISSUES, month_weights=[8, 6, 9, 8, 8, 8, 9, 9, 8, 9, 9, 9], **QINGCHUAN_PETITIONS[year]),
                QINGCHUAN,
            )
            put_csv(yd / "petitions.csv", PETITION_COLUMNS, p)
            pstats = petition_stats(p)
        vstats = None
        if year in QINGCHUAN_VOLUNTEERS:
            n_events, n_people = QINGCHUAN_VOLUNTEERS[year]
            put_csv(yd / "volunteer_events.csv", VOLUNTEER_COLUMNS, build_qingchuan_volunteers(year, n_events, n_people, QINGCHUAN))
            vstats = (n_events, n_people)
        narrative = QINGCHUAN_NARRATIVES[year]
        put_text(yd / "narrative.md", narrative)
        years[year] = {"sums": s, "budget": rates, "hotline": hotline_stats(h), "petitions": pstats, "volunteers": vstats, "reasons": parse_reasons(narrative)}
    check_reasons(years)
    put_text(qd / "README.md", render_qingchuan_readme(years))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the seeded sample ledgers.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: repo data/raw)")
    args = parser.parse_args(argv)
    written = generate(args.out)
    total = sum(p.stat().st_size for p in written)
    print(f"wrote {len(written)} files, {total} bytes, under {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
