"""Every path the package uses, anchored on the package's own location."""

from importlib.util import find_spec
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent.parent
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
RAW_DIR = PROJECT_ROOT / "data" / "raw"
PROCESSED_DIR = PROJECT_ROOT / "data" / "processed"
OUTPUTS_DIR = PROJECT_ROOT / "outputs"
# Where the report notebook writes when run by hand (JupyterLab): only `jixiao run` publishes outputs/<dept>/<year>/.
INTERACTIVE_DIR = OUTPUTS_DIR / ".interactive"
TEMPLATES_DIR = PACKAGE_DIR / "templates"
ECON_CLASSES_PATH = PACKAGE_DIR / "econ_classes.csv"
SURNAMES_PATH = PACKAGE_DIR / "surnames.csv"  # common Chinese surnames: names typed into free text are found by them


def package_folder(name: str) -> Path:
    """The folder of an installed package, found without importing it (find_spec: importing mplfonts would load matplotlib)."""
    spec = find_spec(name)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(f"{name} is not installed", name=name)
    return Path(spec.origin).parent


# Noto Sans CJK SC as shipped by the mplfonts package: charts draw with it, the report embeds a subset.
CJK_FONT_PATH = package_folder("mplfonts") / "fonts" / "NotoSansCJKsc-Regular.otf"
# Noto Serif CJK SC, from the same package: the PDF's body and title, standing in for 仿宋 and 小标宋.
CJK_SERIF_FONT_PATH = CJK_FONT_PATH.with_name("NotoSerifCJKsc-Regular.otf")


def department_raw_dir(data_dir: Path, dept: str) -> Path:
    """Folder holding one department's ledgers."""
    return Path(data_dir) / dept


def year_raw_dir(data_dir: Path, dept: str, year: int) -> Path:
    """Folder holding one department's ledgers for one fiscal year."""
    return department_raw_dir(data_dir, dept) / str(year)


VALIDATION_FILE = "validation.json"  # in a year's processed folder: every problem ingest found, for the run to report


def year_processed_dir(processed_dir: Path, dept: str, year: int) -> Path:
    """Folder of the Parquet tables ingest writes for one department and year."""
    return Path(processed_dir) / dept / str(year)


def year_output_dir(output_dir: Path, dept: str, year: int) -> Path:
    """Folder of one run's published outputs."""
    return Path(output_dir) / dept / str(year)


def font_cache_dir(processed_dir: Path) -> Path:
    """Where report font subsets are kept, shared by every department-year (a subset depends only on the characters)."""
    return processed_dir / ".fonts"
