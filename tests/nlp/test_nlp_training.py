"""The training command still works: a few steps on a slice of the treebank."""

import subprocess
import sys
from pathlib import Path

import pytest
import spacy

import pipeline.nlp  # noqa: F401  (registers the tokenizer the config names)

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.subprocess
def test_training_command_builds_a_loadable_pipeline(tmp_path):
    out = tmp_path / "model"
    cmd = [sys.executable, "-m", "pipeline.nlp.training", "--max-steps", "5", "--slice", "50",
           "--work", str(tmp_path / "work"), "--out", str(out)]
    res = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    nlp = spacy.load(out)
    assert "gazetteer_ruler" in nlp.pipe_names and "ner" in nlp.pipe_names
    assert (out / "LICENSE.md").exists()
    doc = nlp("Til Folketingets Finansudvalg")
    assert [e.label_ for e in doc.ents] == ["COMMITTEE"]
