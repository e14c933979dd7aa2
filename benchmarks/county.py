"""The county's review of a folder of Word reports: reports per second and memory, printed (no pass/fail).

python benchmarks/county.py [--sizes 50 200] [--quick]

Builds a folder of N official-layout DOCX reports (half exported by this product with the draft inside, half
typed into the official template by hand as other offices do), each of its own unit with its own narrative,
then reviews it (`model.county.review.review_folder`, both cores) in a fresh process per size, next to a bare
baseline in the same run: every file read by `model.sources.open_report` one after the other in one process
(the readers alone, no checks, no 雷同, one core). The machine's load average is printed too: the 2 cores
are shared, and a loaded machine slows both figures alike. Printed per size: wall time, reports per second,
the CPU time of the workers and of the reviewing process (so what the wall time is on two idle cores), the
peak resident memory of the reviewing process and of its workers (no tracemalloc: it would slow the review
many times over). The goal (issue 15): 200 reports under 5 s on the 2-core office PC, memory flat 50 → 200.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

_SENTENCES = (
    "全面落实政务公开标准目录，及时更新财政预决算、重大项目和民生资金信息",
    "在便民服务中心设置政务公开专区，配备查阅终端并安排专人值守",
    "依托门户网站开设惠企政策专栏，对每项政策配发图文解读和办事指南",
    "组织村务公开栏集中更新，公开低保、临时救助和危房改造对象名单",
    "建立依申请公开登记、审核、答复全流程台账，逐件落实法定期限",
    "召开政务开放日活动，邀请群众代表参观办事大厅并座谈听取意见",
    "加强政务新媒体管理，清理整合更新不及时、互动不足的账号",
    "对涉及群众切身利益的规范性文件公开征求意见并反馈采纳情况",
    "按季度开展网站内容保障检查，发现的错链、空白栏目当即整改",
    "将政务公开纳入年度绩效考核，对落实不力的单位通报批评",
    "开展政务公开业务培训，覆盖各村（社区）和站所信息员",
    "推进基层政务公开标准化规范化，编制事项清单并动态调整",
    "公开防汛抗旱、森林防火等应急预案和值班安排，及时发布预警信息",
    "规范信息发布审核程序，严格执行三审制度和保密审查",
    "对群众关注的征地拆迁补偿标准和安置方案主动公开、逐户告知",
    "加强政策解读和回应关切，对热点问题第一时间发布权威信息",
)


def _narrative(rng: random.Random, name: str, count: int) -> str:
    picked = rng.sample(_SENTENCES, count)
    return f"{name}" + "；".join(picked) + "。"


def build(folder: Path, n: int) -> None:
    """Write `n` DOCX reports of distinct units into `folder`."""
    from county_folder import STANDARD_PREAMBLE, template_report
    from realdata import draft_from_fixture

    from model.docx.writer import export_docx

    rng = random.Random(15)
    folder.mkdir(parents=True, exist_ok=True)
    fixtures = ["r03", "r05", "r07", "r13"]
    for i in range(n):
        name = f"某县第{i + 1}镇人民政府"
        texts = {
            "overview": _narrative(rng, f"第{i + 1}镇", 5),
            "problems": _narrative(rng, "今后将", 3),
            "other": "本年度未收取信息处理费。",
        }
        fixture = fixtures[i % len(fixtures)]
        target = folder / f"{i + 1:03d}.docx"
        if i % 2:
            draft = draft_from_fixture(fixture)
            draft.agency = name
            draft.preamble = STANDARD_PREAMBLE
            draft.overview_points[0].text = texts["overview"]
            draft.problems = texts["problems"]
            draft.other_matters = texts["other"]
            export_docx(draft, target)
        else:
            template_report(fixture, texts, target)
            import docx

            document = docx.Document(str(target))
            title = document.paragraphs[1]
            title.runs[0].text = title.runs[0].text.replace(draft_from_fixture(fixture).agency, name)
            document.save(str(target))


def _baseline(folder: Path) -> float:
    from model.sources import open_report

    start = time.perf_counter()
    for path in sorted(folder.iterdir()):
        hashlib.sha256(path.read_bytes()).hexdigest()
        open_report(path)
    return time.perf_counter() - start


def _peak_rss_mib() -> float:
    """Return this process's peak resident memory in MiB (VmHWM: unlike ru_maxrss, not carried over from
    the process that started this one)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(folder: Path) -> dict[str, float]:
    """Review `folder` in this process and return the figures (run in a fresh process per size)."""
    from model.county.review import Options, review_folder

    start, cpu = time.perf_counter(), time.process_time()
    review = review_folder(folder, Options())
    elapsed, cpu_main = time.perf_counter() - start, time.process_time() - cpu
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    rss_main = _peak_rss_mib()
    rss_worker = children.ru_maxrss / 1024
    baseline = _baseline(folder)
    assert len(review.entries) == len(list(folder.iterdir())), "every report reviewed"
    return {
        "reports": len(review.entries),
        "seconds": elapsed,
        "baseline": baseline,
        "rss_main_mib": rss_main,
        "cpu_main": cpu_main,
        "cpu_workers": children.ru_utime + children.ru_stime,
        "rss_worker_mib": rss_worker,
        "load": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 200])
    parser.add_argument("--quick", action="store_true", help="one small folder (20 reports)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure))))
        return
    sizes = [20] if args.quick else args.sizes
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp) / str(n)
            build(folder, n)
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(folder)], capture_output=True, text=True, check=True
            ).stdout
            r = json.loads(out.strip().splitlines()[-1])
            idle = r["cpu_workers"] / 2 + r["cpu_main"]
            rate = r["reports"] / r["seconds"]
            print(
                f"review {int(r['reports']):>4} DOCX   {r['seconds']:7.2f} s   {rate:6.1f} reports/s"
                f"   (bare: open_report one by one {r['baseline']:6.2f} s = {r['reports'] / r['baseline']:5.1f}/s)"
                f"   peak RSS main {r['rss_main_mib']:6.1f} MiB"
                f"   worker {r['rss_worker_mib']:6.1f} MiB   load {r['load']:.1f}"
            )
            per = r["cpu_workers"] / r["reports"] * 1000
            print(
                f"       CPU: workers {r['cpu_workers']:6.2f} s ({per:5.1f} ms a report), main {r['cpu_main']:5.2f} s"
                f" → on two idle cores ≈ {idle:5.2f} s = {r['reports'] / idle:5.1f} reports/s"
            )


if __name__ == "__main__":
    main()
