"""Export the bundled sentence model to ONNX once, quantise it to int8 per channel, and cache it beside a description."""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

EXPORT_VERSION = 1  # bump when the exported graph changes


def model_fingerprint(model_path: Path) -> str:
    """Changes when the weights or the export recipe change, so a stale cached export is never reused."""
    weights = next((p for p in (model_path / "model.safetensors", model_path / "pytorch_model.bin") if p.is_file()), None)
    stat = f"{weights.stat().st_size}:{weights.stat().st_mtime_ns}" if weights else "none"
    return hashlib.sha256(f"{model_path.resolve()}|{stat}|v{EXPORT_VERSION}".encode()).hexdigest()[:12]


def cached_onnx(model_path: Path, cache_dir: Path, quantize: bool = True) -> Path:
    """Path of the (quantised) ONNX model for `model_path`, exporting it first if the cache lacks it."""
    from filelock import FileLock

    folder = Path(cache_dir) / "onnx" / model_fingerprint(model_path)
    target = folder / ("model-int8.onnx" if quantize else "model.onnx")
    if target.is_file():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    # One process exports, the others wait and reuse its files: onnxruntime's quantiser writes a scratch model under a
    # fixed name beside its input, so two processes quantising at once (workers starting together on a fresh machine)
    # read each other's half-written scratch file.
    with FileLock(str(folder / ".export.lock")):
        if target.is_file():
            return target
        fp32 = folder / "model.onnx"
        if not fp32.is_file():
            _export(model_path, fp32)
        if quantize:
            _quantize(fp32, target)
        (folder / "description.json").write_text(json.dumps({"model_path": str(model_path), "export_version": EXPORT_VERSION,
                                                             "quantization": "int8 dynamic, per channel"}, indent=1))
    return target


def _export(model_path: Path, out: Path):
    """Transformer + mean pooling + L2 normalisation in one graph: outputs the sentence vector directly."""
    import torch
    from transformers import AutoModel

    class Sentence(torch.nn.Module):
        def __init__(self, encoder):
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)[0]
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    import warnings

    warnings.filterwarnings("ignore", module=r"(torch|transformers)\.")  # tracer notes about shapes known to be dynamic
    model = Sentence(AutoModel.from_pretrained(str(model_path))).eval()
    ids = torch.ones((2, 8), dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp, torch.no_grad():
        tmp_out = Path(tmp) / out.name
        torch.onnx.export(model, (ids, ids, torch.zeros_like(ids)), str(tmp_out), dynamo=False,
                          input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["embedding"],
                          dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_type_ids": axes, "embedding": {0: "batch"}},
                          opset_version=17)
        os.replace(tmp_out, out)  # atomic: a crash mid-export never leaves a half-written model in the cache


def _quantize(fp32: Path, out: Path):
    """Per-channel int8 weights: per-tensor scales lost too much (cosine to fp32 about 0.94 vs 0.994)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory(dir=out.parent) as tmp_dir:  # a private name: two processes may export at once
        tmp = Path(tmp_dir) / out.name
        quantize_dynamic(str(fp32), str(tmp), per_channel=True, weight_type=QuantType.QInt8)
        os.replace(tmp, out)
