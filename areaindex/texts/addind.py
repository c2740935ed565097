"""Texts of ``python -m areaindex add-indicator``: the city's own figures, added for good.

Problems in the data file itself come from :mod:`areaindex.uploads` (the same
reader and messages as the app's upload, in Swedish); these are the command's
own messages about the meta file, the values and the result.
"""

TEXTS: dict[str, tuple[str, str]] = {
    "addind.no_file": (
        "{file}: filen finns inte eller kan inte läsas ({error}).",
        "{file}: the file does not exist or cannot be read ({error}).",
    ),
    "addind.meta_toml": (
        "{file}: metafilen är ingen giltig TOML ({error}). Jämför med exemplet i "
        "data/added/EXAMPLE.meta.toml.txt.",
        "{file}: the meta file is not valid TOML ({error}). Compare with the example in "
        "data/added/EXAMPLE.meta.toml.txt.",
    ),
    "addind.meta_missing": (
        "{file}: nyckeln '{meta_key}' saknas i metafilen (missing key). {hint}",
        "{file}: the meta file lacks the key '{meta_key}'. {hint}",
    ),
    "addind.meta_unknown": (
        "{file}: okänd nyckel '{meta_key}' i metafilen. Giltiga nycklar: {keys}.",
        "{file}: unknown key '{meta_key}' in the meta file. Valid keys: {keys}.",
    ),
    "addind.meta_text": (
        "{file}, nyckel '{meta_key}': ska vara en text inom citattecken som inte är tom, "
        'till exempel {meta_key} = "…".',
        "{file}, key '{meta_key}': must be non-empty text in quotes, "
        'for example {meta_key} = "…".',
    ),
    "addind.meta_bool": (
        "{file}, nyckel '{meta_key}': ska vara true (officiell statistik) eller false, utan "
        "citattecken; inte {value}.",
        "{file}, key '{meta_key}': must be true (official statistics) or false, without quotes; "
        "not {value}.",
    ),
    "addind.meta_int": (
        "{file}, nyckel '{meta_key}': ska vara ett heltal mellan {low} och {high}; inte {value}.",
        "{file}, key '{meta_key}': must be a whole number from {low} to {high}; not {value}.",
    ),
    "addind.meta_number": (
        "{file}, nyckel '{meta_key}': ska vara ett positivt tal, till exempel 100; inte {value}.",
        "{file}, key '{meta_key}': must be a positive number, for example 100; not {value}.",
    ),
    "addind.meta_choice": (
        "{file}, nyckel '{meta_key}': '{value}' är inget giltigt värde. Godtas: {choices}.",
        "{file}, key '{meta_key}': '{value}' is not valid. Accepted: {choices}.",
    ),
    "addind.meta_id": (
        "{file}, nyckel 'id': '{value}' är inget giltigt id. Använd små bokstäver a–z, "
        "siffror och _ (högst 64 tecken), börja med en bokstav, t.ex. 'lag_tillit_fhe'.",
        "{file}, key 'id': '{value}' is not a valid id. Use lower-case a–z, digits and _ "
        "(at most 64 characters), starting with a letter, e.g. 'lag_tillit_fhe'.",
    ),
    "addind.meta_id_replaces": (
        "{file}: id '{value}' skiljer sig från replaces '{replaces}'. En indikator som "
        "ersätter en illustrativ tar över dess id, så att metodfilerna fortsätter att "
        "fungera; ta bort id eller sätt det till '{replaces}'.",
        "{file}: id '{value}' differs from replaces '{replaces}'. An indicator that "
        "replaces an illustrative one takes over its id so that method files keep working; "
        "remove id or set it to '{replaces}'.",
    ),
    "addind.meta_id_taken": (
        "{file}, nyckel 'id': '{value}' finns redan i katalogen. Välj ett annat id, eller "
        'använd replaces = "{value}" om den är illustrativ.',
        "{file}, key 'id': '{value}' is already in the catalogue. Choose another id, or use "
        'replaces = "{value}" if it is illustrative.',
    ),
    "addind.meta_exists": (
        "{file}: indikatorn '{value}' är redan tillagd (data/added/{value}.toml). Lägg till "
        "--update för att ersätta den med den nya filen.",
        "{file}: the indicator '{value}' has already been added (data/added/{value}.toml). "
        "Add --update to replace it with the new file.",
    ),
    "addind.meta_replaces": (
        "{file}, nyckel 'replaces': '{value}' är ingen illustrativ indikator i katalogen. "
        "Illustrativa indikatorer: {choices}.",
        "{file}, key 'replaces': '{value}' is no illustrative indicator of the catalogue. "
        "Illustrative indicators: {choices}.",
    ),
    "addind.meta_same": (
        "{file}, nyckel '{meta_key}': '{value}' skiljer sig från den ersatta indikatorns "
        "'{old}'. Metodfilerna väger '{replaces}' som '{old}'; lägg till indikatorn med ett "
        "eget id i stället om den mäter något annat.",
        "{file}, key '{meta_key}': '{value}' differs from the replaced indicator's '{old}'. The "
        "method files weigh '{replaces}' as '{old}'; add the indicator under its own id "
        "instead if it measures something else.",
    ),
    "addind.meta_columns": (
        "{file}: [[columns]] saknas eller är tom. Ange minst ett år, till exempel\n"
        '[[columns]]\nyear = 2022\nvalue = "Andel (%)"',
        "{file}: [[columns]] is missing or empty. Give at least one year, for example\n"
        '[[columns]]\nyear = 2022\nvalue = "Andel (%)"',
    ),
    "addind.meta_column_mode": (
        '{file}, [[columns]] nr {n}: ange antingen value = "kolumn" (ett värde per '
        "område) eller både numerator och denominator (täljare och nämnare, antal), och "
        "samma sätt för alla år.",
        '{file}, [[columns]] no. {n}: give either value = "column" (one value per area) '
        "or both numerator and denominator (counts), and the same way for every year.",
    ),
    "addind.meta_column_twice": (
        "{file}, [[columns]] nr {n}: år {year} och kön '{sex}' finns redan i ett tidigare "
        "[[columns]].",
        "{file}, [[columns]] no. {n}: year {year} and sex '{sex}' already appear in an "
        "earlier [[columns]].",
    ),
    "addind.meta_no_total": (
        "{file}: år {year} har värden för kvinnor eller män men inget för alla (sex = "
        '"total"). Varje år behöver en kolumn för totalen.',
        "{file}: year {year} has values for women or men but none for everyone (sex = "
        '"total"). Every year needs a column for the total.',
    ),
    "addind.upload": (
        "{message}",
        "The data file cannot be used (the message comes, in Swedish, from the same reader "
        "as the app's upload): {message}",
    ),
    "addind.level": (
        "{file}: kolumnen '{column}' tolkades som '{level}'. En permanent indikator måste "
        "ges per RegSO (Malmös 91 områden, t.ex. '1280R045' eller 'Lindängen'), så att "
        "större områden kan räknas fram från dem.",
        "{file}: the column '{column}' was read as '{level}'. A permanent indicator must be "
        "given per RegSO (Malmö's 91 areas, e.g. '1280R045' or 'Lindängen') so that larger "
        "areas can be computed from them.",
    ),
    "addind.empty_column": (
        "{file}: kolumnen '{column}' har inget värde för något område.",
        "{file}: the column '{column}' has no value for any area.",
    ),
    "addind.whole": (
        "{file}, kolumnen '{column}', område {area}: antalet {value} är inget heltal "
        "≥ 0. Täljare, nämnare och vikter är antal (counts).",
        "{file}, column '{column}', area {area}: the count {value} is not a whole number "
        "≥ 0. Numerators, denominators and weights are counts of people.",
    ),
    "addind.pair": (
        "{file}, område {area}: täljaren ('{numerator}') har ett värde men nämnaren "
        "('{denominator}') saknas.",
        "{file}, area {area}: the numerator ('{numerator}') has a value but the "
        "denominator ('{denominator}') is missing.",
    ),
    "addind.zero": (
        "{file}, område {area}: nämnaren i '{denominator}' är 0 men täljaren är {value}.",
        "{file}, area {area}: the denominator in '{denominator}' is 0 but the numerator is "
        "{value}.",
    ),
    "addind.weight_missing": (
        "{file}, område {area}: värde finns men vikten i '{column}' saknas.",
        "{file}, area {area}: a value is given but the weight in '{column}' is missing.",
    ),
    "addind.weight_population": (
        "Folkmängd 31 december {years} (SCB, totalt), som när indikatorn lades till",
        "Population on 31 December {years} (SCB, total), as when the indicator was added",
    ),
    "addind.weight_column": (
        "Antal enligt kolumnen '{columns}' i {file}",
        "Counts in the column '{columns}' of {file}",
    ),
    "addind.note_replaces": (
        "Stadens egna siffror; de ersätter de tidigare illustrativa värdena.",
        "The city's own figures; they replace the earlier illustrative values.",
    ),
    "addind.note_approximate": (
        "Filen gav andelar, inte antal: större områden är ett viktat medelvärde av RegSO "
        "(vikt: {weight}) och märks som ungefärliga.",
        "The file gave shares, not counts: larger areas are a weighted mean of RegSO "
        "(weight: {weight}) and are marked approximate.",
    ),
    "addind.partial": (
        "{year}: för {n} av de 14 områdena räknas värdet bara från de RegSO som har värden "
        "(övriga saknas i filen): {areas}.",
        "{year}: for {n} of the 14 areas the value is computed only from the RegSO that have "
        "values (the others are missing from the file): {areas}.",
    ),
    "addind.invalid": (
        "Indikatorn kan inte läggas till; inget har ändrats: {message}",
        "The indicator cannot be added; nothing has been changed: {message}",
    ),
    "addind.added": (
        "Lade till '{id}' ({status}){replaces}: {found} av {total} RegSO har värden, år "
        "{years}. Skrev {toml} och {csv}. Kör 'python -m areaindex build' (eller 'make') "
        "så att databasen och appen använder den.",
        "Added '{id}' ({status}){replaces}: {found} of {total} RegSO have values, years "
        "{years}. Wrote {toml} and {csv}. Run 'python -m areaindex build' (or 'make') so "
        "that the database and the app use it.",
    ),
    "addind.replaces": (
        ", ersätter den illustrativa '{id}'",
        ", replacing the illustrative '{id}'",
    ),
    "addind.status.official": ("officiell statistik", "official statistics"),
    "addind.status.illustrative": (
        "inte officiell statistik: märks som illustrativ",
        "not official statistics: marked illustrative",
    ),
    "addind.notice": ("Obs: {text}", "Note: {text}"),
    "addind.none": (
        "Inga tillagda indikatorer i {folder}.",
        "No added indicators in {folder}.",
    ),
    "addind.list_row": (
        "{id}: {name} ({dimension}, {status}, år {years}){replaces}; källa: {source}",
        "{id}: {name} ({dimension}, {status}, years {years}){replaces}; source: {source}",
    ),
    "addind.removed": (
        "Tog bort '{id}' ({files}). Kör 'python -m areaindex build' (eller 'make'){back}.",
        "Removed '{id}' ({files}). Run 'python -m areaindex build' (or 'make'){back}.",
    ),
    "addind.removed_back": (
        "; de illustrativa värdena för '{id}' kommer tillbaka",
        "; the illustrative values of '{id}' come back",
    ),
    "addind.not_added": (
        "'{id}' är ingen tillagd indikator. Tillagda: {ids}.",
        "'{id}' is not an added indicator. Added: {ids}.",
    ),
    "addind.usage": (
        "ange FIL och --meta META.toml, eller --list, eller --remove ID.",
        "give FILE and --meta META.toml, or --list, or --remove ID.",
    ),
    "addind.hint.id": (
        'Ge indikatorn ett id (id = "lag_tillit_fhe"), eller replaces = "…" med den '
        "illustrativa indikator den ersätter.",
        'Give the indicator an id (id = "lag_tillit_fhe"), or replaces = "…" with the '
        "illustrative indicator it replaces.",
    ),
    "addind.hint.required": (
        "Se exemplet i data/added/EXAMPLE.meta.toml.txt och data/README.md.",
        "See the example in data/added/EXAMPLE.meta.toml.txt and data/README.md.",
    ),
}
