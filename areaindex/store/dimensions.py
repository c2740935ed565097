"""The index dimensions proposed in Malmö's consultation on the områdeslyft (2023).

The city office (stadskontoret) proposed four dimensions; the committees asked
for more. Where each comes from is recorded so the app can say whose proposal a
dimension is.
"""

from __future__ import annotations

from areaindex.store.catalogue import Dimension

STADSKONTORET = "Stadskontoret (förslag 2023, STK-2023-137)"
ASN = "Arbetsmarknads- och socialnämnden (yttrande 2023-11-23, ASN-2023-19537)"
HVON = "Hälsa-, vård- och omsorgsnämnden (yttrande 2023-12-20, HVO-2023-4308)"

DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        "delaktighet",
        "Delaktighet",
        "Participation",
        "Invånarnas deltagande i demokrati och samhällsliv.",
        "Residents' participation in democracy and community life.",
        STADSKONTORET,
    ),
    Dimension(
        "utbildning",
        "Utbildning",
        "Education",
        "Utbildningsnivå bland vuxna.",
        "Educational attainment of adults.",
        STADSKONTORET,
    ),
    Dimension(
        "ekonomi",
        "Ekonomi",
        "Economy",
        "Inkomster och försörjning.",
        "Incomes and self-sufficiency.",
        STADSKONTORET,
    ),
    Dimension(
        "boende",
        "Boende",
        "Housing",
        "Bostadens upplåtelseform och trångboddhet.",
        "Tenure and crowding.",
        STADSKONTORET,
    ),
    Dimension(
        "halsa",
        "Hälsa",
        "Health",
        "Självskattad hälsa, psykisk hälsa, fysisk aktivitet och vårdbehov (CNI).",
        "Self-rated health, mental health, physical activity and care need (CNI).",
        f"{HVON}; {ASN}",
    ),
    Dimension(
        "tillit",
        "Tillit",
        "Trust",
        "Tillit till andra människor och till samhällets institutioner.",
        "Trust in other people and in public institutions.",
        ASN,
    ),
    Dimension(
        "trygghet",
        "Trygghet",
        "Safety",
        "Upplevd trygghet i närområdet.",
        "Perceived safety in the neighbourhood.",
        ASN,
    ),
    Dimension(
        "barn_unga",
        "Barn och unga",
        "Children and young people",
        "Barns och ungas uppväxtvillkor: förskola, barnfattigdom, "
        "socialt deltagande och meningsfull fritid.",
        "Children's and young people's conditions: preschool, child poverty, "
        "social participation and meaningful leisure.",
        ASN,
    ),
)

DIMENSION_IDS: tuple[str, ...] = tuple(d.id for d in DIMENSIONS)
