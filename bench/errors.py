"""Error report: run Annals on a gold folder, score it, and list misses and spurious items by category.

usage: python bench/errors.py [GOLD_DIR] [--show N]
GOLD_DIR defaults to ../shared/data/dev. Ingests the folder's articles into a temporary store
(the full path: read, analyse, resolve, store), exports gold-shaped predictions, runs the shared
scorer, and prints the six figures, then the errors grouped by measure and kind (missed/spurious),
most frequent first, so it is clear what to work on next.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from annals.api import Annals

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
LINE = re.compile(r"^(\S+) (\S+) (missed|spurious): (.*)$")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dir", nargs="?", type=Path, default=SHARED / "data" / "dev")
    ap.add_argument("--show", type=int, default=8, help="items listed per category")
    a = ap.parse_args()
    scorer = SHARED / "eval" / "score.py"
    if not a.gold_dir.exists() or not scorer.exists():
        print(f"skipped: {a.gold_dir} or {scorer} is not present")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        annals = Annals(str(Path(tmp) / "errors.db"))
        report = annals.ingest([a.gold_dir])
        annals.export(Path(tmp) / "pred")
        run = subprocess.run([sys.executable, str(scorer), str(a.gold_dir), str(Path(tmp) / "pred"),
                              "--show-errors"], capture_output=True, text=True, check=True)
    errors = collections.defaultdict(list)
    summary = []
    for line in run.stdout.splitlines():
        m = LINE.match(line)
        if m:
            doc, measure, kind, item = m.groups()
            errors[(measure, kind)].append((doc, json.loads(item)))
        else:
            summary.append(line)
    print("\n".join(summary))
    print(f"ingest errors: {len(report.errors)}")
    for (measure, kind), items in sorted(errors.items(), key=lambda kv: -len(kv[1])):
        print(f"\n## {measure} {kind}: {len(items)}")
        by_field = collections.Counter(_category(measure, it) for _, it in items)
        print("   by " + ", ".join(f"{k}: {n}" for k, n in by_field.most_common()))
        for doc, it in items[:a.show]:
            print(f"   {doc}: {_brief(measure, it)}")
    return 0


def _category(measure: str, item: dict) -> str:
    if measure.startswith("contacts"):
        return item.get("kind", "?")
    if measure.startswith("offices"):
        role = item.get("role")
        return f"{role if isinstance(role, str) else '/'.join(role)} {item.get('status')}"
    return "named" if item.get("speaker") else "unnamed"


def _brief(measure: str, item: dict) -> str:
    if measure.startswith("contacts"):
        return f"{item['kind']} {' + '.join(item['participants'])} {json.dumps(item.get('date'))}"
    if measure.startswith("offices"):
        return f"{item['person']} {item['role']} {item['country']} {item['status']} {json.dumps(item.get('date'))}"
    return f"{item.get('speaker')}: {(item.get('starts_with') or '')[:60]}"


if __name__ == "__main__":
    sys.exit(main())
