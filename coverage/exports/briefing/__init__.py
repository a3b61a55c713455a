"""The briefing export API: a PDF on one area (or one per area in a batch) for a commissioner's paper.

Callers import from here (``from coverage.exports import briefing``, then ``briefing.briefing_export``).
The modules behind it are one idea each: ``document`` (assembling the PDF, its footer, batches),
``sections`` (each section laid out), ``wording`` (what the sections say, as text), ``figures``
(the locator map and comparison chart) and ``typeset`` (fonts, styles, the house table).
"""

from coverage.exports.briefing.document import (
    BriefingContext,
    briefing_export,
    briefing_filename,
    briefing_pdf,
    briefings,
    prepare,
)

__all__ = ["BriefingContext", "briefing_export", "briefing_filename", "briefing_pdf", "briefings", "prepare"]
