"""Texts about how the index is put together (areaindex.index.index_rules)."""

TEXTS: dict[str, tuple[str, str]] = {
    "ranking.negative_parts": (
        "Några dimensioner drar ned indexvärdet för vissa områden (ett negativt bidrag). De "
        "delarna ritas inte som staplar; talet till höger är indexvärdet efter avdraget. Håll "
        "muspekaren över en stapel för att se bidragen.",
        "Some dimensions pull the index down for some areas (a negative contribution). Those "
        "parts are not drawn as bars; the number on the right is the index after the "
        "deduction. Hover over a bar to see the contributions.",
    ),
}
