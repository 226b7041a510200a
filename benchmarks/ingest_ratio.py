"""Pipeline overhead: a steady-state ingest (model loaded, vocabulary known) against raw embedding of the same passages.

    python -m benchmarks.ingest_ratio [--documents 12]

Prints wall and CPU figures; the CPU ratio is the fairer one on a shared machine.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic import Vocabulary, write_corpus
from index.embedder import passage_embedding_text
from index.ingest import ingest
from index.library import Library
from index.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def measure(documents: int = 12) -> dict:
    root = Path(tempfile.mkdtemp(prefix="minutes-ratio-"))
    try:
        vocab = Vocabulary.from_corpus(ROOT / "corpus")
        lib = Library(Settings(data_dir=root / "data"))
        # loads the model and learns the vocabulary: the synthetic minutes draw their words from the default corpus,
        # so ingesting it first leaves the timed batch no new words to embed, as in an archive that already holds years
        ingest(lib, [*sorted((ROOT / "corpus").glob("*.txt")), *write_corpus(root / "warm", 3, vocab, seed=1)])
        before = lib.store.passage_ids()
        files = write_corpus(root / "timed", documents, vocab, seed=2)
        c, t = time.process_time(), time.perf_counter()
        report = ingest(lib, files)
        wall, cpu = time.perf_counter() - t, time.process_time() - c + report.worker_cpu_s  # segmenting workers too
        rows = lib.store.passages_to_embed(sorted(lib.store.passage_ids() - before))
        texts = [passage_embedding_text(r["context"], r["clean"]) for r in rows]
        c, t = time.process_time(), time.perf_counter()
        lib.embedder.embed_batch(texts)
        ewall, ecpu = time.perf_counter() - t, time.process_time() - c
        lib.close()
        n = len(texts)
        return {"passages": n, "backend": lib.embedder.backend, "ingest_passages_per_s": round(n / wall, 1),
                "embed_passages_per_s": round(n / ewall, 1), "ratio_wall": round(ewall / wall, 3), "ratio_cpu": round(ecpu / cpu, 3),
                "load_average": round(os.getloadavg()[0], 2)}
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=12)
    print(json.dumps(measure(parser.parse_args().documents)))
