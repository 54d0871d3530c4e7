"""JSONL (datatrove/Dolma shape, gzip or not) and WARC inputs: records in, cleaned records out."""
from __future__ import annotations

import gzip
import io
import json

from cleaner.cli.main import main

TEASER = "Top Stories\n\nA headline about the weather\n\n5h ago\n\nAnother headline on the markets\n\n2h ago"


def _records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def _write_jsonl(path, records, compress=False):
    data = "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)


def test_jsonl_record_keeps_its_fields_and_gets_clean_text(tmp_path, capsys, body):
    source = tmp_path / "shard.jsonl"
    record = {"id": "doc-1", "text": body[0] + "\n\n" + TEASER, "source": "crawl-7",
              "metadata": {"url": "https://www.example.com/a", "lang": "en"}}
    _write_jsonl(source, [record])
    assert main(["clean", str(source)]) == 0
    [out] = _records(capsys.readouterr().out)
    assert out["id"] == "doc-1" and out["source"] == "crawl-7"
    assert out["text"] == body[0]
    assert out["metadata"]["url"] == "https://www.example.com/a" and out["metadata"]["lang"] == "en"
    assert [r["rule"] for r in out["removed"]] == ["teaser.block"]


def test_gzip_jsonl_with_another_text_field(tmp_path, capsys, body):
    source = tmp_path / "shard.jsonl.gz"
    _write_jsonl(source, [{"id": 1, "content": body[1] + "\n\n" + TEASER}, {"id": 2, "content": body[2]}],
                 compress=True)
    assert main(["clean", "--text-field", "content", str(source)]) == 0
    out = _records(capsys.readouterr().out)
    assert [(r["id"], r["content"]) for r in out] == [(1, body[1]), (2, body[2])]
    assert "text" not in out[0]


def test_a_bad_record_is_named_and_the_others_are_cleaned(tmp_path, capsys, body):
    source = tmp_path / "shard.jsonl"
    lines = [json.dumps({"id": "a", "text": body[0]}), "{broken", json.dumps({"id": "c", "body": body[1]}),
             json.dumps({"id": "d", "text": body[2]})]
    source.write_text("\n".join(lines) + "\n")
    assert main(["clean", str(source)]) == 1
    captured = capsys.readouterr()
    assert [r["id"] for r in _records(captured.out)] == ["a", "d"]
    assert f"{source}:2: not a JSON record" in captured.err
    assert f"{source}:3: record has no string field 'text'" in captured.err


def test_jsonl_folder_mirrored_as_jsonl_files(tmp_path, body):
    (tmp_path / "in" / "site").mkdir(parents=True)
    _write_jsonl(tmp_path / "in" / "site" / "part-0.jsonl.gz",
                 [{"id": "x", "text": body[0] + "\n\n" + TEASER}], compress=True)
    assert main(["clean", "--no-learn", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 0
    written = tmp_path / "out" / "site" / "part-0.jsonl"
    assert [(r["id"], r["text"]) for r in _records(written.read_text())] == [("x", body[0])]


def _warc(path, pages: list[tuple[str, str, bytes]], compress: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=compress)
        for url, content_type, payload in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                                          http_headers=headers))


def _page(body: list[str]) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body)
    return (f"<html><head><title>Bike lanes</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav>"
            f"<article><h1>Bike lanes</h1>{paragraphs}</article><footer>Copyright 2024 Example Media</footer>"
            "</body></html>").encode("utf-8")


def test_warc_html_responses_cleaned_with_url_and_fetch_date(tmp_path, capsys, body):
    for name, compress in (("crawl.warc", False), ("crawl.warc.gz", True)):
        _warc(tmp_path / name, [("https://news.example.org/bikes", "text/html; charset=utf-8", _page(body)),
                                ("https://news.example.org/logo.png", "image/png", b"\x89PNG")], compress)
        assert main(["clean", str(tmp_path / name)]) == 0
        [out] = _records(capsys.readouterr().out)
        assert out["metadata"]["url"] == "https://news.example.org/bikes"
        assert out["metadata"]["fetched"][:2] == "20"  # the crawl time is when it was fetched...
        assert out["metadata"].get("date") is None  # ...not when it was published (the page does not say)
        assert out["id"].startswith("<urn:uuid:")
        assert body[0] in out["text"] and body[2] in out["text"]
        assert "Home" not in out["text"] and "Copyright" not in out["text"]


def test_records_with_an_outdir_refuse_txt_and_md(tmp_path, capsys, body):
    """A JSONL input with -o and --format md was written as .jsonl without a word."""
    source = tmp_path / "shard.jsonl"
    _write_jsonl(source, [{"id": "a", "text": body[0]}])
    for fmt in ("md", "txt"):
        assert main(["clean", str(source), "-o", str(tmp_path / "out"), "--format", fmt]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and f"--format {fmt}" in err and str(source) in err
        assert not (tmp_path / "out").exists()
    assert main(["clean", str(source), "-o", str(tmp_path / "out")]) == 0  # the default: records stay records
    assert _records((tmp_path / "out" / "shard.jsonl").read_text())[0]["text"] == body[0]


def test_the_summary_counts_files_and_records_apart(tmp_path, capsys, body):
    """One JSONL of three records and two text files were summed up as '5 file(s)'."""
    src = tmp_path / "in"
    src.mkdir()
    _write_jsonl(src / "shard.jsonl", [{"id": i, "text": body[i]} for i in range(3)])
    for name in ("a.txt", "b.txt"):
        (src / name).write_text(body[0])
    for target in ([], ["-o", str(tmp_path / "out")]):
        assert main(["clean", str(src), "--no-learn", *target]) == 0
        assert "cleaner: 2 file(s) and 3 record(s) of 1 JSONL/WARC file(s), 0 failed" in capsys.readouterr().err
    assert main(["clean", str(src / "shard.jsonl"), "--no-learn"]) == 0
    assert "cleaner: 3 record(s) of 1 JSONL/WARC file(s), 0 failed" in capsys.readouterr().err
