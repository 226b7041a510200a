"""Embedders behind one narrow method, embed_batch: sentence-transformers (torch) or ONNX Runtime int8; chosen by settings."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

from index.model import load_fast_tokenizer, model_dir

BACKENDS = ("onnx", "torch")
DEVICES = ("auto", "cpu", "cuda")
GPU_BATCH = 256  # a GPU is fed whole batches of this size; a CPU gains nothing past ~32


class Embedder:
    """Normalised all-MiniLM-L6-v2 vectors through sentence-transformers; loaded once and reused."""

    backend = "torch"

    def __init__(self, path: Path | None = None, batch_size: int = 32, max_seq_tokens: int = 256, device: str = "auto"):
        from index.model import load_sentence_model

        self.path = model_dir(path)
        self.device = _torch_device(device)
        self.model = load_sentence_model(str(self.path), self.device)
        self.model.max_seq_length = max_seq_tokens
        self.batch_size = max(batch_size, GPU_BATCH) if self.device == "cuda" else batch_size
        get_dim = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dimension = int(get_dim())

    def embed_batch(self, texts: list[str], progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype="float32")
        vecs = self.model.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                 show_progress_bar=progress, convert_to_numpy=True)
        return np.ascontiguousarray(vecs, dtype="float32")


class OnnxEmbedder:
    """The same model exported to ONNX with int8 per-channel weights: no torch at query time, about 2x faster on CPU."""

    backend = "onnx"

    def __init__(self, path: Path | None = None, batch_size: int = 32, max_seq_tokens: int = 256, device: str = "auto",
                 cache_dir: Path | None = None, quantize: bool = True):
        import onnxruntime as ort

        from index.onnx_export import cached_onnx

        self.path = model_dir(path)
        self.onnx_path = cached_onnx(self.path, Path(cache_dir) if cache_dir else default_cache_dir(), quantize)
        providers = _onnx_providers(device, ort.get_available_providers())
        self.device = "cuda" if providers[0] == "CUDAExecutionProvider" else "cpu"
        self.session = _session(ort, self.onnx_path, providers)
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tokenizer = load_fast_tokenizer(str(self.path), max_seq_tokens)
        # On a CPU each text goes alone: int8 activations are quantised over the whole batch, so a batch moved a
        # text's vector with its batch-mates (cosine down to 0.985 for passages), and padding cost more than batching
        # saved (132-156 passages/s alone against 77-87 in batches of 32, 2 cores)
        self.batch_size = max(batch_size, GPU_BATCH) if self.device == "cuda" else 1
        # ... and each run on one thread, texts spread over one worker per core: a text of a few words spent more
        # time waking a second thread than computing, two runs at once (a question and its unknown words) fought over
        # one pool, and one thread per text keeps both cores busy (the same vectors, bit for bit, as two threads)
        self.workers = 1 if self.device == "cuda" else cpu_workers()
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()
        self.dimension = int(self.session.get_outputs()[0].shape[-1])

    def embed_batch(self, texts: list[str], progress: bool = False) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype="float32")
        # longest first, so each batch pads to similar lengths (what sentence-transformers does too)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        batches = [order[start:start + self.batch_size] for start in range(0, len(order), self.batch_size)]

        def run(idx: list[int]) -> None:
            enc = self.tokenizer.encode_batch([texts[i] for i in idx])
            feed = {"input_ids": np.array([e.ids for e in enc], dtype="int64"),
                    "attention_mask": np.array([e.attention_mask for e in enc], dtype="int64"),
                    "token_type_ids": np.array([e.type_ids for e in enc], dtype="int64")}
            out[idx] = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]

        if self.workers > 1 and len(batches) > 1:  # ONNX Runtime releases the GIL while it runs
            # each worker takes every n-th batch in one task: a task per text cost more than a short text's run
            def lane(mine: list[list[int]]) -> None:
                for idx in mine:
                    run(idx)

            list(self._workers().map(lane, [batches[w::self.workers] for w in range(self.workers)]))
        else:
            for idx in batches:
                run(idx)
        return out

    def _workers(self) -> ThreadPoolExecutor:
        with self._pool_lock:  # two requests embedding at once share one pool
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="embed")
            return self._pool


def _session(ort, onnx_path: Path, providers: list[str]):
    """An inference session; on CPU from a graph optimised once and cached beside the model.

    Optimising the graph took most of the session's start (0.3 of 0.4 s on 2 cores); the saved graph loads in under
    0.1 s and gives bit-identical vectors. It is optimised at the portable level (EXTENDED: no layout tied to this
    CPU) and written under a temporary name, then renamed, so processes starting together never read half a file.
    """
    import os
    import uuid

    def options(level):
        o = ort.SessionOptions()
        o.graph_optimization_level = level
        if providers[0] == "CPUExecutionProvider":
            o.intra_op_num_threads = 1  # one thread per run; OnnxEmbedder runs texts side by side instead
        # idle worker threads sleep instead of spinning: on a shared or small machine spinning takes cores from others
        o.add_session_config_entry("session.intra_op.allow_spinning", "0")
        return o

    if providers[0] != "CPUExecutionProvider":
        return ort.InferenceSession(str(onnx_path), options(ort.GraphOptimizationLevel.ORT_ENABLE_ALL), providers=providers)
    optimised = onnx_path.with_name(f"{onnx_path.stem}.optimised-ort{ort.__version__}.onnx")
    try:
        if optimised.is_file() and optimised.stat().st_mtime >= onnx_path.stat().st_mtime:
            return ort.InferenceSession(str(optimised), options(ort.GraphOptimizationLevel.ORT_ENABLE_BASIC), providers=providers)
    except Exception:  # noqa: BLE001 - a damaged cached graph is rebuilt below
        optimised.unlink(missing_ok=True)
    o = options(ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED)
    tmp = optimised.with_name(f".{optimised.name}.{uuid.uuid4().hex}.tmp")
    o.optimized_model_filepath = str(tmp)
    session = ort.InferenceSession(str(onnx_path), o, providers=providers)
    try:
        os.replace(tmp, optimised)
    except OSError:  # a read-only cache: the session works, the next start optimises again
        tmp.unlink(missing_ok=True)
    return session


def cpu_workers() -> int:
    """Texts embedded at once on a CPU: one per core this process may use (at most 8)."""
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(8, cores))


def default_cache_dir() -> Path:
    import os

    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "council-minutes"


def make_embedder(settings):
    """The embedder the settings ask for."""
    if settings.embed_backend == "torch":
        return Embedder(settings.model_path, settings.embed_batch_size, settings.max_seq_tokens, settings.device)
    return OnnxEmbedder(settings.model_path, settings.embed_batch_size, settings.max_seq_tokens, settings.device,
                        settings.model_cache_dir)


def _torch_device(device: str) -> str:
    if device != "auto":
        return device
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def _onnx_providers(device: str, available: list[str]) -> list[str]:
    wants_gpu = device in ("auto", "cuda") and "CUDAExecutionProvider" in available
    if device == "cuda" and not wants_gpu:
        from index.errors import MinutesError

        raise MinutesError("device 'cuda' was asked for, but ONNX Runtime has no CUDA provider here (install onnxruntime-gpu)")
    return ["CUDAExecutionProvider", "CPUExecutionProvider"] if wants_gpu else ["CPUExecutionProvider"]


def passage_embedding_text(context: str, clean: str) -> str:
    """What the embedder reads for a passage: its item/table context, then its text."""
    return f"{context}\n{clean}" if context else clean
