"""What a sentence must supply to answer a "who" or a "how much money" question."""
from __future__ import annotations

import pytest

from search.answer import answer
from search.figures import MONEY, states_figure
from search.answer_types import supplies
from search.question import MONEY_QUESTION, answer_type_of


@pytest.mark.parametrize("text, names", [
    ("he had attended two meetings with Sharon Wareham, the Internal Auditor", True),
    ("Approving appointment of Gary Lozano as a Regular Member", True),
    ("Patrick Heisinger, Assistant City Manager, made a presentation", True),
    ("RESOLVED that Mr Cooke be elected to Chair", True),
    ("Congratulations to Captain Nicholas Covington for being selected to fill the position", True),  # a rank
    ("The meeting was called to order at 6:01 pm by Vice President Wood.", True),
    ("The Chief Executive addressed the Meeting stating that the value would be 5", False),  # a post, not a name
    ("the report of the President of the Board was received", False),
    ("at the meeting the Chief Executive addressed members", False),  # a post, mid-sentence
    ("the Chief Planning Officer reported on the appeal", False),
    # a body, a place or a run of capitalised header words names no one
    ("The Local Area has installed a Strategic Improvement Board and appointed an independent chair.", False),
    ("the fire at Bridge Road was put out", False),
    ("funding from the Priority Education Investment Area attendance strand", False),
    ("EPA Government Center City Council Chamber East Palo Alto, CA 94303", False),
    ("Angela Caldara Corinna Edge Rod Scott", False),
])
def test_a_person_named_with_or_without_a_title(text, names):
    assert bool(supplies("person").search(text)) is names


@pytest.mark.parametrize("question, kind", [
    ("Who will pay for new pads for the defibrillator?", "payer"),
    ("Who would cover the solicitor's costs?", "payer"),
    ("Who runs the youth club?", "organisation"),  # a company may run it: any name will do
    ("Who provides transport?", "organisation"),
    ("Who was appointed Mayor?", "person"),
    ("What is the surname of Mark, the officer who explained the water-tank loans?", "person"),  # a name asked for
    ("Which schools are oversubscribed?", "list"),
    ("Why did the council delete the assessment charged to 12 High Street?", "reason"),  # not a rating: "why" decides
    ("What rating did the inspectors give the assessment service?", "judgement"),
])
def test_who_pays_or_runs_something_may_be_a_body(question, kind):
    assert answer_type_of(question) == kind


def test_asked_for_a_surname_a_first_name_alone_does_not_answer(tmp_path):
    from tests.search.conftest import answer_in_minutes

    minutes = ("Riverside Drinking Water Joint Committee\nMinutes of the meeting held on 11 April 2019\n\n"
               "4. Water storage\n"
               "Mark advised that the regional council can assist with funding water storage tanks through the Healthy Homes "
               "programme, where eligible ratepayers can borrow up to $20,000 over 10 years.\n"
               "Members asked that the loans be promoted to rural ratepayers.\n")
    result = answer_in_minutes(tmp_path, "riverside_water-joint-committee_minutes_2019-04-11.txt", minutes,
                               "What is the surname of Mark, the regional council officer who explained the Healthy Homes "
                               "water-tank loans?")
    assert result["abstained"], result["answer"]
    assert "Mark advised" in result["answer"]  # what the minutes do say, quoted


def test_a_body_answers_who_pays(library):
    assert supplies("payer").search("with the agreement that the Parish Council pay for Corlands legal fees")
    assert supplies("payer").search("Mr Smith will pay") and supplies("payer").search("Polk County will fund it")
    assert not supplies("payer").search("School meals are provided on site")  # a word of a body's kind is not a body
    assert supplies("organisation").search("The contract was awarded to Veolia")  # who runs it may be a company
    # any capitalised word is not a payer: the minutes say the PRU has a minibus, not who pays for it
    assert not supplies("payer").search("To improve attendance, the PRU had a minibus to pick up pupils")
    result = answer(library, "Who will pay for the minibus?")
    assert result["abstained"] and result["answer"].startswith("The minutes do not say who.")


@pytest.mark.parametrize("text, money", [
    ("it cost £4.49 for every £1 spent", True), ("some placements can cost upwards of 22k per week", True),
    ("Peter King – Clerk Salary 100959 510.24 0.00 510.24", True), ("a bid of $10,463", True),
    ("The fee will be £12.50 per hour.", True), ("copies cost 50p per sheet", True),  # pence are not a clock time
    ("ridership was up to 7000 riders and 79 new riders", False), ("attendance rose to 54.61%", False),
    ("The path will be 5 m wide.", False), ("the meeting opened at 10.30am", False),
])
def test_a_sum_of_money(text, money):
    assert states_figure(text, MONEY) is money


@pytest.mark.parametrize("question, money", [
    ("How much did the PRU breakfast club cost?", True), ("What monthly stipend will commissioners receive?", True),
    ("How much money is the township receiving for senior transportation?", True),
    # the sum may be named by what it is for ("how much devolution investment funding") or what it measures
    ("How much devolution investment funding would the county receive?", True),
    ("What net income did the financing authority report for 2024?", True),
    ("What was the rate of the pay award?", False), ("How much longer will the budget consultation run?", False),
    ("How much longer will the grants programme run?", False), ("What low-income housing projects are planned?", False),
    ("What revenue sources were discussed?", False),
    ("To which company was the paving contract awarded, and for how much?", True),  # a price, though no money word
    ("For how much longer will the consultation run?", False),
    ("How many dollars is the grant worth to the district?", True), ("How many pounds did the fete raise?", True),
    ("How many pounds of litter were collected?", False), ("How many people signed the petition?", False),
    # a parish's precept and a district's levy are sums raised ("ten years" is no answer)
    ("What precept did the parish council finally set for 2025/26, and by how much did it go up?", True),
    ("What levy will the drainage board charge this year?", True),
])
def test_a_question_about_money(question, money):
    assert bool(MONEY_QUESTION.search(question)) is money


def test_a_question_about_money_is_not_answered_by_another_figure(library):
    assert MONEY_QUESTION.search("How much did the PRU breakfast club cost?")
    result = answer(library, "How much did the PRU breakfast club cost?")
    # the minutes say 10 children attend it, not what it costs
    assert result["abstained"] and "figure" in result["answer"]
    assert "breakfast club" in result["citations"][0]["quote"]  # and say what they do say, cited


def test_a_lead_in_ending_in_a_colon_is_quoted_with_what_it_introduces():
    from search.quote_context import with_context

    text = "Street lighting maintenance contract:\nMembers agreed to accept the tender received for a three year contract at £165.96 per year.\nNext item."
    hit = {"text": text}
    lead = {"hit": hit, "s": 0, "e": text.index(":") + 1, "clean": "Street lighting maintenance contract:"}
    quoted = with_context(lead)
    assert text[quoted["s"]:quoted["e"]] == text[:text.index("Next") - 1]  # one exact span, the lead-in and its sentence
    assert quoted["clean"].endswith("£165.96 per year.")
    plain = {"hit": hit, "s": lead["e"] + 1, "e": text.index("Next") - 1, "clean": "Members agreed ..."}
    assert with_context(plain) == plain  # a sentence that introduces nothing is quoted alone


@pytest.mark.parametrize("text, dated", [
    ("Mr Hook explained that the Council had existed since 1889 during which time it had gained and lost powers", True),
    ("The hall was built in 1765.", True),
    ("The survey counted 1889 responses.", False),  # a number of that size with no word placing it in time is a count
    ("The precept rose to 1,750 pounds.", False),
    ("a total of 1750 responses were received", False),
    ("In 1800 households the bins were collected late.", False),
])
def test_a_year_before_1900_answers_when(text, dated):
    assert bool(supplies("date").search(text)) is dated


def test_a_question_the_minutes_record_is_quoted_with_its_reply(merton):
    result = answer(merton, "Why did Merton need to pay an extra £6000 fee for auditing the Pension Fund accounts?")
    quotes = [c["quote"] for c in result["citations"]]
    assert not result["abstained"]
    asked = next(i for i, q in enumerate(quotes) if "£6000 additional fee" in q)
    # the question ends its passage; the reply opens the next passage of the same item and is cited to that passage
    reply = result["citations"][asked + 1]
    assert "first time that the Pension Fund had been treated separately" in reply["quote"]
    assert reply["item_id"] == result["citations"][asked]["item_id"]
    assert reply["passage_id"] != result["citations"][asked]["passage_id"]
    text = merton.store.document_texts()[reply["document"]]
    at = merton.store.item_starts([reply["item_id"]])[reply["item_id"]]
    assert text[at + reply["start"]:at + reply["end"]] == reply["quote"]  # exact, in the document's own text



def test_an_answer_to_how_much_holds_the_best_figure_sentence():
    """Where the best sentences on topic give no figure (the minutes' own heading), the best one giving the figure
    asked for takes the weakest one's place; the rest stay, in document order."""
    from search.answer_pick import with_needed

    def sentence(pid, s, score, clean):
        return {"hit": {"passage_id": pid}, "s": s, "score": score, "clean": clean}

    heading, other = sentence(1, 0, 0.9, "Parish Council Minutes July 2013"), sentence(2, 0, 0.8, "Balances were reported.")
    figure = sentence(3, 40, 0.6, "a total of £19,660.56")
    assert with_needed([figure], [heading, other], most=2) == [heading, figure]  # full: the weakest gives way
    assert with_needed([figure], [heading], most=3) == [heading, figure]
    assert with_needed([figure], [figure, heading], most=2) == [figure, heading]  # already quoted: unchanged
    assert with_needed([None], [heading], most=3) == [heading]


def test_the_sentences_after_a_leading_one_of_the_kind_asked_for_are_read_to_the_end():
    """A sentence of the kind asked for leads even when others score higher; a weaker one after it does not stop the
    reading: a later sentence near the leader's score is still quoted."""
    from index.tuning import AnswerSettings
    from search.answer_pick import pick_sentences

    def sentence(pid, score, clean):
        hit = {"passage_id": pid, "item_number": str(pid), "item_title": "Rates", "committee": "Council", "meeting_date": "2015-09-28"}
        return {"hit": hit, "s": 0, "score": score, "clean": clean, "names_meeting_only": False}

    leader, weak = sentence(1, 0.67, "Councillor Collins proposed no change."), sentence(2, 0.50, "Christmas Lights.")
    strong = sentence(3, 0.73, "Cmhlr. Ó Ceallaigh proposed to vary the rate downwards by 15%.")
    assert pick_sentences(AnswerSettings(), [leader, weak, strong]) == [leader, strong]


@pytest.mark.parametrize("question, kind", [
    ("What premium will LADWP pay for its renewed wildfire insurance programme?", "number"),
    ("What is the dollar value of the piggyback contract for firefighting equipment?", "number"),
    ("Who will pay for new pads for the defibrillator?", "payer"),  # who pays: a payer, not a sum
    ("What did the council decide about the premises licence?", "any"),
    ("What happened to the bid for the Levelling Up Fund?", "any"),  # what was done, not a sum
    ("What was agreed about the allotment fees?", "any"),
    ("What will the fire department spend part of its grant on?", "any"),  # what it buys
    ("What will the council spend on the new hall?", "number"),
    ("What interest expense is appropriated in the authority's 2025 budget resolution?", "number"),  # an expense is a sum
    ("What was said about expenditure on the roads?", "any"),
])
def test_a_question_after_a_sum_of_money_wants_a_figure(question, kind):
    assert answer_type_of(question) == kind


def test_a_figure_from_another_year_is_not_put_back_into_the_answer(tmp_path):
    """The best figure sentence is quoted for "how much" only if the period asked about keeps it."""
    from index.ingest import ingest
    from index.library import Library
    from index.settings import Settings

    minutes = tmp_path / "parish_minutes_2023-06-01.md"
    minutes.write_text("# Parish Council minutes, 1 June 2023\n\n## 5. Grass cutting\n\n"
                       "In 2020 the grass cutting contract cost £5,000 for the season.\n\n"
                       "In 2023 the grass cutting contract was renewed with the same contractor for the village green.\n\n"
                       "Members agreed in 2023 that the grass cutting contract would cover the churchyard as well.\n",
                       encoding="utf-8")
    lib = Library(Settings(data_dir=tmp_path / "data"))
    try:
        ingest(lib, [minutes])
        result = answer(lib, "How much did the grass cutting contract cost in 2023?")
    finally:
        lib.close()
    assert not any("£5,000" in c["quote"] for c in result["citations"])  # 2020's figure does not answer for 2023


def test_a_question_is_not_quoted_with_the_next_items_heading():
    from search.quote_context import with_context

    text = "Cllr Bell asked when the hall would reopen?\n\n7. Planning applications\nThe application for 4 Mill Lane was approved."
    question = {"hit": {"text": text}, "s": 0, "e": text.index("?") + 1, "clean": "Cllr Bell asked when the hall would reopen?"}
    assert with_context(question) == question  # the next item is no reply
    text = "Why was a fee required? This was the first time that the fund had been treated separately."
    asked = {"hit": {"text": text}, "s": 0, "e": text.index("?") + 1, "clean": "Why was a fee required?"}
    assert with_context(asked)["e"] == len(text)  # a reply right after it is quoted with it


@pytest.mark.parametrize("sentence, question, supplied", [
    # the question's own period, person or place is not an answer to it
    ("Request that staff review this winter's cold weather events", "By when must staff report on this winter's cold weather events?", False),
    ("City staff shall present findings to the Council no later than October 2022.", "By when must staff report on this winter's cold weather events?", True),
    ("Councillor Lee spoke in support.", "What did Councillor Lee propose?", False),
    ("Councillor Lee proposed and Councillor Shah seconded.", "What did Councillor Lee propose?", True),
    ("The minutes of the July 2013 meeting were signed", "When is the next meeting after the July 2013 one?", False),
    # a name the question gives, after the comma or the small word that placed it, is no person named
    ("Members raised concerns about the bridge at Kilbrack Cross, Glenmore West, and the lack of footpaths.",
     "Which councillor raised the bridge at Kilbrack Cross at the Glenmore West district meeting?", False),
    ("Members raised concerns about the bridge at Kilbrack Cross, Glenmore West, and the lack of footpaths, said Tom Daly.",
     "Which councillor raised the bridge at Kilbrack Cross at the Glenmore West district meeting?", True),
])
def test_a_sentence_must_supply_more_than_the_question_says(sentence, question, supplied):
    from search.answer_types import supplies_beyond
    from search.question import answer_type_of

    kind = answer_type_of(question)
    check = supplies(kind) or supplies("person")  # "what did X propose" asks for any answer: test the name check
    assert supplies_beyond(check, sentence, question) is supplied


NEXT_MEETING_MINUTES = """Northwick Parish Council Minutes March 2024

Minutes of the meeting of Northwick Parish Council held in the Village Hall at 7.00pm on Tuesday 12 March 2024

Present: Cllr A Baker (Chairman), Cllr J Cole, Cllr P Dunn, Cllr S Evans

1. Apologies for absence
Apologies were received from Cllr Hart.

2. Playing field
The Clerk reported that the mower had been serviced and the goal posts repainted.

3. Finance
Payments of £412.50 to the grass cutting contractor and £60 to the village hall were approved.

4. Date of next meeting
The next meeting will be on Tuesday 9 April 2024 at 7.00pm in the Village Hall.
"""


def test_a_line_that_only_names_its_meeting_is_not_an_answer(tmp_path):
    from index.ingest import ingest
    from index.library import Library
    from index.settings import Settings

    doc = tmp_path / "northwick_parish-council_minutes_2024-03-12.txt"
    doc.write_text(NEXT_MEETING_MINUTES)
    lib = Library(Settings(data_dir=tmp_path / "d"))
    ingest(lib, [doc])
    result = answer(lib, "When is Northwick Parish Council's next meeting after the March 2024 one?")
    quotes = [c["quote"].strip() for c in result["citations"]]
    assert not result["abstained"]
    assert "Northwick Parish Council Minutes March 2024" not in quotes  # says which meeting, answers nothing
    assert any("9 April 2024" in q for q in quotes)
    lib.close()


@pytest.mark.parametrize("question, decision", [
    ("What did Limerick council do about leasing the land at Ballinacarriga?", True),
    ("What happened to the lease of the land?", True),
    ("What did the board resolve about the robotics lease?", True),
    ("What did the Chief Executive say about the lease?", False),
])
def test_a_question_about_what_was_done_asks_for_the_decision(question, decision):
    from search.candidates import asks_decision

    assert asks_decision(question) is decision


def test_the_items_decision_leads_an_answer_to_what_was_done(tmp_path):
    """The note of the papers circulated shares more of the question's words; the decision recorded answers it."""
    from pathlib import Path

    from index.ingest import ingest
    from index.library import Library
    from index.settings import Settings

    doc = Path(__file__).resolve().parents[1] / "fixtures" / "documents_heldback" / "ie_limerick_city-and-county-council_minutes_2015-09-28.md"
    lib = Library(Settings(data_dir=tmp_path / "d"))
    ingest(lib, [doc])
    result = answer(lib, "What did Limerick council do about leasing the land at Ballinacarriga, Kildimo?")
    assert not result["abstained"]
    assert any("agreed to defer this item" in c["quote"] for c in result["citations"])  # quoted in document order
    lib.close()


def test_a_lead_in_opening_a_list_is_quoted_with_the_lists_short_lines():
    from search.quote_context import with_context

    text = ("It was agreed that dates for meetings in relation to Budget 2016 were fixed as follows:\n\n"
            "Full Council Workshop on Monday, 16th November, 2015, at 4pm.\n\n"
            "Statutory Budget Meeting on Friday, 20th November, 2015, at 10am.\n\n"
            "The Chief Executive then reported at length on the capital programme and the timetable for it.")
    lead = {"hit": {"text": text}, "s": 0, "e": text.index(":") + 1, "clean": text[:text.index(":") + 1]}
    quoted = with_context(lead)
    assert text[quoted["s"]:quoted["e"]].endswith("at 10am.")  # both dates, and not the report after them
    assert quoted["clean"] == " ".join(text[quoted["s"]:quoted["e"]].split())


def test_asked_why_a_sentence_giving_the_reason_leads_and_is_quoted_with_its_cause():
    from index.tuning import AnswerSettings
    from search.answer_typed import reason_led

    def cand(text: str, score: float) -> dict:
        return {"clean": text, "score": score}

    cands = [cand("Councillor Collins proposed no change in the property tax rate for 2016.", 0.66),
             cand("Councillor Ryan proposed to lower the property tax rate by 15% for 2016.", 0.63),
             cand("In light of that, there was no scope to reduce the property tax rate for 2016.", 0.55),
             cand("The rate was set because reserves were low.", 0.20)]  # a reason, but far from the question
    led = reason_led(AnswerSettings(), cands)
    assert led[0]["clean"].startswith("In light of that") and len(led) == len(cands)
    assert reason_led(AnswerSettings(), cands[:2]) == cands[:2]  # no reason given near the best: order kept, no abstention


LPT_MINUTES = """Greenvale City and County Council
Minutes of the Ordinary Meeting held on 28th September, 2015

1. Local Property Tax
Councillor Collins proposed no change in the Local Property Tax basic rate for 2016.
Councillor Ryan proposed to vary the Local Property Tax basic rate downwards by 15% for 2016.
The Chief Executive addressed the meeting on the value of a potential increase or decrease in the 2016 Local Property Tax allocation.
The report of the Head of Finance had stated that the Council had additional unfunded demands of €5.0 million for Budget 2016 and a reduction in income from Local Property Tax would increase that gap.
In light of that, there was no scope to reduce the base rate of Local Property Tax for 2016.
Following a vote, the basic rate was left unchanged for 2016.
"""


def test_asked_why_the_answer_quotes_the_reason_the_minutes_give(tmp_path):
    from tests.search.conftest import answer_in_minutes

    result = answer_in_minutes(tmp_path, "greenvale_council_minutes_2015-09-28.txt", LPT_MINUTES,
                               "Why, according to Greenvale's management, was there no room to lower the property tax rate for 2016?")
    assert not result["abstained"]
    # the reason, quoted with the sentence its "In light of that" points back to (cited in document order)
    assert any("unfunded demands of €5.0 million" in c["quote"] and "In light of that" in c["quote"] for c in result["citations"]), \
        result["answer"]


def test_a_sentence_opening_he_or_she_is_about_the_person_named_before(tmp_path):
    """"He would like his service moved to Orange Vale Water Company" shares the question's words for the speaker
    only through the sentence before, which names him."""
    from tests.search.conftest import answer_in_minutes

    minutes = ("Riverside Water District Board of Directors\nMinutes of the meeting held on 23 May 2023\n\n"
               "3. Proposition 218 hearing\n"
               "Mr. Sam Delgado addressed the Board and stated that he is a resident of Oakdale, however, he receives "
               "his water from Riverside Water District. He formally protested the rate increase, stating that his rates "
               "subsidize new projects for other customers and the water delivered to other towns. He would like his "
               "service moved to Oakdale Water Company since they provide a lower rate and would like to know why "
               "Riverside water is more expensive. GM Harris assured Mr. Delgado that the rates are set by a cost of "
               "service study.\n")
    result = answer_in_minutes(tmp_path, "riverside_water-district_minutes_2023-05-23.txt", minutes,
                               "Which water company did Sam Delgado want to be switched to?")
    assert not result["abstained"], result["answer"]
    assert any("moved to Oakdale Water Company" in c["quote"] for c in result["citations"]), result["answer"]
