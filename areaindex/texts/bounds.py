"""Texts of the exact rank bounds: best and worst possible place over every weighting."""

TEXTS: dict[str, tuple[str, str]] = {
    "bounds.header": (
        "Kan viktningen ändra prioriteringen?",
        "Can the weighting change the priority?",
    ),
    "bounds.top_fixed": (
        "{name} är högst prioriterad med varje tänkbar viktning",
        "{name} has the highest priority with every possible weighting",
    ),
    "bounds.top_varies": (
        "{name} är högst prioriterad nu, men kan hamna på plats {worst} med en annan viktning",
        "{name} has the highest priority now, but can end up in place {worst} with another "
        "weighting",
    ),
    "bounds.span": (
        "{name} kan hamna var som helst mellan plats {best} och {worst}",
        "{name} can end up anywhere between place {best} and {worst}",
    ),
    "bounds.top_k_fixed": (
        "de {k} högst prioriterade behåller sina platser med varje viktning",
        "the top {k} keep their places with every weighting",
    ),
    "bounds.always": (
        "**Alltid bland de {k} högst prioriterade**, vilken viktning som helst: {names}.",
        "**Always among the top {k}**, whatever the weighting: {names}.",
    ),
    "bounds.never": (
        "**Aldrig bland de {k} högst prioriterade**, vilken viktning som helst: {names}.",
        "**Never among the top {k}**, whatever the weighting: {names}.",
    ),
    "bounds.nobody": ("inget område", "no area"),
    "bounds.more": ("{n} områden till", "{n} more areas"),
    "bounds.button_worst": (
        "Visa viktningen där {name} hamnar på plats {rank}",
        "Show the weighting that puts {name} in place {rank}",
    ),
    "bounds.button_best": (
        "Visa viktningen där {name} når plats {rank}",
        "Show the weighting that lifts {name} to place {rank}",
    ),
    "bounds.slider_note": (
        "Reglagen har hela steg: med dem når {name} plats {got}. Plats {rank} kräver finare "
        "vikter: {weights}.",
        "The sliders move in whole steps: with them {name} reaches place {got}. Place {rank} "
        "needs finer weights: {weights}.",
    ),
    "bounds.applied": (
        "Vikterna är nu satta så att {name} får plats {rank}. Återställ med knappen i sidofältet.",
        "The weights are now set so that {name} gets place {rank}. Reset with the button in the "
        "sidebar.",
    ),
    "bounds.caption": (
        "Exakt, inte slumpat: bästa och sämsta plats är räknade med optimering över alla "
        "viktningar av metodens dimensioner (varje vikt 0 eller mer), allt annat i metoden "
        "oförändrat. En plats som bara nås när två områden får exakt samma indexvärde räknas "
        "inte.",
        "Exact, not sampled: the best and worst place are computed by optimisation over every "
        "weighting of the method's dimensions (each weight 0 or more), everything else in the "
        "method unchanged. A place reached only when two areas get exactly the same index value "
        "is not counted.",
    ),
    "bounds.unavailable": (
        "Exakta gränser kan inte räknas här. {detail}",
        "Exact bounds cannot be computed here. {detail}",
    ),
    "bounds.failed": (
        "De exakta gränserna kunde inte räknas fram för den här vyn, så inga visas.",
        "The exact bounds could not be computed for this view, so none are shown.",
    ),
    "bounds.too_many": (
        "Exakta gränser räknas för högst {n} områden åt gången; välj Malmö eller en kommun.",
        "Exact bounds are computed for at most {n} areas at a time; choose Malmö or one "
        "municipality.",
    ),
    "bounds.inexact": (
        "Tidsgränsen nåddes för {n} områden: deras spann är det som hittades, och det bevisade "
        "spannet kan vara upp till {extra} platser större.",
        "The time limit was reached for {n} areas: their span is the one found, and the proven "
        "span may be up to {extra} places wider.",
    ),
    "bounds.page_header": ("Bästa och sämsta möjliga plats", "Best and worst possible place"),
    "bounds.page_intro": (
        "Är ett område prioriterat vilka vikter vi än väljer, eller bara på grund av hur vi "
        "väger? Här visas, exakt, den bästa och den sämsta plats varje område kan få med "
        "**varje** tänkbar viktning – inte bara vikter nära de nuvarande.",
        "Is an area a priority whatever we weigh, or only because of how we weigh? Here, "
        "exactly, is the best and the worst place each area can get with **every** possible "
        "weighting – not only weights near the current ones.",
    ),
    "bounds.region": ("Vilka viktningar", "Which weightings"),
    "bounds.region.all": ("Alla tänkbara", "Every possible one"),
    "bounds.region.around": ("Nära de nuvarande", "Near the current ones"),
    "bounds.around": (
        "Varje vikt högst så många procent från sitt nuvarande värde",
        "Each weight at most this many per cent from its current value",
    ),
    "bounds.around_help": (
        "Till exempel 25: en vikt på 4 får vara mellan 3 och 5. En vikt som är 0 förblir 0. "
        "Vikterna räknas sedan om till andelar.",
        "For example 25: a weight of 4 may be between 3 and 5. A weight of 0 stays 0. The "
        "weights are then turned into shares.",
    ),
    "bounds.free": (
        "Dimensioner som får ändras (de övriga behåller sin andel)",
        "Dimensions that may change (the others keep their share)",
    ),
    "bounds.free_none": (
        "Välj minst en dimension som får ändras.",
        "Choose at least one dimension that may change.",
    ),
    "bounds.chart_title": (
        "Möjliga platser för varje område (grå stapel) och platsen nu (romb)",
        "Possible places of each area (grey bar) and its place now (diamond)",
    ),
    "bounds.chart_x": ("Plats (1 = högst prioritet)", "Place (1 = highest priority)"),
    "bounds.legend_span": ("bästa–sämsta möjliga plats", "best–worst possible place"),
    "bounds.legend_now": ("plats nu", "place now"),
    "bounds.pick": ("Pröva ett område", "Try an area"),
    "bounds.fixed": (
        "{name} får plats {rank} med varje viktning: det finns ingen annan att visa.",
        "{name} gets place {rank} with every weighting: there is no other to show.",
    ),
    "bounds.table.current": ("Plats nu", "Place now"),
    "bounds.table.best": ("Bästa möjliga", "Best possible"),
    "bounds.table.worst": ("Sämsta möjliga", "Worst possible"),
    "bounds.download": (
        "Ladda ner gränser och viktningar (CSV)",
        "Download bounds and weightings (CSV)",
    ),
}
