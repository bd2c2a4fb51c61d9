"""What authors write in their own language: section headings, recognised without configuration,
and category markers, which stay the content model's words (a translated one gets the fix).

A heading counts when it starts with one of its section's names, as the English ones do; the
portal's `matrix_aliases` option adds more. Each kind reads only its own sections' headings.
"""

from __future__ import annotations

# Section key -> language -> its usual headings there, the first the one `practice-exchange new` writes
# (English is each kind's own declaration).
BY_LANGUAGE: dict[str, dict[str, tuple[str, ...]]] = {
    "learning": {
        "de": ("Wichtigste Erkenntnisse", "Erkenntnisse",),
        "fr": ("Principaux enseignements", "Enseignements",),
        "es": ("Principales aprendizajes", "Aprendizajes clave",),
        "it": ("Principali apprendimenti", "Apprendimenti chiave",),
        "nl": ("Belangrijkste leerpunten", "Leerpunten",),
        "pt": ("Principais aprendizagens", "Aprendizagens-chave",),
        "pl": ("Najważniejsze wnioski", "Kluczowe wnioski",),
        "cs": ("Hlavní poznatky", "Klíčové poznatky",),
        "et": ("Peamised õppetunnid", "Olulisemad õppetunnid",),
        "bg": ("Основни поуки", "Ключови поуки",),
        "sv": ("Viktigaste lärdomar", "Viktiga lärdomar",),
    },
    "transferable": {
        "de": ("Übertragbare Ideen",),
        "fr": ("Idées transférables",),
        "es": ("Ideas transferibles",),
        "it": ("Idee trasferibili",),
        "nl": ("Overdraagbare ideeën",),
        "pt": ("Ideias transferíveis",),
        "pl": ("Idee do przeniesienia", "Pomysły do przeniesienia",),
        "cs": ("Přenositelné nápady", "Přenositelné myšlenky",),
        "et": ("Ülekantavad ideed",),
        "bg": ("Преносими идеи",),
        "sv": ("Överförbara idéer",),
    },
    "contribution": {
        "de": ("Beitrag für die Gastgeber", "Beitrag für den Gastgeber", "Beitrag zum Gastgeber",),
        "fr": ("Contribution à l'hôte", "Apport à l'hôte",),
        "es": ("Contribución al anfitrión", "Aportación al anfitrión",),
        "it": ("Contributo all'ospite", 'Contributo alla città ospitante',),
        "nl": ("Bijdrage aan de gastheer", "Bijdrage aan de gaststad",),
        "pt": ("Contributo para o anfitrião", "Contribuição para o anfitrião",),
        "pl": ("Wkład dla gospodarza",),
        "cs": ("Přínos pro hostitele",),
        "et": ("Panus võõrustajale",),
        "bg": ("Принос за домакина",),
        "sv": ("Bidrag till värden", "Bidrag till värdstaden",),
    },
    "lessons": {
        "de": ("Wichtigste Erkenntnisse", "Erkenntnisse", "Ergebnisse",),
        "fr": ("Principaux enseignements", "Enseignements", "Résultats",),
        "es": ("Lecciones clave", "Lecciones aprendidas", "Resultados",),
        "it": ("Lezioni chiave", "Lezioni apprese", "Risultati",),
        "nl": ("Belangrijkste lessen", "Geleerde lessen", "Resultaten",),
        "pt": ("Lições principais", "Lições aprendidas", "Resultados",),
        "pl": ("Najważniejsze wnioski", "Wnioski", "Wyniki",),
        "cs": ("Hlavní poznatky", "Poznatky", "Výsledky",),
        "et": ("Peamised õppetunnid", "Õppetunnid", "Tulemused",),
        "bg": ("Основни поуки", "Поуки", "Резултати",),
        "sv": ("Viktigaste lärdomar", "Lärdomar", "Resultat",),
    },
    "question": {
        "de": ("Ausgangsfrage", "Fragestellung",),
        "fr": ("Question de départ",),
        "es": ("Pregunta inicial",),
        "it": ("Domanda di partenza",),
        "nl": ("Startvraag", "Uitgangsvraag",),
        "pt": ("Pergunta de partida",),
        "pl": ("Pytanie wyjściowe",),
        "cs": ("Výchozí otázka",),
        "et": ("Lähteküsimus",),
        "bg": ("Изходен въпрос",),
        "sv": ("Utgångsfråga",),
    },
    "methods": {
        "de": ("Methoden", "Ablauf",),
        "fr": ("Méthodes", "Déroulement",),
        "es": ("Métodos",),
        "it": ("Metodi",),
        "nl": ("Werkwijze",),
        "pt": ("Métodos",),
        "pl": ("Metody", "Przebieg",),
        "cs": ("Metody", "Průběh",),
        "et": ("Meetodid",),
        "bg": ("Методи",),
        "sv": ("Metoder",),
    },
    "arguments": {
        "de": ("Hauptargumente",),
        "fr": ("Arguments principaux",),
        "es": ("Argumentos principales",),
        "it": ("Argomenti principali",),
        "nl": ("Belangrijkste argumenten",),
        "pt": ("Argumentos principais",),
        "pl": ("Główne argumenty",),
        "cs": ("Hlavní argumenty",),
        "et": ("Peamised argumendid",),
        "bg": ("Основни аргументи",),
        "sv": ("Huvudargument",),
    },
    "discussion": {
        "de": ("Diskussion",),
        "fr": ("Discussion",),
        "es": ("Debate", "Discusión",),
        "it": ("Discussione",),
        "nl": ("Discussie",),
        "pt": ("Discussão",),
        "pl": ("Dyskusja",),
        "cs": ("Diskuse",),
        "et": ("Arutelu",),
        "bg": ("Дискусия",),
        "sv": ("Diskussion",),
    },
    "statements": {
        "de": ("Aussagen", "Zitate",),
        "fr": ("Déclarations", "Citations",),
        "es": ("Declaraciones", "Citas",),
        "it": ("Dichiarazioni", "Citazioni",),
        "nl": ("Uitspraken", "Citaten",),
        "pt": ("Declarações", "Citações",),
        "pl": ("Wypowiedzi", "Cytaty",),
        "cs": ("Výroky", "Citace",),
        "et": ("Väited", "Tsitaadid",),
        "bg": ("Изказвания", "Цитати",),
        "sv": ("Uttalanden", "Citat",),
    },
    "references": {
        "de": ("Quellen", "Literatur",),
        "fr": ("Références",),
        "es": ("Referencias",),
        "it": ("Riferimenti",),
        "nl": ("Referenties", "Bronnen",),
        "pt": ("Referências",),
        "pl": ("Źródła", "Bibliografia",),
        "cs": ("Zdroje", "Odkazy",),
        "et": ("Viited", "Allikad",),
        "bg": ("Източници", "Литература",),
        "sv": ("Referenser", "Källor",),
    },
    "next": {
        "de": ("Nächste Schritte", "Nächstes Treffen",),
        "fr": ("Prochaines étapes", "Prochaine réunion",),
        "es": ("Próximos pasos", "Próxima reunión",),
        "it": ("Prossimi passi", "Prossimo incontro",),
        "nl": ("Volgende stappen", "Volgende bijeenkomst",),
        "pt": ("Próximos passos", "Próxima reunião",),
        "pl": ("Kolejne kroki", "Następne spotkanie",),
        "cs": ("Další kroky", "Příští setkání",),
        "et": ("Järgmised sammud", "Järgmine kohtumine",),
        "bg": ("Следващи стъпки", "Следваща среща",),
        "sv": ("Nästa steg", "Nästa möte",),
    },
}
# A visit's `## Follow-up`, written later by the visiting city.
BY_LANGUAGE["followup"] = {
    "de": ("Wie es weiterging", "Umsetzung zu Hause", "Nachbereitung",),
    "fr": ("Suites données", "Suivi",),
    "es": ("Seguimiento", "Qué pasó después",),
    "it": ("Seguito", "Cosa è successo dopo",),
    "nl": ("Vervolg", "Opvolging",),
    "pt": ("Seguimento", "O que aconteceu depois",),
    "pl": ("Działania następcze", "Co było dalej",),
    "cs": ("Následné kroky", "Co bylo dál",),
    "et": ("Järeltegevused", "Mis edasi sai",),
    "bg": ("Последващи действия", "Какво последва",),
    "sv": ("Uppföljning", "Vad som hände sedan",),
}
# The closing section of the lead expert's report (`docs/report.md`), which the report ends with.
BY_LANGUAGE["conclusions"] = {
    "de": ("Schlussfolgerungen", "Fazit",), "fr": ("Conclusions",), "es": ("Conclusiones",),
    "it": ("Conclusioni",), "nl": ("Conclusies",), "pt": ("Conclusões",), "pl": ("Wnioski końcowe",),
    "cs": ("Závěry",), "et": ("Järeldused",), "bg": ("Заключения",), "sv": ("Slutsatser",),
}
# A toolkit card's `## Steps`.
BY_LANGUAGE["steps"] = {
    "de": ("Schritte",), "fr": ("Étapes",), "es": ("Pasos",), "it": ("Passaggi",), "nl": ("Stappen",),
    "pt": ("Passos",), "pl": ("Kroki",), "cs": ("Kroky",), "et": ("Sammud",), "bg": ("Стъпки",), "sv": ("Steg",),
}
# Every heading of every language, by section key.
HEADINGS: dict[str, tuple[str, ...]] = {
    key: tuple(name for names in languages.values() for name in names) for key, languages in BY_LANGUAGE.items()
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
