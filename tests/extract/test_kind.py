"""The kind of letter, by the contract's order of judgement."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("body", "kind"), [
    ("Hermed sendes svar på Finansudvalgets spørgsmål nr. 12 (Alm. del) af 3. marts 2021.",
     "svar_paa_spoergsmaal"),
    ("Hermed oversendes rapporten om ventetider til udvalgets orientering.", "oversendelse"),
    ("Vedlagt fremsendes statusrapporten for 2023.", "oversendelse"),
    ("Jeg vil gerne orientere udvalget om, at der er gennemført en evaluering.", "orientering"),
    ("Der er nu gennemført en evaluering, som jeg hermed sender til udvalgets orientering.",
     "orientering"),
    ("Ministeriet anmoder hermed om Finansudvalgets tilslutning til at afholde udgiften.",
     "other"),
    ("Udvalget inviteres til et møde om sagen.", "other"),
])
def test_kind_of_letter(analyse_text, body, kind):
    assert analyse_text("Kære udvalg\n\n" + body)._.letter_kind == kind
