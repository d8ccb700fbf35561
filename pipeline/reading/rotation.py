"""Pages whose text does not run left to right as the page lies: turned by ``/Rotate``,
or drawn turned by the content's own matrix.

pdfminer places characters on the page as a viewer shows it, so on a page turned a
quarter its lines run down the page, and on one turned half they run right to left,
upside down. Poppler's pdftotext reads text along its own direction; so does this: the
characters are turned, page and all, by the quarter turns that bring most of its text
upright, before they are grouped into words.

    >>> turn = Turn(quarters=1, page_width=842.0, page_height=595.0)  # /Rotate 90
    >>> turn.width, turn.height  # the page as its text is read
    (595.0, 842.0)

Text at some other angle, or mirrored, cannot be put in rows: a page where most text
runs so raises ``UnreadableText`` (its page is left unread, with a warning) rather than
giving scrambled words.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from pdfminer.layout import LTChar

QUARTER_DEGREES = 90.0
# Text this far off the page's edges no longer keeps to a row (words of one line would
# fall into different rows), so it is not read.
MAX_SKEW_DEGREES = 10.0


class UnreadableText(ValueError):
    """A page whose text cannot be read upright; the message says why, in words."""


@dataclass(frozen=True)
class CharBox:
    """A character's place on the page turned upright, in points from the top-left."""

    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    upright: bool


@dataclass(frozen=True)
class Turn:
    """How a page is turned to read its text: ``quarters`` counter-clockwise quarter turns
    of the page pdfminer lays out (``page_width`` by ``page_height``)."""

    quarters: int
    page_width: float
    page_height: float

    @property
    def width(self) -> float:
        """The page's width once turned."""
        return self.page_height if self.quarters % 2 else self.page_width

    @property
    def height(self) -> float:
        return self.page_width if self.quarters % 2 else self.page_height

    def point(self, x: float, y: float) -> tuple[float, float]:
        """A point of pdfminer's page (origin bottom-left) on the turned page."""
        w, h = self.page_width, self.page_height
        return {0: (x, y), 1: (h - y, x), 2: (w - x, h - y), 3: (y, w - x)}[self.quarters]

    def box(self, char: LTChar) -> CharBox:
        """Where ``char`` lies on the turned page, and whether it reads upright there."""
        (ax, ay), (bx, by) = self.point(char.x0, char.y0), self.point(char.x1, char.y1)
        top, bottom = self.height - max(ay, by), self.height - min(ay, by)
        direction = char_direction(char)
        return CharBox(x0=min(ax, bx), x1=max(ax, bx), top=top, bottom=bottom,
                       size=bottom - top,
                       upright=direction in DIRECTIONS and (direction + self.quarters) % 4 == 0)


def turn_for(chars: Iterable[LTChar], width: float, height: float) -> Turn:
    """The turn that brings most of a page's characters upright.

    Raises ``UnreadableText`` where most of them are mirrored, or run at an angle no
    quarter turn brings level.
    """
    directions = Counter(char_direction(char) for char in chars if char.get_text().strip())
    directions.pop(NO_DIRECTION, None)
    if not directions:
        return Turn(quarters=0, page_width=width, page_height=height)
    most, _ = directions.most_common(1)[0]
    if most == MIRRORED:
        raise UnreadableText("its text is mirrored")
    if most == ASKEW:
        raise UnreadableText(f"its text runs more than {MAX_SKEW_DEGREES:g}° off the "
                             f"page's edges, so its lines cannot be told apart")
    return Turn(quarters=(4 - most) % 4, page_width=width, page_height=height)


# The ways a baseline can run that a quarter turn brings upright; and what
# ``char_direction`` gives for a character that no turn brings upright.
DIRECTIONS = (0, 1, 2, 3)
NO_DIRECTION = None
MIRRORED = -1
ASKEW = -2


def char_direction(char: LTChar) -> int | None:
    """Which way a character's baseline runs, as counter-clockwise quarter turns from
    left-to-right (0: right, 1: up, 2: left, 3: down); ``MIRRORED`` or ``ASKEW`` for
    text no quarter turn brings upright, ``None`` for a character of no size."""
    a, b, c, d = char.matrix[:4]
    if b == 0 and c == 0 and a > 0 and d > 0:
        return 0  # the common case, decided without trigonometry
    if a == 0 and b == 0:
        return NO_DIRECTION
    if a * d - b * c < 0:
        return MIRRORED
    angle = math.degrees(math.atan2(b, a))
    quarters = round(angle / QUARTER_DEGREES)
    if abs(angle - quarters * QUARTER_DEGREES) > MAX_SKEW_DEGREES:
        return ASKEW
    return quarters % 4
