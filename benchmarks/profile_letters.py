"""Where one letter's time goes: pyinstrument over the pipeline, in one process.

    $ .venv/bin/python benchmarks/profile_letters.py            # every corpus letter, twice
    $ .venv/bin/python benchmarks/profile_letters.py --html profile.html

The model is loaded before the profile starts, and reading runs in this process
rather than in a forked child, so the profile sees every stage of every letter
(start-up and Prefect are measured by ``benchmarks/run.py``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pyinstrument import Profiler  # noqa: E402

from pipeline.extract import analyse  # noqa: E402
from pipeline.process import shared_nlp  # noqa: E402
from pipeline.reading import read_document  # noqa: E402
from pipeline.record import assemble  # noqa: E402
from pipeline.sources.files import read_source  # noqa: E402


def one_letter(path: Path) -> None:
    """A letter through every stage but writing, as ``pipeline.process`` takes it."""
    source = read_source(path)
    document = read_document(source.data)
    assemble(source, document, analyse(shared_nlp(), document))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=2, help="passes over the corpus")
    parser.add_argument("--html", type=Path, help="write pyinstrument's HTML report here")
    options = parser.parse_args()
    letters = sorted((ROOT / "corpus" / "letters").glob("*.pdf"))
    shared_nlp()  # start-up, not the letters' work
    profiler = Profiler()
    with profiler:
        for _round in range(options.rounds):
            for path in letters:
                one_letter(path)
    print(profiler.output_text(unicode=True, color=False))
    if options.html:
        options.html.write_text(profiler.output_html())


if __name__ == "__main__":
    main()
