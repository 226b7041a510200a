"""The shared text component: word forms, content words and sentences mean the same in every module."""
from index.text import content_word_list, content_words, sentence_spans, word_form


def test_word_forms_meet_on_the_dictionary_form():
    assert word_form("exclusions") == word_form("Exclusion") == "exclusion"
    assert word_form("exclusive") != word_form("exclusions")  # a suffix stemmer conflates these
    assert word_form("agencies") == word_form("agency") == "agency"
    assert word_form("children") == "child"
    assert word_form("2023/24") == "2023/24"


def test_content_words_leave_out_stop_words_and_keep_order():
    assert content_words("What were the agencies' costs?") == {"agency", "cost"}
    assert content_word_list("finders fees for agency staff") == ["finder", "fee", "agency", "staff"]


def test_sentences_keep_offsets_and_table_rows():
    text = "The Board noted the report. Costs rose by 4% in the year.\nPED02\t133\t90\t144.5\n- a listed point of several words"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["The Board noted the report.", "Costs rose by 4% in the year.",
                                             "PED02\t133\t90\t144.5", "a listed point of several words"]


def test_each_bullet_of_a_list_is_a_sentence_whatever_its_mark():
    text = ("K. Bares presented four sites that should\nbe targeted with future initiatives\n▪ J. Barndt discussed the market, that"
            "\nshould be studied\n◦ a third point of the list")
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "K. Bares presented four sites that should\nbe targeted with future initiatives",
        "J. Barndt discussed the market, that\nshould be studied", "a third point of the list"]


def test_a_sentence_leaning_on_the_one_before_is_quoted_with_it():
    from search.quote_context import with_antecedent

    text = "Work was done to make schools as inclusive as possible. This will reduce the number of exclusions."
    hit = {"text": text}
    s = text.index("This")
    c = with_antecedent({"hit": hit, "s": s, "e": len(text), "clean": text[s:]})
    assert c["s"] == 0 and text[c["s"]:c["e"]] == text
    plain = {"hit": hit, "s": 0, "e": s - 1, "clean": text[:s - 1]}
    assert with_antecedent(plain) is plain  # a sentence that stands alone is quoted alone


def test_a_sentence_pointing_back_with_a_connective_is_quoted_with_the_one_before():
    from search.quote_context import with_antecedent

    text = "The council had unfunded demands of €5.0 million for 2016. In light of that, there was no scope to reduce the rate."
    s = text.index("In light")
    c = with_antecedent({"hit": {"text": text}, "s": s, "e": len(text), "clean": text[s:]})
    assert text[c["s"]:c["e"]] == text
    alone = "In light of the storm damage, the fair was moved indoors."  # names what it is in light of: stands alone
    assert with_antecedent({"hit": {"text": text + " " + alone}, "s": len(text) + 1, "e": len(text) + 1 + len(alone),
                            "clean": alone})["s"] == len(text) + 1


def test_a_title_before_a_name_does_not_end_a_sentence():
    text = ("Motion by Mr. Brennan, seconded by Cllr. Wall to pay David L. Cox $83,750 under item No. 4 today. "
            "The motion carried on a vote of five.")
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Motion by Mr. Brennan, seconded by Cllr. Wall to pay David L. Cox $83,750 under item No. 4 today.",
        "The motion carried on a vote of five."]
    shouted = "Motion carried, to ADOPT RESOLUTION NO. 22-25 confirming the assessment report. It was levied."
    assert [shouted[s:e] for s, e in sentence_spans(shouted)][0].endswith("the assessment report.")  # "NO." in capitals too


def test_a_closing_quote_or_bracket_stays_with_its_sentence():
    text = "The Chair said “the budget is agreed.” Members then asked about the roads (see item 5.) The meeting ended at nine."
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "The Chair said “the budget is agreed.”", "Members then asked about the roads (see item 5.)", "The meeting ended at nine."]


def test_a_two_letter_acronym_is_a_content_word_and_not_the_pronoun():
    assert "IT" in content_words("renew the IT contract") and "IT" not in content_words("it was renewed")


def test_a_blank_line_that_only_wraps_a_line_does_not_end_a_sentence():
    """Some converters leave a blank line after every line of a page: a sentence goes on across it when the line
    before ends mid-sentence (a comma, a word such as "the") or the line after goes on in lower case; headings, list
    items and finished sentences still stand alone."""
    text = ("On the proposal of Councillor O’Hanlon, seconded by Councillor Sheahan (J),\n\n"
            "it was agreed to defer this item to the next Meeting.\n\n"
            "Finance, Motor Tax and ICT\n\n"
            "Fixing of Date – Budget Meeting\n\n"
            "Circulated, copy of Circular Fin 08/2015 from the\n\n"
            "Department of the Environment in relation to\n\n"
            "2016 Budget Meeting and other Budget matters.\n\n"
            "The list is as follows\n\n"
            "a) the first item of the list\n\n"
            "Mr. Leahy would be appointed to replace Ms.\n\n"
            "Sinead Ryan on the committee.")
    assert [" ".join(text[s:e].split()) for s, e in sentence_spans(text)] == [
        "On the proposal of Councillor O’Hanlon, seconded by Councillor Sheahan (J), it was agreed to defer this item "
        "to the next Meeting.",
        "Finance, Motor Tax and ICT",
        "Fixing of Date – Budget Meeting",
        "Circulated, copy of Circular Fin 08/2015 from the Department of the Environment in relation to 2016 Budget "
        "Meeting and other Budget matters.",
        "The list is as follows",
        "a) the first item of the list",
        "Mr. Leahy would be appointed to replace Ms. Sinead Ryan on the committee.",  # a title is not a sentence end
    ]


def test_a_wrapped_line_is_read_past_markdown_emphasis():
    """A converter that wraps emphasised text emphasises each line ("... for***", "***2016, ..."): the sentence
    still goes on across the blank line, and a bold heading still stands alone."""
    text = ("***We will move at the next Meeting that, in the formulation of the Budget for***\n\n"
            "***2016, Limerick City and County Council allocate a specific budget to***\n\n"
            "***each Municipal District for Christmas Lights.***\n\n"
            "**Full Council**\n\n"
            "Workshop on Monday, 16th November, 2015, at 4pm.")
    spans = [" ".join(text[s:e].split()) for s, e in sentence_spans(text)]
    assert spans[0].startswith("We will move") and spans[0].endswith("Christmas Lights.***")
    assert spans[-1] == "Workshop on Monday, 16th November, 2015, at 4pm."
