"""What authors write in their own language: section headings, recognised without configuration,
and category markers, which stay the content model's words (a translated one gets the fix).

A heading counts when it starts with one of its section's names, as the English ones do; the
portal's `matrix_aliases` option adds more. Each kind reads only its own sections' headings.
"""

from __future__ import annotations

# Section key -> its usual headings in German, French, Spanish, Italian, Dutch, Portuguese, Polish,
# Czech, Estonian, Bulgarian and Swedish (English is each kind's own declaration).
HEADINGS: dict[str, tuple[str, ...]] = {
    # The visit matrix.
    "learning": (
        "Wichtigste Erkenntnisse", "Erkenntnisse", "Principaux enseignements", "Enseignements",
        "Principales aprendizajes", "Aprendizajes clave", "Principali apprendimenti", "Apprendimenti chiave",
        "Belangrijkste leerpunten", "Leerpunten", "Principais aprendizagens", "Aprendizagens-chave",
        "Najważniejsze wnioski", "Kluczowe wnioski", "Hlavní poznatky", "Klíčové poznatky",
        "Peamised õppetunnid", "Olulisemad õppetunnid", "Основни поуки", "Ключови поуки",
        "Viktigaste lärdomar", "Viktiga lärdomar",
    ),
    "transferable": (
        "Übertragbare Ideen", "Idées transférables", "Ideas transferibles", "Idee trasferibili",
        "Overdraagbare ideeën", "Ideias transferíveis", "Idee do przeniesienia", "Pomysły do przeniesienia",
        "Přenositelné nápady", "Přenositelné myšlenky", "Ülekantavad ideed", "Преносими идеи",
        "Överförbara idéer",
    ),
    "contribution": (
        "Beitrag für die Gastgeber", "Beitrag für den Gastgeber", "Beitrag zum Gastgeber", "Contribution à l'hôte",
        "Apport à l'hôte", "Contribución al anfitrión", "Aportación al anfitrión", "Contributo all'ospite",
        "Contributo alla città ospitante", "Bijdrage aan de gastheer", "Bijdrage aan de gaststad",
        "Contributo para o anfitrião", "Contribuição para o anfitrião", "Wkład dla gospodarza",
        "Přínos pro hostitele", "Panus võõrustajale", "Принос за домакина", "Bidrag till värden",
        "Bidrag till värdstaden",
    ),
    # A session report's.
    "lessons": (
        "Wichtigste Erkenntnisse", "Erkenntnisse", "Ergebnisse", "Principaux enseignements", "Enseignements",
        "Résultats", "Lecciones clave", "Lecciones aprendidas", "Resultados", "Lezioni chiave", "Lezioni apprese",
        "Risultati", "Belangrijkste lessen", "Geleerde lessen", "Resultaten", "Lições principais",
        "Lições aprendidas", "Najważniejsze wnioski", "Wnioski", "Wyniki", "Hlavní poznatky", "Poznatky",
        "Výsledky", "Peamised õppetunnid", "Õppetunnid", "Tulemused", "Основни поуки", "Поуки", "Резултати",
        "Viktigaste lärdomar", "Lärdomar", "Resultat",
    ),
    "question": (
        "Ausgangsfrage", "Fragestellung", "Question de départ", "Pregunta inicial", "Domanda di partenza",
        "Startvraag", "Uitgangsvraag", "Pergunta de partida", "Pytanie wyjściowe", "Výchozí otázka",
        "Lähteküsimus", "Изходен въпрос", "Utgångsfråga",
    ),
    "methods": (
        "Methoden", "Ablauf", "Méthodes", "Déroulement", "Métodos", "Metodi", "Werkwijze", "Metody", "Przebieg",
        "Průběh", "Meetodid", "Методи", "Metoder",
    ),
    "arguments": (
        "Hauptargumente", "Arguments principaux", "Argumentos principales", "Argomenti principali",
        "Belangrijkste argumenten", "Argumentos principais", "Główne argumenty", "Hlavní argumenty",
        "Peamised argumendid", "Основни аргументи", "Huvudargument",
    ),
    "discussion": (
        "Diskussion", "Discussion", "Debate", "Discusión", "Discussione", "Discussie", "Discussão", "Dyskusja",
        "Diskuse", "Arutelu", "Дискусия",
    ),
    "statements": (
        "Aussagen", "Zitate", "Déclarations", "Citations", "Declaraciones", "Citas", "Dichiarazioni", "Citazioni",
        "Uitspraken", "Citaten", "Declarações", "Citações", "Wypowiedzi", "Cytaty", "Výroky", "Citace", "Väited",
        "Tsitaadid", "Изказвания", "Цитати", "Uttalanden", "Citat",
    ),
    "references": (
        "Quellen", "Literatur", "Références", "Referencias", "Riferimenti", "Referenties", "Bronnen",
        "Referências", "Źródła", "Bibliografia", "Zdroje", "Odkazy", "Viited", "Allikad", "Източници",
        "Литература", "Referenser", "Källor",
    ),
    "next": (
        "Nächste Schritte", "Nächstes Treffen", "Prochaines étapes", "Prochaine réunion", "Próximos pasos",
        "Próxima reunión", "Prossimi passi", "Prossimo incontro", "Volgende stappen", "Volgende bijeenkomst",
        "Próximos passos", "Próxima reunião", "Kolejne kroki", "Następne spotkanie", "Další kroky",
        "Příští setkání", "Järgmised sammud", "Järgmine kohtumine", "Следващи стъпки", "Следваща среща",
        "Nästa steg", "Nästa möte",
    ),
}

# A category marker written in another language -> the marker to write instead.
MARKERS: dict[str, str] = {
    word.casefold(): marker
    for marker, words in {
        "information": ("Information", "Informationen", "información", "informazione", "informatie", "informação",
                        "informacja", "informace", "teave", "informatsioon", "информация"),
        "inspiration": ("Inspiration", "inspiración", "ispirazione", "inspiratie", "inspiração", "inspiracja",
                        "inspirace", "inspiratsioon", "вдъхновение"),
        "challenge": ("Herausforderung", "défi", "reto", "desafío", "sfida", "uitdaging", "desafio", "wyzwanie",
                      "výzva", "väljakutse", "предизвикателство", "utmaning"),
        "contacts": ("Kontakte", "Kontakt", "contactos", "contatti", "contacten", "kontakty", "kontaktid",
                     "контакти", "kontakter"),
    }.items()
    for word in words
    if word.casefold() != marker
}
