"""The Italian, Portuguese and Dutch wordings of the pattern data (and a few of other languages): page furniture of each language matches its
concept, and ordinary prose of that language with the same keywords does not.

The furniture lines are written here, unlike the patterns' literal text where a pattern allows it (other
numbers, names and word orders), so each case checks a pattern's breadth and not a copy of it.
"""
from __future__ import annotations

import pytest

from cleaner.text.rules.lines import split_names
from cleaner.text.rules.patterns import concept, prepare

# language -> concept -> (furniture lines that match, prose lines that do not)
CASES: dict[str, dict[str, tuple[list[str], list[str]]]] = {
    "nl": {
        "teaser_heading": (
            ["Meest gelezen deze week", "Meer nieuws uit Groningen", "Gerelateerde artikelen", "Het laatste nieuws",
             "Dit vind je misschien ook interessant", "Tips van de redactie", "Uitgelicht", "Heb je dit gemist?",
             "Vergelijkbare artikelen"],
            ["Het laatste nieuws over de staking kwam pas na middernacht binnen.",
             "Meer over de plannen wil de wethouder volgende week vertellen aan de raad."]),
        "teaser_inline": (
            ["Lees ook: Treinverkeer rond Utrecht urenlang plat", "Zie ook | Provincie trekt subsidie in",
             "Meer weten? » Zo werkt de nieuwe huurwet"],
            ["Lees ook het rapport van de inspectie, zei de minister.", "Zie ook de tabel onderaan de pagina."]),
        "relative_time": (
            ["12 minuten geleden", "3 uur geleden", "Bijgewerkt 2 dagen geleden", "een week geleden", "Gisteren, 18:05"],
            ["Drie uur geleden stond de brandweer nog voor de deur.", "Gisteren ging de winkel weer open."]),
        "tts_notice": (
            ["Luister naar dit artikel", "Dit artikel wordt voorgelezen met een computerstem",
             "De gesproken versie is automatisch gegenereerd; uitspraakfouten zijn mogelijk."],
            ["Luister naar je lichaam, adviseert de huisarts iedereen die moe is.",
             "De zangeres liet haar stem horen tijdens het concert in Ahoy."]),
        "listen_duration": (["Ca. 6 minuten luisteren", "Luistertijd: 11 min"], ["Na zes minuten luisteren viel hij in slaap."]),
        "reading_time": (["Leestijd 7 minuten", "3 min. leestijd", "ongeveer 9 minuten lezen"],
                         ["Het kost ongeveer negen minuten om het hele rapport door te lezen."]),
        "correction_footer": (
            ["Een fout gezien?", "Meld een tikfout", "Neem contact op met de redactie", "Typfout gevonden? Markeer de tekst en druk op Ctrl+Enter"],
            ["Een fout gezien in de belastingaangifte leidde tot een boete van duizend euro."]),
        "disclaimer": (
            ["Ingezonden stukken geven niet noodzakelijk de mening van de redactie weer.",
             "De Waterbode deelt niet per se de standpunten van columnisten.",
             "Deze bijdrage komt volledig voor rekening van de auteur.",
             "De inhoud op deze site vormt geen beleggingsadvies."],
            ["De minister deelt niet de mening van de oppositie over de begroting.",
             "Zij gaf haar mening over het plan tijdens een informatieavond in het dorpshuis."]),
        "share": (["Deel dit artikel", "Delen via Facebook", "Link kopiëren", "Afdrukken", "Mailen"],
                  ["Ze delen de prijs met het hele team van vrijwilligers.", "Deel 3 van de serie verschijnt morgen."]),
        "newsletter": (
            ["Meld je gratis aan voor onze dagelijkse nieuwsbrief", "Elke ochtend het belangrijkste nieuws in je inbox",
             "Vul je e-mailadres in", "Bedankt voor je aanmelding!", "Je kunt je op elk moment weer uitschrijven."],
            ["De gemeente stuurde bewoners een nieuwsbrief over de werkzaamheden aan de dijk."]),
        "cookie": (["Wij gebruiken functionele en analytische cookies.", "Cookies accepteren", "Cookie-instellingen",
                    "Privacyverklaring | Contact"],
                   ["De bakker verkoopt koekjes, cookies en taart op de markt."]),
        "advert": (["- ADVERTENTIE -", "Gesponsorde inhoud", "In samenwerking met Reisbureau Zon", "Het artikel gaat verder onder de advertentie",
                    "Scroll naar beneden om verder te lezen"],
                   ["De advertentie voor de nieuwe auto werd door de reclamecodecommissie afgekeurd."]),
        "copyright": (["© 2021 Dagblad de Polder", "Alle rechten voorbehouden.", "Colofon | Privacy | © Uitgeverij Zuid",
                       "Overname van artikelen is niet toegestaan."],
                      ["De schrijver behield alle rechten op haar eerste roman."]),
        "nav": (["Naar de hoofdinhoud", "Inloggen", "Startpagina", "Terug naar boven", "Meer laden", "Volgende artikel", "7 reacties"],
                ["Ze ging terug naar boven om haar jas te halen."]),
        "bio_heading": (["Over de auteur", "Over deze schrijfster", "De auteur"], ["De auteur van het rapport wil anoniem blijven."]),
        "bio_cue": (["Sanne Visser is economieredacteur bij deze krant.", "Joost Wouters werkt als politiek verslaggever in Den Haag.",
                     "Lotte Bakker schrijft sinds 2015 voor de krant."],
                    ["Het nieuwe stadhuis is een ontwerp van een Deense architect."]),
        "posts_link": (["Alle artikelen van Maarten de Wit", "Meer van deze auteur", "Volg Femke van der Laan"],
                       ["Volg de borden richting het centrum."]),
        "address_heading": (["Bezoekadres", "Contactgegevens", "Colofon"], ["Het adres van de verdachte is bij de politie bekend."]),
        "street_line": (["Kerkstraat 14", "Van Baerlestraat 112-3", "Postbus 4021", "Wetstraat 16, 1040 Brussel"],
                        ["De Kerkstraat wordt tot 2026 afgesloten."]),
        "contact_line": (["Telefoon: 020 555 01 23", "E-mail: lezers@voorbeeld.nl", "Tel. +31 (0)30 123 4567"],
                         ["Bel 112 bij nood."]),
        "caption_prefix": (["Foto's: Jeroen Smit", "Beeld: ANP", "Illustratie | Marloes Kok"],
                           ["Beeld je eens in dat je dit elke dag moet doen."]),
        "with_files": (["Met informatie van ANP en Reuters", "— met materiaal van Belga"], ["Met informatie komt men verder."]),
        "follow": (["Volg ons ook op Instagram en TikTok", "Volgt u ons al op LinkedIn?"],
                   ["Volg het nieuws op televisie en in de krant."]),
        "staff_credits": (["Met medewerking van Bas Kuipers", "Tekst: Iris Maas; eindredactie: Tim de Graaf",
                           "Vertaald uit het Spaans door Roos van Leeuwen"],
                          ["Tekst: het kabinet wil de wet aanpassen."]),
        "comment_opener": (["3.418 reacties", "Praat mee (2.301)", "Lezersreacties (14)", "Plaats een reactie"],
                           ["Er kwamen 3.418 reacties binnen op de enquête van de gemeente."]),
        "comment_head": (["Kees Bos reageert", "Wim de Haan antwoordde op 3 mei om 10:14"], []),
        "comment_action": (["Reageer", "Reactie melden"], ["Reageer niet op verdachte berichten, zegt de politie."]),
        "byline_prefix": (["Door", "Door onze correspondent", "Tekst en beeld", "Een analyse van", "Verslag"], []),
        "teaser_byline": (["Opinie · Eva van den Berg", "Cultuur | Daan Smit"], ["Opinie · het kabinet moet kiezen"]),
    },
    "de": {
        "teaser_heading": (["Ähnliche Beiträge", "Passend zum Thema", "Am meisten gelesen", "Zum Weiterlesen"],
                           ["Ähnliche Beiträge gab es schon im letzten Jahr.", "Passend zum Thema sprach der Bürgermeister."]),
    },
    "it": {
        "teaser_byline": (["Cronaca · Giulia Ferraro", "Meinung | Jonas Keller"], ["Cronaca · la giunta approva il bilancio"]),
        "teaser_heading": (
            ["I più letti di oggi", "Articoli correlati", "Potrebbe interessarti anche", "Ultime notizie", "In primo piano",
             "Altri articoli su Milano", "Scelti per te", "Consigliati per te", "Articoli recenti"],
            ["Gli articoli correlati al caso sono stati sequestrati dalla procura.",
             "Le ultime notizie dal fronte parlano di nuovi combattimenti nella notte."]),
        "teaser_inline": (["Leggi anche: Sciopero dei treni, ecco le fasce garantite", "Approfondimento | La riforma delle pensioni"],
                          ["Leggi anche il parere della Corte, ha detto il ministro."]),
        "relative_time": (["5 minuti fa", "2 ore fa", "un'ora fa", "Aggiornato 3 giorni fa", "Ieri alle 19:40"],
                          ["Tre ore fa il sindaco ha firmato l'ordinanza.", "Ieri il consiglio ha votato il bilancio."]),
        "tts_notice": (["Ascolta questo articolo", "Letto da una voce sintetica", "Audio generato automaticamente: possibili errori di pronuncia"],
                       ["Ascolta il tuo corpo, consiglia il medico.", "La cantante ha una voce potente e limpida."]),
        "listen_duration": (["Circa 4 minuti di ascolto", "Durata: 7 min"], ["Dopo quattro minuti di ascolto il pubblico applaude."]),
        "reading_time": (["Tempo di lettura: 6 minuti", "4 min di lettura"], ["Ci vogliono sei minuti di lettura per finire il capitolo, dice lei."]),
        "correction_footer": (["Segnala un errore", "Hai trovato un refuso?", "Scrivi alla redazione"],
                              ["Ha trovato un errore nei conti del comune e lo ha denunciato."]),
        "disclaimer": (["Le opinioni espresse in questo articolo sono dell'autore.",
                        "I contenuti non rappresentano necessariamente la posizione della testata.",
                        "Questo testo ha scopo puramente informativo e non sostituisce il parere del medico."],
                       ["L'incontro aveva uno scopo informativo, ha spiegato l'assessore ai cittadini."]),
        "share": (["Condividi su WhatsApp", "Condividi l'articolo", "Copia il link", "Stampa"],
                  ["Condividi le tue idee con gli altri, ripeteva la maestra ai bambini."]),
        "newsletter": (["Iscriviti gratis alla nostra newsletter settimanale",
                        "Ricevi ogni mattina le notizie principali nella tua casella di posta",
                        "Grazie per esserti iscritta!", "Puoi disiscriverti in qualsiasi momento."],
                       ["Il comune ha inviato una lettera ai residenti della zona."]),
        "cookie": (["Questo sito utilizza cookie tecnici e di profilazione.", "Accetta tutti i cookie", "Informativa sulla privacy"],
                   ["Ha mangiato un cookie al cioccolato durante la pausa."]),
        "advert": (["PUBBLICITÀ", "Contenuto sponsorizzato", "L'articolo continua dopo la pubblicità", "In collaborazione con Banca Alfa"],
                   ["La pubblicità della nuova auto è stata ritirata dopo le proteste."]),
        "copyright": (["© 2019 Gazzetta del Borgo", "Riproduzione riservata", "Tutti i diritti riservati", "È vietata la riproduzione anche parziale"],
                      ["È vietata la diffusione dei dati sanitari senza consenso, ricorda il garante."]),
        "nav": (["Vai al contenuto principale", "Accedi", "Torna su", "Carica altri articoli", "Articolo successivo", "12 commenti"],
                ["Torna su Roma il maltempo con piogge intense."]),
        "bio_heading": (["L'autore", "Sull'autrice", "Chi sono"], ["L'autore del furto è stato arrestato ieri sera."]),
        "bio_cue": (["Giulia Ferri è una giornalista freelance che vive a Torino.", "Luca Neri scrive di economia per il quotidiano locale."],
                    ["Il ponte è una struttura di acciaio lunga trecento metri."]),
        "posts_link": (["Tutti gli articoli di Paolo Gatti", "Vedi il profilo", "Segui l'autrice"], ["Ha letto tutti gli articoli del codice."]),
        "address_heading": (["Contatti", "Sede legale", "Dove siamo"], ["La sede legale della società è stata trasferita a Milano."]),
        "street_line": (["Via Giuseppe Verdi, 27", "Piazza del Duomo 3", "Corso Italia 112, 20122 Milano (MI)"],
                        ["Via libera al decreto sul lavoro."]),
        "contact_line": (["Tel. 06 1234 5678", "Email: redazione@esempio.it", "Cellulare: +39 333 123 4567"], ["Chiama il 118 in caso di emergenza."]),
        "caption_prefix": (["Foto: Ansa", "Fonte: Istat"], ["Foto di gruppo per la squadra campione."]),
        "caption_credit": (["I vigili del fuoco al lavoro sul tetto. Foto: Marco Bassi"], ["La foto è stata scattata da Marco Bassi nel 2019."]),
        "with_files": (["Con informazioni dell'Ansa", "— con materiale di Reuters"], ["Con informazioni così poche è difficile decidere."]),
        "follow": (["Seguiteci su Facebook e Instagram", "Seguici anche su Telegram"], ["Seguici, disse la guida ai turisti."]),
        "staff_credits": (["Hanno collaborato Marta Rinaldi e Luca Conti", "Traduzione a cura di Sara Villa", "Infografica: Davide Sala"],
                          ["Hanno collaborato con la polizia per settimane."]),
        "comment_opener": (["1.204 commenti", "Partecipa alla discussione", "Commenta la notizia"],
                           ["Sono arrivati 1.204 commenti negativi alla proposta del sindaco."]),
        "comment_head": (["Anna Riva risponde", "marco_77 ha scritto il 4 maggio alle 10:15"], []),
        "comment_action": (["Rispondi", "Segnala abuso"], []),
        "byline_prefix": (["Di", "Testo di", "Dal nostro inviato", "Un commento di"], []),
    },
    "pt": {
        "teaser_heading": (
            ["Mais lidas da semana", "Notícias relacionadas", "Você também pode gostar", "Últimas notícias", "Em destaque",
             "Leia também", "Mais sobre Futebol", "Relacionadas", "Artigos populares"],
            ["As notícias relacionadas ao caso foram publicadas pela imprensa local.",
             "Mais lidas do que nunca, as revistas de bairro voltaram a crescer."]),
        "teaser_inline": (["Leia também: Governo anuncia novo pacote fiscal", "Veja mais » Chuvas causam estragos no Porto", "Entenda: o que muda no IRS"],
                          ["Leia também o contrato antes de assinar, aconselha o advogado."]),
        "relative_time": (["Há 15 minutos", "há 2 horas", "Atualizado há 3 dias", "há uma semana", "Ontem às 21h30", "5 min atrás"],
                          ["Há duas horas o presidente discursou no parlamento.", "Ontem o governo aprovou a lei."]),
        "tts_notice": (["Ouça esta notícia", "Ouvir o artigo", "A narração foi gerada por inteligência artificial e pode conter erros de pronúncia."],
                       ["Ouvir os pacientes é essencial, diz a médica.", "A voz da cantora encheu o estádio."]),
        "listen_duration": (["Cerca de 5 minutos de áudio", "Duração: 8 min"], ["Depois de cinco minutos de áudio a ligação caiu."]),
        "reading_time": (["Tempo de leitura: 4 min", "6 minutos de leitura", "Leitura de 3 min"],
                         ["O livro exige muitas horas de leitura atenta, segundo o autor."]),
        "correction_footer": (["Encontrou um erro?", "Reportar erro", "Fale com a redação", "Erramos"],
                              ["Encontrou um erro no contrato e pediu a anulação do negócio."]),
        "disclaimer": (["Este texto não reflete necessariamente a opinião do jornal.",
                        "As opiniões expressas neste artigo são de inteira responsabilidade do autor.",
                        "Conteúdo de caráter meramente informativo, que não substitui o aconselhamento médico."],
                       ["A opinião do ministro sobre o orçamento foi criticada pela oposição."]),
        "share": (["Compartilhar no WhatsApp", "Partilhar este artigo", "Copiar link", "Imprimir"],
                  ["Os vizinhos decidiram partilhar as despesas do condomínio."]),
        "newsletter": (["Inscreva-se na nossa newsletter diária", "Receba as principais notícias direto no seu e-mail",
                        "Digite seu e-mail", "Obrigado por se cadastrar!", "Pode cancelar a sua subscrição a qualquer momento."],
                       ["O cliente pode cancelar a qualquer momento, diz a lei do consumidor."]),
        "cookie": (["Este site utiliza cookies para melhorar a sua experiência.", "Aceitar todos os cookies", "Política de privacidade"],
                   ["Ela vende cookies caseiros na feira de domingo."]),
        "advert": (["PUBLICIDADE", "Conteúdo patrocinado", "Continua após a publicidade", "Em parceria com Banco Sol",
                    "A reportagem continua depois do anúncio"],
                   ["A publicidade da campanha foi suspensa pelo tribunal eleitoral."]),
        "copyright": (["© 2022 Jornal da Serra", "Todos os direitos reservados.", "É proibida a reprodução total ou parcial deste conteúdo."],
                      ["Ele reservou todos os lugares do restaurante para a festa."]),
        "nav": (["Ir para o conteúdo principal", "Entrar", "Voltar ao topo", "Carregar mais notícias", "Próxima notícia", "8 comentários"],
                ["Voltar ao topo da tabela é o objetivo do clube."]),
        "bio_heading": (["Sobre o autor", "Sobre a autora", "Quem escreve"], ["O autor do crime foi detido pela polícia."]),
        "bio_cue": (["Ana Costa é jornalista e escreve sobre cultura.", "Pedro Lima é repórter da editoria de política desde 2019."],
                    ["O edifício é uma obra do arquiteto Álvaro Siza."]),
        "posts_link": (["Ver todos os artigos de Rita Moura", "Mais textos de João Pires", "Ver perfil do autor"],
                       ["Ver todos os jogos da época custa caro."]),
        "address_heading": (["Endereço", "Fale conosco", "Ficha técnica"], ["O endereço do suspeito não foi divulgado."]),
        "street_line": (["Rua Augusta, 1500 - Consolação", "Av. Paulista, 900, 5º andar", "Rua do Carmo, n.º 12"],
                        ["Rua fechada ao trânsito."]),
        "city_line": (["01310-100 São Paulo - SP", "1200-195 Lisboa", "Belo Horizonte/MG, CEP 30130-010"], []),
        "contact_line": (["Telefone: (11) 3333-4444", "E-mail: leitor@exemplo.com.br", "Telemóvel: 912 345 678"], ["Ligue 190 em caso de emergência."]),
        "caption_prefix": (["Foto: Reuters", "Imagem | Divulgação", "Créditos: Agência Brasil"], ["Foto de família no casamento da irmã."]),
        "caption_credit": (["Manifestantes em frente ao parlamento. Foto: Ricardo Lopes"], ["A foto foi tirada por Ricardo Lopes no verão."]),
        "with_files": (["Com informações da Reuters", "— com Lusa", "Com agências"], ["Com informações tão escassas, o juiz adiou a decisão."]),
        "follow": (["Siga-nos também no Instagram", "Acompanhe o Diário do Vale no Facebook"], ["Siga as instruções da polícia."]),
        "staff_credits": (["Edição: Carla Nunes", "Colaboraram Bruno Reis e Inês Faria", "Com colaboração de Tiago Melo"],
                          ["Edição de Luxo esgotada em dois dias"]),
        "comment_opener": (["2.105 comentários", "Participe da discussão", "Comente esta notícia"],
                           ["A petição recebeu 2.105 comentários em poucos dias."]),
        "comment_head": (["Maria Sousa comenta", "joao.p respondeu em 12/03/2021 às 14:02"], []),
        "comment_action": (["Responder", "Curtir"], []),
        "byline_prefix": (["Por", "Texto de", "Do nosso correspondente", "Uma crónica de"], []),
        "teaser_byline": (["Economia · Rita Gomes", "Desporto | Tiago da Costa"], ["Economia · os preços sobem outra vez"]),
    },
    "en": {
        "teaser_heading": (["Popular this week", "Trending this month", "Similar stories", "Popular posts",
                            "More articles like this", "Elsewhere on Harbour Radio", "Latest from the newsroom"],
                           ["Popular this week were the strawberry tarts.", "Trending this month is hard."]),
        "teaser_byline": (["Opinion · Dana Whitfield", "Travel | Omar El Amin"],
                          ["Opinion · what the pier vote means", "Opinion: Dana Whitfield is right."]),
    },
    "es": {
        "teaser_heading": (["Te recomendamos", "Más sobre Valencia", "No te pierdas", "Artículos similares",
                            "Tal vez te interese", "También te podría gustar"],
                           ["Te recomendamos que leas el contrato con atención.",
                            "Tal vez te interese saber que el museo abre el lunes."]),
        "reading_time": (["5 minutos de lectura"], ["Tras cinco minutos de lectura se durmió en el sofá."]),
        "nav": (["Cerrar sesión", "Noticia siguiente"], ["La noticia siguiente llegó al día siguiente."]),
    },
    "fr": {
        "teaser_heading": (["Voir aussi", "Le choix de la rédaction", "Vous pourriez également aimer",
                            "Toute l'actualité de Besançon", "Ça pourrait vous intéresser", "Dans la même catégorie"],
                           ["Voir aussi loin était impossible sans jumelles.", "Vous pourriez aussi aimer la suite.",
                            "Toute l'actualité de la région tenait en une page."]),
        "teaser_byline": (["Société · Hélène Garnier", "Sport | Lucas Fontaine"],
                          ["Société · les maires veulent plus de moyens", "Sport : Lucas Fontaine a gagné."]),
        "share": (["Lien copié"], ["Le lien copié dans le contrat était faux."]),
    },
}


def _cases(kind: int) -> list[tuple[str, str, str]]:
    return [(lang, name, line) for lang, concepts in CASES.items() for name, pair in concepts.items() for line in pair[kind]]


def _ungated(name: str, line: str) -> bool:
    c = concept(name)
    text = prepare(line)
    if c.max_words is not None and len(text.split()) > c.max_words:
        return False
    return any((p.fullmatch(text) if c.mode == "fullmatch" else p.search(text)) for p in c.patterns)


@pytest.mark.parametrize(("lang", "name", "line"), _cases(0))
def test_furniture_line_matches_its_concept(lang, name, line):
    assert concept(name).match(line) is not None, (lang, name, line)
    assert _ungated(name, line)  # the keyword gate lets it through too


@pytest.mark.parametrize(("lang", "name", "line"), _cases(1))
def test_prose_with_the_same_words_does_not_match(lang, name, line):
    assert concept(name).match(line) is None, (lang, name, line)
    assert not _ungated(name, line)


@pytest.mark.parametrize(("text", "names"), [
    ("Anna de Vries en Piet Jansen", ["Anna de Vries", "Piet Jansen"]),
    ("Marco Rossi e Giulia Bianchi", ["Marco Rossi", "Giulia Bianchi"]),
    ("João Silva e Maria dos Santos", ["João Silva", "Maria dos Santos"]),
    ("Jan ter Horst, Eva van den Berg en Sara Peeters", ["Jan ter Horst", "Eva van den Berg", "Sara Peeters"]),
    ("Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
])
def test_bylines_join_names_with_the_word_for_and_of_each_language(text, names):
    assert split_names(text) == names


@pytest.mark.parametrize("text", ["Juan Pérez en Buenos Aires", "Ana Lopes e Silva", "Redacción en Madrid"])
def test_a_place_or_a_surname_after_en_or_e_is_no_second_author(text):
    assert split_names(text) == []
