"""Texts of the public reference lists: the Police's vulnerable areas and Områdesprogrammet.

Sentence keys are ``reflists.sentence.<kind>.<areas|regso>``: larger areas
"are on a list" when they contain a listed RegSO (see
:mod:`areaindex.views.reference_lists`), RegSO when the key maps them to a listed area.
"""

TEXTS: dict[str, tuple[str, str]] = {
    "reflists.category.not_listed": ("inte på listan", "not on the list"),
    "reflists.category.unconfirmed": (
        "utsatt område, uppgiften ej bekräftad (räknas inte)",
        "vulnerable area, not confirmed (not counted)",
    ),
    "reflists.category.utsatt": ("utsatt område", "vulnerable area"),
    "reflists.category.riskomrade": ("riskområde", "risk area"),
    "reflists.category.sarskilt_utsatt": ("särskilt utsatt område", "especially vulnerable area"),
    "reflists.category.omradesprogram": (
        "område i Områdesprogrammet",
        "area of the programme",
    ),
    # Choosing the reference layer
    "reflists.pick": ("Referenslager", "Reference layer"),
    "reflists.pick_help": (
        "Vad kartan visar när den visar en referens: SCB:s områdestyp, polisens lista över "
        "utsatta områden (per år) eller Områdesprogrammets områden 2010–2015. Referensen "
        "ingår aldrig i indexet.",
        "What the map shows when it shows a reference: SCB's area type, the Police's list of "
        "vulnerable areas (by year) or the areas of the area programme 2010–2015. A reference "
        "is never part of the index.",
    ),
    "reflists.option.scb": ("SCB:s områdestyp 2022", "SCB area type 2022"),
    "reflists.option.list": ("{name} {label}", "{name} {label}"),
    "reflists.only_malmo": (
        "Polisens lista och Områdesprogrammet gäller bara Malmö; här visas SCB:s områdestyp.",
        "The Police's list and the area programme cover Malmö only; SCB's area type is shown.",
    ),
    # The map with a list layer
    "reflists.legend_title": ("{name} {label}", "{name} {label}"),
    "reflists.legend_note": (
        "Källa: {source}, {label}. Ungefärliga gränser: {list_note} {area_rule} {note}",
        "Source: {source}, {label}. Approximate boundaries: {list_note} {area_rule} {note}",
    ),
    "reflists.area_rule": (
        "Ett område färgas om det innehåller minst ett RegSO på listan.",
        "An area is coloured when it contains at least one RegSO on the list.",
    ),
    "reflists.tooltip": ("{short} {label}", "{short} {label}"),
    "reflists.map_caption": (
        "Färgerna visar {short} {label} (ungefärliga gränser; mörkare = allvarligare kategori). "
        "Siffran i området är fortfarande dess rang i det valda indexet.",
        "Colours show {short} {label} (approximate boundaries; darker = more serious category). "
        "The number in each area is still its rank in the chosen index.",
    ),
    # Beside the ranking
    "reflists.header": (
        "De högst prioriterade jämfört med offentliga listor",
        "The highest priorities compared with public lists",
    ),
    "reflists.sentence.polisen.areas": (
        "{hits} av de {n} högst prioriterade områdena finns på polisens lista {year}.",
        "The Police's list of {year} covers {hits} of the {n} highest-priority areas.",
    ),
    "reflists.sentence.polisen.regso": (
        "{hits} av de {n} högst prioriterade RegSO finns på polisens lista {year}.",
        "The Police's list of {year} covers {hits} of the {n} highest-priority RegSO.",
    ),
    "reflists.sentence.omradesprogram.areas": (
        "{hits} av de {n} högst prioriterade områdena omfattar något av de {count} områdena "
        "i Områdesprogrammet {year}.",
        "The {count} areas of the area programme {year} overlap {hits} of the {n} "
        "highest-priority areas.",
    ),
    "reflists.sentence.omradesprogram.regso": (
        "{hits} av de {n} högst prioriterade RegSO ligger i något av de {count} områdena i "
        "Områdesprogrammet {year}.",
        "The {count} areas of the area programme {year} cover {hits} of the {n} "
        "highest-priority RegSO.",
    ),
    "reflists.sentence.scb.areas": (
        "{hits} av de {n} högst prioriterade områdena har minst ett RegSO av SCB:s områdestyp "
        "1–2 (socioekonomiska utmaningar).",
        "SCB area type 1–2 (socio-economic challenges) is found in {hits} of the {n} "
        "highest-priority areas (in at least one of their RegSO).",
    ),
    "reflists.sentence.scb.regso": (
        "{hits} av de {n} högst prioriterade RegSO är av SCB:s områdestyp 1–2 "
        "(socioekonomiska utmaningar).",
        "SCB area type 1–2 (socio-economic challenges) applies to {hits} of the {n} "
        "highest-priority RegSO.",
    ),
    "reflists.caption": (
        "Ett område räknas som på en lista om det innehåller minst ett RegSO som kopplats till "
        "ett namngivet område på listan. Kopplingen är ungefärlig: polisens gränser är inte "
        "offentliga. {note} Se *Data och metod*.",
        "An area counts as on a list when it contains at least one RegSO linked to a named area "
        "of the list. The link is approximate: the Police's boundaries are not public. {note} "
        "See *Data and method*.",
    ),
    "reflists.caption_regso": (
        "Ett RegSO räknas som på en lista när det kopplats till ett namngivet område på "
        "listan. Kopplingen är ungefärlig: polisens gränser är inte offentliga. {note} Se "
        "*Data och metod*.",
        "A RegSO counts as on a list when it is linked to a named area of the list. The link "
        "is approximate: the Police's boundaries are not public. {note} See *Data and method*.",
    ),
    # Data page
    "reflists.data_header": ("Offentliga listor att jämföra med", "Public lists to compare with"),
    "reflists.data_text": (
        "Indexet kan hållas mot två offentliga listor. Ingen av dem ingår i indexet.\n\n"
        "- **Polisens lista över utsatta områden** (utsatta områden, riskområden och särskilt "
        "utsatta områden), 2015–2023, så som Malmös områden namngetts offentligt. Listan är "
        "ofullständig för flera år (se tabellen); 2025 års namn saknas.\n"
        "- **Områdesprogram för ett socialt hållbart Malmö** (2010–2015): Herrgården, "
        "Holma/Kroksbäck, Södra Sofielund/Seved, Lindängen och Segevång.\n\n"
        "Listorna namnger platser, inte statistikområden, och polisens gränser är inte "
        "offentliga. En handgjord, granskad nyckel (`geodata/referenslistor_regso.csv`) anger "
        "vilka RegSO varje namngivet område täcker: via Malmö stads delområden med samma namn, "
        "och RegSO räknas med när namnet finns i RegSO:ts namn (*namn*), när minst hälften av "
        "dess landyta ligger i de delområdena (*yta*) eller efter en bedömning som motiveras "
        "rad för rad (*manuell*). Kopplingen är **ungefärlig**.\n\n"
        "**Vad betyder ”på listan”?** Ett RegSO är på listan när nyckeln kopplar det till ett "
        "namngivet område. Ett större område (14 områden, stadsdelar, stadsområden) är på "
        "listan när det innehåller minst ett sådant RegSO, och får den allvarligaste "
        "kategorin bland dem. På samma sätt räknas ett område som ”SCB:s områdestyp 1–2” när "
        "det innehåller minst ett RegSO av typ 1 eller 2. Uppgifter från en källa som inte är "
        "auktoritativ visas på kartan men räknas inte.",
        "The index can be held against two public lists. Neither is part of the index.\n\n"
        "- **The Police's list of vulnerable areas** (vulnerable, risk and especially "
        "vulnerable areas), 2015–2023, as Malmö's areas have been publicly named. The list is "
        "incomplete for several years (see the table); the 2025 names are missing.\n"
        "- **Area programme for a socially sustainable Malmö** (2010–2015): Herrgården, "
        "Holma/Kroksbäck, Södra Sofielund/Seved, Lindängen and Segevång.\n\n"
        "The lists name places, not statistical areas, and the Police's boundaries are not "
        "public. A hand-made, reviewed key (`geodata/referenslistor_regso.csv`) says which "
        "RegSO each named area covers: through the City of Malmö's delområden of the same "
        "name, a RegSO counts when its name carries the place (*namn*), when at least half of "
        "its land lies in those delområden (*yta*) or by a judgement explained row by row "
        "(*manuell*). The link is **approximate**.\n\n"
        '**What does "on the list" mean?** A RegSO is on the list when the key links it to a '
        "named area. A larger area (14 areas, stadsdelar, stadsområden) is on the list when it "
        "contains at least one such RegSO, and takes the most serious category among them. In "
        'the same way an area counts as "SCB area type 1–2" when it contains at least one RegSO '
        "of type 1 or 2. Entries from a source that is not authoritative are shown on the map "
        "but not counted.",
    ),
    "reflists.data_years": ("Listorna år för år", "The lists year by year"),
    "reflists.data_key": (
        "Nyckeln: namngivna områden → RegSO (ungefärlig)",
        "The key: named areas → RegSO (approximate)",
    ),
    "reflists.col.list": ("Lista", "List"),
    "reflists.col.year": ("År", "Year"),
    "reflists.col.areas": ("Namngivna områden", "Named areas"),
    "reflists.col.regso": ("RegSO", "RegSO"),
    "reflists.col.area": ("Namngivet område", "Named area"),
    "reflists.col.category": ("Kategori", "Category"),
    "reflists.col.match": ("Matchning", "Match"),
}
