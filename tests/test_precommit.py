"""The pre-commit hook: the snippets the README and docs/corpus.md tell users to paste work with the real
pre-commit, and name no release that does not exist (issue 22: `rev: v0.1.0` named no tag).

For the hook repository form, pre-commit builds the package in its own virtualenv (marked slow; see
HOOK_ENV). The hook repository is a snapshot of
the package named after a hash of its content, committed with fixed dates: while the code does not
change, pre-commit reuses the environment it installed before.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from cleaner import __version__

from .conftest import ROOT

PRE_COMMIT = shutil.which("pre-commit")
needs_pre_commit = pytest.mark.skipif(PRE_COMMIT is None, reason="pre-commit is not installed (pip install pre-commit)")
DOCUMENTED = (ROOT / "README.md", ROOT / "docs" / "corpus.md")

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


# pre-commit builds the hook's virtualenv with the site packages of the interpreter running the tests, so
# it installs the package itself and finds its dependencies installed (not downloaded again: a minute);
# both repository tests name the same repository and commit, so the second reuses the first's environment.
HOOK_ENV = {**os.environ, **GIT_ENV, "VIRTUALENV_SYSTEM_SITE_PACKAGES": "1"}


def _commit(repo: Path) -> str:
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True,
                          check=True).stdout.strip()


def _try_hook(hook_repo: Path, project: Path, hook: str, file: str) -> subprocess.CompletedProcess:
    """`hook` of the hook repository at its commit, run by pre-commit on `file` of `project`."""
    config = (f"repos:\n  - repo: {hook_repo}\n    rev: {_commit(hook_repo)}\n    hooks:\n"
              "      - id: cleaner-check\n      - id: cleaner-fix\n")
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _git(project, "add", ".pre-commit-config.yaml")  # pre-commit refuses an unstaged configuration
    return subprocess.run([PRE_COMMIT, "run", hook, "--files", file], cwd=project, capture_output=True, text=True,
                          timeout=900, env=HOOK_ENV)


@pytest.mark.slow  # pre-commit installs the package into a fresh virtualenv
@needs_pre_commit
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


def _snippets() -> list[tuple[str, str]]:
    """Every `.pre-commit-config.yaml` snippet of the documentation: (file name, snippet)."""
    return [(path.name, block) for path in DOCUMENTED
            for block in re.findall(r"```yaml\n(repos:\n.*?)```", path.read_text("utf-8"), re.S)]


def _project(tmp_path: Path, config: str, body: list[str]) -> Path:
    """A git project with the hook configuration, a dirty and a clean corpus file."""
    project = tmp_path / "corpus-project"
    project.mkdir()
    _git(project, "init", "-q")
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (project / "dirty.txt").write_text(f"{body[0]}\n\n{TEASER}", encoding="utf-8")
    (project / "clean.txt").write_text(f"{body[0]}\n\n{body[1]}\n", encoding="utf-8")
    _git(project, "add", "-A")
    return project


def _run(project: Path, file: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([PRE_COMMIT, "run", "--files", file], cwd=project, capture_output=True, text=True,
                          timeout=900, env=env)


def test_every_documented_rev_names_a_release_that_exists():
    """`rev: v0.1.0` named a tag the repository does not have, so pre-commit failed to install the hook.
    A documented rev is a full commit hash (a placeholder to fill in), or the tag of this version, which
    must then exist."""
    revs = [rev for _, snippet in _snippets() for rev in re.findall(r"^\s*rev:\s*(\S+)", snippet, re.M)]
    tags = subprocess.run(["git", "tag", "--list"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    assert revs
    for rev in revs:
        assert re.fullmatch(r"[0-9a-f]{40}", rev) or (rev == f"v{__version__}" and rev in tags), rev


def test_the_documented_repository_hooks_are_the_repositorys():
    hooks = re.findall(r"^- id: (\S+)", (ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"), re.M)
    named = {hook for _, snippet in _snippets() if "rev:" in snippet for hook in re.findall(r"- id: (\S+)", snippet)}
    assert named and named <= set(hooks)


@needs_pre_commit
def test_the_documented_local_hook_works_with_pre_commit(tmp_path, body):
    """The `repo: local` snippet, pasted as it is, runs the installed `cleaner check` under pre-commit."""
    [readme] = [snippet for name, snippet in _snippets() if name == "README.md"]
    assert "repo: local" in readme and readme in [snippet for name, snippet in _snippets() if name == "corpus.md"]
    bin_dir = tmp_path / "bin"  # `cleaner` on the PATH: this checkout, as `pip install -e .` installs it
    bin_dir.mkdir()
    (bin_dir / "cleaner").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m cleaner "$@"\n')
    (bin_dir / "cleaner").chmod(0o755)
    env = {**os.environ, **GIT_ENV, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}
    project = _project(tmp_path, readme, body)

    dirty = _run(project, "dirty.txt", env)
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    assert "dirty.txt:3: teaser.block" in dirty.stdout
    clean = _run(project, "clean.txt", env)
    assert clean.returncode == 0, clean.stdout + clean.stderr


@pytest.mark.slow  # pre-commit installs the package into its own virtualenv
@needs_pre_commit
def test_the_documented_repository_hook_works_at_a_commit(hook_repo, tmp_path, body):
    """The snippet naming the repository and a commit as `rev`, with this package's repository and commit."""
    [remote] = [snippet for name, snippet in _snippets() if name == "corpus.md" and "rev:" in snippet]
    config = re.sub(r"rev: \S+", f"rev: {_commit(hook_repo)}", re.sub(r"repo: \S+", f"repo: {hook_repo}", remote, count=1))
    project = _project(tmp_path, config, body)
    dirty = _run(project, "dirty.txt", HOOK_ENV)
    assert dirty.returncode == 1, dirty.stdout + dirty.stderr
    assert "dirty.txt:3: teaser.block" in dirty.stdout
