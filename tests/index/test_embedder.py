"""Embedders: ONNX int8 (per channel) against sentence-transformers, the cached export, settings and device choice."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from index.embedder import Embedder, OnnxEmbedder, _onnx_providers, make_embedder
from index.errors import MinutesError
from index.model import TokenCounter, bundled_model_dir
from index.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [
    "The Board received the performance management report for Quarter 2 for 2025-26.",
    "RESOLVED: That the report be noted.",
    "PED02 04 Monitor the rate of children in care per 10000 0-18-year-olds 133 90 144.5",
    "What was said about exclusions for drugs?",
    "Members asked about the cost of agency social workers and the recruitment of foster carers. " * 16,
]


@pytest.fixture(scope="module")
def onnx_export_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("onnx-cache")


def test_onnx_int8_vectors_are_close_to_torch(onnx_export_dir):
    onnx = OnnxEmbedder(cache_dir=onnx_export_dir)
    torch_vecs = Embedder().embed_batch(TEXTS)
    vecs = onnx.embed_batch(TEXTS)
    assert vecs.shape == torch_vecs.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-3)
    cosines = (vecs * torch_vecs).sum(1)
    assert cosines.min() >= 0.97, cosines  # per-channel int8 keeps ~0.99; per-tensor fell to ~0.94
    assert onnx.onnx_path.parent.parent == onnx_export_dir / "onnx" and onnx.onnx_path.name == "model-int8.onnx"


def test_export_is_made_once_and_reused(onnx_export_dir):
    first = OnnxEmbedder(cache_dir=onnx_export_dir).onnx_path
    written = first.stat().st_mtime_ns
    again = OnnxEmbedder(cache_dir=onnx_export_dir)
    assert again.onnx_path == first and first.stat().st_mtime_ns == written
    assert again.embed_batch([]).shape == (0, 384)


def test_processes_starting_together_on_an_empty_cache_all_get_a_working_model(tmp_path):
    """Workers starting at once on a fresh machine each find the cache empty; the quantiser's scratch file once made
    all but one of them fail ("Wire format was corrupt", or a vanished scratch file)."""
    script = ("import sys; from index.embedder import OnnxEmbedder; "
              "e = OnnxEmbedder(cache_dir=sys.argv[1]); print(e.embed_batch(['agency costs']).shape)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    runs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=env) for _ in range(3)]
    results = [(r.wait(timeout=600), *r.communicate()) for r in runs]
    assert [(rc, out.strip()) for rc, out, _ in results] == [(0, "(1, 384)")] * 3, [err[-800:] for _, _, err in results]
    (folder,) = (tmp_path / "onnx").iterdir()
    assert (folder / "model-int8.onnx").is_file() and not list(folder.glob("model-inferred*"))


def test_texts_embedded_side_by_side_get_the_vectors_they_get_one_by_one(onnx_export_dir):
    """On a CPU each text is embedded alone, on one thread, the texts of a call spread over a worker per core: every
    text keeps its place and its vector is the one it gets embedded by itself, bit for bit."""
    onnx = OnnxEmbedder(cache_dir=onnx_export_dir)
    texts = TEXTS * 3 + ["handsets", "a", "Eclipse was not like the previous system"]
    together = onnx.embed_batch(texts)
    alone = np.vstack([onnx.embed_batch([t]) for t in texts])
    assert np.array_equal(together, alone)
    onnx.workers = 2  # side by side even where this machine has one core
    assert np.array_equal(onnx.embed_batch(texts), alone)
    options = onnx.session.get_session_options()
    assert options.intra_op_num_threads == 1


def test_settings_choose_the_backend():
    assert make_embedder(Settings(embed_backend="onnx")).backend == "onnx"
    assert make_embedder(Settings(embed_backend="torch", device="cpu")).backend == "torch"
    with pytest.raises(ValueError):
        Settings(embed_backend="tensorflow")


def test_asking_for_a_gpu_without_one_says_so():
    assert _onnx_providers("auto", ["CPUExecutionProvider"]) == ["CPUExecutionProvider"]
    assert _onnx_providers("auto", ["CUDAExecutionProvider", "CPUExecutionProvider"])[0] == "CUDAExecutionProvider"
    assert _onnx_providers("cpu", ["CUDAExecutionProvider", "CPUExecutionProvider"]) == ["CPUExecutionProvider"]
    with pytest.raises(MinutesError, match="CUDA"):
        _onnx_providers("cuda", ["CPUExecutionProvider"])


def test_token_counter_counts_word_pieces_without_transformers():
    counter = TokenCounter(bundled_model_dir())
    assert counter("") == 0
    assert counter("children in care") == 3
    assert counter.many(TEXTS) == [counter(t) for t in TEXTS]
    assert counter(TEXTS[-1]) > 256  # counted whole: the chunker must see what would be cut


def test_the_service_with_onnx_never_imports_torch(tmp_path):
    """Cold start: sentence-transformers and torch take seconds to import; the ONNX service must not load them."""
    code = (
        "import sys\n"
        "from fastapi.testclient import TestClient\n"
        "from api.app import create_app\n"
        "from index.settings import Settings\n"
        f"app = create_app(Settings(data_dir={str(tmp_path / 'data')!r}, embed_backend='onnx'))\n"
        "with TestClient(app) as c:\n"
        "    assert c.get('/readyz').status_code == 200\n"
        "    assert c.get('/api/search', params={'q': 'children in care'}).status_code == 200\n"
        "heavy = sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules)\n"
        "print('heavy:', heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "heavy: []" in out.stdout
