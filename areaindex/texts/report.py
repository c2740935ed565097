"""Texts of the PDF report and its download buttons."""

TEXTS = {
    "report.download": ("Ladda ner rapport (PDF)", "Download report (PDF)"),
    "report.download_help": (
        "Vyn som ett A4-dokument att skriva ut, arkivera eller bifoga: karta, rangordning, "
        "osäkerhet, metod, källor och länken tillbaka hit.",
        "The view as an A4 document to print, archive or attach: map, ranking, uncertainty, "
        "method, sources and the link back here.",
    ),
    "report.title.main": ("Områdesindex – rapport", "Area index – report"),
    "report.title.comparison": ("Jämförelse av förslag", "Comparison of proposals"),
    "report.title.profile": ("Områdesprofil", "Area profile"),
    "report.date": ("Skapad {date}", "Created {date}"),
    "report.summary.header": ("Sammanfattning", "Summary"),
    "report.notes.header": (
        "Att tänka på: illustrativa och ungefärliga värden",
        "Please note: illustrative and approximate values",
    ),
    "report.proposal.header": ("Förslaget och vikterna", "The proposal and the weights"),
    "report.proposal.method": ("**Förslag (metod):** {title}", "**Proposal (method):** {title}"),
    "report.proposal.areas": ("**Områden:** {where}", "**Areas:** {where}"),
    "report.proposal.year": ("**År:** {year}", "**Year:** {year}"),
    "report.proposal.sex": ("**Kön:** {sex}", "**Sex:** {sex}"),
    "report.proposal.official": (
        "**Endast officiell statistik:** illustrativa indikatorer är borttagna.",
        "**Official statistics only:** illustrative indicators are left out.",
    ),
    "report.latest": (
        "senaste år för varje indikator",
        "latest year of each indicator",
    ),
    "report.col.dimension": ("Dimension", "Dimension"),
    "report.col.weight": ("Vikt (0–10)", "Weight (0–10)"),
    "report.col.share": ("Andel av indexet", "Share of the index"),
    "report.col.indicators": ("Indikatorer", "Indicators"),
    "report.col.note": ("Anmärkning", "Note"),
    "report.weights_caption": (
        "Vikterna som i reglagen och deras andel av indexet (vikten delad med summan av vikterna).",
        "The weights as on the sliders and their share of the index (the weight divided by the "
        "sum of the weights).",
    ),
    "report.map.header": ("Karta", "Map"),
    "report.map.legend_title": (
        "Indexvärde (0–100), klass 1 = lägst behov",
        "Index score (0–100), class 1 = lowest need",
    ),
    "report.map.class": ("Klass {i}: {span} ({n})", "Class {i}: {span} ({n})"),
    "report.map.caption": (
        "Talen på kartan är områdenas rang (1 = högst prioritet). Färg och mönster visar "
        "indexklassen ({classes}), samma klasser och färger som i appen; mönstret gör kartan "
        "läsbar i svartvitt.",
        "The numbers on the map are the areas' ranks (1 = highest priority). Colour and pattern "
        "show the index class ({classes}), the same classes and colours as in the app; the "
        "pattern keeps the map readable in black and white.",
    ),
    "report.classes.quantiles": ("kvantiler", "quantiles"),
    "report.classes.fisher_jenks": ("naturliga brytpunkter", "natural breaks"),
    "report.map.alt": (
        "Karta över områdena färgade efter indexvärde. Högst prioritet: {top}.",
        "Map of the areas coloured by index score. Highest priority: {top}.",
    ),
    "report.map.alt_named": (
        "Karta, {title}. Högst prioritet: {top}.",
        "Map, {title}. Highest priority: {top}.",
    ),
    "report.ranking.illustrative": (
        "Illustrativa värden ingår i: {dims}.",
        "Illustrative values are part of: {dims}.",
    ),
    "report.reference.caption": (
        "De högst prioriterade områdena och SCB:s bedömning av dem.",
        "The highest priorities and SCB's assessment of them.",
    ),
    "report.method.header": ("Så räknas indexet", "How the index is computed"),
    "report.method.intro": (
        "Indexet väger samman områdenas förutsättningar i flera dimensioner till ett tal "
        "mellan 0 och 100, där ett högre tal betyder större behov. Rapporten använder metoden "
        "**{title}**, i fem steg:",
        "The index combines the areas' conditions in several dimensions into one number "
        "between 0 and 100, where a higher number means greater need. The report uses the "
        "method **{title}**, in five steps:",
    ),
    "report.method.across": (
        "**Mellan dimensioner:** {text} med vikterna ovan. Högre index = större behov; "
        "rang 1 = högst prioritet.",
        "**Across dimensions:** {text} with the weights above. Higher index = greater need; "
        "rank 1 = highest priority.",
    ),
    "report.sources.header": ("Källor och licenser", "Sources and licences"),
    "report.sources.caption": (
        "Varje källa bakom rapporten med år och licens, ur appens datakatalog.",
        "Every source behind the report with its years and licence, from the app's catalogue.",
    ),
    "report.sources.geography": (
        "Geografi: {geography}. Kartan ritas från samma gränser som appen, utan bakgrundskarta.",
        "Geography: {geography}. The map is drawn from the same borders as the app, without a "
        "background map.",
    ),
    "report.link.header": ("Länk till vyn", "Link to the view"),
    "report.link.text": (
        "Länken öppnar samma vy i Områdesindex: samma förslag, vikter, område och år.",
        "The link opens the same view in the area index: the same proposal, weights, area and "
        "year.",
    ),
    "report.link.made": ("Rapporten skapades {date}.", "The report was created on {date}."),
    "report.comparison.caption": (
        "Rang i din vy och i det andra förslaget; ↑ = högre prioritet. Topp {k} = de {k} högst "
        "prioriterade.",
        "Rank in your view and in the other proposal; ↑ = higher priority. Top {k} = the {k} "
        "highest priorities.",
    ),
    "report.profile.dimensions_caption": (
        "Dimensionsvärden 0–100 (högre = större behov) för området och medianområdet.",
        "Dimension scores 0–100 (higher = greater need) for the area and the median area.",
    ),
    "report.trend.alt": (
        "Diagram över tid för {name}. Indexvärde per år: {values}.",
        "Charts over time for {name}. Index score per year: {values}.",
    ),
    "report.regso.alt": (
        "Karta över de {n} RegSO i {name}, färgade efter indexvärde, med rang.",
        "Map of the {n} RegSO in {name}, coloured by index score, with their ranks.",
    ),
    "report.own": (
        "**Egna indikatorer:** {names}. De laddades upp i appen, ingår i rapportens index och "
        "följer inte med länken.",
        "**Own indicators:** {names}. They were uploaded in the app, are part of this report's "
        "index and do not travel with the link.",
    ),
    "report.city": ("Kommunen", "The municipality"),
    "report.error.no_area": (
        "Områdesprofilen behöver ett område: lägg till area=<id> i länken.",
        "The area profile needs an area: add area=<id> to the link.",
    ),
    "report.error.busy": (
        "Rapporten kunde inte skapas just nu. Försök igen om en stund.",
        "The report could not be made just now. Please try again shortly.",
    ),
}
TEXTS |= {
    "report.error.link": (
        "Länken kunde inte läsas: {detail}. Ge en länk från appen eller dess del efter '?'.",
        "The link could not be read: {detail}. Give a link from the app or its part after '?'.",
    ),
    "report.error.values": (
        "Ogiltiga värden i länken: {detail}.",
        "Invalid values in the link: {detail}.",
    ),
}
