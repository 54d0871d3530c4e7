"""Page types in HTML mode: a forum's posts are its content, an article's comment thread is not, and
the classifier names hand-made pages of each kind."""
from __future__ import annotations

import dataclasses
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.html.extract import extract
from cleaner.text.dates import date_patterns, has_year

from .test_html import BODY as ARTICLE

REPLIES = [
    "I used greenheart on a jetty like that twenty years ago and it is still standing, although the "
    "bolts needed replacing after the first decade because of the salt water.",
    "Treated pine is cheaper but in our harbour the worm got into it within five winters, so I would "
    "spend the extra money on a hardwood if the budget allows it at all.",
    "Ask the harbour engineer for the soil survey first, because the length of the piles matters more "
    "than the timber when the seabed is soft mud like it is on our side.",
]
QUESTION = ("We are rebuilding the small pier at our sailing club next spring and the committee cannot agree "
            "on the timber for the piles. Has anyone here driven hardwood piles in salt water, and how long "
            "did they last before they had to be replaced?")


def forum_page() -> str:
    """A thread: a question and three replies, each under a handle and a time stamp."""
    replies = "".join(
        f'<div class="comment"><div class="comment-head"><a href="/u/{n}">{n}</a> · May {3 + i}, 2024, 9:1{i}am'
        f'</div><p>{text}</p><a href="#">Reply</a></div>'
        for i, (n, text) in enumerate(zip(("oldsalt", "pinewood", "harbourmaster"), REPLIES)))
    ld = json.dumps({"@context": "https://schema.org", "@type": "DiscussionForumPosting",
                     "headline": "Which timber for pier piles?"})
    return f"""<!DOCTYPE html><html><head><title>Which timber for pier piles? - Harbour Forum</title>
<script type="application/ld+json">{ld}</script></head><body>
<nav class="main-nav"><ul><li><a href="/">Forum</a></li><li><a href="/latest">Latest</a></li></ul></nav>
<main><h1>Which timber for pier piles?</h1>
<div class="post"><div class="post-head"><a href="/u/marlin77">marlin77</a> · May 3, 2024, 8:45am</div>
<p>{QUESTION}</p></div>
<section class="comments">{replies}</section></main>
<footer class="site-footer"><p>Powered by a forum engine.</p></footer></body></html>"""




def article_page() -> str:
    """A news story with a reader comment thread below it."""
    comments = "".join(f'<li class="comment"><div class="comment-author">reader{i} says:</div><p>{text}</p></li>'
                       for i, text in enumerate(REPLIES))
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Pier to be rebuilt"})
    body = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return f"""<!DOCTYPE html><html><head><title>Pier to be rebuilt | Coast News</title>
<meta property="og:type" content="article"><script type="application/ld+json">{ld}</script></head><body>
<nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article class="story"><h1>Pier to be rebuilt</h1><div class="story-body">{body}</div></article>
<section id="comments" class="comments-area"><h3>3 comments</h3><ol class="comment-list">{comments}</ol></section>
<footer class="site-footer"><p>Copyright 2024 Coast News.</p></footer></body></html>"""


def listing_page() -> str:
    """A category page: a run of twenty cards, each a linked title and a short teaser."""
    cards = "".join(f'<div class="card"><h3><a href="/boats/{i}">Classic wooden sailing boat number {i} for '
                    f'sale</a></h3><p>Built {1950 + i}, restored.</p></div>' for i in range(20))
    ld = json.dumps({"@context": "https://schema.org", "@type": "ItemList"})
    return f"""<!DOCTYPE html><html><head><title>Wooden boats - Boat Market</title>
<script type="application/ld+json">{ld}</script></head><body>
<nav class="main-nav"><ul><li><a href="/">Home</a></li></ul></nav>
<main><h1>Wooden boats</h1><div class="cards">{cards}</div></main></body></html>"""


def product_page() -> str:
    """A shop's product page: a price, a cart button, a short description."""
    ld = json.dumps({"@context": "https://schema.org", "@type": "Product", "name": "Bronze cleat",
                     "offers": {"@type": "Offer", "price": "24.90", "priceCurrency": "EUR"}})
    return f"""<!DOCTYPE html><html><head><title>Bronze cleat 15 cm - Chandlery</title>
<meta property="og:type" content="product"><script type="application/ld+json">{ld}</script></head><body>
<nav class="main-nav"><ul><li><a href="/">Shop</a></li><li><a href="/cart">Cart</a></li></ul></nav>
<main><h1>Bronze cleat 15 cm</h1><div class="price">€24.90</div><p>In stock</p>
<form action="/cart"><input name="qty" value="1"><button>Add to cart</button></form>
<p>A cast bronze cleat for mooring lines up to 14 mm, with two fixing holes. Polished finish.</p>
</main></body></html>"""


FORUM_URL = "https://forum.example.org/t/which-timber-for-pier-piles/1234"
ARTICLE_URL = "https://coastnews.example.com/news/2024/05/03/pier-to-be-rebuilt"


def test_forum_page_keeps_its_posts():
    result = cleaner.clean(forum_page(), url=FORUM_URL)
    assert QUESTION in result.text
    for reply in REPLIES:
        assert reply in result.text


ALLOTMENT = [
    ("kestrel_b", "We are relaying the gravel path along our allotment site this autumn and the committee is split over "
     "the edging. Has anyone used oak sleepers against clay soil, and how long did they last before rotting?"),
    ("plotholder12", "Oak sleepers lasted about fifteen years on our site, though the ones in the wettest corner went "
     "soft after eight, so put a layer of hardcore under them if the clay holds water."),
    ("greenfingers", "Recycled plastic edging costs more at first but it never rots, and the slugs cannot hide under "
     "it the way they do under old timber, which matters next to the vegetable beds."),
    ("siteWarden", "Check the site rules before ordering anything, because some councils ban treated timber next to "
     "plots where food is grown and will ask you to take it out again."),
]


def signed_forum_page() -> str:
    """A thread whose replies read like reader comments in plain text: a reply count, 'X wrote:', a stamp, a
    'Reply' button under each."""
    (first, question), *replies = ALLOTMENT
    thread = "".join(f'<div class="entry"><p>{name} wrote:</p><p>March {4 + i}, 2024 at 9:1{i} pm</p><p>{text}</p>'
                     f'<p><a href="/reply/{i}">Reply</a></p></div>' for i, (name, text) in enumerate(replies))
    ld = json.dumps({"@context": "https://schema.org", "@type": "DiscussionForumPosting",
                     "headline": "Edging for a gravel path?"})
    return f"""<!DOCTYPE html><html><head><title>Edging for a gravel path? - Allotment Forum</title>
<script type="application/ld+json">{ld}</script></head><body>
<nav class="main-nav"><ul><li><a href="/">Forum</a></li><li><a href="/new">New posts</a></li></ul></nav>
<main><h1>Edging for a gravel path?</h1><div class="entry"><p>{first} wrote:</p><p>March 3, 2024 at 8:45 pm</p>
<p>{question}</p></div><h2>3 replies</h2>{thread}</main>
<footer class="site-footer"><p>Powered by a forum engine.</p></footer></body></html>"""


def test_a_forum_s_replies_are_no_comment_thread_to_take_out():
    url = "https://forum.example.org/threads/edging-for-a-gravel-path.4711/"
    assert extract(signed_forum_page(), url).page_type == "forum"
    result = cleaner.clean(signed_forum_page(), url=url)
    for _, text in ALLOTMENT:
        assert text in result.text
    assert not any(d.final.rule == "comments.thread" for d in result.decisions if d.removed)


def test_forum_strategy_is_explained():
    page = extract(forum_page(), FORUM_URL)
    assert page.page_type == "forum"
    taken = {c.rule: c.reason for c in page.choices if c.rule == "dom.type_forum"}
    assert taken and taken["dom.type_forum"].startswith("page read as forum: posts kept")


def test_article_comment_thread_is_still_removed():
    result = cleaner.clean(article_page(), url=ARTICLE_URL)
    for paragraph in ARTICLE:
        assert paragraph in result.text
    for reply in REPLIES:
        assert reply not in result.text


@pytest.mark.parametrize("html, url, kind", [
    (forum_page(), FORUM_URL, "forum"),
    (article_page(), ARTICLE_URL, "article"),
    (listing_page(), "https://boats.example.com/category/wooden-boats", "listing"),
    (product_page(), "https://chandlery.example.com/product/bronze-cleat-15", "product"),
])
def test_classifier_names_hand_made_pages(html, url, kind):
    assert extract(html, url).page_type == kind


def test_training_writes_the_same_bytes_twice():
    pytest.importorskip("sklearn")
    from cleaner.model.training.page_type_fit import fit

    rows = [{"a": float(i % 3), "b": float(i % 5) / 5, "c": 1.0} for i in range(30)]
    labels = ["forum" if i % 3 == 0 else "article" if i % 3 == 1 else "listing" for i in range(30)]
    first, second = fit(rows, labels).to_json(), fit(rows, labels).to_json()
    assert first == second
    assert fit(rows, labels).scores(rows[0])["forum"] > 0.5


def _block(i: int, text: str, link_share: float = 0.0, marks: tuple = ()) -> "DomBlock":
    from cleaner.html.dom import DomBlock

    return DomBlock(i, text, "p", i, round(link_share * len(text)), (), marks)


def _choices() -> list:
    from cleaner.html.choose import Choice

    return [Choice(True, "trafilatura", "kept by trafilatura"),
            Choice(True, "dom.prose_nearby", "prose paragraph beside the article container"),
            Choice(False, "dom.link_list", "block is almost all link text"),
            Choice(False, "dom.comments", "inside the comments section")]


BLOCKS = [_block(0, "A cast bronze cleat for mooring lines up to 14 mm, with two fixing holes."),
          _block(1, "Great cleat, arrived quickly and fits my boat perfectly. Five stars from me."),
          _block(2, "Install the cleat with the supplied bolts", link_share=1.0),
          _block(3, "I fitted two of these last summer and they have held through every storm since then, "
                    "so I can recommend them to anyone with a small boat.", marks=((3, frozenset({"comments"})),))]


@pytest.mark.parametrize("kind, kept", [
    ("article", [True, True, False, False]),        # no strategy: the fusion's choices stand
    ("product", [True, False, False, False]),       # reviews beside the product's block left out
    ("documentation", [True, True, True, False]),   # a step written as a link kept
    ("forum", [True, True, False, True]),           # a post in the thread kept
])
def test_each_type_reworks_the_body_its_own_way(kind, kept):
    from cleaner.html.strategy import apply

    choices = _choices()
    apply(kind, BLOCKS, choices)
    assert [c.keep for c in choices] == kept
    changed = [c.rule for c, before in zip(choices, _choices()) if c.keep != before.keep]
    assert all(rule == f"dom.type_{kind}" for rule in changed)


@pytest.mark.parametrize("taxonomy", ["tag-regatta category-club", "tag-hafen kategorie-verein", "tags-voile"])
def test_a_listing_keeps_its_post_entries_named_for_their_tags(taxonomy):
    """A blog engine writes a post's tags beside hAtom's `hentry` ('tag-regatta'): on a listing that entry is a
    card, while a tag list of its own stays out, and on an article neither comes back."""
    from cleaner.html.choose import Choice
    from cleaner.html.dom import parse, walk
    from cleaner.html.strategy import apply

    page = walk(parse(f'<html><body><h1>Club news</h1><div class="list"><article class="post-7 post hentry {taxonomy}"><p>The autumn '
                      f'regatta drew forty boats despite the fog.</p></article><div class="post-tags"><p>regatta, '
                      f'fog, dinghies</p></div></div></body></html>'))

    def dropped() -> list:
        meta = Choice(False, "dom.meta", "byline / date / tags element: moved to metadata")
        return [Choice(True, "trafilatura", "kept by trafilatura"), meta, dataclasses.replace(meta)]

    listing, article = dropped(), dropped()
    apply("listing", page.blocks, listing)
    apply("article", page.blocks, article)
    assert [c.keep for c in listing] == [True, True, False]
    assert listing[1].rule == "dom.type_listing"
    assert [c.keep for c in article] == [True, False, False]


def test_a_shops_collection_takes_no_paragraph_from_outside_the_article():
    from cleaner.html.choose import Choice
    from cleaner.html.strategy import apply

    blocks = [_block(0, "Handmade mugs and bowls from our studio, each one glazed and fired by hand."),
              _block(1, "Every piece is thrown on the wheel in small batches, so no two are quite alike, and "
                        "each is glazed in the colours of the coast where the studio stands.")]

    def choices() -> list:
        return [Choice(True, "trafilatura", "kept by trafilatura"),
                Choice(False, "dom.outside", "outside the article and not kept by trafilatura")]

    plain, shop = choices(), choices()
    apply("collection", blocks, plain, {"collection": 0.9, "product": 0.02})
    apply("collection", blocks, shop, {"collection": 0.6, "product": 0.3})
    assert plain[1].keep and plain[1].rule == "dom.type_collection"
    assert not shop[1].keep


_DATE_BITS = ["3", "12", "31", "2024", "1999", "20", "19", "07", "5", "March", "mars", "Mär", "sept", "dic", "de",
              "-", "/", ".", " ", ",", "th", "º"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DATE_BITS), min_size=1, max_size=9).map("".join))
def test_a_line_reads_as_dated_only_with_a_four_digit_year(text):
    """A post's head is read for a date only when it writes a year of four digits: no date pattern matches
    a line without one ('March 12', '12.03.', '3/12/24' are no dates to them)."""
    if any(p.search(text) for p in date_patterns()):
        assert has_year(text)


@given(st.text(alphabet=st.sampled_from("aZ 7:-²٣໒①,éß\u00a0"), max_size=30) | st.text(max_size=30))
@settings(max_examples=300, deadline=None)
def test_a_line_has_a_digit_as_str_isdigit_reads_it(text):
    # a post's head needs a digit; an ASCII line is searched in one call, any other read character by character,
    # and both answer as str.isdigit does (Arabic-Indic digits and superscripts count, letters and signs do not)
    from cleaner.html.page_type import _has_digit

    assert _has_digit(text) == any(c.isdigit() for c in text)
