"""The data plane (analysis.dataplane) against the pandas loaders and services, and on ledgers worked out by hand."""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest

from analysis import services
from analysis.dataplane.api import load_service_ledger, write_service_parquet
from analysis.dataplane.figures import service_figures
from analysis.ledgers import hotline, petitions, volunteer
from analysis.ledgers.registry import SERVICE_LEDGERS, ledger_file
from analysis.paths import RAW_DIR

REPO_ROOT = Path(__file__).resolve().parent.parent
MESSY = REPO_ROOT / "tests" / "corpus" / "messy"
LOADERS = {
    "hotline": lambda path: hotline.load_hotline(path, 2024),
    "petitions": lambda path: petitions.load_petitions(path, 2024, b"salt"),
    "volunteer": lambda path: volunteer.load_volunteer(path, 2024),
}
SUMMARIES = {"hotline": services.summarise_hotline, "petitions": services.summarise_petitions, "volunteer": services.summarise_volunteer}
MONTHLY = {"hotline": services.monthly_hotline, "petitions": services.monthly_petitions, "volunteer": services.monthly_volunteer}


def service_files() -> list:
    """Every service ledger of the sample departments and of the messy corpus variants (2024)."""
    folders = [p / "2024" for p in sorted(RAW_DIR.iterdir()) if (p / "2024").is_dir()]
    folders += [v / "nanyue-swd" / "2024" for v in sorted(MESSY.iterdir())]
    params = []
    for folder in folders:
        for name, module in SERVICE_LEDGERS.items():
            path = ledger_file(folder, module)
            if path is not None:
                params.append(pytest.param(name, path, id=f"{folder.parent.parent.name}/{folder.parent.name}/{path.name}"))
    return params


@pytest.mark.parametrize(("name", "path"), service_files())
def test_engine_loads_the_frame_of_the_pandas_loader(name: str, path: Path) -> None:
    pd.testing.assert_frame_equal(load_service_ledger(name, path, 2024, b"salt", None, None), LOADERS[name](path))


@pytest.mark.parametrize(("name", "path"), [p for p in service_files() if "raw" in str(p.values[1])])
def test_engine_figures_are_the_services_figures(name: str, path: Path, tmp_path: Path) -> None:
    frame = LOADERS[name](path)
    out = tmp_path / f"{name}.parquet"
    assert write_service_parquet(name, path, 2024, b"salt", out) == len(frame)
    figures = service_figures(name, out)
    assert figures.summary == SUMMARIES[name](frame)
    pd.testing.assert_frame_equal(figures.monthly, MONTHLY[name](frame))
    if name == "hotline":
        pd.testing.assert_frame_equal(figures.topics, services.hotline_topics(frame))
    else:
        assert figures.topics is None


HOTLINE_HEADER = "order_id,received_at,channel,category,topic,handling,assigned_unit,status,closed_at,callback,satisfaction,content,caller_phone"
HOTLINE_ROWS = [
    "H1,2024-01-05 10:00:00,电话,咨询,城市管理,自办,,已办结,2024-01-05 11:00:00,是,满意,咨询,13900000001",
    "H2,2024-01-20 09:00:00,微信,投诉,交通出行,交办,区交通局,已办结,2024-01-22 09:00:00,是,不满意,投诉,13900000002",
    "H3,2024-02-03 08:00:00,电话,求助,,交办,区民政局,办理中,,否,未评价,求助,13900000003",
    "H4,2024-02-10 12:00:00,网站,建议,城市管理,自办,,已办结,2024-02-10 13:00:00,是,基本满意,建议,13900000004",
]


def figures_of(tmp_path: Path, name: str, file: str, text: str):
    """The engine's figures of a small ledger written from ``text``."""
    path = tmp_path / file
    path.write_text(text, encoding="utf-8")
    out = tmp_path / f"{name}.parquet"
    write_service_parquet(name, path, 2024, b"salt", out)
    return service_figures(name, out)


def test_hotline_figures_worked_by_hand(tmp_path: Path) -> None:
    figures = figures_of(tmp_path, "hotline", "hotline_orders.csv", "\n".join([HOTLINE_HEADER, *HOTLINE_ROWS]) + "\n")
    assert figures.summary == {
        "orders": 4,
        "self_handled": 2,
        "self_closed": 2,
        "assigned": 2,
        "assigned_closed": 1,
        "closed": 3,
        "called_back": 3,
        "rated": 3,
        "satisfied": 2,
        "rated_without_callback": 0,
        "callback_while_open": 0,
        "closure_rate": Fraction(3, 4),
        "callback_rate": Fraction(1),
        "satisfaction_rate": Fraction(2, 3),
    }
    monthly = figures.monthly.set_index("month")
    assert monthly.loc[1].tolist() == [1, 1, 1.0, 0.5]
    assert monthly.loc[2].tolist() == [1, 1, 0.5, 1.0]
    assert monthly.loc[3, "self_handled"] == 0 and math.isnan(monthly.loc[3, "closure_rate"])
    assert figures.topics.to_dict("records") == [{"topic": "城市管理", "orders": 2}, {"topic": "交通出行", "orders": 1}, {"topic": "未分类", "orders": 1}]


def test_petition_figures_worked_by_hand(tmp_path: Path) -> None:
    header = "case_id,registered_at,form,persons,leader_reception,to_beijing,repeat,accepted_on_time,dept_accepted_on_time,replied_on_time,resolved_first_time,issue_type"
    rows = [
        "P1,2024-03-01,来访,2,是,否,否,是,是,是,不适用,类别A",
        "P2,2024-03-15,来信,1,否,是,是,否,是,不适用,是,类别B",
        "P3,2024-05-02,网上,3,是,否,否,是,不适用,是,否,类别A",
    ]
    figures = figures_of(tmp_path, "petitions", "petitions.csv", "\n".join([header, *rows]) + "\n")
    counted = {"batches": 3, "persons": 6, "leader_reception_batches": 2, "leader_reception_persons": 5, "beijing_batches": 1, "beijing_persons": 1}
    rates = {"timely_acceptance_rate": Fraction(2, 3), "dept_timely_acceptance_rate": 1, "on_time_reply_rate": 1, "first_time_resolution_rate": Fraction(1, 2)}
    assert figures.summary == counted | {"repeat_batches": 1} | rates
    monthly = figures.monthly.set_index("month")
    assert monthly.loc[3].tolist() == [2, 3] and monthly.loc[5].tolist() == [1, 3] and monthly.loc[4].tolist() == [0, 0]


def test_volunteer_figures_worked_by_hand(tmp_path: Path) -> None:
    figures = figures_of(tmp_path, "volunteer", "volunteer_events.csv", "date,name,volunteers\n2024-01-05,活动A,10\n2024-01-20,活动B,5\n2024-07-01,活动C,0\n")
    assert figures.summary == {"events": 3, "volunteers": 15}
    monthly = figures.monthly.set_index("month")
    assert monthly.loc[1].tolist() == [2, 15] and monthly.loc[7].tolist() == [1, 0] and monthly.loc[2].tolist() == [0, 0]


def test_the_parquet_holds_no_personal_column_and_hides_known_names(tmp_path: Path) -> None:
    path = tmp_path / "hotline_orders.csv"
    rows = [*HOTLINE_ROWS[:3], HOTLINE_ROWS[3].replace(",城市管理,", ",王小明反映城市管理,")]
    path.write_text("\n".join([HOTLINE_HEADER, *rows]) + "\n", encoding="utf-8")
    out = tmp_path / "hotline.parquet"
    write_service_parquet("hotline", path, 2024, b"salt", out, hidden_names={"王小明"})
    frame = pd.read_parquet(out)
    assert not {"content", "caller_phone", "caller_name"} & set(frame.columns)
    assert frame["topic"].tolist() == ["城市管理", "交通出行", "", "[已隐去]反映城市管理"]
