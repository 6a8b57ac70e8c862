"""Charts draw with the bundled CJK file by path, even where the system has Noto Sans CJK too.

Debian's fonts-noto-cjk declares the same family name as the bundled file; chosen by that name,
the system .ttc won and the report's charts changed with the machine. The test installs the real
Debian font into a throw-away home folder (taken from the system when it is there, else downloaded
with apt) and draws every chart in a fresh Python with a fresh matplotlib font cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from analysis.paths import CJK_FONT_PATH

DEBIAN_PACKAGE = "fonts-noto-cjk"
DEBIAN_TTC = Path("usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

CHILD = textwrap.dedent("""
    import sys
    import pandas as pd
    from matplotlib import font_manager
    from analysis import charts

    by_name = font_manager.findfont(font_manager.FontProperties(family="Noto Sans CJK SC"), fallback_to_default=False)
    assert by_name.endswith(".ttc"), f"the system copy is not installed in this home: {by_name}"
    figures = [
        charts.plot_spending_structure(pd.DataFrame({"year": [2023, 2024], "personnel_fen": [10**8, 2 * 10**8],
                                                     "public_fen": [10**7, 10**7], "project_fen": [5 * 10**7, 0]})),
        charts.plot_hotline_topics(pd.DataFrame({"topic": ["市容环境", "交通出行"], "orders": [12, 5]})),
    ]
    used = set()
    for fig in figures:
        for ax in fig.axes:
            for text in (ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts, *ax.get_xticklabels(), *ax.get_yticklabels()):
                used.add(font_manager.findfont(text.get_fontproperties(), fallback_to_default=False))
    print("\\n".join(sorted(used)))
""")


def debian_font(scratch: Path) -> Path:
    """Debian's Noto Sans CJK .ttc: the installed one, or extracted from the package apt downloads.

    The download uses package lists of its own in ``scratch`` (a fresh container has none), so the
    machine's apt state is left as it was and no root is needed.
    """
    if (Path("/") / DEBIAN_TTC).is_file():
        return Path("/") / DEBIAN_TTC
    if not shutil.which("apt-get") or not shutil.which("dpkg-deb"):
        pytest.skip("no apt-get/dpkg-deb: this test needs a Debian-family machine")
    private = ["-o", f"Dir::State::Lists={scratch / 'lists'}", "-o", f"Dir::Cache={scratch / 'cache'}"]
    for folder in ("lists/partial", "cache/archives/partial"):
        (scratch / folder).mkdir(parents=True)
    steps = (["apt-get", "update", "-qq", *private], ["apt-get", "download", "-qq", *private, DEBIAN_PACKAGE])
    for step in steps:
        done = subprocess.run(step, cwd=scratch, capture_output=True, text=True, check=False)
        assert done.returncode == 0, f"{' '.join(step)} failed: {done.stderr[-500:]}"
    deb = next(scratch.glob(f"{DEBIAN_PACKAGE}_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(scratch / "root")], check=True)
    return scratch / "root" / DEBIAN_TTC


def test_charts_use_the_bundled_file_when_the_system_has_noto_sans_cjk(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".fonts").mkdir(parents=True)
    (home / ".fonts" / DEBIAN_TTC.name).symlink_to(debian_font(tmp_path))
    env = os.environ | {"HOME": str(home), "MPLCONFIGDIR": str(tmp_path / "mpl"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(CJK_FONT_PATH)]
