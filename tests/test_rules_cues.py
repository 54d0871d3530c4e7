"""Cue-and-shape rules (rules/cues.py): a line holding a donation, paywall or affiliate cue word is removed when it
has the shape of the site's call or notice (a short call, a label, the site's own voice, a short line to the
reader), and kept when the same cue word stands in a sentence of the article or in a quote.

The lines are written here, not copied from the patterns, the seeds or the zoo wordings.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleaner
from cleaner.text.rules.cues import CUE_RULES
from cleaner.data import load_toml
from cleaner.text.rules.patterns import concept
from cleaner.text.segment import segment
from cleaner.text.table import Lines

RULES = {rule.id: rule for rule in CUE_RULES}

# rule id -> (furniture lines the rule removes, article lines with the same cue words that it keeps)
CASES: dict[str, tuple[list[str], list[str]]] = {
    "promo.donation_cue": (
        ["Donate to keep our reporters in the field", "Mit einer Spende hältst du unsere Redaktion unabhängig",
         "Faites un don pour que notre rédaction reste libre", "Con una donación mensual sostienes nuestra redacción",
         "Con una donazione mensile sostieni la nostra redazione", "Doneer nu aan de redactie",
         "Faça uma doação à nossa redação"],
        ["The hospital asked residents to donate blood after the crash on the motorway near the border.",
         "Die Feuerwehr rief die Anwohner auf, Blut zu spenden, nachdem der Unfall passiert war.",
         "Les habitants ont fait un don de vêtements à la paroisse du village la semaine dernière.",
         "\u201cPlease donate to our shelter,\u201d the director told the crowd on Sunday.",
         "3. Donation apps for small charities", "2) Spenden per App"],
    ),
    "promo.paywall_cue": (
        ["This story is for subscribers", "Dieser Text ist nur für Abonnenten sichtbar",
         "Abonnez-vous pour découvrir la suite", "Sei abbonato? Entra per leggere",
         "Word abonnee en lees verder", "Ya eres suscriptor? Entra aquí"],
        ["Each subscriber paid twelve dollars in the first quarter, the company said in its annual report.",
         "Der Verlag verlor im vergangenen Jahr fast zehntausend Abonnenten, wie aus dem Bericht hervorgeht.",
         "Le journal compte désormais plus de deux cent mille abonnés numériques selon ses propres chiffres."],
    ),
    "notice.affiliate_cue": (
        ["We use affiliate links on this page", "Wir verdienen an Affiliate-Links auf dieser Seite",
         "Nuestros enlaces de compra nos dan una comisión", "Wij ontvangen een commissie via deze links",
         "Questi link sono affiliati: riceviamo un compenso"],
        ["The company paid affiliate partners a commission on every sale in the region, records show.",
         "Le vendeur touchait une commission sur chaque voiture vendue dans la région depuis des années."],
    ),
}

FURNITURE = [(rule_id, line) for rule_id, (lines, _) in CASES.items() for line in lines]
ARTICLE = [(rule_id, line) for rule_id, (_, lines) in CASES.items() for line in lines]


def fires(rule_id: str, line: str) -> bool:
    """Whether the cue rule `rule_id` removes `line` read alone."""
    table = Lines.of(segment(line))
    rule = RULES[rule_id]
    return 0 in set(rule.candidates(table)) and rule.evaluate(table, 0) is not None


@pytest.mark.parametrize(("rule_id", "line"), FURNITURE)
def test_furniture_with_a_cue_and_its_shape_is_removed(rule_id: str, line: str) -> None:
    assert fires(rule_id, line)


@pytest.mark.parametrize(("rule_id", "line"), ARTICLE)
def test_the_same_cue_word_in_article_prose_or_a_quote_is_kept(rule_id: str, line: str) -> None:
    assert not fires(rule_id, line)


BODY = ("The council voted on Tuesday to close two libraries in the north of the city, citing a shortfall in its "
        "budget that officials blamed on falling revenue from parking fees.\n\n"
        "Residents who opposed the plan said the libraries were the only quiet places for children to study after "
        "school, and several hundred signed a petition against the closures.\n\n")


@pytest.mark.parametrize(("rule_id", "line"), FURNITURE)
def test_in_a_document_the_furniture_goes_and_the_article_stays(rule_id: str, line: str) -> None:
    result = cleaner.clean(BODY + line + "\n")
    assert line not in result.text
    assert "libraries were the only quiet places" in result.text


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(FURNITURE), st.sampled_from(["\u201c", "\u00ab ", "\u201e", '"']))
def test_a_quoted_line_is_never_the_sites_call(case: tuple[str, str], quote: str) -> None:
    rule_id, line = case
    assert not fires(rule_id, f"{quote}{line}, she said.")


LANGUAGES = {"en", "de", "fr", "es", "it", "nl", "pt"}


@pytest.mark.parametrize("name", sorted({rule.concept_name for rule in CUE_RULES}))
def test_every_cue_speaks_the_seven_languages(name: str) -> None:
    assert set(concept(name).languages) == LANGUAGES


@pytest.mark.parametrize("name", ["site_voice", "reader_address", "page_reference"])
def test_the_voice_words_are_listed_in_the_seven_languages(name: str) -> None:
    listed = load_toml("voice.toml")[name]
    assert set(listed) == LANGUAGES and all(listed.values())


def test_a_country_in_capitals_is_not_the_sites_voice() -> None:
    assert fires("notice.affiliate_cue", "We earn a commission on these links")
    assert not fires("notice.affiliate_cue", "US retailers earn a commission when buyers pay by card in stores")
