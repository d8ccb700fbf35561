"""Rebuild the Danish pipeline in ``pipeline/nlp/model/`` from the repository alone.

Usage::

    python -m pipeline.nlp.training                 # full build (about 25-35 min on 2 cores)
    python -m pipeline.nlp.training --max-steps 5 --slice 50 --out /tmp/m   # smoke run

Stages: ``corpus`` (CDT + UNER -> .spacy files), ``train`` (spaCy training),
``assemble`` (best model + gazetteer entity ruler -> output folder), ``evaluate``
(held-out scores to a JSON file). ``--stage`` runs one stage; by default the
first three run in order.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline.nlp.training.build import (
    MODEL_DIR,
    WORK_DIR,
    assemble,
    build_corpus,
    train,
)


def parse_args(argv: list[str]) -> argparse.Namespace:
    """Command-line options (see the module docstring)."""
    ap = argparse.ArgumentParser(prog="python -m pipeline.nlp.training", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stage", choices=["all", "corpus", "train", "assemble", "evaluate"],
                    default="all")
    ap.add_argument("--work", type=Path, default=WORK_DIR,
                    help="folder for corpora and training output (git-ignored)")
    ap.add_argument("--out", type=Path, default=MODEL_DIR, help="where the pipeline is saved")
    ap.add_argument("--max-steps", type=int, default=None, help="cap training steps")
    ap.add_argument("--slice", type=int, default=None,
                    help="use only the first N treebank texts (quick runs)")
    ap.add_argument("--eval-every", type=int, default=None, help="steps between evaluations")
    ap.add_argument("--jobs", type=int, default=2,
                    help="trainings run side by side (main pipeline and NER)")
    return ap.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the requested stages; print what was written."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    corpus = args.work / "corpus"
    if args.stage in ("all", "corpus"):
        print("corpus words:", json.dumps(build_corpus(corpus, args.slice)))
    if args.stage in ("all", "train"):
        train(corpus, args.work / "train", args.max_steps, args.eval_every, args.jobs)
    if args.stage in ("all", "assemble"):
        print("pipeline saved to", assemble(args.work / "train", args.out))
    if args.stage == "evaluate":
        from pipeline.nlp.training.evaluate import evaluate_all

        print(json.dumps(evaluate_all(args.out, corpus), indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
