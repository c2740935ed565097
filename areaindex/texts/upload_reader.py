"""Messages of the upload reader (:mod:`areaindex.uploads`): what is wrong with a file and how
it was read, naming the row (as a spreadsheet counts it), the column and the value.

Fields in braces are filled in by the reader; ``{rows}``, ``{count}`` and lists come
already worded in the same language (``2 rader`` / ``2 rows``, ``a, b och c`` / ``a,
b and c``). A message begins in lower case where the panel puts the file name and a
colon before it.
"""

TEXTS: dict[str, tuple[str, str]] = {
    # --- small words the reader puts together
    "upload.read.the_file": ("filen", "the file"),
    "upload.read.and": ("och", "and"),
    "upload.read.or": ("eller", "or"),
    "upload.read.none": ("inga", "none"),
    "upload.read.and_more": ("{items} och {count} till", "{items} and {count} more"),
    "upload.read.row": ("rad {row}", "row {row}"),
    "upload.read.row_range": ("rad {first}–{last}", "rows {first}–{last}"),
    "upload.read.rows_one": ("{count} rad", "{count} row"),
    "upload.read.rows_many": ("{count} rader", "{count} rows"),
    "upload.read.areas_one": ("område", "area"),
    "upload.read.areas_many": ("områden", "areas"),
    "upload.read.column": ("kolumn '{name}' ({letter})", "column '{name}' ({letter})"),
    "upload.read.unnamed_column": ("kolumn {letter}", "column {letter}"),
    "upload.read.row_value": ("rad {row}: '{value}'", "row {row}: '{value}'"),
    "upload.read.row_text": ("rad {row} ('{text}')", "row {row} ('{text}')"),
    "upload.read.no_name": ("utan namn", "no name"),
    "upload.read.empty_cell": ("tom", "empty"),
    "upload.read.accepted_numbers": (
        "tal som 12,5, 12.5, 12 345 eller 1 234,5 (även med %), "
        "eller '..', '-', '–' eller tom cell för saknat värde",
        "numbers such as 12,5, 12.5, 12 345 or 1 234,5 (also with %), "
        "or '..', '-', '–' or an empty cell for a missing value",
    ),
    "upload.read.examples": ("namn eller id som {names}", "names or ids such as {names}"),
    "upload.read.examples_regso": (
        "RegSO-koder som '{code}' eller namn som '{name}', 'RegSO-{name}' "
        "eller '{city} (RegSO-{name})'",
        "RegSO codes such as '{code}' or names such as '{name}', 'RegSO-{name}' "
        "or '{city} (RegSO-{name})'",
    ),
    # --- the file as a whole
    "upload.read.too_large": (
        "filen är {size} men får vara högst {limit} ({bytes} > {limit_bytes} byte). Ta bort "
        "kolumner och rader som inte behövs, eller spara bara ett blad.",
        "the file is {size} but may be at most {limit} ({bytes} > {limit_bytes} bytes). "
        "Remove columns and rows that are not needed, or save only one sheet.",
    ),
    "upload.read.empty": ("filen är tom.", "the file is empty."),
    "upload.read.no_values": ("filen innehåller inga värden.", "the file contains no values."),
    "upload.read.xls": (
        "gamla Excel-filer (.xls) och lösenordsskyddade arbetsböcker kan inte läsas. Öppna "
        "filen i Excel och spara som 'Excel-arbetsbok (.xlsx)' utan lösenord, eller som "
        "'CSV UTF-8'.",
        "old Excel files (.xls) and password-protected workbooks cannot be read. Open the "
        "file in Excel and save it as 'Excel Workbook (.xlsx)' without a password, or as "
        "'CSV UTF-8'.",
    ),
    "upload.read.unsupported": (
        ".{kind}-filer kan inte läsas. Spara filen som 'Excel-arbetsbok (.xlsx)' eller som CSV.",
        ".{kind} files cannot be read. Save the file as 'Excel Workbook (.xlsx)' or as CSV.",
    ),
    "upload.read.utf16": (
        "filen ser ut att vara UTF-16 men går inte att avkoda; spara den som CSV UTF-8.",
        "the file looks like UTF-16 but cannot be decoded; save it as CSV UTF-8.",
    ),
    "upload.read.binary": (
        "filen är varken text (CSV) eller en Excel-arbetsbok (.xlsx). Spara den som CSV "
        "eller .xlsx.",
        "the file is neither text (CSV) nor an Excel workbook (.xlsx). Save it as CSV or .xlsx.",
    ),
    "upload.read.csv_row": (
        "rad {row} kan inte läsas som CSV ({error}). Kontrollera citattecknen eller spara "
        "filen på nytt som CSV.",
        "row {row} cannot be read as CSV ({error}). Check the quotation marks or save the "
        "file as CSV again.",
    ),
    "upload.read.too_many_rows": (
        "filen har fler än {count} rader; en fil med en rad per område i {city} är betydligt "
        "mindre.",
        "the file has more than {count} rows; a file with one row per area in {city} is much "
        "smaller.",
    ),
    "upload.read.no_excel": (
        "Excel-filer kan inte läsas här; spara filen som CSV.",
        "Excel files cannot be read here; save the file as CSV.",
    ),
    "upload.read.broken_xlsx": (
        "filen kan inte läsas som Excel-arbetsbok (.xlsx); den är skadad eller har fel "
        "filändelse. Öppna den i Excel och spara som .xlsx eller CSV.",
        "the file cannot be read as an Excel workbook (.xlsx); it is damaged or has the wrong "
        "extension. Open it in Excel and save it as .xlsx or CSV.",
    ),
    "upload.read.empty_workbook": ("arbetsboken är tom.", "the workbook is empty."),
    # --- the area column
    "upload.read.no_area_column": (
        "hittar ingen kolumn med områden i {city}.{hint} En kolumn ska ha ett område per rad. "
        "Godtas: {accepted}. Stora och små bokstäver, å/ä/ö skrivna som a/o och bindestreck "
        "eller tankstreck räknas lika.",
        "found no column of areas in {city}.{hint} One column must hold one area per row. "
        "Accepted: {accepted}. Upper and lower case, å/ä/ö written as a/o, and hyphens or "
        "dashes count as the same.",
    ),
    "upload.read.hint_deso": (
        " Filen har DeSO-koder (t.ex. '{code}'); DeSO kan inte läggas till direkt. Summera "
        "värdena till RegSO först.",
        " The file has DeSO codes (e.g. '{code}'); DeSO cannot be added directly. Sum the "
        "values to RegSO first.",
    ),
    "upload.read.hint_other_kommun": (
        " Filen verkar bara ha områden i andra kommuner än {city}.",
        " The file seems to have areas only in municipalities other than {city}.",
    ),
    "upload.read.unlabelled_one": (
        "rad {rows} har värden men inget område i {column}. Skriv områdets namn eller kod i "
        "cellen, eller ta bort raden.",
        "row {rows} has values but no area in {column}. Write the area's name or code in the "
        "cell, or remove the row.",
    ),
    "upload.read.unlabelled_many": (
        "raderna {rows} har värden men inget område i {column}. Skriv områdets namn eller kod "
        "i cellen, eller ta bort raden.",
        "rows {rows} have values but no area in {column}. Write the area's name or code in "
        "the cells, or remove the rows.",
    ),
    "upload.read.unknown": (
        "{count} {areas} i {column} känns inte igen: {parts}. Filen tolkades som '{level}' "
        "({matched} stämmer); där godtas {examples}. Stora och små bokstäver spelar ingen "
        "roll, inte heller bindestreck eller tankstreck.",
        "{count} {areas} in {column} could not be recognised: {parts}. The file was read as "
        "'{level}' ({matched} match); there {examples} are accepted. Upper and lower case do "
        "not matter, nor do hyphens or dashes.",
    ),
    "upload.read.unknown_part": ("'{value}' (rad {row}{why})", "'{value}' (row {row}{why})"),
    "upload.read.unknown_other_level": (
        "; finns i '{found}', inte i '{level}'",
        "; exists in '{found}', not in '{level}'",
    ),
    "upload.read.unknown_deso": (
        "; en DeSO-kod, summera till RegSO först",
        "; a DeSO code, sum to RegSO first",
    ),
    "upload.read.unknown_suggest": ("; menade du '{name}'?", "; did you mean '{name}'?"),
    "upload.read.duplicates": (
        "samma område finns flera gånger i {column}: {parts}. Varje område får bara finnas på "
        "en rad.{hint}",
        "the same area appears more than once in {column}: {parts}. Each area may appear on "
        "one row only.{hint}",
    ),
    "upload.read.duplicate_part": ("'{name}' på rad {rows}", "'{name}' in rows {rows}"),
    "upload.read.more_areas": ("och {count} områden till", "and {count} more areas"),
    "upload.read.duplicate_hint": (
        " Raderna skiljer sig i {column}: filen verkar ha flera rader per område (t.ex. en per "
        "år, kön eller kategori). Välj ut en rad per område innan du laddar upp filen.",
        " The rows differ in {column}: the file seems to have several rows per area (e.g. one "
        "per year, sex or category). Select one row per area before uploading the file.",
    ),
    # --- the value column
    "upload.read.no_such_column": (
        "kolumnen '{wanted}' finns inte i filen. Sifferkolumner: {numeric}.",
        "there is no column '{wanted}' in the file. Numeric columns: {numeric}.",
    ),
    "upload.read.not_numeric": (
        "{column} innehåller inga tal. Sifferkolumner: {numeric}.",
        "{column} contains no numbers. Numeric columns: {numeric}.",
    ),
    "upload.read.no_numeric_column": (
        "filen har ingen kolumn med tal. Kolumner utöver områdena i {area_column}: {columns}. "
        "Godtas: {accepted}.{hint}",
        "the file has no column of numbers. Columns besides the areas in {area_column}: "
        "{columns}. Accepted: {accepted}.{hint}",
    ),
    "upload.read.formula_hint": (
        " Räknas värdena fram med formler: öppna arbetsboken i Excel och spara den, så att "
        "värdena sparas med formlerna.",
        " If the values are calculated by formulas: open the workbook in Excel and save it, so "
        "that the values are saved with the formulas.",
    ),
    "upload.read.bad_value": (
        "rad {row}, {column}: värdet '{value}' är varken ett tal eller en markering för saknat "
        "värde{more}. Godtas: {accepted}.",
        "row {row}, {column}: the value '{value}' is neither a number nor a marker for a "
        "missing value{more}. Accepted: {accepted}.",
    ),
    "upload.read.bad_value_more": ("; likadant {listed}", "; likewise {listed}"),
    # --- notices: how the file was read
    "upload.read.read_as": (
        "Filen tolkades som '{level}': {found} av {total} områden har en rad, värdena kommer "
        "från {column}.",
        "The file was read as '{level}': {found} of {total} areas have a row, the values come "
        "from {column}.",
    ),
    "upload.read.sheets": (
        "Arbetsboken har {count} blad; bladet '{sheet}' lästes, det första med områdesnamn.",
        "The workbook has {count} sheets; sheet '{sheet}' was read, the first with area names.",
    ),
    "upload.read.tied_levels": (
        "Namnen i filen finns i både {levels}; filen tolkas som '{level}', där de täcker "
        "störst del av områdena.",
        "The names in the file exist in both {levels}; the file is read as '{level}', where "
        "they cover the largest share of the areas.",
    ),
    "upload.read.other_numeric": (
        "Fler sifferkolumner finns och kan väljas i stället: {columns}.",
        "More numeric columns exist and can be chosen instead: {columns}.",
    ),
    "upload.read.above": (
        "{rows} ovanför tabellen ignorerades som rubrik ({span}, t.ex. '{example}').",
        "Ignored as a title: {rows} above the table ({span}, e.g. '{example}').",
    ),
    "upload.read.footer_one": (
        "{rows} efter tabellen ignorerades som fotnot ({span}, t.ex. '{example}').",
        "Ignored as a footnote: {rows} after the table ({span}, e.g. '{example}').",
    ),
    "upload.read.footer_many": (
        "{rows} efter tabellen ignorerades som fotnoter ({span}, t.ex. '{example}').",
        "Ignored as footnotes: {rows} after the table ({span}, e.g. '{example}').",
    ),
    "upload.read.notes": (
        "Rader inne i tabellen utan värde eller med en anteckning ignorerades: {rows}.",
        "Rows inside the table without a value or with a note were ignored: {rows}.",
    ),
    "upload.read.totals": (
        "Summerings- eller jämförelserader togs inte med: {rows}.",
        "Total or comparison rows were left out: {rows}.",
    ),
    "upload.read.other_kommun": (
        "{rows} för andra kommuner än {city} hoppades över (t.ex. '{example}' på rad {row}).",
        "Skipped: {rows} for municipalities other than {city} (e.g. '{example}' in row {row}).",
    ),
    "upload.read.renamed": (
        "'{value}' på rad {row} tolkades som RegSO '{name}' (namnbyte till RegSO 2025).",
        "'{value}' in row {row} was read as RegSO '{name}' (renamed in RegSO 2025).",
    ),
    "upload.read.missing_values": (
        "Värde saknas i filen för {count} {areas}: {parts}.",
        "The file has no value for {count} {areas}: {parts}.",
    ),
    "upload.read.missing_part": ("{name} (rad {row}, {text})", "{name} (row {row}, {text})"),
    "upload.read.missing_units": (
        "{count} av {total} områden finns inte i filen och saknar värde: {names}.",
        "{count} of {total} areas are not in the file and have no value: {names}.",
    ),
    "upload.read.percent": (
        "Procenttecknen togs bort: '12,5 %' räknas som 12,5.",
        "The per cent signs were removed: '12.5 %' counts as 12.5.",
    ),
}
