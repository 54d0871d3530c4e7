"""`cleaner learn` and the `profile.learned` rule: a site's template lines are learned, prose is not."""
from __future__ import annotations

import json
import random

import pytest

from cleaner.cli.main import main
from cleaner.corpus.profile import Profile

FOOTER = "Harbour Gazette is published by Coastline Media Group of Portsmouth."
STOCK_PHRASE = "The company did not immediately respond to a request for comment."
WORDS = ("council harbour ferry budget vote residents planning station engineers museum school river bridge "
         "market weather storm farmers festival library hospital nurses rail tunnel mayor housing rent "
         "teachers union fishing fleet port tourism road repairs volunteers park election court judge").split()


def _article(rng: random.Random, with_phrase: bool) -> str:
    sentences = [" ".join(rng.choice(WORDS) for _ in range(16)).capitalize() + "." for _ in range(4)]
    if with_phrase:
        sentences.insert(2, STOCK_PHRASE)
    return "\n\n".join(sentences) + "\n\n" + FOOTER + "\n"


def _site(folder, documents: int, phrase_in: int) -> None:
    """A site's folder: every page ends with the footer; the stock phrase is in `phrase_in` of them."""
    folder.mkdir(parents=True)
    rng = random.Random(documents)
    for i in range(documents):
        (folder / f"page{i:03d}.txt").write_text(_article(rng, i < phrase_in), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path):
    """30 pages of one site; the stock phrase of prose is on 5 of them (a sixth: under the share)."""
    _site(tmp_path / "corpus" / "gazette", 30, phrase_in=5)
    return tmp_path / "corpus"


def test_learn_keeps_the_site_template_and_not_a_stock_phrase_of_prose(corpus, tmp_path, capsys):
    profile_path = tmp_path / "profile.json"
    assert main(["learn", str(corpus), "-o", str(profile_path)]) == 0
    assert "gazette: 30 document(s), 1 boilerplate line(s) learned" in capsys.readouterr().err
    profile = Profile.load(profile_path)
    assert profile.doc_frequency(FOOTER, "gazette") == 30
    assert profile.doc_frequency(STOCK_PHRASE, "gazette") == 0

    page = corpus / "gazette" / "page001.txt"
    assert main(["clean", "--profile", str(profile_path), str(page)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert FOOTER not in record["text"] and STOCK_PHRASE in record["text"]
    [removed] = record["removed"]
    assert removed["rule"] == "profile.learned"
    assert removed["reason"] == "line recurs across many documents of this site (learned profile)"
    assert removed["evidence"]["documents"] == 30


def test_check_with_a_profile_reports_the_learned_line(corpus, tmp_path, capsys):
    profile_path = tmp_path / "profile.json"
    main(["learn", str(corpus), "-o", str(profile_path)])
    page = corpus / "gazette" / "page002.txt"
    assert main(["check", "--profile", str(profile_path), str(page)]) == 1
    [line] = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{page}:11: profile.learned ")
    assert main(["check", str(page)]) == 0


def test_clean_learns_from_a_large_enough_folder_by_itself(corpus, tmp_path, capsys):
    # --no-model: the learned cleaner reads the publisher footer as furniture too; this is about the profile
    assert main(["clean", "--no-model", str(corpus), "-o", str(tmp_path / "out")]) == 0
    assert "learned 1 repeated line(s) from 1 site(s)" in capsys.readouterr().err
    text = (tmp_path / "out" / "gazette" / "page007.txt").read_text()
    assert FOOTER not in text and text.strip()

    assert main(["clean", "--no-model", "--no-learn", str(corpus), "-o", str(tmp_path / "out2")]) == 0
    assert FOOTER in (tmp_path / "out2" / "gazette" / "page007.txt").read_text()


def test_a_small_folder_is_not_learned_from(tmp_path, capsys):
    _site(tmp_path / "small" / "gazette", 10, phrase_in=0)
    assert main(["clean", "--no-model", str(tmp_path / "small"), "-o", str(tmp_path / "out")]) == 0
    assert "learned" not in capsys.readouterr().err
    assert FOOTER in (tmp_path / "out" / "gazette" / "page003.txt").read_text()


def test_jsonl_records_are_grouped_by_url_host(tmp_path, capsys):
    rng = random.Random(7)
    shard = tmp_path / "shard.jsonl"
    with shard.open("w") as fh:
        for i in range(12):
            host = "www.gazette.example" if i % 2 else "news.other.example"
            fh.write(json.dumps({"id": i, "text": _article(rng, False),
                                 "metadata": {"url": f"https://{host}/story/{i}"}}) + "\n")
    assert main(["learn", str(shard), "-o", str(tmp_path / "p.json")]) == 0
    profile = Profile.load(tmp_path / "p.json")
    assert sorted(profile.sites) == ["gazette.example", "news.other.example"]
    assert profile.doc_frequency(FOOTER, "gazette.example") == 6


def test_learn_show_prints_the_learned_lines_and_the_profile_keeps_them(corpus, tmp_path, capsys):
    profile_path = tmp_path / "profile.json"
    assert main(["learn", str(corpus), "-o", str(profile_path), "--show"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["# gazette: 1 line(s) learned from 30 document(s)", f"    30  {FOOTER}"]
    data = json.loads(profile_path.read_text(encoding="utf-8"))
    [site] = data["sites"]
    assert list(site["texts"].values()) == [FOOTER] and list(site["texts"]) == list(site["lines"])
    assert Profile.load(profile_path).sites["gazette"].learned() == [(30, FOOTER)]


def test_learn_show_without_output_only_prints(corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["learn", str(corpus), "--show"]) == 0
    assert FOOTER in capsys.readouterr().out and list(tmp_path.iterdir()) == [tmp_path / "corpus"]
    assert main(["learn", str(corpus)]) == 2  # neither -o nor --show: nothing would come of it
    assert "give -o FILE" in capsys.readouterr().err


def test_a_profile_without_texts_still_loads(corpus, tmp_path, capsys):
    """Profiles written before the texts were kept load as before; --show says the text is not known."""
    profile_path = tmp_path / "profile.json"
    main(["learn", str(corpus), "-o", str(profile_path)])
    data = json.loads(profile_path.read_text(encoding="utf-8"))
    del data["sites"][0]["texts"]
    profile_path.write_text(json.dumps(data), encoding="utf-8")
    assert Profile.load(profile_path).doc_frequency(FOOTER, "gazette") == 30
    page = corpus / "gazette" / "page001.txt"
    assert main(["check", "--profile", str(profile_path), str(page)]) == 1
