"""Texts of the map page, the sidebar, the robustness, method and data pages."""

TEXTS: dict[str, tuple[str, str]] = {
    # App and navigation
    "app.title": ("Områdesindex Malmö", "Area index Malmö"),
    "app.tagline": (
        "Var behövs områdeslyftet mest? Välj vad som ska väga tyngst och se hur "
        "prioriteringen av Malmös områden ändras.",
        "Where is the area uplift needed most? Choose what should weigh most and see how "
        "the priority of Malmö's areas changes.",
    ),
    "nav.map": ("Karta och rangordning", "Map and ranking"),
    "nav.data": ("Data och metod", "Data and method"),
    # Weights
    "weights.header": ("Vikter", "Weights"),
    "weights.help": (
        "Dra reglaget för att ändra hur mycket varje dimension väger (0 = räknas inte med, "
        "10 = väger mest). Vikterna är relativa: procenten visar andelen av indexet.",
        "Drag to change how much each dimension weighs (0 = left out, 10 = weighs most). "
        "Weights are relative: the percentage is the share of the index.",
    ),
    "weights.share": ("{share} %", "{share} %"),
    "weights.none_official": ("inga officiella data", "no official data"),
    "weights.all_zero": (
        "Alla vikter är noll, så det finns inget index att visa. Ge minst en dimension en "
        "vikt större än noll.",
        "All weights are zero, so there is no index to show. Give at least one dimension a "
        "weight above zero.",
    ),
    "weights.reset": ("Återställ stadskontorets förslag", "Reset to the city office's proposal"),
    "weights.summary": ("Indexet består av: {parts}", "The index is made of: {parts}"),
    # Options
    "options.header": ("Visning", "Display"),
    "options.official_only": ("Endast officiell statistik", "Official statistics only"),
    "options.official_only_help": (
        "Räkna bara med SCB:s publicerade statistik; dimensioner som bara har illustrativa "
        "värden tas bort ur indexet.",
        "Use only SCB's published statistics; dimensions with only illustrative values are "
        "left out of the index.",
    ),
    "options.classes": ("Klassindelning", "Classification"),
    "options.classes.quantiles": ("Kvantiler (lika många områden per klass)", "Quantiles"),
    "options.classes.fisher_jenks": ("Naturliga brytpunkter (Fisher–Jenks)", "Natural breaks"),
    "options.year": ("År", "Year"),
    "options.year.latest": ("Senaste tillgängliga", "Latest available"),
    "options.year_help": (
        "Välj ett år för att följa utvecklingen. Då normaliseras varje indikator mot fasta "
        "gränser från dess första år (lägsta och högsta värdet bland områdena), så att en "
        "förändring på kartan är en förändring i området och inte en omskalning.",
        "Pick a year to follow change over time. Each indicator is then normalised against "
        "fixed bounds from its first year (the lowest and highest value among the areas), so "
        "that a change on the map is a change in the area, not a re-scaling.",
    ),
    "options.sex": ("Kön", "Sex"),
    "options.sex_help": (
        "Visa värden för kvinnor/flickor eller män/pojkar där indikatorn är uppdelad på kön. "
        "SCB:s öppna data här saknar uppdelning; bara illustrativa indikatorer har den.",
        "Show values for women/girls or men/boys where the indicator is split by sex. SCB's "
        "open data here has no split; only illustrative indicators have one.",
    ),
    "notice.over_time": (
        "**{year}, jämförbart över tid.** Indikatorerna är normaliserade mot fasta gränser från "
        "sitt första år, så indexvärdena kan jämföras mellan år. Indikatorer med ett enda år "
        "({single}) har samma värde alla år.",
        "**{year}, comparable over time.** Indicators are normalised against fixed bounds from "
        "their first year, so index scores can be compared between years. Indicators with a "
        "single year ({single}) have the same value every year.",
    ),
    "notice.sex_totals": (
        "**{sex}:** {n} av indexets indikatorer saknar uppdelning på kön och räknas med "
        "värdet för alla: {names}.",
        "**{sex}:** {n} of the index's indicators have no split by sex and count with the value "
        "for everyone: {names}.",
    ),
    "notice.no_index": (
        "Inget område har tillräckligt med data för ett indexvärde med de här valen.",
        "No area has enough data for an index score with these choices.",
    ),
    "options.layer": ("Kartan visar", "The map shows"),
    "options.layer.index": ("Indexet", "The index"),
    "options.layer.reference": (
        "En referens (välj referenslager nedan)",
        "A reference (pick the reference layer below)",
    ),
    "options.basemap": ("Visa bakgrundskarta", "Show background map"),
    "options.basemap_help": (
        "Land, hav och RegSO-gränser ritade från projektets egna data; inga anrop till "
        "andra webbplatser.",
        "Land, sea and RegSO borders drawn from the project's own data; no requests to "
        "other websites.",
    ),
    "options.language": ("Språk / Language", "Språk / Language"),
    # Banners and notes
    "banner.illustrative": (
        "**Illustrativa data.** {dims} bygger på modellerade exempelvärden, inte på statistik, "
        "eftersom staden ännu inte har publicerat sådana data. Resultatet visar hur metoden "
        "fungerar, inte hur det ser ut i Malmö. Slå på *Endast officiell statistik* för att "
        "räkna bara med SCB:s data.",
        "**Illustrative data.** The values for {dims} are modelled examples, not statistics, "
        "because the city has not yet published such data. The result shows how the method "
        "works, not how things are in Malmö. Switch on *Official statistics only* to use SCB "
        "data only.",
    ),
    "banner.provisional": (
        "De 14 områdena är en **preliminär indelning** gjord av Områdesindex: stadens egen "
        "lista är inte offentlig. Se *Data och metod*.",
        "The 14 areas are a **provisional division** made by Områdesindex: the city's own list "
        "is not public. See *Data and method*.",
    ),
    "banner.approximate_level": (
        "Gränserna är ungefärliga: {note}",
        "The borders are approximate: {note}",
    ),
    # Map
    "map.header": ("Karta", "Map"),
    "map.caption": (
        "Mörkare färg = större behov enligt det valda indexet. Siffran i området är dess "
        "plats i rangordningen. Klicka på ett område för nyckeltal.",
        "Darker colour = greater need under the chosen index. The number in each area is its "
        "rank. Click an area for key figures.",
    ),
    "map.caption_reference": (
        "Färgerna visar SCB:s socioekonomiska områdestyp (mörkare = större utmaningar). "
        "Siffran i området är fortfarande dess rang i det valda indexet.",
        "Colours show SCB's socio-economic area type (darker = greater challenges). The number "
        "in each area is still its rank in the chosen index.",
    ),
    "map.level": ("Geografisk nivå", "Geographic level"),
    "legend.title": ("Indexvärde (0–100)", "Index score (0–100)"),
    "legend.reference_share": (
        "Andel invånare i RegSO med socioekonomiska utmaningar (SCB:s områdestyp 1–2, 2022)",
        "Share of inhabitants in RegSO with socio-economic challenges (SCB area type 1–2, 2022)",
    ),
    "legend.reference_type": (
        "SCB:s socioekonomiska områdestyp 2022",
        "SCB socio-economic area type 2022",
    ),
    "legend.reference_note": (
        "Färgerna visar SCB:s klassning; siffrorna visar fortfarande indexets rang, så att "
        "indexet kan hållas mot SCB:s bild.",
        "Colours show SCB's classification; the numbers still show the index rank, so the "
        "index can be held against SCB's picture.",
    ),
    "tooltip.reference_share": ("Andel i områdestyp 1–2", "Share in area type 1–2"),
    "tooltip.reference_type": ("SCB:s områdestyp", "SCB area type"),
    "compare.header": (
        "Indexet jämfört med SCB:s områdestyp",
        "The index compared with SCB's area type",
    ),
    "compare.text": (
        "SCB klassar varje RegSO efter ett eget socioekonomiskt index. Ju mer indexet här och "
        "SCB:s klassning pekar ut samma områden, desto högre rangkorrelation (Spearman, från "
        "−1 till 1): **{rho}**.",
        "SCB classifies every RegSO by its own socio-economic index. The more this index and "
        "SCB's classification point to the same areas, the higher the rank correlation "
        "(Spearman, from −1 to 1): **{rho}**.",
    ),
    "compare.show_chart": (
        "Visa diagrammet: index mot SCB:s områdestyp",
        "Show the chart: index against SCB's area type",
    ),
    "compare.x_share": (
        "Andel invånare i RegSO av områdestyp 1–2 (%)",
        "Share of inhabitants in RegSO of area type 1–2 (%)",
    ),
    "compare.x_type": (
        "SCB:s områdestyp (1 = stora utmaningar)",
        "SCB area type (1 = major challenges)",
    ),
    "legend.class": ("{lo} – {hi}", "{lo} – {hi}"),
    "legend.count": ("{n} områden", "{n} areas"),
    "legend.missing": ("Saknar värde", "No value"),
    "legend.illustrative": (
        "Indexet innehåller illustrativa värden.",
        "The index includes illustrative values.",
    ),
    "tooltip.index": ("Indexvärde", "Index score"),
    "tooltip.rank": ("Rang", "Rank"),
    "tooltip.rank_of": ("{rank} av {n}", "{rank} of {n}"),
    "tooltip.illustrative": ("Illustrativa värden i", "Illustrative values in"),
    # Ranking
    "ranking.header": ("Rangordning", "Ranking"),
    "ranking.top": ("Högst prioritet", "Highest priority"),
    "ranking.top_sentence": (
        "Med de valda vikterna har **{names}** störst behov.",
        "With the chosen weights, **{names}** have the greatest need.",
    ),
    "ranking.chart_title": (
        "Indexvärde per område och dimensionernas bidrag",
        "Index score per area and the contribution of each dimension",
    ),
    "ranking.keys": ("Dimensionernas färger i staplarna", "Colours of the dimensions in the bars"),
    "ranking.chart_x": ("Indexvärde (0–100, högre = större behov)", "Index score (0–100)"),
    "ranking.chart_caption": (
        "Staplarnas delar visar hur mycket varje dimension bidrar till indexvärdet. De {k} "
        "högst prioriterade är skuggade och i fetstil.",
        "The bar segments show how much each dimension contributes to the index. The top {k} "
        "are shaded and in bold.",
    ),
    "ranking.chart_caption_hatched": (
        "Randiga delar bygger på illustrativa värden.",
        "Hatched segments rest on illustrative values.",
    ),
    "table.rank": ("Rang", "Rank"),
    "table.area": ("Område", "Area"),
    "table.index": ("Index", "Index"),
    "table.population": ("Folkmängd 2023", "Population 2023"),
    "table.illustrative": ("Illustrativt", "Illustrative"),
    "table.yes": ("ja", "yes"),
    "table.no": ("nej", "no"),
    "table.caption": (
        "Dimensionsvärden 0–100 efter min–max-normalisering bland de visade områdena; "
        "högre = större behov. Rang 1 = högst prioritet.",
        "Dimension scores 0–100 after min–max normalisation across the areas shown; higher = "
        "greater need. Rank 1 = highest priority.",
    ),
    "download.csv": ("Ladda ned rangordningen (CSV)", "Download the ranking (CSV)"),
    "table.show": (
        "Visa tabellen: alla områden med dimensionsvärden och folkmängd",
        "Show the table: every area with its dimension scores and population",
    ),
    "table.hidden": (
        "Rangordningen står bredvid kartan. Tabellen visar dessutom varje dimensions värde; "
        "den finns också i CSV-filen.",
        "The ranking is beside the map. The table adds each dimension's score; it is also "
        "in the CSV file.",
    ),
    # Selected area
    "area.header": ("Valt område", "Selected area"),
    "area.none": (
        "Klicka på ett område på kartan eller välj i listan för att se dess nyckeltal.",
        "Click an area on the map or pick one from the list to see its key figures.",
    ),
    "area.pick": ("Välj område", "Choose area"),
    "area.pick_top": (
        "Listan visar de {n} högst prioriterade områdena; klicka på kartan för att välja "
        "något annat.",
        "The list shows the {n} highest-priority areas; click the map to choose another.",
    ),
    "table.top_only": (
        "Tabellen visar de {n} högst prioriterade av {total} områden; CSV-filen har alla.",
        "The table shows the {n} highest-priority of {total} areas; the CSV file has all.",
    ),
    "area.rank": ("Rang {rank} av {n}", "Rank {rank} of {n}"),
    "area.index": ("Indexvärde {score}", "Index score {score}"),
    "area.indicator": ("Indikator", "Indicator"),
    "area.value": ("Värde", "Value"),
    "area.city": ("Malmö", "Malmö"),
    "area.year": ("År", "Year"),
    "area.source": ("Källa", "Source"),
    "area.approx": ("ungefärligt", "approximate"),
    "area.figures": ("Nyckeltal för {name}", "Key figures for {name}"),
    "area.figures_caption": (
        "Värdena är de senaste som finns för varje indikator (se kolumnen År). Ungefärligt: "
        "medelvärde eller median som bara kan uppskattas för området (befolkningsviktat). "
        "Illustrativt: modellerat exempelvärde, inte statistik. Källor och definitioner finns "
        "under Data och metod.",
        "Values are the latest available for each indicator (see the Year column). "
        "Approximate: a mean or median that can only be estimated for the area "
        "(population-weighted). Illustrative: a modelled example value, not statistics. "
        "Sources and definitions are under Data and method.",
    ),
    "profile.score": ("Värde 0–100", "Score 0–100"),
    "profile.weight": ("Vikt", "Weight"),
    "area.illustrative": ("illustrativt", "illustrative"),
    # Robustness
    "nav.robustness": ("Hur säker är rangordningen?", "How sure is the ranking?"),
    "robust.header": ("Hur säker är rangordningen?", "How sure is the ranking?"),
    "robust.statement": (
        "**{name}** är bland de {k} mest prioriterade i **{share} %** av viktningarna.",
        "**{name}** is among the {k} highest priorities in **{share} %** of the weightings.",
    ),
    "robust.box_caption": (
        "{n} slumpade viktningar där varje vikt ändras med upp till ±{spread} %.",
        "{n} random weightings, each weight changed by up to ±{spread} %.",
    ),
    "robust.more": ("Mer om osäkerheten", "More about the uncertainty"),
    "robust.chart_title": (
        "Andel av viktningarna där området är bland de {k} mest prioriterade",
        "Share of weightings in which the area is among the top {k}",
    ),
    "robust.intro": (
        "Vikterna är politiska val, inte fakta. Här prövas rangordningen mot tusentals andra "
        "rimliga viktningar: ligger ett område högt oavsett hur vikterna sätts, är "
        "prioriteringen robust. Utgångspunkten är vikterna i sidofältet.",
        "Weights are political choices, not facts. Here the ranking is tested against "
        "thousands of other reasonable weightings: if an area stays high however the weights "
        "are set, the priority is robust. The starting point is the weights in the sidebar.",
    ),
    "robust.mode": ("Hur vikterna varieras", "How weights are varied"),
    "robust.mode.perturb": (
        "Runt de valda vikterna (±)",
        "Around the chosen weights (±)",
    ),
    "robust.mode.random": (
        "Helt slumpade vikter för de valda dimensionerna",
        "Entirely random weights for the chosen dimensions",
    ),
    "robust.spread": (
        "Hur mycket varje vikt får ändras (±%)",
        "How much each weight may change (±%)",
    ),
    "robust.k": ("Antal högst prioriterade (k)", "Number of top priorities (k)"),
    "robust.draws": ("Antal viktningar", "Number of weightings"),
    "robust.table.current": ("Rang nu", "Rank now"),
    "robust.table.median": ("Medianrang", "Median rank"),
    "robust.table.interval": ("Rang i 90 % av viktningarna", "Rank in 90 % of weightings"),
    "robust.table.topk": ("Andel bland topp {k}", "Share in top {k}"),
    "robust.interval_title": (
        "Rang per område: punkt = rang nu, streck = 5–95 % av viktningarna",
        "Rank per area: dot = rank now, line = 5–95 % of weightings",
    ),
    "robust.interval_x": ("Rang (1 = högst prioritet)", "Rank (1 = highest priority)"),
    "robust.sobol_header": ("Vilken vikt spelar störst roll?", "Which weight matters most?"),
    "robust.sobol_text": (
        "Andelen av variationen i rangordningen (genomsnittlig förflyttning) som beror på "
        "respektive vikt, inklusive samspel med andra vikter (Sobols totala effektindex). "
        "Ett högt värde betyder att rangordningen är känslig för just den vikten.",
        "The share of the variation in the ranking (mean rank shift) due to each weight, "
        "including interactions with other weights (Sobol total-effect index). A high value "
        "means the ranking is sensitive to that weight.",
    ),
    "robust.sobol_total": ("Total effekt", "Total effect"),
    "robust.sobol_first": ("Förstaordningens effekt", "First-order effect"),
    "robust.loo_header": ("Om en dimension tas bort helt", "If one dimension is left out entirely"),
    "robust.loo_text": (
        "Ny rang för varje område när en dimension tas bort och de andra behåller sina vikter. "
        "Siffran inom parentes är förändringen (+ = längre ned, lägre prioritet).",
        "Each area's new rank when one dimension is removed and the others keep their weights. "
        "The number in brackets is the change (+ = further down, lower priority).",
    ),
    "robust.loo_without": ("Utan {dim}", "Without {dim}"),
    "robust.single_dimension": (
        "Bara en dimension har vikt, så rangordningen beror inte på vikterna. Ge minst två "
        "dimensioner vikt för att pröva hur säker rangordningen är.",
        "Only one dimension has weight, so the ranking does not depend on weights. Weight at "
        "least two dimensions to test how sure the ranking is.",
    ),
    # Method page
    "nav.method": ("Metoden bakom vyn", "The method behind the view"),
    "method.header": ("Metoden bakom vyn", "The method behind the view"),
    "method.intro": (
        "Alla val som ligger bakom kartan och rangordningen, i klartext. Vyn använder "
        "metoden **{title}**.",
        "Every choice behind the map and the ranking, in plain words. The view uses the "
        "method **{title}**.",
    ),
    "method.source": ("Källa för metoden", "Source of the method"),
    "method.steps": ("Så räknas indexet", "How the index is computed"),
    "method.step.direction": (
        "**Riktning:** varje indikator vänds så att ett högre värde alltid betyder större "
        "behov (t.ex. låg inkomst = stort behov).",
        "**Direction:** each indicator is turned so that a higher value always means greater "
        "need (e.g. low income = great need).",
    ),
    "method.step.normalisation": ("**Normalisering:** {text}", "**Normalisation:** {text}"),
    "method.step.within": (
        "**Inom en dimension:** {text} av indikatorerna.",
        "**Within a dimension:** {text} of the indicators.",
    ),
    "method.step.across": (
        "**Mellan dimensioner:** {text} med vikterna i sidofältet. Högre index = större behov; "
        "rang 1 = högst prioritet.",
        "**Across dimensions:** {text} with the weights in the sidebar. Higher index = greater "
        "need; rank 1 = highest priority.",
    ),
    "method.step.missing": (
        "**Saknade värden:** vikterna räknas om över de värden som finns; saknas mer än "
        "{missing} % av vikten blir värdet tomt.",
        "**Missing values:** weights are re-normalised over the values present; if more than "
        "{missing} % of the weight is missing, the value is left empty.",
    ),
    "method.norm.minmax": (
        "min–max bland de visade områdena till {lo}–{hi} (lägsta = {lo}, högsta = {hi}).",
        "min–max across the areas shown to {lo}–{hi} (lowest = {lo}, highest = {hi}).",
    ),
    "method.norm.goalposts": (
        "fasta målvärden (goalposts) till {lo}–{hi}, så att förändring över tid syns.",
        "fixed goalposts to {lo}–{hi}, so that change over time shows.",
    ),
    "method.norm.zscore": (
        "z-värden (avstånd från medelvärdet i standardavvikelser).",
        "z-scores.",
    ),
    "method.norm.rank": ("rangordning 1..n.", "ranks 1..n."),
    "method.norm.percent_rank": (
        "percentilrang 0–1 (CDC:s regel).",
        "percent rank 0–1 (CDC rule).",
    ),
    "method.norm.exp_rank": (
        "exponentiellt transformerad rang 0–100 (engelska IMD).",
        "exponentially transformed rank 0–100 (English IMD).",
    ),
    "method.norm.none": ("ingen (värdena används som de är).", "none (values used as they are)."),
    "method.agg.mean": ("viktat medelvärde", "weighted mean"),
    "method.agg.sum": ("viktad summa", "weighted sum"),
    "method.agg.geometric_mean": ("viktat geometriskt medelvärde", "weighted geometric mean"),
    "method.table": (
        "Indikatorer och deras faktiska vikt",
        "Indicators and their effective weight",
    ),
    "method.col.weight": ("Dimensionens vikt", "Dimension weight"),
    "method.col.effective": ("Indikatorns vikt i indexet", "Indicator's weight in the index"),
    "method.tradeoff": (
        "**Om vikter.** I ett linjärt index anger vikterna hur mycket en dimension får byta mot "
        "en annan: ett område som är tio poäng sämre i ekonomi kan vägas upp av att vara tio "
        "poäng bättre i en dimension med samma vikt. Vikterna säger alltså inte hur *viktig* "
        "en dimension är i sig, utan hur mycket av den ena man accepterar att byta mot den "
        "andra. Indikatorernas faktiska vikt beror också på hur många indikatorer dimensionen har.",
        "**About weights.** In a linear index the weights state how much one dimension may be "
        "traded against another: an area ten points worse in economy can be offset by being "
        "ten points better in a dimension of equal weight. Weights do not say how *important* "
        "a dimension is in itself, but how much of one is accepted in exchange for the other. "
        "An indicator's effective weight also depends on how many indicators its dimension has.",
    ),
    "method.download": (
        "Ladda ned metodfilen för vyn (TOML)",
        "Download the view's method file (TOML)",
    ),
    "method.upload": ("Använd en egen metodfil (TOML)", "Use your own method file (TOML)"),
    "method.upload_help": (
        "En metodfil i samma format som i mappen methods/ (se methods/README.md). Den används "
        "bara i din session och sparas inte.",
        "A method file in the format of the methods/ folder (see methods/README.md). It is used "
        "in your session only and is not stored.",
    ),
    "method.upload_ok": (
        "Metoden **{title}** används nu i din session.",
        "The method **{title}** is now used in your session.",
    ),
    "method.upload_error": (
        "Metodfilen kunde inte användas: {detail}",
        "The method file could not be used: {detail}",
    ),
    "method.upload_columns": (
        "indikatorn {column!r} finns inte i Malmös data. Kända indikatorer: {known}.",
        "the indicator {column!r} is not in Malmö's data. Known indicators: {known}.",
    ),
    "method.upload_id_column": (
        'id-kolumnen måste vara "unit" för Malmös data, inte {column!r}.',
        'the id column must be "unit" for Malmö\'s data, not {column!r}.',
    ),
    "method.upload_dimension": (
        "dimensionen {dim!r} finns inte i appen. Kända dimensioner: {known}.",
        "the dimension {dim!r} is not in the app. Known dimensions: {known}.",
    ),
    "method.upload_encoding": (
        "filen är inte UTF-8-kodad text.",
        "the file is not UTF-8 text.",
    ),
    # Data and method page
    "data.header": ("Data och metod", "Data and method"),
    "data.intro": (
        "Här finns varje indikator med definition, källa, år och om värdena är officiell "
        "statistik eller illustrativa.",
        "Every indicator with its definition, source, years and whether the values are official "
        "statistics or illustrative.",
    ),
    "data.status.official": ("Officiell statistik", "Official statistics"),
    "data.status.illustrative": ("Illustrativt (ej statistik)", "Illustrative (not statistics)"),
    "data.kind.outcome": ("Samhällsmått", "Societal outcome"),
    "data.kind.operational": ("Verksamhetsmått", "Operational measure"),
    "data.kind.context": ("Bakgrund (ingår inte i index)", "Context (not in the index)"),
    "data.kind.reference": ("Referens (ingår inte i index)", "Reference (not in the index)"),
    "data.direction.higher_is_need": ("Högre värde = större behov", "Higher = greater need"),
    "data.direction.lower_is_need": ("Lägre värde = större behov", "Lower = greater need"),
    "data.direction.none": ("Ingen riktning", "No direction"),
    "data.col.dimension": ("Dimension", "Dimension"),
    "data.col.indicator": ("Indikator", "Indicator"),
    "data.col.definition": ("Definition", "Definition"),
    "data.col.direction": ("Riktning", "Direction"),
    "data.col.unit": ("Enhet", "Unit"),
    "data.col.years": ("År", "Years"),
    "data.col.source": ("Källa", "Source"),
    "data.col.status": ("Status", "Status"),
    "data.col.kind": ("Typ", "Type"),
    "data.levels": ("Geografiska nivåer", "Geographic levels"),
    "data.method": ("Så räknas indexet", "How the index is computed"),
    "data.method_text": (
        "1. Varje indikator vänds så att högre alltid betyder större behov.\n"
        "2. Värdena normaliseras bland de visade områdena till 0–100 (min–max).\n"
        "3. Dimensionens värde är medelvärdet av dess indikatorer (saknas ett värde räknas "
        "medelvärdet av de övriga).\n"
        "4. Indexet är det viktade medelvärdet av dimensionerna; högre = större behov.\n"
        "5. Rang 1 är det område som har högst index, alltså högst prioritet.\n\n"
        "Större områden än RegSO räknas fram från antal (täljare och nämnare summeras), inte "
        "genom att medelvärden av andelar tas. Medelvärden och medianer kan bara räknas "
        "ungefärligt för större områden (befolkningsviktat) och är märkta som ungefärliga.",
        "1. Each indicator is turned so that higher always means greater need.\n"
        "2. Values are normalised across the areas shown to 0–100 (min–max).\n"
        "3. A dimension's score is the mean of its indicators (a missing value is left out).\n"
        "4. The index is the weighted mean of the dimensions; higher = greater need.\n"
        "5. Rank 1 is the area with the highest index, i.e. the highest priority.\n\n"
        "Areas larger than RegSO are computed from counts (numerators and denominators are "
        "summed), never by averaging shares. Means and medians can only be approximated for "
        "larger areas (population-weighted) and are marked approximate.",
    ),
    # Errors and notices
    "notice.url": (
        "Länken innehöll ett ogiltigt värde som ersattes med standardvärdet: {detail}",
        "The link held an invalid value, replaced by the default: {detail}",
    ),
    "error.database": (
        "Databasen kunde inte öppnas: {detail}. Kör `make run` eller "
        "`python -m areaindex build` för att bygga den.",
        "The database could not be opened: {detail}. Run `make run` or "
        "`python -m areaindex build` to build it.",
    ),
    "sex.total": ("Alla", "All"),
    "sex.women": ("Kvinnor/flickor", "Women/girls"),
    "sex.men": ("Män/pojkar", "Men/boys"),
}
