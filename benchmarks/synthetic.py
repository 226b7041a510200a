"""Synthetic minutes that look like the default corpus: meetings, numbered items, decisions and indicator tables.

The words come from the default corpus (its sentences, with some content words and every number changed), the
layout is the UK ModernGov one the segmenter reads, and the seed is fixed: the same N gives the same documents.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from index.clean import clean_text
from index.terms import STOPWORDS

COMMITTEES = [
    ("Children Young People and Families Policy and Performance Board", "CYP"),
    ("Executive Board", "EXB"),
    ("Health Policy and Performance Board", "HEA"),
    ("Environment and Urban Renewal Policy and Performance Board", "EUR"),
    ("Corporate Policy and Performance Board", "CPB"),
    ("Safer Policy and Performance Board", "SAF"),
    ("Employment Learning and Skills Policy and Performance Board", "ELS"),
    ("Development Management Committee", "DEV"),
]
OPENING = ["MINUTES", "PUBLIC QUESTION TIME", "DECLARATIONS OF INTEREST"]
DECISIONS = ["That the report be noted.", "That the report and comments made be noted.",
             "That the Board approves the recommendations in the report.", "That the quarterly performance reports be received.",
             "That the Board endorses the approach set out in the report.", "That the matter be deferred to the next meeting."]
TITLE_KINDS = ["update", "report", "strategy", "monitoring report", "review", "consultation", "policy", "plan", "scheme"]
WORD = re.compile(r"[A-Za-z][a-z]{3,}")
NUMBER = re.compile(r"\d+")


@dataclass
class Vocabulary:
    """Sentences, item titles, indicator names and content words taken from the default corpus."""

    sentences: list[str]
    titles: list[str]
    indicators: list[str]
    words: list[str]

    @classmethod
    def from_corpus(cls, folder: Path) -> "Vocabulary":
        text = " ".join(clean_text(p.read_text(encoding="utf-8", errors="replace")) for p in sorted(folder.glob("*.txt")))
        text = re.sub(r"\s+", " ", text)
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", text) if 8 <= len(s.split()) <= 45]
        words = sorted({w.lower() for w in WORD.findall(text)} - STOPWORDS)
        titles = sorted({m.strip() for m in re.findall(r"\b[A-Z]{2,4}\d{1,3} ([A-Z][A-Z ,'&-]{12,80}?)(?= [A-Z][a-z])", text)})
        rng = random.Random(3)  # more titles in the same words: two or three corpus words and a report kind
        titles += [" ".join(rng.sample(words, rng.randint(2, 3)) + [rng.choice(TITLE_KINDS)]).upper() for _ in range(400)]
        indicators = sorted({m.strip() for m in re.findall(r"\b(?:Monitor|Increase|Reduce|Percentage of|Number of)[^.\t]{20,110}", text)})
        return cls(sentences, titles or ["PERFORMANCE MONITORING REPORT"], indicators or ["Monitor the rate of referrals"], words)


class MinutesWriter:
    """Writes one meeting's minutes as a text file: header, numbered items with prose, decisions and tables."""

    def __init__(self, vocab: Vocabulary, seed: int = 7, passages_per_item: int = 3):
        self.vocab = vocab
        self.rng = random.Random(seed)
        self.passages_per_item = passages_per_item
        self.minute: dict[str, int] = {}  # the next item number of each committee

    def sentence(self) -> str:
        """A corpus sentence with two content words swapped for other corpus words and its numbers changed."""
        rng = self.rng
        words = self.vocab.sentences[rng.randrange(len(self.vocab.sentences))].split()
        for _ in range(2):
            i = rng.randrange(len(words))
            if WORD.fullmatch(words[i]) and words[i].lower() not in STOPWORDS:
                words[i] = self.vocab.words[rng.randrange(len(self.vocab.words))]
        return NUMBER.sub(lambda m: str(rng.randint(1, 400)), " ".join(words))

    def paragraph(self, n: int) -> str:
        return " ".join(self.sentence() for _ in range(n))

    def table(self, code: str) -> str:
        rng = self.rng
        rows = [f"{code}{rng.randint(1, 12):02d} {k:02d}\t{rng.choice(self.vocab.indicators)}\t{rng.randint(5, 700)}\t"
                f"{rng.randint(5, 700)}\t{rng.randint(5, 700)}.{rng.randint(0, 9)}" for k in range(1, rng.randint(3, 7))]
        return "Ref:\tMeasure\tActual\tTarget\tCurrent\n" + "\n".join(rows)

    def document(self, day: date, committee: str, prefix: str, items: int) -> str:
        rng = self.rng
        lines = [committee.upper(), "",
                 f"At a meeting of the {committee} on {day.strftime('%A')}, {day.day} {day.strftime('%B %Y')} in the Civic Suite, Town Hall",
                 "", "Present: Councillors " + ", ".join(w.title() for w in rng.sample(self.vocab.words, 6)), ""]
        for k in range(items):
            number = self.minute.get(prefix, 1)
            self.minute[prefix] = number + 1
            title = OPENING[k] if k < len(OPENING) and rng.random() < 0.5 else rng.choice(self.vocab.titles).upper()
            lines.append(f"{prefix}{number} {title}")
            for _ in range(self.passages_per_item):
                lines += [self.paragraph(rng.randint(4, 6)), ""]
            if rng.random() < 0.15:
                lines += [self.table(f"{prefix[:2]}D"), ""]
            if rng.random() < 0.6:
                lines += [f"RESOLVED: {rng.choice(DECISIONS)}", ""]
        return "\n".join(lines)


def write_corpus(folder: Path, documents: int, vocab: Vocabulary, seed: int = 7, items: int = 10) -> list[Path]:
    """`documents` meeting files under `folder`, meetings spread over ten years of every committee."""
    folder.mkdir(parents=True, exist_ok=True)
    writer = MinutesWriter(vocab, seed)
    start = date(2015, 1, 5)
    out = []
    for n in range(documents):
        committee, prefix = COMMITTEES[n % len(COMMITTEES)]
        day = start + timedelta(days=(n * 3653) // max(1, documents))
        path = folder / f"{n:06d}_{prefix.lower()}_{day.isoformat()}.txt"
        path.write_text(writer.document(day, committee, prefix, items), encoding="utf-8")
        out.append(path)
    return out
