"""One test per rule of the content model: each defect file gives exactly these messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import add_defect
from practice_exchange.content import Sources, load

# defect file (under tests/fixtures/defects/) -> every problem it causes, as `severity: message`
EXPECTED: dict[str, list[str]] = {
    'sessions/defective.md': [
        'error: sessions/defective.md:4: format: `worshop` is not one of workshop, barcamp, conference, meeting, webinar, other; did you mean `workshop`?',
        'error: sessions/defective.md:5: date: expected a date written YYYY, YYYY-MM or YYYY-MM-DD, such as 2021-07 or 2021-07-15, got `July 2021`; write `2021-07`',
        'error: sessions/defective.md:6: city: unknown city `lyn`, not found in network.yml; did you mean `lyon`?',
        'error: sessions/defective.md:7: participants: expected a number of people, got `many`',
        'error: sessions/defective.md:9: body: the required section `## Key lessons` is missing (it may also be headed `Results`, `Key lessons learned`, `Main results`); add it, followed by its lessons as a list',
    ],
    'network/bad-country.yml': [
        'error: network.yml:8: cities: country: `fr` is not a two-letter country code (ISO 3166-1 alpha-2) such as FR; did you mean `FR`?',
        'error: network.yml:17: cities: country: `Norway` is not a two-letter country code (ISO 3166-1 alpha-2) such as FR',
    ],
    'network/bad-vocabulary.yml': [
        'error: network.yml:21: tags: `Day Care` is not a valid tag: use lowercase letters, digits and hyphens, such as `day-care`',
    ],
    'network/duplicate-city.yml': [
        'error: network.yml:15: cities: the city id `oslo` is used twice; every city needs its own id',
    ],
    'network/invalid-yaml.yml': [
        "error: network.yml:10: name: the file is not valid YAML: check the indentation, and put quotes around a value that contains `: ` or starts with `[`, `{`, `*`, `&`, `!`, `%`, `@` or a quote",
    ],
    # A new user's review: the parser's words (`expected <block end>, but found '?'`) were the message.
    'network/unspaced-dash.yml': [
        'error: network.yml:9: the file is not valid YAML: a list item needs a space after its `-`; write `- id: oslo`',
    ],
    # A new user's review: the country was said only once the id was mended.
    'network/two-problems-of-one-city.yml': [
        'error: network.yml:7: cities: `country` is missing, such as {id: nantes, name: Nantes, country: FR}',
        'error: network.yml:9: cities: id: `Brno` is not a valid city id: use lowercase letters, digits and hyphens, such as `brno`',
        'error: network.yml:11: cities: country: `Czechia` is not a two-letter country code (ISO 3166-1 alpha-2) such as FR',
    ],
    'network/many-problems.yml': [
        "error: network.yml:10: cities: country: `XX` is no country's code (ISO 3166-1 alpha-2, such as FR, DE or CZ)",
        'error: network.yml:14: cities: the city id `oslo` is used twice; every city needs its own id',
        'error: network.yml:22: tags: `a/b` is not a valid tag: use lowercase letters, digits and hyphens, such as `a-b`',
        'error: network.yml:23: tags: the tag `index` is kept for the page that lists every tag; choose another',
    ],
    'network/unspaced-after-dashes.yml': [
        'error: network.yml:2: name: the file is not valid YAML: `name:` has no space after its colon, so YAML does not read it as a field; write `name: Fixture network`',
    ],
    'network/unspaced-first.yml': [
        'error: network.yml:1: name: the file is not valid YAML: `name:` has no space after its colon, so YAML does not read it as a field; write `name: Fixture network`',
    ],
    'network/twin-labels.yml': [
        'warning: network.yml:16: cities: the city `bergen` has the name `Lyon`, as `lyon` does: every list and the picture would show two cities alike; tell them apart, such as by their region',
        'warning: network.yml:19: tags: the tag `parents` has the label `Parental involvement`, as `language` does; give each tag its own label',
    ],
    'network/no-cities.yml': [
        'error: network.yml:1: cities: is required but missing',
    ],
    'network/unknown-lead.yml': [
        'error: network.yml:3: lead_partner: unknown city `lyonn`; did you mean `lyon`?',
    ],
    'practices/Bad Name.md': [
        'error: practices/Bad Name.md: the file name `Bad Name.md` is not a valid slug (lowercase letters, digits and hyphens); rename it to `bad-name.md`',
    ],
    'practices/bad-year.md': [
        'error: practices/bad-year.md:6: started: 1850 is out of range; expected between 1900 and 2100',
    ],
    'practices/control-character.md': [
        'error: practices/control-character.md:8: this line holds an invisible character (a page break, U+000C) after "report: the first page,": such characters often come with text copied from a PDF or a word processor; delete it (if your editor does not show it, delete the words around it and type them again)',
    ],
    # Found by a hostile review: YAML reads a line separator as a line end, and named a later line; a
    # right-to-left override turned around the text after it in every listing.
    'practices/line-separator.md': [
        'error: practices/line-separator.md:4: this line holds an invisible character (a line separator, U+2028) after "summary: Parents read with": such characters often come with text copied from a PDF or a word processor; delete it (if your editor does not show it, delete the words around it and type them again)',
    ],
    'practices/direction-override.md': [
        'error: practices/direction-override.md:8: this line holds an invisible character (a right-to-left override, U+202E) after "Parents": such characters often come with text copied from a PDF or a word processor; delete it (if your editor does not show it, delete the words around it and type them again)',
    ],
    # Found by a hostile review: direction isolates turned `approved not` into `not approved` on the page.
    'practices/direction-isolate.md': [
        'error: practices/direction-isolate.md:2: this line holds an invisible character (a right-to-left isolate, U+2067) after "title: \"Funding:": such characters often come with text copied from a PDF or a word processor; delete it (if your editor does not show it, delete the words around it and type them again)',
    ],
    # Found by a new user's review: a missing space after a colon was said to be a missing colon; a
    # date in Word's quotes was said to be no date.
    'practices/unspaced-colon.md': [
        'error: practices/unspaced-colon.md:5: started: the front matter is not valid YAML: `started:` has no space after its colon, so YAML does not read it as a field; write `started: 2019`',
    ],
    # The first line so written was located at the next field, and said to hold `: `; alone, it was
    # said not to be fields at all.
    'practices/unspaced-first.md': [
        'error: practices/unspaced-first.md:2: title: the front matter is not valid YAML: `title:` has no space after its colon, so YAML does not read it as a field; write `title: Parents café`',
    ],
    'practices/unspaced-commented.md': [
        'error: practices/unspaced-commented.md:2: title: the front matter is not valid YAML: `title:` has no space after its colon, so YAML does not read it as a field; write `title: Parents café`',
    ],
    # A first line that is valid YAML (a field named `title:`) is not blamed for a later line's fault.
    'practices/double-colon.md': [
        'error: practices/double-colon.md:4: summary: the front matter is not valid YAML: a value contains `: `; put the whole value in quotes, such as `title: "KAAP: parents achieve goals together"`',
    ],
    # A new user's review: both were named at the next line, under the next field.
    'practices/no-colon.md': [
        'error: practices/no-colon.md:3: city: the front matter is not valid YAML: `city lyon` is not `field: value`: if `city` is a field, write `city: lyon`; if the line goes on with the value above it, indent it by two spaces',
    ],
    'practices/unclosed-list.md': [
        'error: practices/unclosed-list.md:5: tags: the front matter is not valid YAML: the `[` on this line is not closed; end the list with `]` on the same line',
    ],
    # A visit saved among the practices got one error per field, none saying where it goes (a new user's review).
    'practices/a-visit.md': [
        "error: practices/a-visit.md:2: visitor: this file has a visit's fields (`visitor`, `host`, `start`, `end`), which a practice does not have: move it into `visits/`, where the visit files are",
    ],
    'visits/a-practice.md': [
        "error: visits/a-practice.md:3: city: this file has a practice's fields (`city`, `summary`), which a visit does not have: move it into `practices/`, where the practice files are",
    ],
    # A practice with two fields only a session has is a practice with two stray fields (a review of the rule below).
    'practices/two-session-fields.md': [
        "error: practices/two-session-fields.md:6: source: unknown field for a practice; `source` is a session's field: if this file is a session, move it into `sessions/`; else remove the line (the fields are: title, city, summary, tags, lang, translations, organisation, started, website, contact, related)",
        "error: practices/two-session-fields.md:7: license: unknown field for a practice; `license` is a session's field: if this file is a session, move it into `sessions/`; else remove the line (the fields are: title, city, summary, tags, lang, translations, organisation, started, website, contact, related)",
    ],
    # A session among the visits: it requires only fields a visit has too, but brings two of its own.
    'visits/a-session.md': [
        "error: visits/a-session.md:3: event: this file has a session's fields (`event`, `date`, `format`), which a visit does not have: move it into `sessions/`, where the session files are",
    ],
    # A hostile review: a session takes nearly every field of a practice; one stray field is not a session.
    # Said of that field, with where a session would go: a practice in `sessions/` was published as a session
    # whose one unknown field named no other place (a review of the last session's work).
    'practices/stray-field.md': [
        "error: practices/stray-field.md:6: practices: unknown field for a practice; `practices` is a session's field: if this file is a session, move it into `sessions/`; else remove the line (the fields are: title, city, summary, tags, lang, translations, organisation, started, website, contact, related)",
    ],
    # A heading read as a section by the name it begins with: the author saw no second `## Key lessons`
    # in "appears twice (line 6 and line 10)" (a new user's review).
    'sessions/heading-read-twice.md': [
        "error: sessions/heading-read-twice.md:10: body: `## Results of the group work` counts as the section `## Key lessons` too (it is, or begins with, one of that section's names), which line 6 holds already as `## Key lessons`: put all its lessons under one heading, or rename this one",
    ],
    # A misspelt marker before the last one was shown as text, with no word (a new user's review); a bracketed
    # word of the author's own mid-sentence stays quiet.
    'sessions/misspelt-before-marker.md': [
        "warning: sessions/misspelt-before-marker.md:8: category: a lesson takes one category marker, but this one has `[chalenge]` (meaning `[challenge]`?) and `[information]`; keep the one that fits best",
    ],
    'sessions/a-practice.md': [
        "error: sessions/a-practice.md:6: related: unknown field for a session; `related` is a practice's field: if this file is a practice, move it into `practices/`; else remove the line (the fields are: title, summary, tags, lang, translations, format, event, date, place, city, facilitators, documented_by, participants, practices, source, source_url, license)",
    ],
    # A second hostile review: a wrapped text, a quote or a list item blamed on the wrong line or fault.
    'practices/wrapped-summary.md': [
        'error: practices/wrapped-summary.md:5: where: the front matter is not valid YAML: `where parents meet teachers.` is not `field: value`: if it goes on with the value above it, indent it by two spaces; if `where` is a field, write `where: parents meet teachers.`',
    ],
    'practices/unclosed-quote.md': [
        'error: practices/unclosed-quote.md:2: title: the front matter is not valid YAML: the quote `"` opened on this line is never closed; end the value with `"`',
    ],
    'practices/list-junk.md': [
        "error: practices/list-junk.md:5: tags: the front matter is not valid YAML: the list on this line is not written as `[a, b]`: its items are separated by commas, with nothing after an item's closing quote",
    ],
    'practices/block-dash.md': [
        'error: practices/block-dash.md:7: title2: the front matter is not valid YAML: a value contains `: `; put the whole value in quotes, such as `title: "KAAP: parents achieve goals together"`',
    ],
    'practices/unspaced-only.md': [
        'error: practices/unspaced-only.md:2: title: the front matter is not valid YAML: `title:` has no space after its colon, so YAML does not read it as a field; write `title: Parents café`',
    ],
    'visits/2014-01-oslo-lyon-quoted.md': [
        'error: visits/2014-01-oslo-lyon-quoted.md:4: start: the value is wrapped in typographic quotes (“…”), which YAML reads as part of it; remove them: expected a date written YYYY-MM-DD, such as 2014-01-15, got `“2014-01-15”`',
    ],
    # Found by a hostile review: a visit from year 1 to year 9999 was accepted.
    'visits/year-one.md': [
        'error: visits/year-one.md:4: start: 0001-01-01 is out of range; expected a year between 1900 and 2100',
        'error: visits/year-one.md:5: end: 9999-12-31 is out of range; expected a year between 1900 and 2100',
    ],
    'practices/escaped-control.md': [
        'error: practices/escaped-control.md:2: title: the quoted value holds an escape such as `\\x1a`, standing for an invisible character (an end-of-file mark, U+001A), which cannot show on a page; remove the escape',
    ],
    'practices/colon-in-title.md': [
        'error: practices/colon-in-title.md:2: title: the front matter is not valid YAML: a value contains `: `; put the whole value in quotes, such as `title: "KAAP: parents achieve goals together"`',
    ],
    'practices/duplicate-field.md': [
        'error: practices/duplicate-field.md:5: city: is given twice; keep one',
    ],
    'practices/ftp-website.md': [
        'error: practices/ftp-website.md:6: website: expected a web address starting with http:// or https://, got `ftp://example.org/files`',
    ],
    'practices/invalid-yaml.md': [
        'error: practices/invalid-yaml.md:4: summary: the front matter is not valid YAML: a value contains `: `; put the whole value in quotes, such as `title: "KAAP: parents achieve goals together"`',
    ],
    'practices/latin-1.md': [
        'error: practices/latin-1.md:2: the file is not UTF-8 text; save it with UTF-8 encoding',
    ],
    'practices/long-summary.md': [
        'error: practices/long-summary.md:4: summary: is 301 characters long; keep it to at most 300 (one or two sentences)',
    ],
    'practices/missing-title.md': [
        'error: practices/missing-title.md:1: title: is required but missing',
    ],
    'practices/no-front-matter.md': [
        'error: practices/no-front-matter.md:1: the file must start with a line `---`, then the front matter fields, then `---`',
    ],
    'practices/no-tags.md': [
        'error: practices/no-tags.md:5: tags: needs at least one item, such as [parental-involvement, day-care]',
    ],
    'practices/self-related.md': [
        'error: practices/self-related.md:8: related: a practice cannot be related to itself; remove its own slug',
    ],
    'practices/tab-indent.md': [
        'error: practices/tab-indent.md:6: the front matter is not valid YAML: there is a tab on this line; indent with spaces only',
    ],
    'practices/tags-not-a-list.md': [
        'error: practices/tags-not-a-list.md:5: tags: expected a list, got `parents, language`: write it in brackets, `[parents, language]`',
    ],
    'practices/quote-inside-quotes.md': [
        'error: practices/quote-inside-quotes.md:2: title: the front matter is not valid YAML: the `\'` inside the value of `title` ends its quoted text early; write the value in double quotes: `title: "How\'s it going?"`',
    ],
    'network/name-cut-by-comment.yml': [
        'warning: network.yml:10: cities: the text after ` #` (`#2`) is read as a comment and left out, so the value is `Oslo`; to keep it, put the whole value in quotes: "Oslo #2"',
    ],
    'practices/value-cut-by-comment.md': [
        'warning: practices/value-cut-by-comment.md:2: title: the text after ` #` (`#2 in Lyon`) is read as a comment and left out, so the value is `Parents café`; to keep it, put the whole value in quotes: "Parents café #2 in Lyon"',
        'warning: practices/value-cut-by-comment.md:4: summary: the text after ` #` (`#second floor`) is read as a comment and left out, so the value is `Meets in room 1.205`; to keep it, put the whole value in quotes: "Meets in room 1.205 # second floor"',
    ],
    'practices/title-list.md': [
        'error: practices/title-list.md:2: title: expected text, got a list',
    ],
    'practices/unclosed-front-matter.md': [
        'error: practices/unclosed-front-matter.md:1: the front matter opened with `---` on line 1 is never closed; add a line `---` after the last field',
    ],
    'practices/unknown-city.md': [
        'error: practices/unknown-city.md:3: city: unknown city `lyonn`, not found in network.yml; did you mean `lyon`?',
    ],
    'practices/unknown-field.md': [
        'error: practices/unknown-field.md:1: summary: is required but missing',
        'error: practices/unknown-field.md:4: sumary: unknown field for a practice; did you mean `summary`? (the fields are: title, city, summary, tags, lang, translations, organisation, started, website, contact, related)',
    ],
    'practices/unknown-related.md': [
        'error: practices/unknown-related.md:6: related: unknown practice `reading-clubb`, not found in practices/; did you mean `reading-club`?',
    ],
    'practices/unknown-tag.md': [
        'error: practices/unknown-tag.md:5: tags: unknown tag `langage`: network.yml lists the tags to use; did you mean `language`?',
    ],
    'practices/year-not-number.md': [
        'error: practices/year-not-number.md:6: started: expected a year such as 2007, got `last year`',
    ],
    'toolkit/bad-difficulty.md': [
        'error: toolkit/bad-difficulty.md:4: difficulty: `meduim` is not one of easy, medium, professional; did you mean `medium`?',
    ],
    'toolkit/bad-equipment.md': [
        'error: toolkit/bad-equipment.md:8: equipment: count: expected a number of pieces, got `many`',
    ],
    'toolkit/bad-source-url.md': [
        'error: toolkit/bad-source-url.md:6: source_url: expected a web address starting with http:// or https://, got `crocoos.tka.hu`',
    ],
    'toolkit/steps-without-list.md': [
        'warning: toolkit/steps-without-list.md:8: body: the `## Steps` section has no numbered list; write each step as `1. …`',
    ],
    'toolkit/unknown-practice.md': [
        'error: toolkit/unknown-practice.md:6: practices: unknown practice `readingclub`, not found in practices/; did you mean `reading-club`?',
    ],
    # The visiting city's own practice, listed among those seen at the host: the findings counted it there (a new
    # user's review).
    'visits/own-city-practice.md': [
        "warning: visits/own-city-practice.md:5: practices: `parents-cafe` is a practice of `oslo`, the visiting city: `practices` lists those the visit saw at its host, `lyon`, whose practices the findings show it among; remove it, or check the visit's cities",
    ],
    'visits/duplicate-practice.md': [
        'error: visits/duplicate-practice.md:8: practices: `reading-club` is listed twice; name each practice once',
    ],
    # Bracketed words of the author's own (a term in its language, a quotation's insertion) and a word
    # broken at its hyphen are no mistakes: found by a review of these rules for false alarms.
    'visits/unspaced-item.md': [
        # One error where the fix is: the marker above was blamed for its place as well (a new user's review).
        # After a marker, `-schools` and `-40 …` are items as surely as `-Long-day …`; a long line is quoted
        # in its first words, marked as cut (it was cut mid-word: a new user's review).
        'error: visits/unspaced-item.md:10: body: `-Long-day groups for working parents.` starts with `-` and no space, so the page shows it as more words of the item above, whose marker `[challenge]` is then not counted either; put a space after the `-`: `- Long-day groups for working parents.`',
        'error: visits/unspaced-item.md:25: body: `-schools share data with the youth guarantee office every week, whatever the wea…` starts with `-` and no space, so the page shows it as more words of the item above, whose marker `[challenge]` is then not counted either; put a space after the `-`: `- schools share data with the youth guarantee office every week, whatever the we…`',
        'error: visits/unspaced-item.md:30: body: `-40 youth workers trained.` starts with `-` and no space, so the page shows it as more words of the item above, whose marker `[contacts]` is then not counted either; put a space after the `-`: `- 40 youth workers trained.`',
        'warning: visits/unspaced-item.md:11: category: `[inspiraton]` stands inside the finding, where it is shown as text and not counted; a category marker ends its finding: write `[inspiration]` last, or start a new list item (`- `) for the words after it',
    ],
    # Every problem of the file in one run: those between fields too, whatever else is wrong.
    'visits/all-at-once.md': [
        'error: visits/all-at-once.md:3: host: the host must differ from the visitor (both are `oslo`)',
        'error: visits/all-at-once.md:5: end: the visit ends (2014-03-01) before it starts (2014-03-05)',
        'error: visits/all-at-once.md:6: delegates: expected a number of people (1 or more) or a list of names, got `many`',
        'error: visits/all-at-once.md:11: category: unknown category marker `[contact]`; did you mean `[contacts]`? (the markers are: [information], [inspiration], [challenge], [contacts])',
    ],
    'visits/sub-item-markers.md': [
        'error: visits/sub-item-markers.md:10: category: `[challenge]` ends a sub-item, which is part of the item above and not counted on its own: an item has one category marker, after its own words or at its very end; to count this one, make it an item of its own: start its `- ` where the item above starts its own, with no space or tab before it',
        'error: visits/sub-item-markers.md:27: status: `[adopted]` ends a sub-item, which is part of the item above and not counted on its own: an item has one status, after its own words or at its very end; to count this one, make it an item of its own: start its `- ` where the item above starts its own, with no space or tab before it',
    ],
    'visits/bad-date.md': [
        'error: visits/bad-date.md:4: start: expected a date written YYYY-MM-DD, such as 2014-01-15, got `15.01.2014`; write `2014-01-15`',
    ],
    'visits/empty-section.md': [
        'warning: visits/empty-section.md:11: body: the section `## Transferable ideas` has no findings; write each one as a list item starting with `- `',
    ],
    'visits/end-before-start.md': [
        'error: visits/end-before-start.md:5: end: the visit ends (2014-01-14) before it starts (2014-01-15)',
    ],
    'visits/heading-level.md': [
        'error: visits/heading-level.md:9: body: the required section `## Key learning points` is missing: line 9 has `### Key learning points`; write it as a level-2 heading, `## Key learning points`',
    ],
    # A new user's review: each marked item under a misplaced or misspelt heading was also warned about,
    # naming a section the author had not written (`## Key learning points` for `### Transferable ideas`),
    # each at the first marked item's line. The heading's error says what makes the markers count.
    'visits/marked-under-wrong-headings.md': [
        'error: visits/marked-under-wrong-headings.md:7: body: the required section `## Key learning points` is missing: line 7 has `# Key learning points`; write it as a level-2 heading, `## Key learning points`',
        'error: visits/marked-under-wrong-headings.md:9: body: the required section `## Transferable ideas` is missing: line 9 has `### Transferable ideas`; write it as a level-2 heading, `## Transferable ideas`',
    ],
    'visits/marked-under-own-heading.md': [
        'error: visits/marked-under-own-heading.md:9: body: the required section `## Transferable ideas` is missing: line 9 has `## Transferrable ideas`; did you mean `## Transferable ideas`?',
        'warning: visits/marked-under-own-heading.md:15: category: `[challenge]` is counted only under `## Key learning points`, `## Transferable ideas` or `## Contribution to the host`, not under `## Our own notes`, so it is shown as text; move the item, or remove the marker',
        'warning: visits/marked-under-own-heading.md:16: category: `[challenge]` is counted only under `## Key learning points`, `## Transferable ideas` or `## Contribution to the host`, not under `## Our own notes`, so it is shown as text; move the item, or remove the marker',
    ],
    # A hostile review: a link definition named as a marker made each such marker a link, counted nowhere,
    # with no message.
    # Where the section is there, a sub-heading named like it is the author's own: its markers are warned about.
    'visits/marked-under-sub-heading.md': [
        'warning: visits/marked-under-sub-heading.md:23: category: `[challenge]` is counted only under `## Key learning points`, `## Transferable ideas` or `## Contribution to the host`, not under `## Our notes`, so it is shown as text; move the item, or remove the marker',
    ],
    # A review: a marked item above every heading, or in a quote under the author's own heading, was shown as
    # text and counted nowhere, with no message.
    'visits/marked-elsewhere.md': [
        'warning: visits/marked-elsewhere.md:7: category: `[challenge]` is counted only under `## Key learning points`, `## Transferable ideas` or `## Contribution to the host`, not above the first heading, so it is shown as text; move the item, or remove the marker',
        'warning: visits/marked-elsewhere.md:23: category: `[challenge]` is counted only under `## Key learning points`, `## Transferable ideas` or `## Contribution to the host`, not under `## Our notes`, so it is shown as text; move the item, or remove the marker',
    ],
    'visits/marker-as-reference.md': [
        'error: visits/marker-as-reference.md:12: category: the link definition `[challenge]:` turns every `[challenge]` of this entry into a link to it, so none is shown or counted as a category; give the definition another name, such as `[challenge-link]:`, and link to it as `[words][challenge-link]`',
        'error: visits/marker-as-reference.md:13: status: the link definition `[adopted]:` turns every `[adopted]` of this entry into a link to it, so none is shown or counted as a status; give the definition another name, such as `[adopted-link]:`, and link to it as `[words][adopted-link]`',
    ],
    # A new user's review: with no close name, the message named none of those there are.
    'practices/unknown-city-and-tag-listed.md': [
        'error: practices/unknown-city-and-tag-listed.md:3: city: unknown city `madrid`, not found in network.yml; it has `bergen`, `lyon`, `oslo`, `usti`',
        'error: practices/unknown-city-and-tag-listed.md:5: tags: unknown tag `social-inclusion`: network.yml lists the tags to use; it has `day-care`, `language`, `on`, `parents`',
    ],
    # A new user's review: a mistyped closing line was said at line 1; an empty file, as one without `---`.
    'practices/mistyped-closing-line.md': [
        'error: practices/mistyped-closing-line.md:5: the front matter opened with `---` on line 1 is never closed: this line has `--`; write it as three hyphens, `---`',
    ],
    'practices/indented-closing-line.md': [
        'error: practices/indented-closing-line.md:5: the front matter opened with `---` on line 1 is never closed: this line has `---` after spaces; start `---` at the very beginning of the line',
    ],
    'practices/empty.md': [
        'error: practices/empty.md:1: the file is empty; a content file starts with a line `---`, then the front matter fields, then `---`, then the text',
    ],
    # A hostile review: a setext heading took the next `##` heading's line (line 20 here).
    'visits/setext-twice.md': [
        "error: visits/setext-twice.md:15: body: `## Transferable ideas, more` counts as the section `## Transferable ideas` too (it is, or begins with, one of that section's names), which line 11 holds already as `## Transferable ideas`: put all its findings under one heading, or rename this one",
    ],
    # A hostile review: a list item's lines over `---` (a rule) were taken for a setext heading, and each
    # heading below was said a heading early; a paragraph over `---` is a heading, and the warning says why.
    'visits/rule-after-item.md': [
        'error: visits/rule-after-item.md:21: body: the section `## Transferable ideas` appears twice (line 11 and line 21); put all its findings under one heading',
        'warning: visits/rule-after-item.md:17: body: the section `## Contribution to the host` has no findings; write each one as a list item starting with `- `',
    ],
    'visits/rule-meant.md': [
        'warning: visits/rule-meant.md:11: body: the section `## Transferable ideas` has no findings; write each one as a list item starting with `- `',
        'warning: visits/rule-meant.md:16: category: `[challenge]` is counted only under `## Key learning points`, `## Transferable ideas` or `## Contribution to the host`, not under `## These are the ideas we took home.` (the line of `-` or `=` under `These are the ideas we took home.` makes it a heading; for a rule, leave a blank line above it), so it is shown as text; move the item, or remove the marker',
    ],
    'visits/marker-reference-quoted.md': [
        'error: visits/marker-reference-quoted.md:19: category: the link definition `[challenge]:` turns every `[challenge]` of this entry into a link to it, so none is shown or counted as a category; give the definition another name, such as `[challenge-link]:`, and link to it as `[words][challenge-link]`',
    ],
    'visits/impossible-date.md': [
        'error: visits/impossible-date.md:4: start: `2014-02-30` is not a date in the calendar',
    ],
    'visits/marker-mistakes.md': [
        'error: visits/marker-mistakes.md:14: category: the category marker `[challenge]` must be the last thing in the finding; put the punctuation before it: `… text. [challenge]`',
        'error: visits/marker-mistakes.md:15: category: a finding takes one category marker, but this one has `[challenge]` and `[inspiration]`; keep the one that fits best',
        'warning: visits/marker-mistakes.md:16: category: `[transferable]` ends the finding but is not a category marker, so it is shown as text (the markers are: [information], [inspiration], [challenge], [contacts])',
    ],
    'visits/missing-section.md': [
        'error: visits/missing-section.md:6: body: the required section `## Transferable ideas` is missing (it may also be headed `What could be utilized`, `What could be used`); add it, followed by its findings as a list',
    ],
    'visits/missing-visitor.md': [
        'error: visits/missing-visitor.md:1: visitor: is required but missing',
    ],
    'visits/misspelt-section.md': [
        'error: visits/misspelt-section.md:7: body: the required section `## Key learning points` is missing: line 7 has `## Key lerning points`; did you mean `## Key learning points`?',
    ],
    'visits/near-miss-marker.md': [
        'error: visits/near-miss-marker.md:9: category: unknown category marker `[informaton]`; did you mean `[information]`? (the markers are: [information], [inspiration], [challenge], [contacts])',
        'error: visits/near-miss-marker.md:13: category: unknown category marker `[chalenge]`; did you mean `[challenge]`? (the markers are: [information], [inspiration], [challenge], [contacts])',
        'warning: visits/near-miss-marker.md:14: category: `[sic]` ends the finding but is not a category marker, so it is shown as text (the markers are: [information], [inspiration], [challenge], [contacts])',
    ],
    'visits/follow-up-mistakes.md': [
        'error: visits/follow-up-mistakes.md:13: category: `[adopted]` is a follow-up status: it says what came of an idea at home, under `## Follow-up`; a finding ends with a class of benefit (the markers are: [information], [inspiration], [challenge], [contacts])',
        'error: visits/follow-up-mistakes.md:21: status: this follow-up item has no status; end it with what came of the idea, one of [considered], [planned], [piloted], [adopted], [dropped], such as `- The library opens after hours. [considered]`',
        'error: visits/follow-up-mistakes.md:22: status: unknown status `[adoped]`; did you mean `[adopted]`? (a follow-up item ends with one of [considered], [planned], [piloted], [adopted], [dropped])',
        'error: visits/follow-up-mistakes.md:23: status: `[challenge]` is a class of benefit, which goes with the findings; a follow-up item ends with what came of the idea: one of [considered], [planned], [piloted], [adopted], [dropped]',
    ],
    'visits/same-city.md': [
        'error: visits/same-city.md:3: host: the host must differ from the visitor (both are `lyon`)',
    ],
    'visits/twice-section.md': [
        "error: visits/twice-section.md:15: body: `## Key learnings` counts as the section `## Key learning points` too (it is, or begins with, one of that section's names), which line 7 holds already as `## Key learning points`: put all its findings under one heading, or rename this one",
    ],
    'visits/unknown-practice.md': [
        'error: visits/unknown-practice.md:5: practices: unknown practice `parent-cafe`, not found in practices/; did you mean `parents-cafe`?',
    ],
    'visits/unknown-visitor.md': [
        'error: visits/unknown-visitor.md:2: visitor: unknown city `osloo`, not found in network.yml; did you mean `oslo`?',
    ],
    'visits/zero-delegates.md': [
        'error: visits/zero-delegates.md:5: delegates: expected a number of people (1 or more) or a list of names, got `0`',
    ],
    'visits/bad-date-and-city.md': [
        'error: visits/bad-date-and-city.md:2: visitor: unknown city `osloo`, not found in network.yml; did you mean `oslo`?',
        'error: visits/bad-date-and-city.md:4: start: `2014-13-01` is not a date in the calendar; the month comes before the day: `2014-01-13`?',
    ],
    'visits/indented-field.md': [
        'error: visits/indented-field.md:3: host: the front matter is not valid YAML: `host:` is indented, so YAML reads it as part of the value of `visitor`; start every field at the beginning of its line, without spaces before `host:`',
    ],
    'visits/capital-city.md': [
        'error: visits/capital-city.md:3: host: unknown city `Lyon`, not found in network.yml; did you mean `lyon`?',
    ],
    'visits/delegates-indented.md': [
        "warning: visits/delegates-indented.md:6: delegates: `Anna Beispiel - Jonas Muster` is read as one item, because `- Jonas Muster` is indented under the item before it; to make it an item of its own, start its `-` where the first item's `-` starts",
    ],
    'visits/other-language.md': [
        "error: visits/other-language.md:7: body: the required section `## Contribution to the host` is missing (it may also be headed `Contribution to the hosting organisation`); add it, followed by its findings as a list. If `## Fő tanulságok` or `## Átvehető ötletek` or `## Hozzájárulás a vendéglátóhoz` is meant to be this section, rename it `## Contribution to the host`, or ask the portal's maintainers to accept your heading too (their option `matrix_aliases`, as `contribution: [your heading]`)",
        "error: visits/other-language.md:7: body: the required section `## Key learning points` is missing (it may also be headed `Key learnings`); add it, followed by its findings as a list. If `## Fő tanulságok` or `## Átvehető ötletek` or `## Hozzájárulás a vendéglátóhoz` is meant to be this section, rename it `## Key learning points`, or ask the portal's maintainers to accept your heading too (their option `matrix_aliases`, as `learning: [your heading]`)",
        "error: visits/other-language.md:7: body: the required section `## Transferable ideas` is missing (it may also be headed `What could be utilized`, `What could be used`); add it, followed by its findings as a list. If `## Fő tanulságok` or `## Átvehető ötletek` or `## Hozzájárulás a vendéglátóhoz` is meant to be this section, rename it `## Transferable ideas`, or ask the portal's maintainers to accept your heading too (their option `matrix_aliases`, as `transferable: [your heading]`)",
    ],
    'visits/lazy-item.md': [
        'warning: visits/lazy-item.md:10: body: `- Not a list item, but a line of the par` follows a line of text with no blank line between, so the page shows it as part of that paragraph and it is not counted as a finding; put a blank line before the list',
    ],
    'practices/Parents-Cafe.md': [
        'error: practices/Parents-Cafe.md: the file name `Parents-Cafe.md` is not a valid slug (lowercase letters, digits and hyphens); `parents-cafe.md` is another entry\'s: merge the two, or rename this one to another name, such as `parents-cafe-2.md`',
    ],
    'practices/curly-colon.md': [
        'error: practices/curly-colon.md:2: title: the front matter is not valid YAML: the value of `title` is in typographic quotes (“…), which YAML does not read as quotes, and it contains `: `; write straight quotes instead, such as `title: "KAAP: parents achieve goals together"`',
    ],
    'practices/curly-title.md': [
        'warning: practices/curly-title.md:2: title: the value is wrapped in typographic quotes (“…”), which the page shows as part of the text; remove them (quotes that YAML reads are straight ones, "…")',
    ],
    'practices/alias.md': [
        'error: practices/alias.md:4: the front matter repeats a value with an anchor and an alias (`&name` … `*name`), which the portal does not read: a few lines can stand for millions of values; write the value out each time',
    ],
    'practices/nested.md': [
        'error: practices/nested.md:6: the front matter nests lists or groups of fields more than 10 levels deep; no field takes that: check the brackets and the indentation',
    ],
    'practices/huge-year.md': [
        'error: practices/huge-year.md:6: started: `99999999999999999999999999` (26 digits) is out of range; expected between 1900 and 2100',
    ],
}


def problems(root: Path) -> list[str]:
    _, report = load(Sources(root))
    return [f"{p.severity.value}: {p}" for p in [*report.errors, *report.warnings]]


@pytest.mark.parametrize("defect", sorted(EXPECTED))
def test_defect_gives_located_message(portal: Path, defect: str) -> None:
    add_defect(portal, defect)
    assert problems(portal) == EXPECTED[defect]


def test_every_defect_file_has_expected_messages() -> None:
    from conftest import DEFECTS

    on_disk = {p.relative_to(DEFECTS).as_posix() for p in DEFECTS.rglob("*") if p.is_file()}
    assert on_disk == set(EXPECTED)



def test_the_country_codes_are_babels() -> None:
    """The codes `network.yml` accepts are kept in the package, written from Babel's data: they must
    still be Babel's (run `python scripts/countries.py` after upgrading Babel)."""
    from practice_exchange.content.countries import COUNTRIES, NAMES, from_babel, names_from_babel

    assert from_babel() == COUNTRIES
    assert names_from_babel() == NAMES  # the English names the catalogue shows
    assert {"FR", "DE", "CZ", "XK", "NO"} <= COUNTRIES and not {"EU", "XX", "ZZ", "XA", "fr"} & COUNTRIES


def test_a_huge_line_is_quoted_short_in_its_message(portal: Path) -> None:
    """The author's text a YAML message quotes is cut short: a line of 200,000 characters made the
    message as long (a read of the session's change)."""
    (portal / "practices" / "huge.md").write_text(
        "---\ntitle:" + "x" * 200_000 + "\ncity lyon " + "word " * 40_000 + "\nsummary: x\ntags: [parents]\n---\n\nText.\n",
        encoding="utf-8")
    _, report = load(Sources(portal))
    said = [p.message for p in report.errors if p.path == "practices/huge.md"]
    assert said and all(len(message) < 400 for message in said), [len(m) for m in said]
    assert said[0].startswith("the front matter is not valid YAML: `city lyon word") and said[0].endswith("…`")
    (portal / "practices" / "huge.md").write_text("---\ntitle:" + "x" * 200_000 + "\n---\n\nText.\n", encoding="utf-8")
    _, report = load(Sources(portal))
    assert [p.message for p in report.errors if p.path == "practices/huge.md"] == [
        "the front matter is not valid YAML: `title:` has no space after its colon, so YAML does not read it as a"
        " field; write `title: " + "x" * 59 + "…`"]
