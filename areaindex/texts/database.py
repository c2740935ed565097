"""Texts about the database file itself: what a page says when there is none."""

TEXTS: dict[str, tuple[str, str]] = {
    "database.missing": (
        "**Databasen saknas** ({path}). Bygg den med `make run` eller "
        "`python -m areaindex build` och ladda sedan om sidan.",
        "**The database is missing** ({path}). Build it with `make run` or "
        "`python -m areaindex build`, then reload the page.",
    ),
}
