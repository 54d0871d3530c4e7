"""Share and print buttons printed as a label before their icons ('Teile diesen Beitrag auf', 'Print recipe'),
in each language, go; a sentence that opens with the same words stays.

The lines are written here, not copied from the patterns or the zoo wordings.
"""
from __future__ import annotations

import pytest

import cleaner
from cleaner.text.rules.patterns import concept

from .conftest import BODY

LABELS = ["Share this story via", "Print recipe", "Teile diesen Beitrag auf", "Teilen Sie diesen Artikel mit",
          "Rezept drucken", "Partagez cette recette sur", "Imprimer la recette", "Comparte esta receta en",
          "Imprimir la receta", "Condividi questa ricetta su", "Stampa la ricetta", "Deel dit recept via",
          "Recept afdrukken", "Compartilhe esta notícia no", "Imprimir receita"]
SENTENCES = ["Teile diesen Beitrag auf Facebook, wenn er dir gefallen hat, und sag es weiter.",
             "Share this on the day you met, she wrote in the card.",
             "Print the recipe on thick paper and keep it in the kitchen.",
             "Partagez cette recette sur un air de fête, conseille le chef.",
             "Deel dit recept via de buurtapp, vroeg de bakker aan zijn klanten."]


@pytest.mark.parametrize("line", LABELS)
def test_a_share_or_print_label_matches_and_goes(line):
    assert concept("share").match(line) is not None
    result = cleaner.clean("\n\n".join([BODY[0], BODY[1], line, BODY[2]]), config=cleaner.Config(use_model=False))
    assert line not in result.text and all(p in result.text for p in BODY)
    assert {r.rule for r in result.removed} == {"social.share"}


@pytest.mark.parametrize("line", SENTENCES)
def test_a_sentence_opening_like_a_share_label_stays(line):
    assert concept("share").match(line) is None
