"""Read a question as people ask it: what it is about, how it is framed, and what kind of answer it wants.

"What was said about exclusions or agency costs across meetings?" is about two topics (exclusions; agency costs),
framed as a survey across meetings. The framing words steer the kind of answer and are never matched against the
minutes; each topic is searched on its own.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.dates import DAY_MONTH_YEAR, ISO as ISO_DATE, MONTH_DAY_YEAR, MONTH_WORD, MONTHS, find_dates
from search.periods import RANGE, years_in

# A survey question is framing words, then a preposition, then its subject: "What concerns have members raised about
# | SEND transport", "Summarise the discussion of | exclusions". The framing must be made only of these words (question
# words, bodies, reporting verbs and the nouns for what is reported), and hold at least one REPORTING word.
REPORTING = frozenset("""said say says discussed discuss discussion discussions reported report reports raised raise told tell heard hear
learned learnt noted recorded mentioned covered informed updated update updates doing done considered debated debate asked questions
concerns concern issues points comments views progress known received given made expressed summarise summarize summary
scrutinised scrutinized examined reviewed""".split())
FRAMING = REPORTING | frozenset("""what which how often has have had was were is are did do does been be being there the a an any all anything
everything board council committee cabinet panel members member councillors councillor officers officer they we it me us you please
can could would show list give tell meetings meeting minutes compare contrast""".split())
SUBJECT_PREPOSITION = re.compile(r"\s+(?:about|on|regarding|concerning|into|of|around|in\s+relation\s+to|with\s+regard\s+to|relating\s+to)\s+", re.I)
DIRECT_SURVEY = re.compile(r"^\s*(?:how\s+often|(?:in\s+)?which\s+meetings|at\s+which\s+meetings)\b", re.I)  # "how often has X been discussed"
# Phrases that place the question in time across meetings ("across meetings", "over time", "over the years").
ACROSS_PHRASE = re.compile(
    r"(?:\s*,)?\s*\b(?:(?:across|over|through(?:out)?)\s+(?:all\s+|the\s+|recent\s+|past\s+|successive\s+|several\s+|different\s+)*"
    r"(?:\w+['’]s?\s+(?=meetings?\b))?"  # a body's own: "across the Board's meetings", "over members' meetings"
    r"(?:meetings?|time|years?|months?|quarters?|reports?|period)|(?:at|in)\s+(?:each|every|successive|recent|past|several|different)\s+"
    r"(?:meetings?|reports?|quarters?))\b(?:\s+(?:of\s+)?(?:the\s+)?(?:board|council|committee))?", re.I)
CHANGE_WORDS = re.compile(r"\b(?:how\s+(?:has|have|did)\b.*\b(?:chang|develop|progress|improv|mov|evolv|trend)\w*|trend\w*|"
                          r"(?:has|have|did)\s+(?:it|this|that|they|\w+)\s+(?:improv|chang|increas|decreas|fall|fell|ris|grow|grew|worsen|declin)\w*|"
                          r"over\s+time|year\s+on\s+year|since\s+(?:the\s+)?(?:last|previous|\d{4}))", re.I)
# "How has X changed since 2022": the subject is X (and the period), not the change framing.
CHANGE_FRAME = re.compile(r"^\s*how\s+(?:has|have|did|does|do)\s+(?P<x>.+?)\s+(?:chang|develop|progress|improv|mov|evolv|vari)\w*\b(?:\s+hands\b)?(?P<rest>.*)$", re.I)
# "What has the council arranged for its generator since the power cut in October 2024": what has come of a subject
# since an event, asked of every meeting from then on; the subject is the generator
FOLLOW_UP_FRAME = re.compile(r"^\s*what\s+(?:has|have)\s+.+?\s+(?:done|arranged|agreed|decided|planned|achieved|put\s+in\s+place)\s+"
                             r"(?:about|for|on|with|regarding|to)\s+(?P<x>.+?)\s+since\b(?P<event>.+)$", re.I)
# "How has X been discussed (across meetings)": the subject is X, and the question surveys what was said of it
REPORTED_FRAME = re.compile(r"^\s*how\s+(?:has|have)\s+(?P<x>.+?)\s+been\s+(?P<verb>[a-z]+)\b(?P<rest>.*)$", re.I)
CHANGE_TAIL = re.compile(r",?\s+and\s+(?:has|have|did|is|are)\s+(?:it|this|that|they|these)\s+\w+(?:\s+\w+)?$", re.I)
# "between 2023/24 and 2025/26", "since 2022", "in Quarter 1 2025-26": the period steers which meetings answer, not
# what the topic is (search/periods.py reads it from the whole question)
_YEAR = r"(?:(?:q|qtr\.?|quarter)\s*[1-4]\s+(?:of\s+|for\s+)?)?(?:19|20)\d\d(?:\s*[/-]\s*\d{2,4})?"
PERIOD_PHRASE = re.compile(rf"\s*,?\s*\b(?:(?:between|from)\s+{_YEAR}\s+(?:and|to|until)\s+{_YEAR}|"
                           rf"(?:since|in|during|for|by|until|over)\s+(?:the\s+)?(?:end\s+of\s+)?{_YEAR})\b", re.I)
TRAILING = re.compile(r"[\s?.!]+$")
FRAMING_SENTENCE = re.compile(r"[?.!]\s+([^?.!]+)$")
LEADING_ARTICLE = re.compile(r"^(?:the|a|an|any|all)\s+", re.I)

# a question about money ("how much money", "what did it cost", "what rent") is answered by a sum of money
# (not a rate or a share of one: "what was the rate of the pay award?"; nor "how much longer")
MONEY_QUESTION = re.compile(r"^(?!.*\b(?:rate|percentage|per\s*cent)\b)(?:.*\bhow\s+many\s+(?:dollars|pounds|euros)\b(?!\s+of\b)|.*\bfor\s+how\s+much\b(?!\s+(?:longer|more\s+time|later|earlier|of)\b)|.*\bhow\s+much\s+(?!(?:longer|more\s+time|later|earlier)\b)(?:[\w-]+\s+){0,3}?(?:money|funding|cash|income|revenue|investment|grants?|subsidy|savings?)\b|"
                            r".*\b(?:what|how\s+much(?!\s+(?:longer|more\s+time|later|earlier)))\b.{0,80}?\b(?:cost|costs|price|fee|fees|"
                            r"charge|charges|rent|bid|salary|stipend|spend|spent|pay|paid|dollars?|pounds?|budget|precept|levy|expenses?|expenditures?|(?<!-)(?:income|revenue|surplus|deficit|profit)"
                            r"(?![\w-]|\s+(?:sources?|groups?|streams?|housing|sharing)\b))\b)", re.I | re.S)
ABOUT_AN_ACT = re.compile(r"\b(?:decid\w*|decision|agree\w*|happen\w*|outcome|status|said|say|says|discuss\w*|resolv\w*|"
                          r"approv\w*|recommend\w*|do\s+about|did\s+(?:the\s+)?\w+(?:\s+\w+)?\s+do)\b|"
                          # "what will the fire department spend its grant on?" asks what it buys, not how much
                          r"\b(?:spend|spent|spending)\b[^?,;]{0,60}?\bon(?=\s*(?:[?,;]|$))", re.I)
ANSWER_TYPES = [
    # a question opening "why" asks for a reason, whatever it names ("why did they delete the assessment")
    ("reason", re.compile(r"^\s*why\b|\bwhat\s+(?:was|were|is|are)\s+the\s+reasons?\b|\bwhat\s+reasons?\b|\breasons?\s+for\b", re.I)),
    ("yes_no", re.compile(r"^\s*(?:is|are|was|were|does|do|did|has|have|had|can|could|will|would|should)\b", re.I)),
    ("number", re.compile(r"\b(?:how\s+(?:many|much|long|often|big|large)|by\s+how\s+much|what\s+(?:(?!(?:was|were|is|are|did|does|do|has|have|had|will|changes?|happened)\b)[\w-]+\s+){0,3}?(?:percentage|proportion|share|rate|"
                          r"number|amount|figure|cost|total|sum|value|level|estimate|quote|price|fee|charge|bid|score|precept|budget|"
                          r"salary|stipend|grant)s?|what\s+(?:was|is)\s+the\s+(?:cost|total|budget|figure|rate)|"
                          r"what\s+did\s+.{1,60}?\s+(?:bid|cost|pay|charge|spend|quote|score)\b)\b", re.I)),
    ("time", re.compile(r"\bwhat\s+time\b(?!\s+(?:limits?|frames?|periods?|scales?|lines?|tables?|span)\b)", re.I)),  # a clock time ("at what time did the meeting close?")
    # "on what date", "which days": a day of the month or of the week, not a month or a season
    ("day", re.compile(r"\b(?:what|which)\s+(?:dates?|days?)\b(?![\s-]*(?:centres?|centers?|care|to-day|services?|trips?|"
                       r"visits?|nurser\w*|programmes?|programs?|schools?|opportunit\w*|passes?|tickets?)\b)", re.I)),
    ("date", re.compile(r"^\s*when\b|\bwhat\s+(?:month|year)\b|\bby\s+when\b", re.I)),
    # "who will pay for ...", "who runs ...": a body as often as a person (read before "person", which any "who" meets);
    # the one who pays is a person or a body, the one who runs a service may be a company too
    ("payer", re.compile(r"\bwho\s+(?:(?:will|would|should|is\s+to|are\s+to|has\s+to|must|is\s+going\s+to)\s+)?(?:pays?|covers?|funds?|"
                         r"bears?|meets?\s+the\s+cost)\b", re.I)),
    ("organisation", re.compile(r"\bwho\s+(?:(?:will|would|should|is\s+to|are\s+to|has\s+to|must|is\s+going\s+to)\s+)?(?:provides?|"
                                r"delivers?|runs?|supplies|supply|manages?|owns?|maintains?|operates?|hosts?)\b", re.I)),
    ("person", re.compile(r"^\s*who(?:m|se)?\b|\bwhich\s+(?:councillor|member|officer|person|people|director|chair)\w*\b|"
                          r"\bwho\s+(?:was|is|were)\b|\bname\s+of\b|\b(?:surname|forename|(?:first|last|full|given)\s+name)s?\b", re.I)),
    ("place", re.compile(r"^\s*where\b|\bwhich\s+(?:site|location|building|venue|area|ward|street|road)\w*\b", re.I)),
    ("judgement", re.compile(r"\b(?:rating|rated|judgement|judgment|grade|graded|verdict|assessment|outcome\s+of\s+the\s+inspection|"
                             r"overall\s+(?:effectiveness|judgement|rating))\b", re.I)),
    ("list", re.compile(r"^\s*(?:which|what)\s+(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[\w-]+\s+){0,2}?)?(?!(?:does|was|has|is)\b)\w{3,}s\b(?!\s+(?:is|was)\b)|"
                        r"\blist\s+(?:of|the)\b", re.I)),
    ("organisation", re.compile(r"\bwhich\s+(?:organisation|organization|company|provider|contractor|agency|school|body|partner|charity|firm)s?\b", re.I)),
]


@dataclass
class Question:
    text: str
    topics: list[str] = field(default_factory=list)  # what to search for, framing removed; one per named topic
    across: bool = False  # asks how a subject was treated across meetings or over time
    change: bool = False  # asks how something changed ("how has X changed", "has it improved")
    answer_type: str = "any"  # person | payer | organisation | day | date | number | place | list | yes_no | judgement | reason | any
    meeting_dates: list[str] = field(default_factory=list)  # "the meetings of 22 February 1999 and 14 January 2022": one point each


def parse_question(text: str, months: bool = True) -> Question:
    """The question's topics, whether it surveys meetings, and the kind of answer it wants. With `months`, a month
    ("in December 2018") dates a meeting as a day does."""
    core = TRAILING.sub("", re.sub(r"\s+", " ", text).strip())  # one space between words keeps the patterns linear
    named = named_meetings(core, months)  # a question dating two or more meetings is answered meeting by meeting
    dates, asked = named if named else ([], core)
    change = bool(CHANGE_WORDS.search(asked))
    follow_up = FOLLOW_UP_FRAME.match(asked)
    across = bool(ACROSS_PHRASE.search(asked)) or change or bool(dates) or bool(follow_up and years_in(follow_up.group("event")))
    unframed = re.sub(r"\s{2,}", " ", ACROSS_PHRASE.sub(" ", asked)).strip(" ,")
    at = survey_subject_start(unframed)
    survey = at is not None
    subject = unframed[at:] if survey else unframed
    frame = CHANGE_FRAME.match(subject)
    if follow_up and across and not survey:
        subject = follow_up.group("x")
    elif frame:
        subject = f"{frame.group('x')}{frame.group('rest')}"
    reported = REPORTED_FRAME.match(subject) if not survey else None
    if reported and reported.group("verb").lower() in REPORTING:
        subject, survey = f"{reported.group('x')}{reported.group('rest')}", True
    subject = CHANGE_TAIL.sub("", subject).strip(" ,")
    # a second sentence only framing the first ("Has X bought a cabinet? What was said?") adds nothing to the topic
    framing_tail = FRAMING_SENTENCE.search(subject)
    if framing_tail and all(w.lower() in FRAMING for w in re.findall(r"[\w'’]+", framing_tail.group(1))):
        subject = subject[:framing_tail.start() + 1]
    if across:
        subject = PERIOD_PHRASE.sub("", subject).strip(" ,") or subject
    topics = [subject]
    if survey or across:  # "exclusions or agency costs": a survey of two subjects, answered one by one
        parts = [LEADING_ARTICLE.sub("", p.strip(" ,")) for p in re.split(r",?\s+\bor\b\s+|\s*;\s*", subject) if p.strip(" ,")]
        if len(parts) > 1 and all(len(p.split()) <= 6 for p in parts):
            topics = parts
    # a survey wants what each meeting said, whatever its wording ("what concerns", "how often"), not one kind of answer
    return Question(text=text, topics=[t for t in topics if t] or [asked], across=across or survey, change=change,
                    answer_type="any" if survey else answer_type_of(core), meeting_dates=dates)


DATE_JOINERS = re.compile(r"(?:\s*(?:,|\band\b|\bor\b|\bof\b|\bon\b|\bheld\b|\bdated\b))+\s*$", re.I)


# a month named without a day ("in December 2018", "the meetings of February 1999"): the meetings of that month
MONTH_YEAR = re.compile(rf"\b({MONTH_WORD})\.?,?\s+((?:19|20)\d\d)\b(?![/-]\d)", re.I)
MONTH_LEAD = re.compile(r"\b(?:in|during|at|of)\s+$", re.I)  # "in December 2018": the preposition goes with it
# ...but a month after these words is a deadline or a bound, not a meeting ("by February 2024", "since May 2023")
NOT_A_MEETING_MONTH = re.compile(r"\b(?:by|until|till|since|from|before|after|ending|ends|due|expir\w*|to)\s+(?:in\s+|on\s+)?$", re.I)
# months listed before the year they share: "the November and December 2020 meetings", "March, April and May 2024"
MONTHS_OF_A_YEAR = re.compile(rf"\b{MONTH_WORD}\.?(?:\s*,\s*{MONTH_WORD}\.?)*\s*,?\s+(?:and|&)\s+{MONTH_WORD}\.?,?\s+(?P<year>(?:19|20)\d\d)\b(?![/-]\d)", re.I)
# "between January 2024 and February 2024", "from October 2024 to January 2025": a span of time, not two meetings
MONTH_SPAN = re.compile(rf"\b(?:between|from)\s+{MONTH_WORD}\.?,?\s+(?:(?:19|20)\d\d\s+)?(?:and|to|until|till)\s+{MONTH_WORD}\b", re.I)


def named_meetings(text: str, months: bool = True) -> tuple[list[str], str] | None:
    """(the ISO dates, the topic without them) when a question dates two or more meetings; else None. With `months`,
    a month named without a day counts, as "yyyy-mm" ("the meetings of February 1999 and January 2022"), unless the
    question dates a meeting by its day, the month bounds something ("by February 2024") or the months are the ends
    of a span ("between January and March 2024": a period, read by search/periods.py)."""
    spans = []
    for rx in (DAY_MONTH_YEAR, MONTH_DAY_YEAR, ISO_DATE):
        spans += [(m.start(), m.end()) for m in rx.finditer(text)]
    named = {iso for _, iso in find_dates(text)}
    if months and not named and not RANGE.search(text) and not MONTH_SPAN.search(text):
        for m in MONTH_YEAR.finditer(text):
            if NOT_A_MEETING_MONTH.search(text, 0, m.start()):
                continue
            lead = MONTH_LEAD.search(text, 0, m.start())
            spans.append((lead.start() if lead else m.start(), m.end()))
            named.add(f"{m.group(2)}-{MONTHS[m.group(1).lower()[:3]]:02d}")
        for m in MONTHS_OF_A_YEAR.finditer(text):  # "the November and December 2020 meetings"
            if not NOT_A_MEETING_MONTH.search(text, 0, m.start()):
                spans.append((m.start(), m.end()))
                named |= {f"{m.group('year')}-{MONTHS[w.lower()[:3]]:02d}" for w in re.findall(MONTH_WORD, m.group(0), re.I)}
    dates = sorted(named)
    if len(dates) < 2:
        return None
    merged: list[tuple[int, int]] = []  # "November and December 2020" holds "December 2020": one span
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    topic = text
    for start, end in reversed(merged):
        topic = topic[:start] + "\0" + topic[end:]
    # the words joining the dates go with them ("of 3 March and 7 April", "in May 2023 and in June 2023"), and the
    # meetings they date ("between the December 2023 and February 2024 meetings")
    topic = re.sub(r"\0(?:\s*(?:,|\band\b|\bor\b|\bin\b|\bat\b|\bof\b|\bon\b))*\s*\0", "\0", topic)
    topic = re.sub(r"(?:\b(?:between|at|in|of|from|during|for|on)\s+)?(?:\bthe\s+)?\0(?:\s+(?:meetings?|minutes)\b)?", "\0", topic, flags=re.I)
    topic = re.sub(r"\s+", " ", topic.replace("\0", " "))
    topic = re.sub(r"\s+,", ",", topic)
    return dates, DATE_JOINERS.sub("", topic).strip(" ,") or text


def survey_subject_start(text: str) -> int | None:
    """Where the subject of a survey question begins, or None when the question is not framed as one."""
    for m in SUBJECT_PREPOSITION.finditer(text):
        words = re.findall(r"[\w']+", text[:m.start()].lower())
        if words and all(w in FRAMING for w in words) and any(w in REPORTING for w in words):
            return m.end()
        break  # only the first preposition can end the framing
    if DIRECT_SURVEY.match(text):  # "How often has the Board discussed | agency staff", "Which meetings considered | X"
        for m in re.finditer(r"[\w']+", text):
            if m.group().lower() not in FRAMING:
                return m.start() if any(w in REPORTING for w in re.findall(r"[\w']+", text[:m.start()].lower())) else None
    return None


def answer_type_of(question: str) -> str:
    """The kind of answer a question wants, by its wording (the first of ANSWER_TYPES that matches; else "any")."""
    for name, rx in ANSWER_TYPES:
        if rx.search(question):
            return name
    # "What premium will LADWP pay?", "what is the dollar value of the contract?": a sum of money, however worded; not
    # "what was agreed about the fees", "what happened to the bid", which ask what was done
    return "number" if MONEY_QUESTION.search(question) and not ABOUT_AN_ACT.search(question) else "any"
