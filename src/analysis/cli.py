"""The ``jixiao`` command: a thin wrapper over analysis.run (run, validate), analysis.batch (batch) and analysis.claims (check)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from analysis import __version__  # its import keeps rfc3987_syntax out of every jixiao process (analysis/__init__.py says why)
from analysis.claims.ledger import MetricsError
from analysis.claims.reading import ReportReadError
from analysis.limits import LimitExceeded
from analysis.params import ParameterError, check_apart, check_output_file, parse_dept, parse_year, validate_folder
from analysis.paths import OUTPUTS_DIR, PROCESSED_DIR, RAW_DIR, year_output_dir

# The pipeline (pandas, papermill, nbconvert) is imported by the commands that run it, so that
# `jixiao check` starts in a fraction of a second.


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with its one-line error in Chinese, the English term beside it."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and one line of error, then exit with status 2."""
        self.print_usage(sys.stderr)
        self.exit(2, f"参数错误 (invalid arguments)：{message}\n")


def path_argument(text: str) -> Path:
    """A path given on the command line; an empty one (which would mean the current folder) is refused."""
    if not text.strip():
        raise argparse.ArgumentTypeError("路径不能为空 (empty path)")
    return Path(text)


def build_parser() -> argparse.ArgumentParser:
    """Arguments of every sub-command."""
    parser = ChineseArgumentParser(prog="jixiao", description="部门整体支出绩效评价报告 (performance evaluation report) 生成工具")
    parser.add_argument("--version", action="version", version=f"jixiao {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="生成报告 (run the notebooks and export the report)")
    run_parser.add_argument("--dept", required=True, help="部门代码 (department folder under the data directory)")
    run_parser.add_argument("--year", required=True, help="年度 (fiscal year), e.g. 2024")
    run_parser.add_argument("--data-dir", type=path_argument, default=RAW_DIR, help="台账目录 (ledger directory), default data/raw")
    run_parser.add_argument("--output-dir", type=path_argument, default=OUTPUTS_DIR, help="输出目录 (output directory), default outputs")
    run_parser.add_argument("--processed-dir", type=path_argument, default=PROCESSED_DIR, help="中间数据目录 (processed data), default data/processed")
    validate_parser = commands.add_parser("validate", help="只校验台账 (validate the ledgers only)")
    validate_parser.add_argument("--dept", required=True, help="部门代码 (department folder under the data directory)")
    validate_parser.add_argument("--year", required=True, help="年度 (fiscal year), e.g. 2024")
    validate_parser.add_argument("--data-dir", type=path_argument, default=RAW_DIR, help="台账目录 (ledger directory), default data/raw")
    validate_parser.add_argument("--output-dir", type=path_argument, default=OUTPUTS_DIR, help="输出目录 (validation.csv goes to OUTPUT/DEPT/YEAR/)")
    batch_parser = commands.add_parser("batch", help="批量生成全部部门年度的报告 (run every department-year on Dask)")
    batch_parser.add_argument("--data-dir", type=path_argument, default=RAW_DIR, help="台账目录 (ledger directory), default data/raw")
    batch_parser.add_argument("--output-dir", type=path_argument, default=OUTPUTS_DIR, help="输出目录 (output directory), default outputs")
    batch_parser.add_argument("--processed-dir", type=path_argument, default=PROCESSED_DIR, help="中间数据目录 (processed data), default data/processed")
    batch_parser.add_argument("--dept", action="append", default=[], type=parse_dept, help="只运行该部门 (only this department; repeatable)")
    batch_parser.add_argument("--year", action="append", default=[], type=parse_year, help="只运行该年度 (only this fiscal year; repeatable)")
    batch_parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)), help="本机工作进程数 (local worker processes), default the cores")
    batch_parser.add_argument("--scheduler", metavar="ADDRESS", help="已有 Dask 集群的调度器地址 (existing scheduler), e.g. tcp://127.0.0.1:8786")
    batch_parser.add_argument("--force", action="store_true", help="未变更的也重新运行 (rerun unchanged department-years)")
    new_parser = commands.add_parser("new-year", help="由上一年度建立新年度目录 (start a fiscal year from the previous one)")
    new_parser.add_argument("--dept", required=True, help="部门代码 (department folder under the data directory)")
    new_parser.add_argument("--year", required=True, help="新年度 (the new fiscal year), e.g. 2025")
    new_parser.add_argument("--data-dir", type=path_argument, default=RAW_DIR, help="台账目录 (ledger directory), default data/raw")
    report_parser = commands.add_parser("check", help="核对报告中的数字 (check the figures of a report)")
    report_parser.add_argument("report", type=path_argument, help="报告文件 (report): .txt .md .docx .html")
    report_parser.add_argument("--csv", type=path_argument, metavar="PATH", help="把核对结果写成 CSV (write the findings as CSV)")
    report_parser.add_argument("--html", type=path_argument, metavar="PATH", help="写一页标出问题数字的报告原文 (write the text with claims highlighted)")
    report_parser.add_argument("--dept", help="部门代码：同时与该部门该年度的 metrics.json 核对 (also compare with the ledgers)")
    report_parser.add_argument("--year", help="报告年度 (fiscal year)；不给时取标题或表头中的年度，否则取正文中最常见的年度")
    report_parser.add_argument(
        "--output-dir", type=path_argument, default=OUTPUTS_DIR, metavar="DIR", help="jixiao run 的输出目录 (where metrics.json is), default outputs"
    )
    report_parser.add_argument("--all", action="store_true", help="也列出不在任何关系中的数字 (list every claim)")
    report_parser.add_argument("--force", action="store_true", help="覆盖已存在的 --csv/--html 文件 (overwrite existing files)")
    return parser


def command_check(args: argparse.Namespace) -> int:
    """Check a report's figures; exit 1 when any is inconsistent."""
    from analysis.claims import check_report
    from analysis.claims.ledger import load_metrics
    from analysis.claims.render import format_table, write_csv, write_page

    metrics = None
    year = None if args.year is None else parse_year(args.year)
    if args.dept is not None:
        if year is None:
            raise ParameterError("--dept 须与 --year 一起给出 (give --year with --dept)")
        output_dir = validate_folder(args.output_dir, "输出目录 (output dir)")
        metrics = load_metrics(year_output_dir(output_dir, parse_dept(args.dept), year) / "metrics.json")
    csv_path, html_path = check_outputs(args)
    result = check_report(args.report, report_year=year, metrics=metrics)
    print(format_table(result, args.report.name, everything=args.all))
    if csv_path:
        print(f"核对结果 (findings CSV)：{write_csv(result, csv_path)}")
    if html_path:
        print(f"标注页面 (highlighted page)：{write_page(result, args.report.name, html_path)}")
    return 1 if result.inconsistent else 0


def check_outputs(args: argparse.Namespace) -> tuple[Path | None, Path | None]:
    """Where check may write its CSV and page: never over the report, a ledger, each other, or a file it did not write."""
    from analysis.claims.render import CSV_COLUMNS, PAGE_MARKER

    csv_marker = ("\ufeff" + ",".join(CSV_COLUMNS)).encode("utf-8")
    csv_path = None if args.csv is None else check_output_file(args.csv, "--csv", [args.report], csv_marker, args.force)
    html_path = None if args.html is None else check_output_file(args.html, "--html", [args.report], PAGE_MARKER, args.force)
    if csv_path is not None and csv_path == html_path:
        raise ParameterError("--csv 与 --html 不能是同一个文件 (same file twice)")
    return csv_path, html_path


def command_run(args: argparse.Namespace) -> int:
    """Run one department and year; print where the report is and the checks' verdicts."""
    from analysis.kernels import run_kernels

    kernels = run_kernels()  # first: the kernels start and import while this process imports what a run needs
    try:
        from analysis.carryover import carryover_lines
        from analysis.progress import StageProgress
        from analysis.run import PUBLISH_STEP, STAGES, run

        # papermill logs a failing or interrupted kernel before raising; the run reports each failure once, in its own words
        logging.getLogger("papermill").setLevel(logging.CRITICAL)
        progress = StageProgress(sys.stdout, total=len((*STAGES, PUBLISH_STEP)))
        try:
            result = run(
                args.dept, args.year, data_dir=args.data_dir, output_dir=args.output_dir, processed_dir=args.processed_dir, progress=progress, kernels=kernels
            )
        finally:
            progress.close()
    finally:
        kernels.discard()
    print(f"报告已生成 (report written)：{result.output_dir / 'report.html'}，另有 (also) report.pdf、report.docx")
    checks = result.checks
    print(
        f"数据核对 (checks)：通过 (pass) {checks.get('pass', 0)}，提示 (warning) {checks.get('warning', 0)}，不符 (fail) {checks.get('fail', 0)}；详见 checks.json"
    )
    for line in carryover_lines(json.loads((result.output_dir / "checks.json").read_text(encoding="utf-8"))):
        print(line)
    stages = "，".join(f"{stage} {seconds:.2f}s" for stage, seconds in result.timings.items())
    print(f"各阶段用时 (stage times)：{stages}")
    return 0


def command_batch(args: argparse.Namespace) -> int:
    """Run many department-years; print their progress, where the index is, and a table of failures. Exit 1 on any failure."""
    from analysis.batch import BatchOptions, failure_table, run_batch
    from analysis.progress import BatchProgress

    logging.getLogger("papermill").setLevel(logging.CRITICAL)
    options = BatchOptions(args.data_dir, args.output_dir, args.processed_dir, args.dept, args.year, args.workers, args.scheduler, args.force)
    started = time.perf_counter()
    progress = BatchProgress(sys.stdout)
    try:
        result = run_batch(options, progress)
    finally:
        progress.close()
    counts = {status: sum(o.status == status for o in result.outcomes) for status in ("ok", "skipped", "failed")}
    print(
        f"批量运行完成 (batch done)：成功 (ok) {counts['ok']}，跳过 (skipped) {counts['skipped']}，失败 (failed) {counts['failed']}；"
        f"用时 (wall) {time.perf_counter() - started:.1f}s"
    )
    print(f"索引 (index)：{result.index}")
    print(f"汇总表 (summary)：{result.summary}")
    if result.failed:
        print(failure_table(result.failed))
    return 1 if result.failed else 0


def command_new_year(args: argparse.Namespace) -> int:
    """Make the new year's folder from the previous one; print what was made and the ledgers to export."""
    from analysis.carryover import REVIEW_MARKER
    from analysis.newyear import create_year

    made = create_year(args.data_dir, args.dept, args.year)
    print(f"已建立年度目录 (year folder created)：{made.folder}")
    print(f"narrative.md：复制自上一年度，{made.marks}处标有{REVIEW_MARKER}（变动原因和含数字的句子），逐条改写后删去标记 (review and remove the marks)")
    print(made.staffing_note)
    print(f"请把本年度台账导出到 {made.folder}（.csv、.xlsx 或 .xls）(ledgers to export)：")
    for line in made.checklist:
        print(f"  {line}")
    print(f"然后运行 (then run)：jixiao validate --dept {args.dept} --year {made.folder.name}，再 jixiao run")
    return 0


def command_validate(args: argparse.Namespace) -> int:
    """Validate one department and year; print every problem and write validation.csv. Exit 1 on errors."""
    from analysis.ledgers.common import count_problems
    from analysis.run import validate_run
    from analysis.validate import validate_ledgers, write_validation

    data_dir = validate_folder(args.data_dir, "台账目录 (data dir)")
    output_dir = validate_folder(args.output_dir, "输出目录 (output dir)")
    check_apart(data_dir, (output_dir, "输出目录 (output dir)"))
    dept, year = validate_run(args.dept, args.year, data_dir)
    check_apart(data_dir, (year_output_dir(output_dir, dept, year).resolve(), "输出目录 (output dir)"))  # links followed
    problems = validate_ledgers(data_dir, dept, year)
    for problem in problems:
        print(problem.describe())
    errors = count_problems([p for p in problems if p.severity == "error"])
    csv_path = write_validation(problems, year_output_dir(output_dir, dept, year) / "validation.csv")
    print(f"校验完成 (validated)：错误 (errors) {errors}，提示 (warnings) {count_problems(problems) - errors}；清单见 {csv_path}")
    return 1 if errors else 0


EXIT_UNEXPECTED = 3
# Stopped like Ctrl-C, with the kernels killed and the previous outputs kept: by `kill`, or a closed terminal.
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Stopped(KeyboardInterrupt):
    """A stop signal other than Ctrl-C, raised where the program is, so that it unwinds as Ctrl-C does."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def stop_on(signum: int, frame: object) -> NoReturn:
    """Signal handler: stop as on Ctrl-C."""
    raise Stopped(signum)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; every error is a readable message and an exit status, never a traceback.

    Exit status: 0 done; 1 problems found (ledger errors, a failed run, an inconsistent report);
    2 arguments or input the program cannot use (a limit passed included); 3 an unexpected error;
    128 + the signal when stopped (130 for Ctrl-C, 143 for kill, 129 for a closed terminal).
    """
    args = build_parser().parse_args(argv)
    failed = {"check": "无法核对 (cannot check)", "new-year": "无法建立新年度 (cannot start the year)"}.get(args.command, "运行失败 (run failed)")
    previous = {signum: signal.signal(signum, stop_on) for signum in STOP_SIGNALS}
    try:
        if args.command == "check":
            return command_check(args)
        if args.command == "new-year":
            return command_new_year(args)
        if args.command == "batch":
            return command_batch(args)
        return run_pipeline_command(command_run if args.command == "run" else command_validate, args)
    except KeyboardInterrupt as stop:
        signum = getattr(stop, "signum", signal.SIGINT)
        what = "已中断 (interrupted)" if signum == signal.SIGINT else f"已终止 (stopped by {signal.Signals(signum).name})"
        kept = (
            "已发布的报告保持完整，索引只列出已完成的部门年度 (published reports kept; the index lists what completed)"
            if args.command == "batch"
            else "没有写入新的输出，以前的输出保持不变 (previous outputs kept)"
        )
        print(f"{what}：{kept}", file=sys.stderr)
        return 128 + signum
    except (ReportReadError, MetricsError, ParameterError, LimitExceeded) as error:
        print(f"{failed}：{error}", file=sys.stderr)
        return 2
    except (MemoryError, RecursionError) as error:
        print(f"{failed}：输入过大或嵌套过深，无法处理 (input too large or nested too deeply: {type(error).__name__})", file=sys.stderr)
        return 2
    except OSError as error:  # e.g. an output folder that cannot be written
        print(f"{failed}：文件操作出错 (file error)：{error}", file=sys.stderr)
        return 1
    except Exception as error:  # a bug: say so plainly, with what a developer needs, and no personal data
        from analysis.privacy import redact_string

        print(
            f"{failed}：意外错误 (unexpected error)：{type(error).__name__}: {redact_string(str(error))[:500]}\n"
            "请把这条信息和所用的命令报告给开发者 (please report this)",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def run_pipeline_command(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """``jixiao run`` or ``validate``; a failed stage or an unusable ledger is one line and exit status 1."""
    from analysis.ledgers.common import LedgerError
    from analysis.run import RunError

    try:
        return command(args)
    except (RunError, LedgerError) as error:  # LedgerError: a file that vanished or broke between the checks and its use
        print(f"运行失败 (run failed)：{error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
