"""The learned model's file: named numpy arrays plus a JSON header, in a deflated .npz zip.

numpy's own `savez` stamps each member with the current time; members here carry a fixed date, so
the same model gives the same bytes (a retrain is reproducible byte for byte). A member that deflate
cannot shrink by a tenth (hashed term keys) is stored as it is, which spares inflating it on every load.
Arrays load with `allow_pickle=False`: the file is data, never code.
"""
from __future__ import annotations

import io
import json
import zipfile
import zlib
from pathlib import Path
from typing import Any

import numpy as np

INFO = "info.json"
_FIXED_DATE = (2020, 1, 1, 0, 0, 0)


def save(path: Path, arrays: dict[str, np.ndarray], info: dict[str, Any]) -> None:
    """Write `arrays` (name -> array) and `info` (JSON-ready) to `path`, deterministically."""
    tmp = path.with_name(f".{path.name}.tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        member = zipfile.ZipInfo(INFO, _FIXED_DATE)
        member.compress_type = zipfile.ZIP_DEFLATED
        zf.writestr(member, json.dumps(info, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            data = buffer.getvalue()
            member = zipfile.ZipInfo(f"{name}.npy", _FIXED_DATE)
            shrinks = len(zlib.compress(data)) < 0.9 * len(data)
            member.compress_type = zipfile.ZIP_DEFLATED if shrinks else zipfile.ZIP_STORED
            zf.writestr(member, data)
    tmp.replace(path)


def load(path: Path) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The arrays and the info stored at `path`."""
    arrays: dict[str, np.ndarray] = {}
    with zipfile.ZipFile(path) as zf:
        info = json.loads(zf.read(INFO).decode("utf-8"))
        for name in zf.namelist():
            if name.endswith(".npy"):
                arrays[name[:-4]] = np.lib.format.read_array(io.BytesIO(zf.read(name)), allow_pickle=False)
    return arrays, info
