"""Texts of the panel where planners add their own indicator from a file.

Messages about the file itself (naming row, column and value) are the reader's,
in :mod:`areaindex.texts.upload_reader`; these are the panel's labels and help.
Direction keys follow :data:`areaindex.store.catalogue.DIRECTIONS`, aggregation keys
the two ways a RegSO value can be combined into larger areas.
"""

TEXTS: dict[str, tuple[str, str]] = {
    "upload.header": ("Lägg till egen indikator", "Add your own indicator"),
    "upload.intro": (
        "Ladda upp en fil med en rad per område och en kolumn med värden, till exempel en "
        "tabell från SCB:s statistikdatabas eller ett eget Excelark. Indikatorn räknas med i "
        "indexet så länge du har sidan öppen; den sparas inte och syns inte för andra.",
        "Upload a file with one row per area and a column of values, for example a table "
        "from SCB's statistical database or your own Excel sheet. The indicator counts in the "
        "index while you keep the page open; it is not saved and others do not see it.",
    ),
    "upload.file_label": (
        "Fil med en rad per område (CSV eller Excel .xlsx)",
        "File with one row per area (CSV or Excel .xlsx)",
    ),
    "upload.file_help": (
        "Godtas: CSV med semikolon, komma eller tabb som avgränsare (UTF-8 eller Windows-"
        "kodning, som Excel sparar), och Excel-arbetsböcker (.xlsx) – spara en .xls-fil som "
        ".xlsx först. Högst {max_mb} MB. Områden: RegSO-kod (1280R045), RegSO-namn "
        "(Lindängen, RegSO-Lindängen, Malmö (RegSO-Lindängen)) eller namnet på ett av de 14 "
        "områdena, en stadsdel eller ett stadsområde. Tal: 12,5 · 12.5 · 12 345 · 1 234,5. "
        "Saknat värde: .. eller - eller tom cell. Rubrikrader ovanför tabellen, summarader och "
        "SCB:s fotnoter hoppas över.",
        "Accepted: CSV with semicolon, comma or tab as separator (UTF-8 or Windows encoding, "
        "as Excel saves it), and Excel workbooks (.xlsx) – save an .xls file as .xlsx first. "
        "At most {max_mb} MB. Areas: RegSO code (1280R045), RegSO name (Lindängen, "
        "RegSO-Lindängen, Malmö (RegSO-Lindängen)) or the name of one of the 14 areas, a "
        "stadsdel or a stadsområde. Numbers: 12,5 · 12.5 · 12 345 · 1 234,5. Missing value: "
        ".. or - or an empty cell. Title rows above the table, totals rows and SCB's footnotes "
        "are skipped.",
    ),
    "upload.template": ("Ladda ner en mall (CSV)", "Download a template (CSV)"),
    "upload.reading": ("Läser filen …", "Reading the file …"),
    "upload.error_header": ("Filen kunde inte läsas", "The file could not be read"),
    "upload.error_hint": (
        "Rätta filen och ladda upp den igen. Raden räknas som i Excel: rubrikraden är rad 1 "
        "om den står först.",
        "Correct the file and upload it again. Rows are counted as in Excel: the header is "
        "row 1 if it comes first.",
    ),
    "upload.notices_header": ("Så lästes filen", "How the file was read"),
    "upload.file_info": (
        "Nivå: {level} · teckenkodning: {encoding} · avgränsare: {separator}",
        "Level: {level} · encoding: {encoding} · separator: {separator}",
    ),
    "upload.sheet_info": ("Nivå: {level} · blad: {sheet}", "Level: {level} · sheet: {sheet}"),
    "upload.separator.semicolon": ("semikolon", "semicolon"),
    "upload.separator.comma": ("komma", "comma"),
    "upload.separator.tab": ("tabb", "tab"),
    "upload.value_column": ("Kolumn med värden", "Column with the values"),
    "upload.value_column_help": (
        "Filen har flera kolumner med tal. Välj den som ska bli indikatorn.",
        "The file has several numeric columns. Pick the one to use as the indicator.",
    ),
    "upload.name": ("Indikatorns namn", "Name of the indicator"),
    "upload.name_default": ("Egen indikator: {column}", "Own indicator: {column}"),
    "upload.unit": ("Enhet (valfri, t.ex. % eller kr)", "Unit (optional, e.g. % or SEK)"),
    "upload.dimension": ("Dimension", "Dimension"),
    "upload.dimension_help": (
        "Den dimension indikatorn räknas till. Indikatorn vägs in i dimensionens värde "
        "tillsammans med dimensionens övriga indikatorer.",
        "The dimension the indicator belongs to. It is combined into the dimension's score "
        "together with the dimension's other indicators.",
    ),
    "upload.dimension_new": ("Egen dimension", "Own dimension"),
    "upload.direction": ("Riktning", "Direction"),
    "upload.direction_help": (
        "Anger om ett högt värde betyder större eller mindre behov av insatser, till "
        "exempel är hög arbetslöshet ett större behov men hög förvärvsfrekvens ett mindre.",
        "Says whether a high value means a greater or smaller need, for example high "
        "unemployment is a greater need but a high employment rate a smaller one.",
    ),
    "upload.direction.higher_is_need": ("Högre värde = större behov", "Higher = greater need"),
    "upload.direction.lower_is_need": ("Lägre värde = större behov", "Lower = greater need"),
    "upload.aggregation": (
        "Hur värdena slås ihop till större områden",
        "How values combine into larger areas",
    ),
    "upload.aggregation_help": (
        "Filen har värden per RegSO. För att visa dem för stadsdelar eller de 14 områdena "
        "summeras antal, medan andelar och medelvärden vägs med befolkningen.",
        "The file has values per RegSO. To show them for stadsdelar or the 14 areas, counts "
        "are summed while shares and averages are weighted by population.",
    ),
    "upload.aggregation.weighted_mean": (
        "Andel eller medelvärde (vägs med befolkning)",
        "Share or average (weighted by population)",
    ),
    "upload.aggregation.sum": ("Antal (summeras)", "Count (summed)"),
    "upload.weight": ("Vikt", "Weight"),
    "upload.add": ("Lägg till i indexet", "Add to the index"),
    "upload.remove": ("Ta bort {name}", "Remove {name}"),
    "upload.replace": ("Ersätt med ny fil", "Replace with a new file"),
    "upload.success": (
        "{name} lades till: {count} av {total} områden har värden ({level}).",
        "{name} was added: {count} of {total} areas have values ({level}).",
    ),
    "upload.missing": (
        "{count} områden saknar värde i filen. De räknas utan indikatorn, som andra saknade "
        "värden.",
        "{count} areas have no value in the file. They are scored without the indicator, like "
        "other missing values.",
    ),
    "upload.level_differs": (
        "Filen har värden för {file_level}, men kartan visar {map_level}. Byt nivå till "
        "{file_level} för att se indikatorn.",
        "The file has values for {file_level}, but the map shows {map_level}. Switch the level "
        "to {file_level} to see the indicator.",
    ),
    "upload.badge": ("Egen uppgift", "Own data"),
    "upload.badge_help": (
        "Indikatorn kommer från en fil du laddade upp och har inte granskats av projektet.",
        "The indicator comes from a file you uploaded and has not been reviewed by the project.",
    ),
    "upload.session_only": (
        "Egna indikatorer försvinner när du stänger eller laddar om sidan. De följer inte "
        "med i delade länkar.",
        "Your own indicators are gone when you close or reload the page. They are not part "
        "of shared links.",
    ),
    "upload.preview": ("Förhandsvisning av värdena", "Preview of the values"),
    "upload.preview_area": ("Område", "Area"),
    "upload.preview_value": ("Värde", "Value"),
}
