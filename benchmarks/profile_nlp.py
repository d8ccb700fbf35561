"""Milliseconds per letter of each component of the extraction pipeline, over the corpus.

    $ .venv/bin/python benchmarks/profile_nlp.py            # as the pipeline runs
    $ .venv/bin/python benchmarks/profile_nlp.py --blis     # thinc's default matrix products

The letters of ``corpus/letters`` are read once, then their running text goes
through every component of ``build_nlp()`` ``--rounds`` times, each component
timed on its own. ``--blis`` loads the model with thinc's blis ops instead of
numpy's OpenBLAS, to compare the two (``pipeline.nlp.load``); ``--with-ner``
runs the NER over whole letters as well, as the pipeline did before it was
limited to the signature.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.run.settings import apply_run_settings  # noqa: E402

apply_run_settings()  # one thread for OpenBLAS, before numpy is imported


def main() -> None:
    options = arguments()
    from pipeline import nlp as danish
    from pipeline.extract import build_nlp
    from pipeline.reading import read_document

    nlp = build_nlp(danish.read(use_blis=options.blis))
    if options.with_ner:
        nlp.enable_pipe("ner")
    texts = [read_document(path.read_bytes()).body_text
             for path in sorted((ROOT / "corpus" / "letters").glob("*.pdf"))]
    nlp(texts[0])  # the first call builds what later calls reuse
    spent: Counter = Counter()
    for _round in range(options.rounds):
        for text in texts:
            started = time.perf_counter()
            doc = nlp.make_doc(text)
            spent["tokenizer"] += time.perf_counter() - started
            for name, component in nlp.pipeline:
                started = time.perf_counter()
                doc = component(doc)
                spent[name] += time.perf_counter() - started
    letters = options.rounds * len(texts)
    for name, seconds in spent.items():
        print(f"{name:32} {1000 * seconds / letters:7.2f} ms/letter")
    print(f"{'all':32} {1000 * sum(spent.values()) / letters:7.2f} ms/letter")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--blis", action="store_true", help="thinc's blis matrix products")
    parser.add_argument("--with-ner", action="store_true", help="the NER over whole letters")
    return parser.parse_args()


if __name__ == "__main__":
    main()
