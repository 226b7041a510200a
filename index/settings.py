"""One typed settings object; every field can be set by an env var with the MINUTES_ prefix."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.limits import LimitSettings
from index.tuning import AnswerSettings, RetrievalSettings

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _cache_home() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MINUTES_", extra="ignore", env_nested_delimiter="__")

    data_dir: Path = Field(PROJECT_ROOT / "data", description="Where the SQLite database and FAISS index live.")
    corpus_dir: Path = Field(PROJECT_ROOT / "corpus", description="The default corpus ingested by `minutes serve --ingest`.")
    model_name: str = Field("all-MiniLM-L6-v2", description="Embedding model name recorded in the index metadata.")
    model_path: Path | None = Field(None, description="Directory of a sentence-transformers model; default: the bundled all-MiniLM-L6-v2.")
    max_seq_tokens: int = Field(256, description="The embedder's input limit in word pieces; passages are sized below it.")
    passage_tokens: int = Field(160, description="Target passage size in the embedder's word pieces (context included).")
    max_file_bytes: int = Field(30_000_000, description="Files larger than this are refused at ingest.")
    max_pdf_pages: int = Field(2000, description="PDFs with more pages than this are refused at ingest.")
    embed_batch_size: int = Field(32, description="Passages embedded per batch by torch (raised to 256 on a GPU); the ONNX "
                                                  "embedder on a CPU embeds each text alone (index/embedder.py).")
    embed_backend: Literal["onnx", "torch"] = Field(
        "onnx", description="onnx: the model exported once to ONNX with int8 per-channel weights (no torch loaded); "
                            "torch: sentence-transformers in full precision.")
    device: Literal["auto", "cpu", "cuda"] = Field("auto", description="Where the embedder runs; auto uses a GPU when one is present.")
    model_cache_dir: Path = Field(default_factory=lambda: _cache_home() / "council-minutes",
                                  description="Where the ONNX export of the model is cached (made once, reused by every data dir).")
    exact_max_vectors: int = Field(50_000, description="Up to this many vectors the index is exact; above it, IVF (approximate).")
    ivf_sq8_min_vectors: int = Field(500_000, description="From this many vectors IVF stores 8-bit vectors (4x less memory).")
    target_recall: float = Field(0.97, description="IVF nprobe is raised until recall@10 against exact search reaches this.")
    keyword_engine: Literal["auto", "fts5", "tantivy"] = Field(
        "auto", description="fts5: SQLite's BM25 (scores every matching passage); tantivy: the same text in a tantivy "
                            "index beside the database (top-k with block-max WAND); auto: fts5 up to 50,000 passages, "
                            "tantivy above (search/keyword_tantivy.py AUTO_MIN_PASSAGES).")
    search_backend: Literal["embedded", "milvus"] = Field(
        "embedded", description="embedded: SQLite FTS5 + FAISS in the data dir; milvus: keyword (BM25) and vector search "
                                "in a Milvus collection (the SQLite catalog still holds documents and items for citations).")
    milvus_uri: str | None = Field(None, description="Milvus address (http://host:19530, a Zilliz Cloud URI) or a local "
                                                     "milvus-lite file; default: milvus.db in the data dir.")
    milvus_token: str | None = Field(None, description="Milvus credentials: 'user:password' or an API key; none when unset.")
    milvus_collection: str = Field("minutes_passages", description="The Milvus collection holding passages, vectors and filter fields.")
    abstain_threshold: float = Field(0.45, description="Answers abstain when the best sentence scores below this (cosine).")
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings, description="Weights and limits of retrieval "
                                         "and fusion (index/tuning.py); MINUTES_RETRIEVAL__<NAME>.")
    answer: AnswerSettings = Field(default_factory=AnswerSettings, description="Weights and limits that steer answers (index/tuning.py).")
    limits: LimitSettings = Field(default_factory=LimitSettings, description="Question length, hits, page sizes and the other "
                                                                             "bounds of a request (index/limits.py).")
    api_token: str | None = Field(None, description="Token required by POST /api/documents; unset disables uploads.")
    max_upload_bytes: int = Field(20_000_000, description="Largest upload accepted by POST /api/documents.")
    max_upload_request_bytes: int = Field(60_000_000, description="Largest POST /api/documents body (all files and form "
                                          "overhead); refused from its Content-Length or while streaming, before it is stored.")
    writer_wait_s: float = Field(30.0, description="How long an ingest, upload or rebuild waits for another process writing "
                                                   "the same data directory before refusing with a clear message.")
    read_budget_s: float = Field(60.0, description="Wall-clock budget for reading one PDF or HTML file (in a worker process "
                                                   "that is killed past it); 0 reads in-process without a budget.")
    read_memory_mb: int = Field(2048, description="Address-space limit of the worker process that reads one file.")
    ingest_workers: int = Field(0, ge=0, description="Processes that segment and chunk a batch of files while the ingesting "
                                                "process stores them; 0: one per core (at most 4), 1: in-process.")
    max_heavy_requests: int = Field(4, description="Searches and answers computed at once; more wait in a short queue.")
    heavy_queue: int = Field(8, description="Searches and answers waiting for a slot; beyond it a request gets 503 with Retry-After.")
    llm_base_url: str | None = Field(None, description="OpenAI-compatible chat endpoint for generated answers; off when unset.")
    llm_model: str = Field("gpt-4o-mini", description="Model name sent to the chat endpoint.")
    llm_api_key: str | None = Field(None, description="Bearer key for the chat endpoint.")
    llm_context_tokens: int = Field(3000, description="tiktoken budget for passages sent to the chat model.")
    public_url: str = Field("http://127.0.0.1:8000", description="The service's address as readers see it; links in feeds and digests start with it.")
    follows_open: bool = Field(True, description="Anyone may create a follow (feed only); false: creating one needs MINUTES_API_TOKEN.")
    max_follows: int = Field(10_000, description="Most follows stored; creating more is refused.")
    smtp_host: str | None = Field(None, description="SMTP server for follow digests; digests are off when unset.")
    smtp_port: int = Field(25, description="SMTP port (587 with STARTTLS, 465 for SMTP over TLS).")
    smtp_user: str | None = Field(None, description="SMTP login; none when unset.")
    smtp_password: str | None = Field(None, description="SMTP password.")
    smtp_from: str = Field("minutes@localhost", description="The From address of digests.")
    smtp_security: str = Field("none", pattern="^(none|starttls|tls)$", description="none, starttls or tls (SMTP over TLS).")

    @property
    def db_path(self) -> Path:
        return self.data_dir / "minutes.db"

    @property
    def milvus_address(self) -> str:
        return self.milvus_uri or str(self.data_dir / "milvus.db")

    @property
    def vectors_path(self) -> Path:
        return self.data_dir / "vectors.faiss"
