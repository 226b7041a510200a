"""The Milvus collection: one row per passage with its vector, its keyword terms (BM25 computed by Milvus) and the
scalar fields filters use. Rows are built from the SQLite catalog and the vectors the embedder made."""
from __future__ import annotations

import json

import numpy as np

from search.backends.terms import stems

TEXT_MAX = 65_535  # VARCHAR limit; passages are a few hundred words, their terms far below it
# FTS5 scores the passage (weight 1.0) and its context (0.4) as one document with weighted term counts. Milvus counts
# whole tokens, so the weights become repetitions, 5 : 2 (= 1.0 : 0.4), and k1 grows by the same factor (2.5), which
# keeps each term's saturation where FTS5 has it. Measured on the dev set: two separate BM25 fields summed 1.0/0.4
# lose 0.11 of hybrid Recall@5; this form matches the embedded figures (README, "Scaling out").
CLEAN_REPEAT, CONTEXT_REPEAT = 5, 2
BM25_K1, BM25_B = 1.2 * 2.5, 0.75  # FTS5's bm25() constants, k1 scaled as above


SCHEMA_VERSION = 1  # the fields and keyword weighting below
PROPERTY = "minutes.built_with"  # collection property holding label(): a saved index describes itself


def label(description: dict) -> str:
    """What the collection was built with (model, chunker, settings hash, dimension), kept as its description."""
    return json.dumps({"schema": SCHEMA_VERSION, **description}, sort_keys=True)


def create(client, name: str, description: dict):
    """Create the collection with its BM25 function and indexes (exact inner product: normalised vectors, cosine)."""
    from pymilvus import DataType, Function, FunctionType

    dimension = int(description["dimension"])
    schema = client.create_schema(auto_id=False, description="council minutes passages")
    schema.add_field("id", DataType.INT64, is_primary=True, description="passage id in the SQLite catalog")
    schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dimension)
    # the passage's words and its item context (title, body, date, acronyms), stemmed as FTS5 stems them (terms.py)
    schema.add_field("terms", DataType.VARCHAR, max_length=TEXT_MAX, enable_analyzer=True, analyzer_params={"tokenizer": "standard"})
    schema.add_field("terms_bm25", DataType.SPARSE_FLOAT_VECTOR)
    schema.add_function(Function(name="terms_bm25_fn", function_type=FunctionType.BM25,
                                 input_field_names=["terms"], output_field_names=["terms_bm25"]))
    schema.add_field("committee_key", DataType.VARCHAR, max_length=1024, description="committee, lower case (case-blind LIKE)")
    schema.add_field("meeting_date", DataType.VARCHAR, max_length=16, description="YYYY-MM-DD, empty when undated")
    schema.add_field("document", DataType.VARCHAR, max_length=1024)
    schema.add_field("kind", DataType.VARCHAR, max_length=64, description="item kind")
    schema.add_field("is_resolution", DataType.BOOL)
    schema.add_field("has_decision", DataType.BOOL)
    schema.add_field("outcomes", DataType.VARCHAR, max_length=256, description="' carried noted ': the item's outcomes, space-padded")
    index = client.prepare_index_params()
    index.add_index("vector", index_type="FLAT", metric_type="IP")  # exact: as the embedded index below 50k; a cluster may use AUTOINDEX
    index.add_index("terms_bm25", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                    params={"bm25_k1": BM25_K1, "bm25_b": BM25_B})
    client.create_collection(name, schema=schema, index_params=index)
    client.alter_collection_properties(name, properties={PROPERTY: label(description)})


def built_with(client, name: str) -> str:
    """The label a collection was created with ('' for one made elsewhere)."""
    return (client.describe_collection(name).get("properties") or {}).get(PROPERTY, "")


def rows(store, ids: list[int], vectors: np.ndarray) -> list[dict]:
    """Collection rows for these passage ids (vectors in the same order); ids gone from the catalog are skipped."""
    if not ids:
        return []
    found = store.backend_rows(ids)
    keep = [(pid, vec) for pid, vec in zip(ids, vectors) if pid in found]
    clean = stems([found[pid]["fts_clean"] for pid, _ in keep])
    context = stems([found[pid]["fts_context"] for pid, _ in keep])
    out = []
    for (pid, vec), c_terms, x_terms in zip(keep, clean, context):
        r = found[pid]
        out.append({
            "id": int(pid), "vector": np.asarray(vec, dtype="float32").tolist(),
            "terms": weighted_terms(c_terms, x_terms),
            "committee_key": (r["committee"] or "").lower()[:1024], "meeting_date": r["meeting_date"] or "",
            "document": r["document"][:1024], "kind": r["kind"] or "", "is_resolution": bool(r["is_resolution"]),
            "has_decision": bool(r["n_decisions"]), "outcomes": f" {r['outcomes'] or ''} ",
        })
    return out


def weighted_terms(clean: str, context: str) -> str:
    """One keyword document: the passage's terms and its context's, repeated in the ratio of FTS5's column weights."""
    context = context[:1000]
    room = (TEXT_MAX - CONTEXT_REPEAT * (len(context) + 1)) // CLEAN_REPEAT - 1  # passages are far shorter; kept bounded
    return " ".join([clean[:room]] * CLEAN_REPEAT + [context] * CONTEXT_REPEAT)
