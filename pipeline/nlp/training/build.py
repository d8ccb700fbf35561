"""The build steps behind ``python -m pipeline.nlp.training``.

>>> CONFIG.name
'config.cfg'
"""

from __future__ import annotations

import shutil
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import spacy

import pipeline.nlp.tokenizer  # noqa: F401  (registers the tokenizer the config names)
from pipeline.nlp.training.prepare import write_corpus

HERE = Path(__file__).parent
CONFIG = HERE / "config.cfg"
NER_CONFIG = HERE / "config_ner.cfg"
MODEL_DIR = HERE.parent / "model"
REPO = HERE.parents[2]
WORK_DIR = REPO / ".state" / "nlp"
MODEL_LICENSE = HERE / "MODEL_LICENSE.md"


def build_corpus(out_dir: Path, slice_texts: int | None = None) -> dict[str, int]:
    """Write train/dev/test ``.spacy`` files; return words per split.

    >>> build_corpus(Path("/tmp/corpus"))  # doctest: +SKIP
    {'train': 78573, 'dev': 9844, 'test': 9545}
    """
    return write_corpus(out_dir, slice_texts)


def train(corpus: Path, out_dir: Path, max_steps: int | None = None,
          eval_every: int | None = None, parallel: int = 2) -> Path:
    """Train the main pipeline (``config.cfg``) into ``out_dir/main`` and the NER
    (``config_ner.cfg``) into ``out_dir/ner``; return ``out_dir``.

    >>> train(WORK_DIR / "corpus", WORK_DIR / "train", max_steps=5)  # doctest: +SKIP
    """
    jobs = [(CONFIG, corpus, out_dir / "main", max_steps, eval_every),
            (NER_CONFIG, corpus, out_dir / "ner", max_steps, eval_every)]
    # The two trainings are independent and each uses about one core: run them side by side.
    with ProcessPoolExecutor(max_workers=parallel, mp_context=get_context("spawn")) as pool:
        for future in [pool.submit(train_one, *job) for job in jobs]:
            future.result()
    return out_dir


def train_one(config: Path, corpus: Path, out_dir: Path, max_steps: int | None = None,
              eval_every: int | None = None) -> Path:
    """Train one config; return the folder of its best model.

    >>> train_one(CONFIG, WORK_DIR / "corpus", Path("/tmp/main"), 5)  # doctest: +SKIP
    PosixPath('/tmp/main/model-best')
    """
    from spacy.cli.train import train as spacy_train

    overrides: dict[str, object] = {
        "paths.train": str(corpus / "train.spacy"),
        "paths.dev": str(corpus / "dev.spacy"),
    }
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
        # Short runs still evaluate (and so save a best model) at least once.
        overrides["training.eval_frequency"] = min(max_steps, eval_every or 200)
    elif eval_every is not None:
        overrides["training.eval_frequency"] = eval_every
    spacy_train(config, out_dir, overrides=overrides)
    return out_dir / "model-best"


def assemble(train_dir: Path, out_dir: Path) -> Path:
    """Best trained models (main + NER) + lemmy + gazetteer ruler, saved to ``out_dir``.

    >>> assemble(WORK_DIR / "train", MODEL_DIR)  # doctest: +SKIP
    PosixPath('.../pipeline/nlp/model')
    """
    from pipeline.nlp.lemmatizer import FACTORY as LEMMY
    from pipeline.nlp.ruler import add_gazetteer_ruler

    nlp = spacy.load(train_dir / "main" / "model-best")
    ner = spacy.load(train_dir / "ner" / "model-best")
    if "ner" in nlp.pipe_names:
        nlp.remove_pipe("ner")
    # The NER has its own tok2vec, so it can be sourced as it is.
    nlp.add_pipe("ner", source=ner)
    if LEMMY not in nlp.pipe_names:
        nlp.add_pipe(LEMMY, after="trainable_lemmatizer")
    add_gazetteer_ruler(nlp)
    nlp.meta.update(
        name="ministerbrev_da",
        version="0.1.0",
        license="CC BY-SA 4.0",
        description="Danish pipeline trained on the Danish Dependency Treebank "
        "(CDT annotation) with UNER/DaN+ entities, plus a ministry/committee ruler.",
        sources=[
            {"name": "Danish Dependency Treebank (CDT)", "license": "CC BY-SA 4.0"},
            {"name": "UNER_Danish-DDT / DaN+", "license": "CC BY-SA 4.0"},
        ],
    )
    if out_dir.exists():
        shutil.rmtree(out_dir)
    nlp.to_disk(out_dir)
    forget_data_paths(out_dir / "config.cfg")
    shutil.copy(MODEL_LICENSE, out_dir / "LICENSE.md")
    return out_dir


def forget_data_paths(config_file: Path) -> Path:
    """Set every ``[paths]`` entry of a saved pipeline's config to null.

    Training is given the corpus files as overrides (``train_one``), and spaCy writes
    them into the trained config as this machine's absolute paths; the shipped pipeline
    names no files, and a further training passes them again.

    >>> forget_data_paths(MODEL_DIR / "config.cfg")  # doctest: +SKIP
    PosixPath('.../pipeline/nlp/model/config.cfg')
    """
    config = spacy.util.load_config(config_file, interpolate=False)
    config["paths"] = {name: None for name in config["paths"]}
    config.to_disk(config_file)
    return config_file
