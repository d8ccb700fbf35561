"""Render letter sources (TOML) into PDFs that look like real ministerial letters.

    python corpus/render.py              # every corpus/sources/*.toml -> corpus/letters/*.pdf
    python corpus/render.py FILE...      # only these sources (same output folder)

A source describes the parts of a letter; a layout (a function in layouts.py,
picked by the source's `layout` key) decides where they go on the page. Example:

    layout = "right_sidebar"
    top_left = ["Ministeren"]
    letterhead = ["Udlændinge- og Integrationsministeriet"]
    recipient = ["Udlændinge- og Integrationsudvalget", "Folketinget"]
    date = "4. november 2020"
    sidebar = ["Slotsholmsgade 10", "1216 København K", "", "Tel. 6198 4000"]
    salutation = "Kære ordførere"
    body = [
        "A paragraph.",
        { items = ["1) First point", "2) Second point"] },
        { table = [["(mio. kr.)", "2022"], ["Drift", "12,5"]], total = false },
        { page_break = true },
        "A paragraph on the next page.",
    ]
    closing = "Med venlig hilsen"
    signature = ["Mattias Tesfaye"]

    [page]                      # all optional
    footer = "Side {page} af {pages}"
    justify = true              # justified body, long words hyphenated at line ends

Every key is optional except `layout` and `body`; see corpus/README.md for all
of them. PDFs are written with reportlab's invariant mode, so the same source
always gives the same bytes.
"""

from __future__ import annotations

import io
import sys
import tomllib
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
if str(CORPUS) not in sys.path:
    sys.path.insert(0, str(CORPUS))

from layouts import LAYOUTS  # noqa: E402
from parts import PAGE_DEFAULTS  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import BaseDocTemplate  # noqa: E402


def build_pdf(source: dict, total_pages: int | None = None) -> tuple[bytes, int]:
    """Lay the letter out once; returns the PDF bytes and its page count."""
    page = PAGE_DEFAULTS | source.get("page", {})
    templates, story = LAYOUTS[source["layout"]](source, page)
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=A4, pageTemplates=templates, invariant=1,
                          title=source.get("subject") or "", author="", creator="",
                          producer="")
    doc.total_pages = total_pages
    doc.build(story)
    return out.getvalue(), doc.page


def render_source(source: dict) -> bytes:
    """The letter as PDF bytes; "Side {page} af {pages}" needs a second pass."""
    pdf, pages = build_pdf(source)
    return build_pdf(source, total_pages=pages)[0]


def load_source(source_path: Path) -> dict:
    return tomllib.loads(Path(source_path).read_text(encoding="utf-8"))


def render_file(source_path: Path, out_dir: Path = CORPUS / "letters") -> Path:
    source = load_source(source_path)
    out_path = out_dir / (Path(source_path).stem + ".pdf")
    out_dir.mkdir(parents=True, exist_ok=True)
    out_path.write_bytes(render_source(source))
    return out_path


def main(argv: list[str]) -> None:
    sources = [Path(arg) for arg in argv] or sorted((CORPUS / "sources").glob("*.toml"))
    for source_path in sources:
        print(render_file(source_path))


if __name__ == "__main__":
    main(sys.argv[1:])
