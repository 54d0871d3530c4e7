"""Scale: bounded streaming, the same output in any number of processes, and the Dask engine."""
from __future__ import annotations

import itertools
import json
import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest

import cleaner
from cleaner.cli import main as cli
from cleaner.io.item import Item
from cleaner.io.manifest import NAME as MANIFEST
from cleaner.run import batch

from .conftest import seed_files

CONFIG = cleaner.Config(use_model=False)


def _items(n: int) -> list[Item]:
    seeds = seed_files()
    return [Item(f"doc{i}", Path(f"doc{i}.txt"), data=seeds[i % len(seeds)].read_bytes()) for i in range(n)]


def _records(outcomes) -> list[tuple]:
    return [(o.item.name, o.error, o.result.to_dict() if o.result else None) for o in outcomes]


def test_pool_reads_ahead_a_bounded_window():
    """With 2 workers at most 2 * WINDOW_PER_WORKER documents are taken from the input ahead of the output."""
    taken = []

    def source():
        for item in itertools.cycle(_items(5)):
            taken.append(item)
            yield item

    outcomes = batch.run(source(), CONFIG, jobs=2)
    for _ in range(10):
        next(outcomes)
    assert len(taken) <= 10 + 2 * batch.WINDOW_PER_WORKER
    outcomes.close()


def test_same_results_in_order_with_one_or_two_processes():
    """Deterministic: the pool gives exactly the single-process outcomes, in input order."""
    items = _items(12)
    items.insert(3, Item("broken", Path("broken.txt"), error="no such file or folder"))
    assert _records(batch.run(items, CONFIG, jobs=2)) == _records(batch.run(items, CONFIG, jobs=1))


def test_cli_output_identical_across_jobs(tmp_path, capsys):
    """`--jobs 1` and `--jobs 2` write byte-identical output folders."""
    src = tmp_path / "in"
    src.mkdir()
    for i, path in enumerate(seed_files() * 2):
        (src / f"{i:02d}-{path.name}").write_bytes(path.read_bytes())
    trees = []
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        assert cli.main(["clean", str(src), "-o", str(out), "--jobs", str(jobs), "--no-learn"]) == 0
        trees.append({p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.name != MANIFEST})
    capsys.readouterr()
    assert trees[0] == trees[1] and len(trees[0]) == 10


@pytest.fixture(scope="module")
def dask_client():
    """A small in-process Dask cluster of two workers."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_clean_bag_equals_single_process(dask_client):
    """clean_bag over a bag of documents gives the Results of cleaner.clean, in order; failures carry error."""
    import dask.bag as db

    from cleaner.run.distributed import clean_bag

    docs = [p.read_text(encoding="utf-8") for p in seed_files()] + [b"\x00\x01\x02" * 100]
    results = clean_bag(db.from_sequence(docs, npartitions=2), CONFIG).compute()
    expected = [cleaner.clean(d, config=CONFIG).to_dict() for d in docs[:-1]]
    assert [r.to_dict() for r in results[:-1]] == expected
    assert results[-1].text == "" and "binary data" in results[-1].error


def test_dask_engine_equals_single_process(dask_client):
    """The command's Dask engine (pointed at the cluster's scheduler) gives the single-process outcomes."""
    from cleaner.run.distributed import run

    items = _items(7)
    address = dask_client.scheduler.address
    assert _records(run(items, CONFIG, scheduler=address)) == _records(batch.run(items, CONFIG, jobs=1))


@pytest.fixture
def page(tmp_path, body):
    path = tmp_path / "page.txt"
    path.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("address", ["notanaddress", "tcp://host", "tcp://host:port", "http://host:8786"])
def test_a_scheduler_address_that_does_not_parse_is_a_usage_error(page, capsys, address):
    """`--scheduler notanaddress` ended in a traceback (after the learning pass)."""
    pytest.importorskip("distributed")
    assert cli.main(["clean", str(page), "--engine", "dask", "--scheduler", address]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"cleaner clean: error: invalid value '{address}' for --scheduler: ") and err.count("\n") == 1


def test_an_unreachable_scheduler_is_a_one_line_error(page, capsys, monkeypatch):
    """A scheduler nobody listens at gave a traceback after 30 s."""
    pytest.importorskip("distributed")
    import socket

    from cleaner.run import distributed as engine

    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", 1.5)
    with socket.socket() as closed:  # a local port bound, then freed: nothing listens there
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    assert cli.main(["clean", str(page), "--engine", "dask", "--scheduler", address]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    [line] = [line for line in err.splitlines() if "error" in line.lower()]
    assert line.startswith(f"cleaner clean: error: cannot reach the Dask scheduler at {address} ")


_PRIMED = """
import gc, json, sys
from pathlib import Path
import cleaner
from cleaner.io.item import Item
from cleaner.model import inference
from cleaner.run import batch, work
from cleaner.text import table

data = Path(sys.argv[1]).read_bytes()
items = [Item(f"doc{i}{sys.argv[2]}", Path(f"doc{i}{sys.argv[2]}"), data=data) for i in range(3)]
config = cleaner.Config(timeout=60)
outcomes = list(batch.run(items, config, jobs=2))
print(json.dumps({"model": inference.load.cache_info().currsize, "scan": table.scanner.cache_info().currsize,
                  "frozen": gc.get_freeze_count(),
                  "html": "cleaner.html.extract" in sys.modules, "errors": [o.error for o in outcomes],
                  "same": [o.result.text == work.clean_item(i, config).result.text for o, i in zip(outcomes, items)]}))
"""


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="workers are forked only on Linux")
@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_workers_are_forked_with_what_cleaning_needs_already_loaded(suffix):
    """A fresh process running documents through workers loads the model, the pattern scan (and for pages the
    HTML reader) itself before the first worker is forked, so no worker loads them again, and freezes them out
    of the cycle collector's walks; the outcomes are those of cleaning here."""
    seed = seed_files()[0]
    done = subprocess.run([sys.executable, "-c", _PRIMED, str(seed), suffix], capture_output=True, text=True,
                          timeout=120, check=True)
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["model"] == 1 and found["scan"] == 1 and found["html"] == (suffix == ".html")
    assert found["frozen"] > 10_000  # what they share is out of the workers' full collections (no copy-on-write)
    assert found["errors"] == [None] * 3 and found["same"] == [True] * 3
