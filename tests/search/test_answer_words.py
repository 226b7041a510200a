"""How a sentence's words meet a question's: acronyms the minutes define meet their expansions when a topic is
followed across meetings."""
from search.answer import answer


def test_the_store_knows_the_acronyms_the_minutes_define(library):
    acronyms = library.store.known_acronyms()
    assert acronyms.get("EHCP", "").startswith("education health")
    assert acronyms.get("PRU") == "pupil referral unit"


def test_a_topic_followed_across_meetings_meets_its_acronym(library):
    """A meeting recording only "improvements in EHCP completions" did discuss Education, Health and Care Plans."""
    result = answer(library, "How has the timeliness of Education, Health and Care Plans changed since 2022?")
    assert not result["abstained"]
    quoted = [c["quote"] for c in result["citations"]]
    assert any("EHCP" in q and "education" not in q.lower() for q in quoted), quoted
    dates = [g["meeting_date"] for g in result["groups"]]
    assert dates == sorted(dates) and len(dates) >= 4
