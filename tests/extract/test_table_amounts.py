"""Amounts in tables: bare numbers under a header that names the unit."""

from __future__ import annotations

TABLE = (
    "Udgifterne fordeler sig således:\n\n"
    "Tabel 1. Udgifter\n"
    "(mio. kr.)\t2022\t2023\n"
    "Drift\t12,5\t-3,0\n"
    "Anlæg\t1.250\t0\n"
    "I alt\t1.262,5\t-3,0\n\n"
    "Der er 4 projekter."
)


def test_each_cell_is_an_amount_in_the_headers_unit(analyse_text):
    doc = analyse_text(TABLE)
    values = [(a.value, a.raw) for a in doc._.amounts]
    assert values == [(12500000, "12,5"), (-3000000, "-3,0"), (1250000000, "1.250"),
                      (0, "0"), (1262500000, "1.262,5"), (-3000000, "-3,0")]
    for amount in doc._.amounts:
        assert doc.text[amount.evidence.start:amount.evidence.end] == amount.raw


def test_a_column_header_gives_its_own_unit(analyse_text):
    doc = analyse_text("Tabel 2\nOmråde\tAntal\tBeløb (kr.)\nNord\t12\t4.500\nSyd\t7\t3.000")
    assert [(a.value, a.currency) for a in doc._.amounts] == [(4500, "DKK"), (3000, "DKK")]


def test_a_table_without_a_unit_holds_no_amounts(analyse_text):
    doc = analyse_text("Tabel 3\nÅr\tSager\n2022\t140\n2023\t155")
    assert doc._.amounts == []


def test_an_amount_per_month(analyse_text):
    [amount] = analyse_text("Ydelsen udgør 19.562 kr. om måneden.")._.amounts
    assert (amount.value, amount.per) == (19562, "måned")
