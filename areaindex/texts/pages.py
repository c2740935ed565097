"""Texts of the scenario comparison, area profile and area comparison pages."""

TEXTS: dict[str, tuple[str, str]] = {
    # Navigation
    "nav.scenarios": ("Jämför förslag", "Compare proposals"),
    "nav.profile": ("Områdesprofil", "Area profile"),
    "nav.compare_areas": ("Jämför områden", "Compare areas"),
    # Scenario comparison
    "scenario.header": ("Jämför förslag", "Compare proposals"),
    "scenario.intro": (
        "Nämnderna föreslog olika dimensioner. Här ser du vilka områden som flyttar in i eller "
        "ut ur de högst prioriterade om ett annat förslag väljs. Vänster: vyn med vikterna i "
        "sidofältet. Höger: förslaget du väljer nedan.",
        "The committees proposed different dimensions. Here you see which areas move into or "
        "out of the top priorities if another proposal is chosen. Left: the view with the "
        "weights in the sidebar. Right: the proposal you choose below.",
    ),
    "scenario.pick": ("Jämför med", "Compare with"),
    "scenario.current": ("Din vy", "Your view"),
    "scenario.same_top": (
        "Med **{b}** är de {k} högst prioriterade områdena desamma.",
        "With **{b}** the {k} highest-priority areas are the same.",
    ),
    "scenario.moves": (
        "Med **{b}** kommer **{entering}** in bland de {k} högst prioriterade, och "
        "**{leaving}** faller ur.",
        "With **{b}**, **{entering}** move into the top {k}, and **{leaving}** drop out.",
    ),
    "scenario.bump_caption": (
        "Varje linje är ett område, från rangen i din vy (vänster) till rangen i det valda "
        "förslaget (höger). Röda linjer: områden som kommer in bland de {k} högst "
        "prioriterade (heldragen) eller faller ur (streckad). Skuggat: topp {k}.",
        "Each line is an area, from its rank in your view (left) to its rank in the chosen "
        "proposal (right). Red lines: areas that move into the top {k} (solid) or drop out "
        "(dashed). Shaded: top {k}.",
    ),
    "scenario.table_header": ("Förändringar i rang", "Rank changes"),
    "scenario.col.change": ("Förändring", "Change"),
    "scenario.col.top": ("Topp {k}", "Top {k}"),
    "scenario.status.in": ("kommer in", "moves in"),
    "scenario.status.out": ("faller ur", "drops out"),
    # Area profile
    "profile.header": ("Områdesprofil", "Area profile"),
    "profile.pick": ("Område", "Area"),
    "profile.none": (
        "Välj ett område, eller klicka på ett område på kartan på startsidan.",
        "Choose an area, or click an area on the map on the front page.",
    ),
    "profile.open": ("Öppna områdesprofilen", "Open the area profile"),
    "profile.presets": ("Under varje förslag", "Under each proposal"),
    "profile.col.preset": ("Förslag", "Proposal"),
    "profile.dimensions": ("Dimensionerna", "The dimensions"),
    "profile.dimensions_text": (
        "Områdets värde i varje dimension (0–100, högre = större behov), jämfört med "
        "medianvärdet bland alla områden i dimensionen.",
        "The area's score in each dimension (0–100, higher = greater need), compared with the "
        "median score of all areas in that dimension.",
    ),
    "profile.median": ("Medianområdet", "Median area"),
    "profile.trend": ("Utveckling över tid", "Change over time"),
    "profile.trend_text": (
        "Indexvärdet per år med fasta gränser från basåret (jämförbart över tid), och "
        "indikatorer med flera år, för området och för hela Malmö.",
        "The index score per year with fixed bounds from the base year (comparable over time), "
        "and indicators with several years, for the area and for all of Malmö.",
    ),
    "profile.trend_index": ("Indexvärde över tid", "Index score over time"),
    "profile.regso": ("RegSO i området", "RegSO in the area"),
    "profile.regso_text": (
        "Områdets RegSO färgade efter samma index, räknat bland alla Malmös 91 RegSO.",
        "The area's RegSO coloured by the same index, computed among all 91 RegSO of Malmö.",
    ),
    "profile.sources": ("Källor", "Sources"),
    # Compare areas
    "areas.header": ("Jämför områden", "Compare areas"),
    "areas.intro": (
        "Välj två till fyra områden för att jämföra deras dimensioner och alla indikatorer.",
        "Choose two to four areas to compare their dimensions and every indicator.",
    ),
    "areas.pick": ("Områden (2–4)", "Areas (2–4)"),
    "areas.too_few": ("Välj minst två områden.", "Choose at least two areas."),
    "areas.chart_x": ("Värde 0–100 (högre = större behov)", "Score 0–100 (higher = greater need)"),
    "areas.table": ("Alla indikatorer", "Every indicator"),
    # Municipalities and all of Sweden
    "options.kommun": ("Kommun", "Municipality"),
    "options.kommun.sverige": ("Hela Sverige", "All of Sweden"),
    "options.kommun_help": (
        "Malmö har hela datamängden: de 14 områdena, stadsdelar och illustrativa indikatorer. "
        "För andra kommuner och hela Sverige visas SCB:s officiella indikatorer per RegSO.",
        "Malmö has the full dataset: the 14 areas, stadsdelar and illustrative indicators. For "
        "other municipalities and all of Sweden SCB's official indicators per RegSO are shown.",
    ),
    "options.level_regso": ("{n} RegSO", "{n} RegSO"),
    "options.level_only_malmo": (
        "De 14 områdena, stadsdelarna och stadsområdena finns bara för Malmö; här visas RegSO.",
        "The 14 areas, stadsdelar and stadsområden exist only for Malmö; RegSO are shown here.",
    ),
    "banner.national": (
        "**{where}: {n} RegSO.** Här räknas indexet bara på SCB:s officiella statistik "
        "(illustrativa dimensioner finns bara för Malmö) och normaliseras bland de visade "
        "områdena. Kartan visar RegSO med havet inom kommungränsen.",
        "**{where}: {n} RegSO.** The index here uses SCB's official statistics only "
        "(illustrative dimensions exist only for Malmö) and is normalised among the areas "
        "shown. The map shows RegSO including the sea inside municipal borders.",
    ),
    "ranking.chart_title_top": (
        "De {n} högst prioriterade områdena och dimensionernas bidrag",
        "The {n} highest-priority areas and the contribution of each dimension",
    ),
    # Sharing and presentation
    "share.header": ("Dela vyn", "Share the view"),
    "share.text": (
        "Länken innehåller hela vyn: vikter, förslag, nivå, år och valt område.",
        "The link holds the whole view: weights, proposal, level, year and selected area.",
    ),
    "share.copy": ("Kopiera länk", "Copy link"),
    "share.copied": ("Länken är kopierad.", "The link is copied."),
    "share.copy_manual": (
        "Markera länken ovan och kopiera den (Ctrl+C).",
        "Select the link above and copy it (Ctrl+C).",
    ),
    "share.link_label": ("Länk till vyn", "Link to the view"),
    "share.present": ("Presentationsläge", "Presentation mode"),
    "share.present_help": (
        "För projektor på möten: stor text, bara karta och rangordning, vikterna i en meny "
        "ovanför kartan.",
        "For a projector in meetings: large text, only map and ranking, weights in a menu above "
        "the map.",
    ),
    "present.weights": ("Ändra vikter", "Change weights"),
    "present.exit": ("Avsluta presentationsläget", "Leave presentation mode"),
    # Data and method page (additions)
    "data.illustrative_header": ("Vad är illustrativt?", "What is illustrative?"),
    "data.illustrative_text": (
        "{n} indikatorer har **illustrativa värden** från en dokumenterad, seedad modell i "
        "Områdesindex (se data/README.md): de bygger på verklig socioekonomi per RegSO men är "
        "inte mätningar. De märks i kartans förklaring, verktygstips, tabeller och exporter, "
        "och en varning visas när någon av dem har vikt:",
        "{n} indicators have **illustrative values** from a documented, seeded model in "
        "Områdesindex (see data/README.md): they are built on real socio-economics per RegSO "
        "but are not measurements. They are marked in the map legend, tooltips, tables and "
        "exports, and a warning shows whenever one of them carries weight:",
    ),
    "data.indicators": ("Alla indikatorer", "Every indicator"),
    "data.col.licence": ("Licens", "Licence"),
    "data.sources": ("Källor och licenser", "Sources and licences"),
    "data.sources_text": (
        "- **SCB (Statistiska centralbyrån)**, öppna data från Statistikdatabasen, licens CC0: "
        "folkmängd och födelseland (BE0101Y), löneinkomst (HE0110I), upplåtelseform (BO0104X), "
        "DeSO-tabeller 2022 (ålder, utbildning, inkomst, hushåll) och socioekonomisk "
        "områdestyp per RegSO 2022. RegSO-polygoner 2025 från SCB (via MIT-licensierade "
        "paketet duva 0.3.5).\n"
        "- **Malmö stad**, öppna data: delområden (land, mars 2023) och deras historiska "
        "stadsdelar. Malmö stad publicerar som regel som CC0; licensen för just detta "
        "dataset ska bekräftas före offentlig publicering.\n"
        "- **Valmyndigheten**, resultat per valdistrikt (kommun- och riksdagsvalet 2022, "
        "riksdagsvalet 2018), fri att använda med källangivelse: Källa: Valmyndigheten.\n"
        "- **Nämndernas remissvar 2023** (arbetsmarknads- och socialnämnden, hälsa-, vård- "
        "och omsorgsnämnden, servicenämnden) för dimensionerna och förslagen.",
        "- **SCB (Statistics Sweden)**, open data from Statistikdatabasen, licence CC0: "
        "population and country of birth (BE0101Y), wage income (HE0110I), tenure "
        "(BO0104X), DeSO tables 2022 (age, education, income, households) and the "
        "socio-economic area type per RegSO 2022. RegSO polygons 2025 from SCB (via the "
        "MIT-licensed package duva 0.3.5).\n"
        "- **City of Malmö**, open data: delområden (land, March 2023) and their historical "
        "stadsdelar. Malmö publishes under CC0 as a rule; the licence of this dataset is to "
        "be confirmed before public release.\n"
        "- **Valmyndigheten** (Swedish Election Authority), results per election district "
        "(municipal and parliamentary elections 2022, parliamentary election 2018), free to "
        "use with attribution: Källa: Valmyndigheten.\n"
        "- **The committees' consultation answers 2023** for the dimensions and proposals.",
    ),
    "data.division_text": (
        "**De 14 områdena är en preliminär indelning** gjord av Områdesindex, eftersom "
        "stadens lista inte är offentlig: de tio historiska stadsdelarna, där de fyra största "
        "delas i två längs RegSO-gränser (se geodata/README.md). Staden kan byta indelning "
        "genom att ersätta en datafil, utan kodändring.",
        "**The 14 areas are a provisional division** made by Områdesindex, because the city's "
        "list is not public: the ten historical stadsdelar, with the four largest split in "
        "two along RegSO borders (see geodata/README.md). The city can replace the division "
        "by swapping one data file, without code changes.",
    ),
    "data.fingerprint": (
        "Databasen är byggd från den incheckade datamängden med kontrollsumma {sha}.",
        "The database is built from the committed dataset with checksum {sha}.",
    ),
}
