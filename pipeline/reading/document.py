"""What reading hands on: a ``Document``, the running text in reading order and the
``Block``s set apart from it, each in a region of the page.

    >>> document = Document(pages=1, body_text="Kære ordførere", blocks=[
    ...     Block(region="sidebar", page=1, lines=["4. november 2020"])], page_starts=[(0, 1)])
    >>> document.region("sidebar")[0].text, document.page_at(5)
    ('4. november 2020', 1)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# "stamp": ft.dk's stamp and page-image markers, which no stage reads as sender or recipient.
Region = Literal["head", "sidebar", "header", "footer", "stamp"]


@dataclass(frozen=True)
class Block:
    """Lines outside the running text that belong together, in reading order."""

    region: Region
    page: int
    lines: list[str]
    bold: bool = False

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class Document:
    """A letter read in order: ``body_text`` plus the blocks set apart from it."""

    pages: int
    body_text: str
    blocks: list[Block]
    # (offset in body_text, page) where each page's text starts, in order.
    page_starts: list[tuple[int, int]] = field(default_factory=list)
    # Where the text came from: "native" (the PDF's text layer) or "ocr" (some pages OCR'd).
    text_layer: str = "native"
    # What the reading could not do well, for the record's warnings ("text read by OCR ...").
    warnings: list[str] = field(default_factory=list)
    # Seconds reading spent on OCR, for the run's time per stage; no part of what was read.
    ocr_seconds: float = field(default=0.0, compare=False)

    def page_at(self, offset: int) -> int:
        """The 1-based page on which the character at ``offset`` of body_text stands."""
        page = self.page_starts[0][1] if self.page_starts else 1
        for start, number in self.page_starts:
            if start > offset:
                break
            page = number
        return page

    def region(self, *regions: Region) -> list[Block]:
        return [block for block in self.blocks if block.region in regions]
