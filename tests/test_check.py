"""`cleaner check`: ruff-style findings, exit status, --fix (atomic), rule selection, same-story pairs."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from cleaner.cli.main import main

from .conftest import SEEDS, SHARED

TEASER = "Top Stories\n\nA headline about the weather\n\n5h ago\n\nAnother headline on the markets\n\n2h ago"
FINDING = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<rule>[a-z_]+\.[a-z_.]+) (?P<reason>.+)$")


@pytest.fixture
def dirty(tmp_path, body):
    """A dump with a teaser block after two body paragraphs."""
    path = tmp_path / "dirty.txt"
    path.write_text(f"{body[0]}\n\n{body[1]}\n\n{TEASER}\n", encoding="utf-8")
    return path


def _findings(out: str) -> list[re.Match]:
    return [FINDING.match(line) for line in out.splitlines()]


def test_boilerplate_reported_at_its_line_with_rule_and_reason(dirty, capsys):
    assert main(["check", str(dirty)]) == 1
    captured = capsys.readouterr()
    [finding] = _findings(captured.out)
    assert finding is not None, captured.out
    assert finding["path"] == str(dirty) and finding["rule"] == "teaser.block"
    assert dirty.read_text().splitlines()[int(finding["line"]) - 1] == "Top Stories"
    assert "teaser" in finding["reason"]
    assert "found 1 problem" in captured.err


def test_clean_file_passes_silently(tmp_path, body, capsys):
    path = tmp_path / "clean.txt"
    path.write_text("\n\n".join(body) + "\n", encoding="utf-8")
    assert main(["check", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "all clean" in captured.err


def test_fix_removes_the_boilerplate_and_the_file_then_passes(dirty, body, capsys):
    assert main(["check", "--fix", str(dirty)]) == 0
    assert "[fixed]" in capsys.readouterr().out
    assert dirty.read_text(encoding="utf-8") == f"{body[0]}\n\n{body[1]}\n"
    assert main(["check", str(dirty)]) == 0


def test_failing_fix_leaves_the_file_whole(dirty, monkeypatch, capsys):
    before = dirty.read_bytes()

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    assert main(["check", "--fix", str(dirty)]) == 1
    assert "not fixed: cannot write: No space left on device" in capsys.readouterr().err
    assert dirty.read_bytes() == before
    assert sorted(p.name for p in dirty.parent.iterdir()) == ["dirty.txt"]  # no temporary file left


def test_ignore_and_select_by_prefix(dirty, capsys):
    assert main(["check", "--ignore", "teaser,model", str(dirty)]) == 0
    assert main(["check", "--select", "audio,notice", str(dirty)]) == 0
    assert main(["check", "--select", "teaser.block", str(dirty)]) == 1


def test_settings_from_pyproject(dirty, monkeypatch, capsys):
    (dirty.parent / "pyproject.toml").write_text('[tool.cleaner]\nignore = ["teaser", "model"]\n', encoding="utf-8")
    monkeypatch.chdir(dirty.parent)
    assert main(["check", "dirty.txt"]) == 0


def test_usage_errors_exit_2(tmp_path, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["check", "--no-such-option", str(tmp_path)])
    assert exc.value.code == 2
    assert main(["check"]) == 2
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_jsonl_findings_at_the_record_line_and_fix_keeps_other_records(tmp_path, body, capsys):
    path = tmp_path / "shard.jsonl"
    kept = json.dumps({"id": "a", "text": body[0] + "\u2028"}, separators=(",", ":"), ensure_ascii=False) + "\n"
    path.write_text(kept + json.dumps({"id": "b", "text": f"{body[1]}\n\n{TEASER}", "meta": {"k": 1}}) + "\n")
    assert main(["check", str(path)]) == 1
    [finding] = _findings(capsys.readouterr().out)
    assert (finding["path"], finding["line"], finding["rule"]) == (str(path), "2", "teaser.block")
    assert main(["check", "--fix", str(path)]) == 0
    first, second, end = path.read_text(encoding="utf-8").split("\n")
    assert first + "\n" == kept and end == ""  # untouched records stay byte for byte
    assert json.loads(second) == {"id": "b", "text": body[1], "meta": {"k": 1}}


def _seed_pairs() -> list[list[str]]:
    """The same-story pairs of the seed contract (../shared/seeds/expectations.json `_corpus`)."""
    contract = SHARED / "seeds" / "expectations.json"
    if not contract.is_file():
        pytest.skip(f"seed contract not found at {contract} (the shared folder is absent)")
    return json.loads(contract.read_text())["_corpus"]["near_duplicates"]


def test_same_story_pairs_on_the_seeds(capsys):
    expected = _seed_pairs()
    main(["check", "--select", "corpus", *map(str, sorted(SEEDS.glob("*.txt")))])
    pairs = []
    for finding in _findings(capsys.readouterr().out):
        assert finding["rule"] == "corpus.same_story"
        other = re.search(r"(\S+\.txt):1 \(", finding["reason"])[1]
        pairs.append(sorted([os.path.basename(other), os.path.basename(finding["path"])]))
    assert sorted(pairs) == sorted(sorted(p) for p in expected)


def test_checking_a_text_file_loads_no_html_or_corpus_stack(dirty):
    """A pre-commit hook starts often: a text file needs neither trafilatura/lxml nor datasketch/scipy."""
    code = (
        "import sys\nfrom cleaner.cli.main import main\n"
        f"main(['check', {str(dirty)!r}])\n"
        "heavy = ('trafilatura', 'lxml', 'bs4', 'datasketch', 'scipy', 'warcio', 'charset_normalizer')\n"
        "print(','.join(m for m in heavy if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.stdout.splitlines()[-1] == "", run.stdout


def test_dups_prints_the_seed_pairs_with_their_scores(capsys):
    expected = _seed_pairs()
    assert main(["dups", str(SEEDS)]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert sorted([os.path.basename(a), os.path.basename(b)] for _, _, a, b in rows) == sorted(expected)
    assert all(0.2 <= float(score) <= 1.0 and kind == "same-story" for score, kind, _, _ in rows)


LEFTOVER_TEASERS = ["Markets rally as inflation cools", "Storm leaves thousands without power",
                    "Local team wins the regional final", "New bridge opens to traffic next week",
                    "School board approves the new budget", "Airport expansion plan faces delays",
                    "Hospital adds beds for winter season", "Police appeal for witnesses after crash"]
OTHER_STORY = ["A new exhibition of early photographs opened at the national museum on Friday, drawing long "
               "queues of visitors who waited for hours to see the rarely shown prints.",
               "The curators spent three years tracing the prints through private collections in four countries "
               "before the museum could bring them together for the first time."]


def test_dups_compares_bodies_so_leftover_teasers_make_no_pair(tmp_path, body, capsys):
    """Two stories sharing a run of teaser headlines the cleaning left in (here: no rule runs) are no pair;
    the same story under different headlines still is."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("\n\n".join(body[:2] + LEFTOVER_TEASERS), encoding="utf-8")
    (folder / "b.txt").write_text("\n\n".join(OTHER_STORY + LEFTOVER_TEASERS), encoding="utf-8")
    (folder / "c.txt").write_text("\n\n".join(LEFTOVER_TEASERS[:3] + body[:2]), encoding="utf-8")
    assert main(["dups", str(folder), "--no-model", "--select", "audio.duration"]) == 0  # no rule that fires here
    pairs = {tuple(sorted(os.path.basename(p) for p in line.split("\t")[2:])) for line in capsys.readouterr().out.splitlines()}
    assert pairs == {("a.txt", "c.txt")}


def test_finding_shows_an_excerpt_of_the_offending_text(tmp_path, body, capsys):
    path = tmp_path / "page.txt"
    long_line = "Subscribe to our newsletter for the best stories of the week, delivered every Sunday morning"
    path.write_text(f"{body[0]}\n\nShare this article\n\n{body[1]}\n\n{TEASER}\n\n{long_line}\n", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{path}:3: social.share ") and lines[0].endswith(': "Share this article"')
    assert lines[1].startswith(f"{path}:7: teaser.block ") and lines[1].endswith(': "Top Stories" (+4 lines)')
    assert lines[2].endswith(f': "{long_line[:59]}…"')


def test_excerpt_never_prints_control_characters():
    from cleaner.cli.check import excerpt

    assert excerpt("Share \x1b[2J\x07 this\nsecond line") == '"Share \\u001b[2J\\u0007 this" (+1 line)'
    assert excerpt('He said "share"') == '"He said \\"share\\""'



def test_noqa_keeps_a_line_from_being_reported_or_fixed(tmp_path, body, capsys):
    path = tmp_path / "page.txt"
    path.write_text(f"{body[0]}\n\nShare this article  # cleaner: noqa\n\nAdvertisement # cleaner: noqa: social\n\n"
                    f"Sign up for our newsletter # cleaner: NOQA: promo, social\n\n{body[1]}\n", encoding="utf-8")
    assert main(["check", str(path)]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{path}:5: ad.marker ")  # noqa: social does not cover an advertisement marker
    assert main(["check", "--fix", str(path)]) == 0
    assert path.read_text(encoding="utf-8") == (
        f"{body[0]}\n\nShare this article  # cleaner: noqa\n\nSign up for our newsletter # cleaner: NOQA: promo, social"
        f"\n\n{body[1]}\n")
    assert main(["check", str(path)]) == 0


def test_noqa_line_is_read_without_its_marker(body):
    """The marker keeps its own line only: the teaser block under a kept heading is still found."""
    import cleaner

    result = cleaner.clean(f"{body[0]}\n\n" + TEASER.replace("Top Stories", "Top Stories # cleaner: noqa"))
    assert result.text == f"{body[0]}\n\nTop Stories # cleaner: noqa"
    assert [(s.start_line, s.rule) for s in result.removed] == [(5, "teaser.block")]
