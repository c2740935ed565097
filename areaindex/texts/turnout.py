"""Texts about election turnout: its approximate geography, source and terms."""

TEXTS: dict[str, tuple[str, str]] = {
    "tooltip.approximate_geography": ("Ungefärlig geografi i", "Approximate geography in"),
    "table.approximate_geography": ("Ungefärlig geografi", "Approximate geography"),
    "banner.approximate_geography": (
        "**Ungefärlig geografi:** {dims} bygger på valresultat per valdistrikt som fördelats "
        "på områdena efter landyta (Källa: Valmyndigheten). Se *Data och metod* för hur stor "
        "avvikelsen kan vara.",
        "**Approximate geography:** {dims} rests on election results per district, allocated "
        "to the areas by land area (Source: Valmyndigheten). See *Data and method* for how "
        "large the error can be.",
    ),
    "turnout.header": (
        "Valdeltagande: ungefärlig geografi",
        "Turnout: approximate geography",
    ),
    "turnout.text": (
        "Valdeltagandet kommer från Valmyndighetens resultat per valdistrikt: "
        "kommunfullmäktigevalet 2022 (indikatorn i delaktighet; även EU-medborgare och andra "
        "utländska medborgare med rösträtt i kommunvalet räknas) och riksdagsvalen 2018 och "
        "2022 (samma slags val båda åren, för jämförelse över tid). Valdistriktens gränser "
        "finns inte här. Varje distrikt har därför lagts i det delområde som det är uppkallat "
        "efter (en granskad nyckel, `data/valdistrikt_delomrade.csv`), och delområdets "
        "röstberättigade och röstande har fördelats på RegSO efter landyta. Antalen summeras "
        "för varje område; andelar medelvärdesbildas aldrig. Värdena är därför ungefärliga "
        "och märkta så i tabeller, verktygstips och exporter.",
        "Turnout comes from Valmyndigheten's results per election district: the 2022 "
        "municipal council election (the indicator in participation; EU citizens and other "
        "foreign citizens with the municipal vote count too) and the 2018 and 2022 "
        "parliamentary elections (the same kind of election both years, for comparison over "
        "time). District boundaries are not available here. Each district was therefore "
        "placed in the delområde it is named after (a reviewed key, "
        "`data/valdistrikt_delomrade.csv`), and the delområde's eligible voters and voters "
        "were split over RegSO by land area. Counts are summed for every area; shares are "
        "never averaged. The values are therefore approximate and marked so in tables, "
        "tooltips and exports.",
    ),
    "turnout.size": (
        "**Hur ungefärligt?** På nivån *{level}* kommer {share} % av de röstberättigade i "
        "kommunvalet 2022 från valdistrikt vars delområde delas av en områdesgräns och "
        "därför fördelats efter yta. Resten ligger helt inom ett område.",
        "**How approximate?** At the level *{level}*, {share}% of the eligible voters in "
        "the 2022 municipal election come from districts whose delområde is cut by an area "
        "border and were therefore split by land area. The rest lie wholly within one area.",
    ),
    "turnout.not_places": (
        "Inte fördelade på något område: {codes} (förtidsröster som inte kunnat fördelas på "
        "valdistrikt), {voters} röstande och {eligible} röstberättigade i kommunvalet 2022. "
        "Räknat på områdena blir valdeltagandet i Malmö {areas} % mot {all} % med dem.",
        "Not allocated to any area: {codes} (early votes not assigned to a district), "
        "{voters} voters and {eligible} eligible voters in the 2022 municipal election. "
        "Counted over the areas Malmö's turnout is {areas}%, against {all}% with them.",
    ),
    "turnout.source": (
        "Källa: Valmyndigheten. Fri att använda med källangivelse.",
        "Source: Valmyndigheten (Swedish Election Authority). Free to use with attribution.",
    ),
    "turnout.col.eligible": ("Röstberättigade 2022", "Eligible voters 2022"),
    "turnout.col.split": (
        "Varav från delade distrikt",
        "Of which from split districts",
    ),
    "turnout.col.share": ("Andel från delade distrikt, %", "Share from split districts, %"),
}
