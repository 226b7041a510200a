"""The words that name a meeting body or the place it serves: one vocabulary for the segmenter's headings
(index/headings.py), the header's body and place names (index/header.py) and the bodies a question names
(search/named.py), so a body the header reads is one a question can name."""
from __future__ import annotations

# the bodies whose name opens a meeting's heading ("Planning Committee", "Council")
MEETING_BODIES = r"(?:Board|Committee|Council|Cabinet|Panel|Commission|Forum|Authority|Assembly)"
# a body named by its members ("Board of Trustees", "the Selectmen")
MEMBERS_AS_BODY = r"(?:Trustees|Selectboard|Select\s+Board|Selectmen|Supervisors|Aldermen)"
# every word that ends a body's name in a header ("Cappamore-Kilmallock Municipal District", "Housing Task Force")
ORG_WORDS = (rf"(?:Municipal\s+District|{MEETING_BODIES}|{MEMBERS_AS_BODY}|Subcommittee|Sub-Committee|Task\s+Force|"
             r"Corporation|Agency)")
# the kinds of place a council serves ("City of Boston", "Polk County")
PLACE_KINDS = r"(?:city|town|village|borough|county|township|district|parish|shire|municipality|region)"
