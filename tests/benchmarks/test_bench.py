"""`minutes bench` at a tiny size: the keys the issue names, sane values, and a clear error for bad input (no timings asserted)."""
from __future__ import annotations

import json

import pytest

from api.cli import main as cli_main
from benchmarks.run import REQUIRED_KEYS


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    code = cli_main(["bench", "--passages", "60", "--real-max", "40", "--json", str(out)])
    return code, json.loads(out.read_text()), out.with_suffix(".md").read_text()


def test_bench_writes_every_named_key_for_exactly_n_passages(tiny_run):
    code, result, _ = tiny_run
    assert code == 0
    assert set(REQUIRED_KEYS) <= set(result)
    assert result["passages"] == 60
    assert result["vectors"] == "derived" and result["real_passages"] == 40  # 20 passages got vectors derived from real ones
    assert result["backend"] in ("onnx", "torch")
    assert 0.0 <= result["dense_recall_at_10"] <= 1.0
    for key in REQUIRED_KEYS:
        if key.endswith(("_ms", "_s", "_mb", "_per_s")):
            assert result[key] > 0, key
    for mode in ("keyword", "dense", "hybrid", "ask", "http_search"):
        assert result[f"{mode}_p50_ms"] <= result[f"{mode}_p95_ms"] <= result[f"{mode}_p99_ms"]
    assert result["disk_mb"] > 0 and result["index_kind"] == "flat"


def test_bench_markdown_table_has_one_row_per_run(tiny_run):
    _, result, table = tiny_run
    lines = [line for line in table.splitlines() if line.startswith("|")]
    assert len(lines) == 3 and "hybrid p50/p95/p99" in lines[0]
    assert lines[2].startswith("| 60 | derived |")


def test_all_real_vectors_when_n_is_small(tmp_path):
    out = tmp_path / "real.json"
    assert cli_main(["bench", "--passages", "25", "--real-max", "100", "--no-http", "--no-ask", "--json", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["passages"] == 25 and result["vectors"] == "real" and result["dense_recall_at_10"] == 1.0
    assert result["rss_mb"] is None and result["cold_start_s"] is None  # not measured, and said so


def test_bad_sizes_are_refused_with_a_message(tmp_path, capsys):
    assert cli_main(["bench", "--passages", "0", "--json", str(tmp_path / "x.json")]) == 2
    assert "--passages must be at least 1" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()
