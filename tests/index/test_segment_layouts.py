"""General segmenter on small synthetic layouts: how vote blocks, numbering and heading stacks are read."""
from __future__ import annotations

from index.records import DocumentMeta, SourceText
from index.segment import segment


def _items(text: str):
    return [it for it in segment(SourceText(text), DocumentMeta()) if it.kind != "preamble"]


def test_vote_result_line_stays_with_the_item_above_and_is_no_section():
    text = ("PLANNING COMMISSION\nREGULAR MEETING MINUTES\nJanuary 27, 2020\n\n"
            "1. CALL TO ORDER\n\nThe meeting was called to order by the Chair at 7:07 p.m.\n\n"
            "2. APPROVAL OF THE AGENDA\n\nRESULT: APPROVED [UNANIMOUS]\nMOTION BY: Smith\nSECOND: Jones\n"
            "AYES: Smith, Jones, Brown\n\n3. PUBLIC COMMENT\n\nOne member of the public spoke about parking.\n\n"
            "4. ADJOURNMENT\n\nThe meeting was adjourned at 7:48 p.m.\n")
    items = _items(text)
    assert [it.number for it in items] == ["1", "2", "3", "4"]
    assert "MOTION BY: Smith" in text[items[1].start:items[1].end]
    assert all(it.section is None for it in items)
