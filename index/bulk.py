"""Bulk embedding on Ray: the passages the vector index lacks, embedded by Ray Data `map_batches` over the cluster's
workers with the same embedder as a plain ingest, then written exactly as Library.sync_vectors writes them."""
from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from index.embedder import passage_embedding_text

# Passages are handed to the embedder in the groups Library.sync_vectors uses (512 ids in id order): the int8 ONNX
# embedder quantises activations per call, so a passage's vector depends a little on what it is embedded with
# (cosine down to 0.986 when grouped otherwise). The same groups give a plain ingest's vectors.
GROUP = 512
LOCAL = "local"  # `--ray` without an address: start a Ray instance on this machine


@dataclass
class RayJob:
    address: str  # 'local', 'auto' or ray://host:10001
    workers: int = 0  # embedding actors (0: one per CPU, or per GPU when the cluster has GPUs)
    cpus: int | None = None  # CPUs a local instance may use (default: all of this machine's)


class _Embed:
    """One Ray actor: loads the embedder once and embeds the batches it is handed."""

    def __init__(self, settings: dict):
        from index.embedder import make_embedder
        from index.settings import Settings

        self.embedder = make_embedder(Settings(**settings))

    def __call__(self, batch: dict) -> dict:
        ids = np.concatenate([np.asarray(group, dtype="int64") for group in batch["ids"]])
        vectors = [self.embedder.embed_batch([str(t) for t in texts]) for texts in batch["texts"]]
        return {"id": ids, "vector": np.vstack(vectors)}


def embed_on_ray(settings, ids: list[int], texts: list[str], job: RayJob) -> tuple[np.ndarray, np.ndarray]:
    """(ids, vectors) embedded by Ray workers; a Ray instance started here is shut down before returning."""
    import ray

    started = not ray.is_initialized()
    if started:
        _start(ray, job)
    try:
        gpus = int(ray.cluster_resources().get("GPU", 0))
        cpus = int(ray.cluster_resources().get("CPU", 1))
        workers = job.workers or max(1, gpus or cpus)
        groups = [{"ids": ids[i:i + GROUP], "texts": texts[i:i + GROUP]} for i in range(0, len(ids), GROUP)]
        items = ray.data.from_items(groups, override_num_blocks=len(groups))
        ds = items.map_batches(_Embed, fn_constructor_kwargs={"settings": settings.model_dump(mode="json")},
                            batch_size=1, batch_format="numpy", concurrency=min(workers, len(groups)),
                            num_gpus=1 if gpus else 0, num_cpus=0 if gpus else 1)
        out_ids, out_vecs = [], []
        for batch in ds.iter_batches(batch_size=None, batch_format="numpy"):
            out_ids.append(np.asarray(batch["id"], dtype="int64"))
            out_vecs.append(np.asarray(batch["vector"], dtype="float32"))
    finally:
        if started:
            ray.shutdown()
    if not out_ids:
        return np.zeros(0, "int64"), np.zeros((0, 0), "float32")
    return np.concatenate(out_ids), np.vstack(out_vecs)


def _start(ray, job: RayJob, attempts: int = 3):
    """Start or join Ray. A local start waits a fixed 30 s for its raylet, which a loaded machine can exceed: try again."""
    for attempt in range(1, attempts + 1):
        try:
            if job.address == LOCAL:
                ray.init(num_cpus=job.cpus or os.cpu_count(), include_dashboard=False, log_to_driver=False,
                         object_store_memory=512 * 1024 * 1024)
            else:
                ray.init(address=job.address, log_to_driver=False)
            return
        except Exception as exc:  # Ray raises a bare Exception for this
            ray.shutdown()
            if attempt == attempts or "timed out during startup" not in str(exc):
                raise


def ray_sync_vectors(library, job: RayJob) -> int:
    """Library.sync_vectors with the embedding done on Ray; returns how many passages were embedded."""
    db_ids = library.store.passage_ids()
    with library.lock:
        have = library.vectors.ids()
    missing = sorted(db_ids - have)
    if missing:
        texts = {r["id"]: passage_embedding_text(r["context"], r["clean"]) for r in library.store.passages_to_embed(missing)}
        ids, vectors = embed_on_ray(library.settings, missing, [texts[i] for i in missing], job)
        with library.lock:
            library.vectors.add(ids.tolist(), vectors)
            library.vectors.save(library.settings.vectors_path)
        # the query-expansion vocabulary grows with these passages as Library.sync_vectors grows it (it would not
        # see them as new below); its few new words are embedded in this process
        vocabulary_empty = library.store.vocabulary_size() == 0
        library._grow_vocabulary(sorted(db_ids) if vocabulary_empty else missing)
    library.sync_vectors()  # nothing left to embed: drops stale ids, saves, keeps the rest of the data dir in step
    return len(missing)
