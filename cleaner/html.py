"""HTML to text and metadata with trafilatura (imported lazily: text dumps never load it)."""
from __future__ import annotations

from .document import Metadata


def extract(html: str, url: str | None = None) -> tuple[str, Metadata]:
    """The main text of an HTML page (paragraphs separated by blank lines) and its metadata."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True
    )
    if doc is None:
        return "", Metadata(url=url)
    text = "\n\n".join(line for line in (doc.text or "").splitlines() if line.strip())
    meta = Metadata(
        title=doc.title or None,
        author=doc.author or None,
        authors=[a.strip() for a in (doc.author or "").split(";") if a.strip()],
        date=doc.date or None,
        url=doc.url or url,
        hostname=doc.hostname or None,
        sitename=doc.sitename or None,
        publisher=doc.sitename or None,
        description=doc.description or None,
        language=doc.language or None,
        categories=list(doc.categories or []),
        tags=list(doc.tags or []),
        image=doc.image or None,
        license=doc.license or None,
    )
    return text, meta
