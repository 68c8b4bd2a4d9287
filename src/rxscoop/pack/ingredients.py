"""Link labels without a generic name to the medicine their text names (a build step).

A partial label such as a brand with only its adverse reactions ("ZOLOFT") names its medicine in its own
text ("… in patients treated with sertraline …"). The generic name that text names most often, clearly more
than any other (or alone), and that a label with uses carries, is the label's ingredient; the answer says it
came from another label of that medicine, so a reader can judge."""

from __future__ import annotations

import re
import sqlite3
from collections import Counter

from rxscoop.pack.texts import unpack_text

MIN_MENTIONS = 3  # … or a single mention when the text names no other medicine at all


def link_ingredients(db: sqlite3.Connection) -> int:
    """Fill the ingredients table; return how many labels were linked."""
    generics = {name for (name,) in db.execute(
        "SELECT DISTINCT n.name FROM names n JOIN labels l ON l.id = n.label WHERE n.kind IN ('generic', "
        "'substance') AND l.indications IS NOT NULL AND length(n.name) >= 6 AND n.name NOT LIKE '% %'")}
    if not generics:
        return 0
    linked = 0
    partial = db.execute("SELECT id FROM labels WHERE generic_name IS NULL").fetchall()
    for (label_id,) in partial:
        counts: Counter[str] = Counter()
        for (stored,) in db.execute("SELECT body FROM sections WHERE label = ?", (label_id,)):
            for word in re.findall(r"[a-z][a-z-]{5,}", unpack_text(stored)[:200_000].lower()):
                if word in generics:
                    counts[word] += 1
        ranked = counts.most_common(2)
        if not ranked or (ranked[0][1] < MIN_MENTIONS and len(ranked) > 1):
            continue
        if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
            continue  # two medicines named about as often: no link
        db.execute("INSERT INTO ingredients VALUES (?, ?, ?)", (label_id, ranked[0][0], ranked[0][1]))
        linked += 1
    return linked
