"""Teaser runs and sections take their whole first and last items (headline, snippet, stamp) when an item's
stamp is a date or a byline that an earlier rule read, and an event box is found by its name and date; the
article's own head and a list of events in the body stay."""
from __future__ import annotations

import cleaner

BODY = ("The harbour board voted on Tuesday to close the old ferry terminal by the end of next year, ending more than "
        "a century of crossings from the town.\n\nBoard members said the building needed repairs that would cost more "
        "than a new terminal, and that passenger numbers had fallen for a decade.\n\n")


def _removed(text: str) -> dict[str, str]:
    result = cleaner.clean(text)
    return {b.text: d.final.rule for b, d in zip(result.blocks, result.decisions) if d.removed}


def test_a_run_takes_its_first_item_whose_stamp_is_a_date():
    run = ("Cyclists demand safer lanes on the ring road\n"
           "Riders gathered outside the town hall to ask for barriers between the lanes and the traffic.\n"
           "14 March 2024 · Local\n"
           "New bakery opens in the old post office\n"
           "3 hrs ago\n"
           "Storm warning for the weekend\n"
           "25 mins ago\n")
    removed = _removed(BODY + run)
    assert removed.get("Cyclists demand safer lanes on the ring road") == "teaser.run"
    assert removed.get("Riders gathered outside the town hall to ask for barriers between the lanes and the "
                       "traffic.") == "teaser.run"
    assert not any(line.startswith(("The harbour board", "Board members")) for line in removed)


def test_a_section_takes_its_last_item_whose_stamp_is_a_byline():
    block = ("More stories\n"
             "Library extends its opening hours\n"
             "2 hours ago\n"
             "School choir wins regional contest\n"
             "By Maria Lindgren\n")
    removed = _removed(BODY + block)
    assert removed.get("School choir wins regional contest") == "teaser.block"


def test_the_article_head_after_a_section_stays():
    text = ("Most read\n"
            "Library extends its opening hours\n"
            "2 hours ago\n"
            "Market square to be pedestrianised\n"
            "By Tomas Berg\n"
            "The council approved plans on Monday to close the market square to cars from the spring, after a "
            "consultation in which most residents backed the change.\n\n" + BODY)
    removed = _removed(text)
    assert not removed.get("Market square to be pedestrianised", "").startswith("teaser.")  # the title is metadata
    assert not any(line.startswith("The council approved") for line in removed)


def test_an_event_box_named_with_its_date_is_removed():
    box = "Coastal Books Festival | 21 September 2025\nProgramme and tickets\n\n"
    text = BODY.replace("\n\nBoard members", "\n\n" + box + "Board members")
    removed = _removed(text)
    assert removed.get("Coastal Books Festival | 21 September 2025") == "promo.event"
    assert removed.get("Programme and tickets") == "promo.event"


def test_a_contents_list_of_event_names_stays():
    contents = ("Contents\n1 History\n2 Events\n2.1 Lantern Festival\n2.2 Spring Summit\n2.3 Harbour Forum\n"
                "3 See also\n\n")
    removed = _removed(contents + BODY)
    assert not any(rule == "promo.event" for rule in removed.values())


def test_a_run_below_the_page_headline_and_date_leaves_them():
    text = ("Harbour board to close the old ferry terminal | Coast News\n\n"
            "Harbour board to close the old ferry terminal\n"
            "12 May 2024\n"
            "Watch 3:10\n"
            "Listen 12:45\n\n" + BODY)
    removed = _removed(text)
    assert not removed.get("Harbour board to close the old ferry terminal", "").startswith("teaser.")
