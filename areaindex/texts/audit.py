"""Texts of the statistical audit page ("Granskning av indexet")."""

TEXTS: dict[str, tuple[str, str]] = {
    "nav.audit": ("Granskning av indexet", "Index audit"),
    "audit.header": ("Granskning av indexet", "Index audit"),
    "audit.intro": (
        "Handböckerna för sammansatta index (JRC/OECD, *Handbook on Constructing Composite "
        "Indicators*, 2008, och JRC:s granskningsverktyg COINr) rekommenderar några kontroller "
        "innan ett index används. Här görs de för **{method}** på nivån **{level}**, med "
        "vikterna i sidofältet. Bara dimensioner med vikt över noll ingår: de andra påverkar "
        "inte indexet.",
        "The handbooks on composite indicators (JRC/OECD, *Handbook on Constructing Composite "
        "Indicators*, 2008, and the JRC's audit tool COINr) recommend a few checks before an "
        "index is used. Here they are made for **{method}** at the level **{level}**, with the "
        "weights in the sidebar. Only dimensions with a weight above zero are included: the "
        "others do not affect the index.",
    ),
    "audit.headline": (
        "### {ok} av {total} kontroller utan anmärkning",
        "### {ok} of {total} checks without remarks",
    ),
    "audit.headline_note": (
        "En anmärkning betyder inte att indexet är fel, utan att dess resultat ska läsas med "
        "anmärkningen i minnet. Varje kontroll förklaras längre ner, med sin tröskel och var "
        "tröskeln kommer ifrån.",
        "A remark does not mean the index is wrong, but that its results should be read with "
        "the remark in mind. Each check is explained further down, with its threshold and where "
        "the threshold comes from.",
    ),
    "audit.ok": ("Utan anmärkning", "No remark"),
    "audit.remark": ("Anmärkning", "Remark"),
    "audit.small_n": (
        "**Få enheter ({n}).** Med så få enheter är skevhet, kurtosis och korrelationer osäkra. "
        "En korrelation måste vara större än **{r}** (eller mindre än −{r}) för att skilja sig "
        "från noll på 5 %-nivån (tvåsidigt t-test med {df} frihetsgrader). Läs siffrorna som "
        "en beskrivning av just dessa {n} enheter, inte som säkra samband.",
        "**Few units ({n}).** With so few units, skewness, kurtosis and correlations are "
        "uncertain. A correlation must be larger than **{r}** (or below −{r}) to differ from "
        "zero at the 5 % level (two-sided t test, {df} degrees of freedom). Read the figures as "
        "a description of these {n} units, not as firm relationships.",
    ),
    "audit.large_n": (
        "{n} enheter: en korrelation större än {r} (eller mindre än −{r}) skiljer sig från noll "
        "på 5 %-nivån (tvåsidigt t-test).",
        "{n} units: a correlation larger than {r} (or below −{r}) differs from zero at the "
        "5 % level (two-sided t test).",
    ),
    "audit.too_few": (
        "Med {n} enheter går det inte att räkna skevhet, kurtosis eller korrelationer (minst 4 "
        "behövs). Välj en nivå med fler enheter.",
        "With {n} units, skewness, kurtosis and correlations cannot be computed (at least 4 are "
        "needed). Choose a level with more units.",
    ),
    "audit.download": ("Ladda ner tabellen (CSV)", "Download the table (CSV)"),
    "audit.yes": ("ja", "yes"),
    "audit.no": ("nej", "no"),
    "audit.none": ("–", "–"),
    # Findings (the headline list)
    "audit.find.coverage_ok": (
        "**Datatäckning:** alla {k} indikatorer finns för minst 65 % av enheterna.",
        "**Data coverage:** all {k} indicators are available for at least 65 % of the units.",
    ),
    "audit.find.coverage_low": (
        "**Datatäckning:** indikatorer som finns för färre än 65 % av enheterna ({count} av "
        "{k}): {list}.",
        "**Data coverage:** indicators available for fewer than 65 % of the units ({count} of "
        "{k}): {list}.",
    ),
    "audit.find.units_low": (
        " Enheter med färre än 65 % av indikatorerna: {count} av {n}.",
        " Units with fewer than 65 % of the indicators: {count} of {n}.",
    ),
    "audit.find.outliers_ok": (
        "**Extremvärden:** ingen indikator har både |skevhet| > 2 och kurtosis > 3,5.",
        "**Outliers:** no indicator has both |skewness| > 2 and kurtosis > 3.5.",
    ),
    "audit.find.outliers": (
        "**Extremvärden:** indikatorer med möjliga extremvärden: {list}. Winsoriseras de får "
        "{moved} av {n} enheter en annan rang (största förflyttning: {most}).",
        "**Outliers:** indicators with possible outliers: {list}. Winsorising them changes the "
        "rank of {moved} of {n} units (largest move: {most}).",
    ),
    "audit.find.collinear_ok": (
        "**Dubbelräkning:** inget par av indikatorer har |r| > 0,9.",
        "**Double counting:** no pair of indicators has |r| > 0.9.",
    ),
    "audit.find.collinear": (
        "**Dubbelräkning:** indikatorpar med |r| > 0,9: {count} av {pairs}. Ett sådant par mäter "
        "i praktiken samma sak, t.ex. {a} och {b} (r = {r}), så det de mäter räknas två gånger.",
        "**Double counting:** indicator pairs with |r| > 0.9: {count} of {pairs}. Such a pair "
        "in practice measures the same thing, e.g. {a} and {b} (r = {r}), so what they measure "
        "counts twice.",
    ),
    "audit.find.against_ok": (
        "**Riktning:** ingen indikator går emot sin dimension.",
        "**Direction:** no indicator runs against its dimension.",
    ),
    "audit.find.against": (
        "**Riktning:** {list} går emot sin dimension (negativ korrelation med dimensionens "
        "poäng): den drar dimensionen åt motsatt håll.",
        "**Direction:** {list} runs against its dimension (negative correlation with the "
        "dimension score): it pulls the dimension the other way.",
    ),
    "audit.find.alpha_ok": (
        "**Samstämmighet:** indikatorerna i varje dimension hänger ihop (Cronbachs alfa ≥ 0,7).",
        "**Consistency:** the indicators of each dimension belong together (Cronbach's alpha "
        "≥ 0.7).",
    ),
    "audit.find.alpha_low": (
        "**Samstämmighet:** i {list} hänger indikatorerna svagt ihop (Cronbachs alfa < 0,7).",
        "**Consistency:** in {list} the indicators belong together only weakly (Cronbach's "
        "alpha < 0.7).",
    ),
    "audit.find.alpha_none": (
        "**Samstämmighet:** ingen dimension har två eller fler indikatorer med data, så det "
        "finns inget att pröva.",
        "**Consistency:** no dimension has two or more indicators with data, so there is "
        "nothing to test.",
    ),
    "audit.find.weights_ok": (
        "**Effektiva vikter:** ingen dimension bär mer än hälften av indexet. Mest: {top} "
        "{top_eff} (nominellt {top_nom}); minst: {low} {low_eff} (nominellt {low_nom}).",
        "**Effective weights:** no dimension carries more than half of the index. Most: {top} "
        "{top_eff} (nominal {top_nom}); least: {low} {low_eff} (nominal {low_nom}).",
    ),
    "audit.find.weights_dominant": (
        "**Effektiva vikter:** {top} bär i praktiken {top_eff} av indexet (nominellt {top_nom}), "
        "mer än hälften. Minst: {low} {low_eff} (nominellt {low_nom}).",
        "**Effective weights:** {top} in practice carries {top_eff} of the index (nominal "
        "{top_nom}), more than half. Least: {low} {low_eff} (nominal {low_nom}).",
    ),
    "audit.find.weights_single": (
        "**Effektiva vikter:** bara en dimension har vikt, så den bär hela indexet.",
        "**Effective weights:** only one dimension has a weight, so it carries the whole index.",
    ),
    "audit.find.weights_none": (
        "**Effektiva vikter:** kan inte räknas här: indexet eller dimensionerna varierar inte "
        "mellan enheterna.",
        "**Effective weights:** cannot be computed here: the index or the dimensions do not "
        "vary between the units.",
    ),
    # Section 1: coverage
    "audit.coverage.header": (
        "1. Datatäckning och saknade värden",
        "1. Data coverage and missing values",
    ),
    "audit.coverage.text": (
        "**Vad:** hur stor andel av enheterna som har ett värde för varje indikator, och hur "
        "stor andel av indikatorerna som varje enhet har. **Tröskel:** 65 %. Under den räknas "
        "täckningen som låg (COINr:s `get_stats`, `t_avail = 0.65`; samma regel används i JRC:s "
        "granskningar av t.ex. Global Innovation Index). **Metodens regel för saknade värden:** "
        "{rule}",
        "**What:** the share of units that have a value for each indicator, and the share of "
        "the indicators each unit has. **Threshold:** 65 %. Below it, coverage counts as low "
        "(COINr's `get_stats`, `t_avail = 0.65`; the JRC's audits of e.g. the Global Innovation "
        "Index use the same rule). **The method's rule for missing values:** {rule}",
    ),
    "audit.coverage.rule": (
        "vikterna fördelas om över de värden som finns; saknas mer än {missing} % av vikten "
        "(inom en dimension, eller av dimensionerna i indexet) blir poängen tom "
        "(`min_share = {share}`).",
        "the weights are re-distributed over the values present; if more than {missing} % of "
        "the weight is missing (within a dimension, or of the dimensions in the index) the "
        "score is left empty (`min_share = {share}`).",
    ),
    "audit.coverage.rule_strict": (
        "varje saknat värde gör poängen tom (`min_share = 1`).",
        "any missing value leaves the score empty (`min_share = 1`).",
    ),
    "audit.coverage.indicators": ("Täckning per indikator", "Coverage per indicator"),
    "audit.coverage.units": ("Täckning per enhet", "Coverage per unit"),
    "audit.coverage.units_complete": (
        "Alla {n} enheter har alla {k} indikatorer: inget saknas, och regeln för saknade värden "
        "påverkar inte indexet.",
        "All {n} units have all {k} indicators: nothing is missing, and the rule for missing "
        "values does not affect the index.",
    ),
    "audit.coverage.units_caption": (
        "Enheter med minst ett saknat värde, lägst täckning först ({count} av {n}). "
        "*Omviktade*: dimensionen räknas av färre indikatorer. *Utan poäng*: för lite av "
        "dimensionens vikt finns, så dimensionen lämnas ute och indexet räknas av de andra.",
        "Units with at least one missing value, lowest coverage first ({count} of {n}). "
        "*Re-weighted*: the dimension is computed from fewer indicators. *No score*: too little "
        "of the dimension's weight is present, so it is left out and the index uses the others.",
    ),
    "audit.coverage.effect": (
        "Vad regeln gör med rangordningen",
        "What the rule does to the ranking",
    ),
    "audit.coverage.effect_text": (
        "Jämförelse: samma index, men varje saknat (normaliserat) värde ersatt med indikatorns "
        "medelvärde bland enheterna som har det (handbokens *unconditional mean imputation*). "
        "Ofullständiga enheter som då får en annan rang (eller får en rang de saknade): "
        "{moved} av {count} (största förflyttning: {most}). En indikator som saknas helt kan inte "
        "ersättas och lämnas ute i båda fallen.",
        "Comparison: the same index, but each missing (normalised) value replaced by the "
        "indicator's mean over the units that have it (the handbook's *unconditional mean "
        "imputation*). Incomplete units that then get another rank (or a rank they lacked): "
        "{moved} of {count} (largest move: {most}). An indicator missing entirely cannot be "
        "filled and is left out in both cases.",
    ),
    # Section 2: distribution
    "audit.dist.header": ("2. Fördelning och extremvärden", "2. Distribution and outliers"),
    "audit.dist.text": (
        "**Vad:** skevhet (hur sned fördelningen är; 0 = symmetrisk) och kurtosis (hur tunga "
        "svansarna är) för varje indikators rådata. **Tröskel:** en indikator flaggas för "
        "möjliga extremvärden när |skevhet| > 2 **och** kurtosis > 3,5 (COINr:s `get_stats` och"
        " `Treat`). Kurtosis är här **överskottskurtosis** (0 för normalfördelningen), "
        "stickprovskorrigerad som i Excel (`SKEW`, `KURT`). Det är COINr:s definition, och "
        "tröskeln 3,5 är satt för just den: 3,5 över normalfördelningens. **Winsorisering** "
        "(COINr:s standard): det mest extrema värdet sätts lika med det näst mest extrema, igen"
        " och igen tills flaggan släpper, högst 5 värden per indikator. Sedan räknas indexet om"
        " med samma metod. Släpper flaggan inte efter 5 värden föreslår COINr en logaritmering;"
        " den görs inte här.",
        "**What:** skewness (how lopsided the distribution is; 0 = symmetric) and kurtosis (how"
        " heavy the tails are) of each indicator's raw data. **Threshold:** an indicator is "
        "flagged for possible outliers when |skewness| > 2 **and** kurtosis > 3.5 (COINr's "
        "`get_stats` and `Treat`). Kurtosis here is **excess kurtosis** (0 for the normal "
        "distribution), sample-corrected as in Excel (`SKEW`, `KURT`). That is COINr's "
        "definition, and its threshold of 3.5 is set for it: 3.5 above the normal's. "
        "**Winsorising** (COINr's default): the most extreme value is set equal to the next "
        "most extreme, again and again until the flag clears, at most 5 values per indicator. "
        "The index is then recomputed with the same method. If the flag does not clear after 5 "
        "values COINr suggests a log transform; it is not made here.",
    ),
    "audit.dist.none": (
        "Ingen indikator flaggas, så winsorisering ändrar ingenting i rangordningen.",
        "No indicator is flagged, so winsorising changes nothing in the ranking.",
    ),
    "audit.dist.ranks": (
        "Rangordningen med de flaggade indikatorerna winsoriserade",
        "The ranking with the flagged indicators winsorised",
    ),
    "audit.dist.no_change": (
        "Winsoriseringen ändrar inte rangordningen.",
        "Winsorising does not change the ranking.",
    ),
    # Section 3: correlation
    "audit.corr.header": ("3. Samband mellan indikatorerna", "3. How the indicators relate"),
    "audit.corr.text": (
        "**Vad:** Pearsons korrelation r mellan de normaliserade indikatorerna, efter riktning: "
        "ett positivt r betyder att två indikatorer pekar ut samma enheter som behövande. "
        "Ramarna i värmekartan visar dimensionerna. **Trösklar:** |r| > 0,9 betyder att två "
        "indikatorer i praktiken mäter samma sak, så att det de mäter räknas två gånger "
        "(COINr:s `get_corr_flags`, `cor_thresh = 0.9`). En indikator med negativ korrelation "
        "med sin egen dimensions poäng *går emot* dimensionen. Korrelationerna räknas över de "
        "par av värden som finns.",
        "**What:** Pearson's correlation r between the normalised indicators, after direction: "
        "a positive r means two indicators point out the same units as in need. The frames in "
        "the heat map show the dimensions. **Thresholds:** |r| > 0.9 means two indicators in "
        "practice measure the same thing, so what they measure counts twice (COINr's "
        "`get_corr_flags`, `cor_thresh = 0.9`). An indicator with a negative correlation with "
        "its own dimension's score *runs against* the dimension. Correlations use the pairs of "
        "values present.",
    ),
    "audit.corr.heatmap": (
        "Korrelationer mellan indikatorerna (r)",
        "Correlations between the indicators (r)",
    ),
    "audit.corr.pairs": ("Par med |r| > 0,9", "Pairs with |r| > 0.9"),
    "audit.corr.no_pairs": ("Inget par har |r| > 0,9.", "No pair has |r| > 0.9."),
    "audit.corr.vs_dimension": (
        "Varje indikator mot sin dimension och mot indexet",
        "Each indicator against its dimension and the index",
    ),
    "audit.corr.alone_note": (
        "Dimensionens poäng innehåller indikatorn själv, så r med dimensionen är något förhöjd "
        "(del mot helhet); en indikator som är ensam i sin dimension har r = 1 per definition. "
        "p-värdet prövar om r skiljer sig från noll (scipy, tvåsidigt).",
        "The dimension score contains the indicator itself, so r with the dimension is "
        "somewhat inflated (part against whole); an indicator alone in its dimension has r = 1 "
        "by definition. The p value tests whether r differs from zero (scipy, two-sided).",
    ),
    "audit.consistency.header": (
        "Hänger dimensionernas indikatorer ihop?",
        "Do each dimension's indicators belong together?",
    ),
    "audit.consistency.text": (
        "**Cronbachs alfa** mäter hur väl indikatorerna i en dimension mäter samma sak "
        "(0–1; räknat på normaliserade värden, enheter med alla värden). **Tröskel:** 0,7 "
        "(Nunnally 1978, som handboken citerar). **Första principalkomponenten** (PCA på "
        "korrelationsmatrisen): hur stor andel av variationen en enda gemensam faktor "
        "förklarar. **Tröskel:** 60 % (handboken behåller komponenter som tillsammans "
        "förklarar minst 60 %; här prövas om den första räcker ensam). Med två indikatorer är "
        "andelen alltid (1 + |r|)/2. Dimensioner med en indikator har inget att pröva.",
        "**Cronbach's alpha** measures how well the indicators of a dimension measure the same "
        "thing (0–1; on normalised values, units with every value). **Threshold:** 0.7 "
        "(Nunnally 1978, quoted by the handbook). **First principal component** (PCA on the "
        "correlation matrix): the share of the variation a single common factor explains. "
        "**Threshold:** 60 % (the handbook keeps components that together explain at least "
        "60 %; here: does the first one alone reach it?). With two indicators the share is "
        "always (1 + |r|)/2. Dimensions with one indicator have nothing to test.",
    ),
    # Section 4: effective weights
    "audit.weights.header": (
        "4. Vad driver indexet i praktiken?",
        "4. What actually drives the index?",
    ),
    "audit.weights.text": (
        "**Nominell vikt:** den vikt som står i metoden och i sidofältet (andel av summan). "
        "**Effektiv vikt:** hur starkt dimensionen eller indikatorn faktiskt följer indexet: "
        "kvadraten på Pearsons korrelation med indexet, r², normerad så att summan blir 100 % "
        "(JRC/OECD-handboken; Paruolo, Saisana & Saltelli 2013, *Ratings and rankings: voodoo "
        "or science?*). Lika nominella vikter ger inte lika inflytande: en dimension som "
        "varierar mycket, eller som samvarierar med de andra, väger mer. **Varning:** när en "
        "dimension i praktiken bär mer än hälften av indexet.",
        "**Nominal weight:** the weight in the method and the sidebar (share of the total). "
        "**Effective weight:** how closely the dimension or indicator actually follows the "
        "index: the square of Pearson's correlation with the index, r², normalised to sum to "
        "100 % (the JRC/OECD handbook; Paruolo, Saisana & Saltelli 2013, *Ratings and rankings: "
        "voodoo or science?*). Equal nominal weights do not give equal influence: a dimension "
        "that varies a lot, or moves with the others, weighs more. **Warning:** when one "
        "dimension in practice carries more than half of the index.",
    ),
    "audit.weights.dimensions": ("Dimensioner", "Dimensions"),
    "audit.weights.indicators": ("Indikatorer", "Indicators"),
    "audit.weights.chart_nominal": ("Nominell vikt", "Nominal weight"),
    "audit.weights.chart_effective": ("Effektiv vikt", "Effective weight"),
    "audit.weights.dominant": (
        "{name} bär i praktiken {share} av indexet, mer än hälften: de andra dimensionerna "
        "påverkar rangordningen mindre än vikterna antyder.",
        "{name} in practice carries {share} of the index, more than half: the other dimensions "
        "affect the ranking less than the weights suggest.",
    ),
    # Column headings
    "audit.col.dimension": ("Dimension", "Dimension"),
    "audit.col.indicator": ("Indikator", "Indicator"),
    "audit.col.unit": ("Enhet", "Unit"),
    "audit.col.units_with_value": ("Enheter med värde", "Units with a value"),
    "audit.col.units": ("Enheter", "Units"),
    "audit.col.coverage": ("Täckning (%)", "Coverage (%)"),
    "audit.col.low": ("Under 65 %", "Below 65 %"),
    "audit.col.indicators_with_value": ("Indikatorer med värde", "Indicators with a value"),
    "audit.col.reweighted": ("Omviktade dimensioner", "Re-weighted dimensions"),
    "audit.col.dropped": ("Dimensioner utan poäng", "Dimensions without a score"),
    "audit.col.index_missing": ("Index saknas", "Index missing"),
    "audit.col.rank": ("Rang nu", "Rank now"),
    "audit.col.rank_imputed": ("Rang med medelvärde", "Rank with mean"),
    "audit.col.rank_winsorised": ("Rang winsoriserad", "Rank winsorised"),
    "audit.col.change": ("Förändring", "Change"),
    "audit.col.n": ("n", "n"),
    "audit.col.mean": ("Medelvärde", "Mean"),
    "audit.col.sd": ("Standardavvikelse", "Standard deviation"),
    "audit.col.min": ("Min", "Min"),
    "audit.col.max": ("Max", "Max"),
    "audit.col.skew": ("Skevhet", "Skewness"),
    "audit.col.kurtosis": ("Överskottskurtosis", "Excess kurtosis"),
    "audit.col.outlier": ("Möjliga extremvärden", "Possible outliers"),
    "audit.col.winsorised": ("Winsoriserade värden", "Values winsorised"),
    "audit.col.skew_after": ("Skevhet efter", "Skewness after"),
    "audit.col.kurtosis_after": ("Kurtosis efter", "Kurtosis after"),
    "audit.col.outlier_after": ("Flagga kvar", "Still flagged"),
    "audit.col.a": ("Indikator A", "Indicator A"),
    "audit.col.b": ("Indikator B", "Indicator B"),
    "audit.col.r": ("r", "r"),
    "audit.col.same_dimension": ("Samma dimension", "Same dimension"),
    "audit.col.r_dimension": ("r med dimensionen", "r with dimension"),
    "audit.col.p_dimension": ("p-värde", "p value"),
    "audit.col.r_index": ("r med indexet", "r with index"),
    "audit.col.against": ("Går emot dimensionen", "Runs against dimension"),
    "audit.col.alone": ("Ensam i dimensionen", "Alone in dimension"),
    "audit.col.k": ("Indikatorer", "Indicators"),
    "audit.col.complete": ("Enheter med alla värden", "Units with every value"),
    "audit.col.alpha": ("Cronbachs alfa", "Cronbach's alpha"),
    "audit.col.alpha_ok": ("Alfa ≥ 0,7", "Alpha ≥ 0.7"),
    "audit.col.eigenvalue": ("Egenvärde, 1:a komponenten", "Eigenvalue, 1st component"),
    "audit.col.pc1_share": ("1:a komponentens andel (%)", "1st component's share (%)"),
    "audit.col.pc1_ok": ("Andel ≥ 60 %", "Share ≥ 60 %"),
    "audit.col.nominal": ("Nominell vikt (%)", "Nominal weight (%)"),
    "audit.col.r2": ("r²", "r²"),
    "audit.col.effective": ("Effektiv vikt (%)", "Effective weight (%)"),
    "audit.col.dominant": ("Mer än hälften", "More than half"),
}
