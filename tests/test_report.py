"""Tests of the HTML explain report: escaping, counts, odd records, and what a real browser shows."""
from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.report.render import ReportDocument, render_report

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_TIMEOUT = 120

# A payload that, if it ever ran, would change the title and add an element with id "pwned".
PWN = ("<script>document.title='pwned';var p=document.createElement('p');p.id='pwned';"
       "document.body.appendChild(p)</script>")
PWN_ATTR = '"><img src=x id=pwned onerror="document.title=\'pwned\'">'


class Page(HTMLParser):
    """Parses a rendered page into its elements, and the dump text and labels of each document."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text_by_id: dict[str, str] = {}
        self.dump_lines: dict[str, list[str]] = {}
        self._stack: list[tuple[str, dict[str, str]]] = []
        self._source: str | None = None
        self._dump: list[str] = []
        self._title: list[str] = []
        self.title = ""
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag == "details" and "data-source" in a:
            self._source, self._dump = a["data-source"], []
        if tag not in ("input", "meta", "rect", "br", "img"):
            self._stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break
        if tag == "details" and self._source is not None:
            self.dump_lines[self._source] = "".join(self._dump).split("\n")[:-1]
            self._source = None
        if tag == "title":
            self.title = "".join(self._title)

    def handle_data(self, data: str) -> None:
        classes = [c for _, a in self._stack for c in a.get("class", "").split()]
        if self._source is not None and "text" in classes and "lbl" not in classes:
            self._dump.append(data)
        for _, a in self._stack:
            if "id" in a:
                self.text_by_id[a["id"]] = self.text_by_id.get(a["id"], "") + data
        if self._stack and self._stack[-1][0] == "title":
            self._title.append(data)

    def with_class(self, name: str) -> list[dict[str, str]]:
        """Attributes of every element carrying the CSS class."""
        return [a for _, a in self.elements if name in a.get("class", "").split()]

    def ids(self) -> set[str]:
        """Every element id on the page."""
        return {a["id"] for _, a in self.elements if "id" in a}


def span(
    start: int, end: int, rule: str, reason: str = "a reason", text: str = "x", **evidence: object
) -> dict:
    """A removed entry as in the public record format."""
    return {"start_line": start, "end_line": end, "rule": rule, "reason": reason, "text": text,
            "evidence": evidence}


def doc(source: str, original: str, removed: list[dict], **metadata: object) -> ReportDocument:
    """A document with a hand-built record."""
    record = {"source": source, "text": "", "metadata": {"title": None, "author": None, **metadata},
              "removed": removed}
    return ReportDocument(source, original, record)


def hostile_documents() -> list[ReportDocument]:
    """Documents with script payloads in every field the report shows: text, metadata, rule, reason."""
    original = f"Menu\n{PWN}\nBody line one.\n{PWN_ATTR}\nBody line two.\nShare this"
    return [
        doc(f"evil{PWN}.txt", original, [
            span(1, 1, "nav.menu", "navigation words", "Menu", words=1),
            span(2, 2, f"ad.{PWN}", f"reason {PWN}", PWN, cue=PWN),
            span(4, 4, f"promo{PWN_ATTR}", PWN_ATTR, PWN_ATTR, **{PWN_ATTR: PWN_ATTR}),
            span(6, 6, "social.share", "share buttons", "Share this"),
        ], title=PWN, author=PWN_ATTR, authors=[PWN, "B"]),
        doc("plain.txt", "Title\nOnly body.", [span(1, 1, "meta.title", "title line", "Title")]),
        doc("untouched.txt", "Nothing to remove here.", []),
    ]


# --- unit tests -------------------------------------------------------------------------------


def test_escapes_text_metadata_rule_ids_and_sources() -> None:
    html = render_report(hostile_documents(), title=f"run {PWN}")
    page = Page(html)
    assert html.count("<script") == 1, "only the report's own script tag"
    assert "pwned" not in page.ids()
    assert not [a for _, a in page.elements if any(k.startswith("on") for k in a)]
    assert page.title == f"run {PWN}"
    rules = [a["data-rule"] for a in page.with_class("removed")]
    assert rules == ["nav.menu", f"ad.{PWN}", f"promo{PWN_ATTR}", "social.share", "meta.title"]
    assert [a["data-source"] for _, a in page.elements if "data-source" in a] == [
        f"evil{PWN}.txt", "plain.txt", "untouched.txt"]
    assert page.dump_lines[f"evil{PWN}.txt"][1] == PWN
    assert html.count("&lt;script&gt;document.title=&#x27;pwned&#x27;") >= 8
    hover = page.with_class("removed")[2]["title"]
    assert hover == f"{PWN_ATTR}: {PWN_ATTR}"


def test_content_security_policy_pins_the_inline_style_and_script() -> None:
    html = render_report(hostile_documents())
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html).group(1))
    assert "default-src 'none'" in csp and "unsafe" not in csp
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        bodies = re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.DOTALL)
        assert len(bodies) == 1
        digest = base64.b64encode(hashlib.sha256(bodies[0].encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}';" in csp
    assert html.index("Content-Security-Policy") < html.index("<style>")


def test_summary_counts_blocks_chars_and_documents_per_rule() -> None:
    docs = [
        doc("a.txt", "one\ntwo\nthree\nfour", [span(1, 1, "nav.menu", text="one"),
                                              span(3, 4, "promo.box", text="three\nfour")]),
        doc("b.txt", "x\ny\nz", [span(1, 1, "nav.menu", text="x"), span(2, 2, "nav.menu", text="y"),
                                 span(3, 3, "nav.footer", text="z")]),
        doc("c.txt", "kept", []),
    ]
    html = render_report(docs)
    page = Page(html)
    assert re.search(r'<body data-removed-total="5" data-documents="3">', html)
    assert "summary" in page.ids()
    rows = re.findall(r'<tr><td><input [^>]*value="([^"]*)".*?</tr>', html)
    assert rows == ["promo.box", "nav.menu", "nav.footer"]  # most characters first
    numbers = {rule: re.findall(r'<td class="num">([\d,]+)</td>', row)
               for rule, row in re.findall(r'<tr><td><input [^>]*value="([^"]*)"(.*?)</tr>', html)}
    assert numbers == {  # blocks, characters, documents
        "promo.box": ["1", "10", "1"], "nav.menu": ["3", "5", "2"], "nav.footer": ["1", "1", "1"]}
    stats = page.text_by_id["summary"]
    assert "documents 3" in stats and "with removals 2" in stats and "blocks removed 5" in stats
    counts: dict[str, int] = {}
    for a in page.with_class("removed"):
        counts[a["data-rule"]] = counts.get(a["data-rule"], 0) + 1
    assert counts == {"nav.menu": 3, "promo.box": 1, "nav.footer": 1}


def test_rule_classes_share_one_colour_and_differ_from_other_classes() -> None:
    docs = [doc("a.txt", "a\nb\nc", [span(1, 1, "nav.menu"), span(2, 2, "nav.footer"),
                                     span(3, 3, "zzz.unknown")])]
    page = Page(render_report(docs))
    css_class = {a["data-rule"]: a["class"].split()[1] for a in page.with_class("removed")}
    assert css_class["nav.menu"] == css_class["nav.footer"] != css_class["zzz.unknown"]
    html = render_report(docs)
    assert f".{css_class['nav.menu']}{{--c:#d1d5db}}" in html
    assert f".{css_class['zzz.unknown']}{{--c:hsl(" in html


def test_document_without_removals() -> None:
    html = render_report([doc("clean.txt", "Just the body.\n\nSecond paragraph.", [], title="T")])
    page = Page(html)
    assert 'data-removed-total="0"' in html
    assert page.with_class("removed") == []
    assert page.dump_lines["clean.txt"] == ["Just the body.", "", "Second paragraph."]
    assert "No blocks removed." in html
    assert [a.get("open") for _, a in page.elements if "data-source" in a] == [""]  # small run: open


def test_empty_run_and_missing_record_fields() -> None:
    assert 'data-removed-total="0" data-documents="0"' in render_report([])
    html = render_report([ReportDocument("bare.txt", "line", {}), ReportDocument("weird.txt", "l", {
        "metadata": None, "removed": [{"rule": None}, "not a dict", {"start_line": "two"}]})])
    page = Page(html)
    assert [a["data-rule"] for a in page.with_class("removed")] == ["unknown", "unknown"]
    assert 'data-removed-total="2"' in html


def test_out_of_bounds_and_overlapping_ranges_do_not_crash() -> None:
    original = "l1\nl2\nl3"
    removed = [
        span(500, 501, "oob.after", text="ghost\nlines"),
        span(-4, 1, "oob.before", text="l1"),
        span(3, 9, "oob.tail", text="l3"),
        span(2, 1, "swapped.range", text="l2"),
        span(2, 2, "inside.previous", text="l2"),
        span(0, 0, "oob.zero", text=""),
    ]
    html = render_report([doc("o.txt", original, removed)])
    page = Page(html)
    assert len(page.with_class("removed")) == len(removed)
    assert 'data-removed-total="6"' in html
    assert page.dump_lines["o.txt"] == ["l1", "l2", "l3", "ghost", "lines"]  # each line once, then leftovers
    assert "not within the dump" in html and "within the span above" in html


def test_many_documents_start_collapsed() -> None:
    html = render_report([doc(f"{i}.txt", "a", [span(1, 1, "nav.menu")]) for i in range(6)])
    assert " open>" not in html and html.count('<details class="doc"') == 6


def test_undecodable_text_renders_as_valid_utf8() -> None:
    html = render_report([doc("s.txt", "bad \udcff byte", [])])
    html.encode("utf-8")
    assert "bad ? byte" in html


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"))
                           | st.sampled_from("<>&\"'"), max_size=12), max_size=15),
    ranges=st.lists(st.tuples(st.integers(-3, 20), st.integers(-3, 20)), max_size=8),
)
def test_every_original_line_shows_once_and_every_entry_once(
    lines: list[str], ranges: list[tuple[int, int]]
) -> None:
    original = "\n".join(lines)
    lines = original.splitlines()
    removed = [span(s, e, f"r{i % 3}.x", text="") for i, (s, e) in enumerate(ranges)]
    page = Page(render_report([doc("d.txt", original, removed)]))
    assert len(page.with_class("removed")) == len(removed)
    assert page.dump_lines["d.txt"] == lines


SHARE = re.compile(r"([\d.]+)% of")


def _shares(html: str) -> list[float]:
    return [float(share) for share in SHARE.findall(html)]


def test_shares_count_each_line_once_and_html_drops_apart() -> None:
    """A page showed "135% of chars": the blocks dropped from the HTML, which are not in the text shown, were
    counted against the text shown only, and a span inside another was counted twice."""
    shown = "Title\nBody one.\nBody two.\nShare"
    page = dict(span(1, 1, "dom.boilerplate", text="Menu " * 40), path="/html/body/nav", offset=0)
    overlapping = [span(1, 3, "nav.menu", text="Title\nBody one.\nBody two."), span(2, 2, "nav.link", text="Body one.")]
    html = render_report([doc("p.html", shown, [page, span(4, 4, "social.share", text="Share")]),
                          doc("o.txt", shown, overlapping)])
    assert "p.html</span><span class=\"cnt\">2 removed \u00b7 90% of chars \u00b7 1 dropped from the HTML" in html
    assert "o.txt</span><span class=\"cnt\">2 removed \u00b7 82% of chars" in html
    assert _shares(html) == [89.1, 90.0, 82.0]  # (200 dropped + 5 + 23) of (200 + 28 + 28) characters


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(
    st.lists(st.text(alphabet="ab \r", max_size=6), max_size=8),
    st.lists(st.tuples(st.integers(-2, 10), st.integers(-2, 10), st.text(alphabet="xy\n", max_size=30),
                       st.sampled_from([None, -1, 0, 3]), st.booleans()), max_size=6)), min_size=1, max_size=3))
def test_every_share_is_within_0_and_100_percent(documents) -> None:
    docs = []
    for i, (lines, entries) in enumerate(documents):
        removed = [dict(span(s, e, "r.x", text=text), **({"path": "/html/body/div", "offset": at} if html else {}))
                   for s, e, text, at, html in entries]
        docs.append(doc(f"{i}.txt", "\n".join(lines), removed))
    assert all(0 <= share <= 100 for share in _shares(render_report(docs)))


# --- browser tests ----------------------------------------------------------------------------


def chromium() -> str | None:
    """The chromium binary, if one is installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def browse(html: str, tmp_path: Path, name: str = "report") -> tuple[Page, str]:
    """Open the page in headless chromium (with a screenshot); the DOM after its scripts ran, and the log."""
    binary = chromium()
    if binary is None:
        pytest.skip("chromium not installed (run .ci/install-chromium.sh or apt-get install chromium)")
    page_file = tmp_path / f"{name}.html"
    page_file.write_text(html, encoding="utf-8")
    png = tmp_path / f"{name}.png"
    proc = subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1200", "--enable-logging=stderr",
         "--v=0", f"--screenshot={png}", "--dump-dom", page_file.as_uri()],
        capture_output=True, text=True, timeout=CHROMIUM_TIMEOUT, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    return Page(proc.stdout), proc.stderr


def assert_report_ran(page: Page, documents: int) -> None:
    """The report's own script ran under its policy: it fills in how many documents are shown."""
    assert page.text_by_id.get("shown") == f"{documents} of {documents} documents shown"


def test_browser_counts_removed_spans_and_runs_no_injected_script(tmp_path: Path) -> None:
    docs = hostile_documents()
    page, log = browse(render_report(docs, title="browser test"), tmp_path)
    assert len(page.with_class("removed")) == sum(len(d.record["removed"]) for d in docs) == 5
    assert page.title == "browser test"
    assert "pwned" not in page.ids()
    assert_report_ran(page, len(docs))
    assert "Content Security Policy" not in log  # the report's own style and script are allowed


def test_browser_policy_blocks_scripts_even_if_escaping_failed(tmp_path: Path) -> None:
    html = render_report(hostile_documents(), title="csp test")
    raw = f"{PWN}<img src=x onerror=\"document.title='pwned'\">"
    html = html.replace('<main id="docs">', f'<main id="docs">{raw}', 1)
    page, log = browse(html, tmp_path)
    assert page.title == "csp test"
    assert "pwned" not in page.ids()
    assert_report_ran(page, 3)
    assert "Content Security Policy" in log


def test_browser_report_of_the_seeds(tmp_path: Path) -> None:
    from cleaner import clean

    docs, removed = [], 0
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        result = clean(path.read_bytes(), source=str(path.relative_to(ROOT)))
        removed += len(result.removed)
        docs.append(ReportDocument(result.source or path.name, result.source_text, result.to_dict()))
    assert len(docs) == 5
    page, _ = browse(render_report(docs, title="seeds"), tmp_path, "seeds")
    assert len(page.with_class("removed")) == removed
    assert {a["data-source"] for _, a in page.elements if "data-source" in a} == {d.source for d in docs}
    assert_report_ran(page, 5)
