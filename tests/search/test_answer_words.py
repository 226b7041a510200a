"""How a sentence's words meet a question's: acronyms the minutes define meet their expansions, in a single meeting's
answer and when a topic is followed across meetings."""
from search.answer import answer
from tests.search.conftest import answer_in_minutes


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


def test_a_sentence_using_an_acronym_meets_the_questions_words_for_it(tmp_path):
    """Asked about "the referral unit", the sentence saying "the PRU had a minibus" is quoted: the minutes define PRU."""
    result = answer_in_minutes(tmp_path, "riverside_education-board_minutes_2024-05-01.md",
                               "# Riverside Education Board minutes, 1 May 2024\n\n## 4. Attendance\n\n"
                               "Attendance at the Pupil Referral Unit (PRU) had improved since the autumn term.\n\n"
                               "## 5. Transport and attendance\n\n"
                               "Members discussed the cost of home to school transport for children with special needs, which rose again "
                               "this year.\nThe PRU had a minibus to pick up pupils each morning so they would not need to rely on public "
                               "buses.\nThe Board noted that bus passes for college students would be reviewed in the summer.\n",
                               "What transport does the referral unit provide for its pupils?")
    assert not result["abstained"]
    assert any("PRU had a minibus" in c["quote"] for c in result["citations"])


def test_the_acronyms_read_for_answers_follow_a_new_document(tmp_path):
    """Answers read the acronyms once per document count: a document ingested later brings its own."""
    from index.ingest import ingest
    from index.library import Library
    from index.settings import Settings

    first, second = tmp_path / "a_board_minutes_2024-01-10.txt", tmp_path / "b_board_minutes_2024-02-14.txt"
    first.write_text("Board minutes, 10 January 2024\n\n1. Transport\n\nThe Pupil Referral Unit (PRU) bought a minibus.\n")
    second.write_text("Board minutes, 14 February 2024\n\n1. Plans\n\nEducation, Health and Care Plans (EHCP) were reviewed.\n")
    lib = Library(Settings(data_dir=tmp_path / "d"))
    try:
        ingest(lib, [first])
        assert "PRU" in lib.store.known_acronyms() and "EHCP" not in lib.store.known_acronyms()
        ingest(lib, [second])
        assert {"PRU", "EHCP"} <= set(lib.store.known_acronyms())
    finally:
        lib.close()
