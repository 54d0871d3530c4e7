"""The pre-commit hook, installed by the real pre-commit framework from this repository.

pre-commit builds the package in its own virtualenv (dependencies from the package index), so the
first run takes about a minute. The hook repository is a snapshot of the package named after a
hash of its content, committed with fixed dates: while the code does not change, pre-commit
reuses the environment it installed before.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from .conftest import ROOT

PRE_COMMIT = shutil.which("pre-commit")
# slow: pre-commit installs the package and its dependencies into a fresh virtualenv (about a minute).
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install pre-commit)")]

SNAPSHOT = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "cleaner")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "cleaner tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "cleaner tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z",
}
TEASER = "Top Stories\n\nA headline about the weather\n\n5h ago\n\nAnother headline on the markets\n\n2h ago\n"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def _files(root: Path) -> list[Path]:
    """The files of the package snapshot, without caches."""
    out = []
    for name in SNAPSHOT:
        path = root / name
        if path.is_file():
            out.append(path)
        elif path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return out


@pytest.fixture(scope="module")
def hook_repo() -> Path:
    """A git repository holding the current package and its .pre-commit-hooks.yaml."""
    files = _files(ROOT)
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes())
    repo = Path(tempfile.gettempdir()) / f"cleaner-hook-repo-{digest.hexdigest()[:16]}"
    if not (repo / ".git").is_dir():
        staging = Path(tempfile.mkdtemp(prefix="cleaner-hook-repo-"))
        for path in files:
            target = staging / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
        if not (staging / "README.md").exists():
            (staging / "README.md").write_text("cleaner\n")  # pyproject.toml names a readme
        _git(staging, "init", "-q")
        _git(staging, "add", "-A")
        _git(staging, "commit", "-q", "-m", "snapshot")
        staging.rename(repo)
    return repo


def _try_hook(hook_repo: Path, project: Path, hook: str, file: str) -> subprocess.CompletedProcess:
    return subprocess.run([PRE_COMMIT, "try-repo", str(hook_repo), hook, "--files", file],
                          cwd=project, capture_output=True, text=True, timeout=900)


def test_hook_fails_on_a_dirty_corpus_file_and_passes_on_a_clean_one(hook_repo, tmp_path, body):
    project = tmp_path / "corpus-project"
    project.mkdir()
    _git(project, "init", "-q")
    (project / "dirty.txt").write_text(f"{body[0]}\n\n{TEASER}", encoding="utf-8")
    (project / "clean.txt").write_text(f"{body[0]}\n\n{body[1]}\n", encoding="utf-8")
    _git(project, "add", "-A")

    dirty = _try_hook(hook_repo, project, "cleaner-check", "dirty.txt")
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    assert "dirty.txt:3: teaser.block" in dirty.stdout

    clean = _try_hook(hook_repo, project, "cleaner-check", "clean.txt")
    assert clean.returncode == 0, clean.stdout + clean.stderr

    fixed = _try_hook(hook_repo, project, "cleaner-fix", "dirty.txt")
    assert fixed.returncode == 1  # pre-commit fails a hook that changed files
    assert (project / "dirty.txt").read_text(encoding="utf-8") == body[0] + "\n"
