"""The benchmark's results as a Markdown table (one row per run, so sizes sit side by side)."""
from __future__ import annotations

COLUMNS = [
    ("passages", "passages", "{:,}"), ("vectors", "vectors", "{}"), ("backend", "embedder", "{}"), ("keyword_engine", "keywords", "{}"),
    ("index_kind", "index", "{}"),
    ("ingest_passages_per_s", "ingest /s", "{:.1f}"), ("embed_passages_per_s", "raw embed /s", "{:.1f}"),
    ("keyword_p50_ms", "keyword p50/p95", "{:.1f}", "keyword_p95_ms"), ("dense_p50_ms", "dense p50/p95", "{:.1f}", "dense_p95_ms"),
    ("hybrid_p50_ms", "hybrid p50/p95/p99", "{:.1f}", "hybrid_p95_ms", "hybrid_p99_ms"), ("hybrid_cpu_p50_ms", "hybrid CPU p50/p95", "{:.1f}", "hybrid_cpu_p95_ms"),
    ("ask_p50_ms", "ask p50/p95", "{:.1f}", "ask_p95_ms"),
    ("http_search_p50_ms", "HTTP search p50/p95", "{:.1f}", "http_search_p95_ms"), ("dense_recall_at_10", "dense R@10", "{:.3f}"),
    ("rss_mb", "service RSS MB", "{:,.0f}"), ("disk_mb", "disk MB", "{:,.0f}"), ("cold_start_s", "cold start s", "{:.2f}"),
]


def _cell(result: dict, spec) -> str:
    key, _, fmt, *more = spec
    values = [result.get(k) for k in (key, *more)]
    if values[0] is None:
        return "–"
    return " / ".join(fmt.format(v) if isinstance(v, (int, float)) else str(v) for v in values if v is not None)


def markdown(results: list[dict]) -> str:
    head = "| " + " | ".join(c[1] for c in COLUMNS) + " |"
    rule = "|" + "|".join("---" for _ in COLUMNS) + "|"
    rows = ["| " + " | ".join(_cell(r, c) for c in COLUMNS) + " |" for r in results]
    notes = sorted({f"{r.get('cores')} cores, {r.get('date')}" for r in results})
    loads = [str(r["load_average"]) for r in results if r.get("load_average") is not None]
    if loads:
        notes.append("load average during the runs " + ", ".join(loads))
    return "\n".join([head, rule, *rows, "", "Times in ms unless marked; " + "; ".join(notes) + "."]) + "\n"
