"""More of the ways news sites word their appeals, paywalls, player texts and notices: a reader's question
followed by a call to give ('Enjoyed this? Support us.'), a video player's own messages, a shopping-links
note, a health disclaimer, each in several languages; article prose on the same subjects does not match.

The lines are written here, not copied from the patterns, the seeds or the zoo wordings.
"""
from __future__ import annotations

import pytest

from cleaner.text.rules.patterns import concept

# concept -> (furniture lines that match, prose lines that do not)
CASES: dict[str, tuple[list[str], list[str]]] = {
    "donation": (
        ["Found this helpful? Chip in a few dollars.", "Liked this piece? Become a member.",
         "Did you enjoy this report? Please consider donating.", "We have a quick favor to ask.",
         "A monthly gift helps our newsroom cover the council every week.",
         "Join thousands of readers in funding local reporting", "Would you become a founding member?",
         "Quality reporting costs money. Please give what you can.", "Help us keep the lights on this winter",
         "There's no paywall here, and we want to keep it that way.",
         "Our journalism relies on people like you.",
         "War der Text hilfreich? Dann unterstützen Sie uns.", "Deine Unterstützung sichert unsere Recherchen.",
         "Wir brauchen deine Hilfe.", "Cet article vous a plu ? Faites un don.",
         "Notre média ne vit que grâce à ses lecteurs.", "Aidez-nous à enquêter en toute liberté",
         "¿Te ha servido esta información? Hazte socio.", "Ti è stato utile? Fai una donazione.",
         "Gostou da reportagem? Contribua.", "Vond je dit nuttig? Doneer.", "Word vandaag donateur en help ons verder"],
        ["Did the family reach its goal? Only half of the money came in, she said.",
         "Can you support a family of four on that wage? Few economists think so.",
         "The school has a small favour to ask of parents: bring a packed lunch on Friday.",
         "Her gift to the museum helps the curators buy new paintings.",
         "Hat die Stadt genug getan? Die Opposition bezweifelt das.",
         "La fondation ne vit que grâce aux dons de ses membres, a rappelé sa présidente.",
         "Fans kept the lights on at the club for years, the chairman said."]),
    "media_embed": (
        ["This is a modal window.", "End of dialog window.", "No compatible source was found for this video.",
         "Your browser can't play this video.", "Media playback is not supported on your device",
         "Sorry, the video player failed to load.", "An error occurred while loading the player.",
         "Please accept cookies to watch this video",
         "Video unavailable", "See this reel on Instagram", "Mike Chen (@mikechen) March 2, 2024",
         "Remaining Time -1:45", "The video will start in 10 seconds",
         "Anschauen auf YouTube", "Wir benötigen deine Zustimmung, um den Vimeo Inhalt zu laden.",
         "Klicken, um das Video abzuspielen", "Podcast anhören", "Voir cette publication sur TikTok",
         "Cliquez ici pour regarder la vidéo", "Haz clic para cargar el contenido", "Clicca qui per vedere il video",
         "Clique aqui para carregar o vídeo", "Klik hier om de video te bekijken", "Luister via Spotify"],
        ["The modal window of the app confused many users, the study found.",
         "Her video of the flood was viewed a million times on Instagram.",
         "The player failed to load the ball into the net in the final minute.",
         "Klicken Sie hier nicht auf Links von Unbekannten, rät die Polizei.",
         "Hij luisterde via de radio naar de wedstrijd."]),
    "paywall": (
        ["Subscribe today from just £1 a week", "Only paying members can read this story",
         "No contract, cancel anytime.", "First 3 months free, then $6 a month",
         "Your subscription funds our local reporting.", "Diesen Beitrag lesen Sie mit unserem Digital-Abo",
         "Cet entretien est réservé à nos abonnés", "Bent u al abonnee?"],
        ["Only members can vote at the annual meeting, the club said.",
         "The first month was free, then the gym charged $40, she said.",
         "Cet article de loi est réservé aux juristes, ironise le député."]),
    "affiliate": (
        ["Shopping links on this page help fund our testing.",
         "We test everything ourselves; buying through our links may earn us a small fee."],
        ["Retail sales rose in March, helped by online shopping.",
         "Links between the two companies were investigated by regulators."]),
    "disclaimer": (
        ["This information is not intended to replace professional medical advice.",
         "Der Beitrag ersetzt keine ärztliche Untersuchung.",
         "Les informations de cette page ne remplacent pas une consultation médicale.",
         "El contenido de esta página no sustituye la consulta con un especialista.",
         "O conteúdo deste artigo não substitui a consulta de um médico."],
        ["The new drug does not replace surgery for most patients, the doctors said.",
         "Der Roboter ersetzt keine Pflegekraft, sagt die Heimleiterin."]),
    "event_name": (
        ["Harbour Town Food Festival 2025", "Northern Startup Summit | 4 June", "Leserforum", "Buchmesse 2025",
         "Termine", "Festival des idées", "Foro de Economía Local", "Festival della Scienza",
         "Encontro de Jornalismo 2025", "Lezersdag 2025"],
        ["The festival was cancelled because of the rain on Saturday night.",
         "Delegates left the summit without a deal, officials said."]),
}


def _cases(which: int) -> list[tuple[str, str]]:
    return [(name, line) for name, pair in CASES.items() for line in pair[which]]


@pytest.mark.parametrize(("name", "line"), _cases(0))
def test_site_wording_matches_its_concept(name, line):
    assert concept(name).match(line) is not None, (name, line)


@pytest.mark.parametrize(("name", "line"), _cases(1))
def test_prose_on_the_same_subject_does_not_match(name, line):
    assert concept(name).match(line) is None, (name, line)
