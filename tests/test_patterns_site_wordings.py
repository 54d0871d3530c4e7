"""More of the ways news sites word their appeals, paywalls, player texts and notices: a reader's question
followed by a call to give ('Enjoyed this? Support us.'), a video player's own messages, a shopping-links
note, a health disclaimer, a correction note, an event box's lines, each in several languages; article prose
on the same subjects does not match.

The lines are written here, not copied from the patterns, the seeds or the zoo wordings.
"""
from __future__ import annotations

import pytest

import cleaner
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
         "Gostou da reportagem? Contribua.", "Vond je dit nuttig? Doneer.", "Word vandaag donateur en help ons verder",
         # what a reader's money does for the site, and what it could not do without it
         "Without readers like you, this newsroom could not survive.", "This magazine is funded entirely by readers.",
         "Invest in independent journalism today", "Unterstützt unabhängigen Lokaljournalismus",
         "Ohne deine Hilfe können wir nicht weitermachen.", "Wir finanzieren uns durch Mitgliedsbeiträge.",
         "Sans vos dons, pas de journal libre.", "Ce site est financé par ses lecteurs.",
         "Sin su ayuda no podríamos seguir publicando.", "Colabora con lo que quieras.",
         "Senza il vostro sostegno non potremmo continuare.", "Questo giornale vive grazie ai lettori.",
         "Sem o teu apoio não poderíamos continuar.", "Apoie com qualquer quantia.",
         "Zonder uw bijdrage kunnen we niet verder.", "Geef wat je kunt."],
        ["Did the family reach its goal? Only half of the money came in, she said.",
         "Can you support a family of four on that wage? Few economists think so.",
         "The school has a small favour to ask of parents: bring a packed lunch on Friday.",
         "Her gift to the museum helps the curators buy new paintings.",
         "Hat die Stadt genug getan? Die Opposition bezweifelt das.",
         "La fondation ne vit que grâce aux dons de ses membres, a rappelé sa présidente.",
         "Fans kept the lights on at the club for years, the chairman said.",
         "Without you, we couldn't have won this title, the captain told the fans.",
         "Ohne deine Hilfe hätte ich das nie geschafft, sagte die Siegerin.",
         "Sin su ayuda el equipo no habría ganado la liga.",
         "The museum is funded by the city and a group of local firms."]),
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
         "Clique aqui para carregar o vídeo", "Klik hier om de video te bekijken", "Luister via Spotify",
         "Your video will start after this ad", "This clip is not available in your country.",
         "Hier geht es zum Video", "Interview nachhören", "Ce contenu provient de Dailymotion",
         "Para ver este contenido, es necesario aceptar las cookies.", "Contenuto non disponibile",
         "Vídeo indisponível", "Om deze inhoud te zien, moet u cookies accepteren."],
        ["The modal window of the app confused many users, the study found.",
         "Her video of the flood was viewed a million times on Instagram.",
         "The player failed to load the ball into the net in the final minute.",
         "Klicken Sie hier nicht auf Links von Unbekannten, rät die Polizei.",
         "Hij luisterde via de radio naar de wedstrijd."]),
    "paywall": (
        ["Subscribe today from just £1 a week", "Only paying members can read this story",
         "Get 30% off your first year", "Unlock unlimited stories today", "This is members-only content.",
         "Your first two months for $2", "Jetzt zwei Monate gratis lesen", "Sie möchten weiterlesen? Jetzt abonnieren",
         "Il vous reste 60 % de cet article à lire", "Abonnez-vous à partir de 2 € par mois",
         "Regístrate gratis para continuar leyendo", "Prova gratis per tre mesi", "Experimente grátis durante dois meses",
         "No contract, cancel anytime.", "First 3 months free, then $6 a month",
         "Your subscription funds our local reporting.", "Diesen Beitrag lesen Sie mit unserem Digital-Abo",
         "Cet entretien est réservé à nos abonnés", "Bent u al abonnee?"],
        ["Only members can vote at the annual meeting, the club said.",
         "The first month was free, then the gym charged $40, she said.",
         "Cet article de loi est réservé aux juristes, ironise le député.",
         "Save 20% on your energy bill by turning the heating down, the agency advised.",
         "Il vous reste trois jours pour déposer votre dossier, rappelle la mairie."]),
    "correction_footer": (
        ["This story has been updated to correct the name of the school.", "Noticed a typo? Email us.",
         "We correct our mistakes openly.", "Transparenzhinweis: Eine frühere Version nannte ein falsches Datum.",
         "Avez-vous trouvé une coquille ? Écrivez-nous.", "¿Ha encontrado algún error? Avísenos.",
         "Fe de erratas: la cifra correcta es 40.", "Avete notato un refuso? Scriveteci.",
         "O texto foi corrigido para esclarecer a data."],
        ["This story has been told many times, but never by the miners themselves.",
         "The law was updated to correct a loophole, the minister said, and will apply from May."]),
    "teaser_inline": (
        ["ICYMI: The ferry that never sailed", "Related video: Inside the new library",
         "Dazu: Was die Reform für Mieter bedeutet", "Notre décryptage : Ce que change la réforme",
         "Vea también: Así será el nuevo puerto", "Vedi anche: Le nuove regole per i bus",
         "Ver também: O que muda nas rendas", "Zie ook: Wat de nieuwe regels betekenen"],
        ["Dazu kommt, dass die Mieten weiter steigen.", "Voir le rapport complet en annexe."]),
    "event_cta": (
        ["Zur Anmeldung", "Je réserve ma place", "Entradas a la venta en taquilla", "Acquista il biglietto",
         "Garanta o seu lugar", "Reserveer je plek"],
        ["Tickets were sold out within minutes, the promoter said."]),
    "event_detail": (
        ["Date: 14 June 2025", "Uhrzeit: 18.30 Uhr", "Tarif : 8 €", "Precio: 5 euros", "Ingresso: gratuito",
         "Preço: 10 euros", "Toegang: gratis"],
        ["The date of the vote has not been set, officials said on Friday."]),
    "caption_prefix": (
        ["Photo credit — Lena Ortiz", "Image credits – City Archive"],
        ["Photo credits were missing from half of the entries, the jury said."]),
    "affiliate": (
        ["Shopping links on this page help fund our testing.",
         "We test everything ourselves; buying through our links may earn us a small fee.",
         "We may get a commission for purchases made through links on this page.",
         "Links flagged with an asterisk are partner links.",
         "Für Käufe über diese Links erhält die Redaktion eine kleine Provision.",
         "Mit deinem Kauf über unsere Links unterstützt du unsere Arbeit."],
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
    "caption_credit": (
        ["The new tram line will open in May. Graphic: Ana Ruiz",
         "So verläuft die neue Trasse. Grafik: Stadtwerke", "Le tracé de la future ligne. Infographie : Le Courrier"],
        ["The plan is explained in the graphic: it shows the new route.",
         "She studied graphic design in Berlin before joining the studio."]),
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


def test_a_credit_after_a_dash_gives_the_name():
    text = ("The new bridge opened to traffic on Monday after three years of work on the river crossing.\n\n"
            "Photo credit — Lena Ortiz\n\n"
            "Drivers queued from early morning to be among the first across, the council said.\n")
    result = cleaner.clean(text)
    assert result.metadata.image_credit == "Lena Ortiz"
    assert "Photo credit" not in result.text
