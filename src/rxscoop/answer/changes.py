"""What changed between versions of a drug's label: uses added or removed, ages changed, sections changed."""

from __future__ import annotations

import hashlib
import itertools
import json

from pydantic import BaseModel, Field

from rxscoop.answer.plainwords import age_text
from rxscoop.label.facts import condition_key
from rxscoop.label.model import Indications, Label
from rxscoop.label.sections import section_title
from rxscoop.pack.query import Pack


class VersionChange(BaseModel):
    from_version: str | None
    from_date: str | None
    to_version: str | None
    to_date: str | None
    uses_added: list[str] = Field(default_factory=list)
    uses_removed: list[str] = Field(default_factory=list)
    ages_changed: list[str] = Field(default_factory=list)
    sections_changed: list[str] = Field(default_factory=list)
    sections_added: list[str] = Field(default_factory=list)
    sections_removed: list[str] = Field(default_factory=list)


class LabelChanges(BaseModel):
    drug: str
    set_id: str
    versions: int
    changes: list[VersionChange] = Field(default_factory=list)


def _date(t: str | None) -> str | None:
    return f"{t[:4]}-{t[4:6]}-{t[6:]}" if t and len(t) == 8 and t.isdigit() else t


def _uses(indications: str | None) -> dict[str, tuple[str, float | None]]:
    if not indications:
        return {}
    parsed = Indications.model_validate_json(indications)
    return {condition_key(u.condition): (u.condition, u.population.min_age_years) for u in parsed.uses}


def label_changes(pack: Pack, label: Label) -> LabelChanges:
    rows = [(v.version, v.effective_time, v.indications, v.sections) for v in pack.earlier_versions(label.set_id)]
    current = (label.version, label.effective_time, pack.indications_json(label.id),
               json.dumps({k: hashlib.sha1(v.encode()).hexdigest()[:16]
                           for k, v in sorted(pack.sections(label.id).items())}))
    versions = sorted([*rows, current], key=lambda r: (r[1] or "", int(r[0]) if r[0] and r[0].isdigit() else 0))
    out = LabelChanges(drug=label.title, set_id=label.set_id, versions=len(versions))
    for old, new in itertools.pairwise(versions):
        a, b = _uses(old[2]), _uses(new[2])
        change = VersionChange(from_version=old[0], from_date=_date(old[1]), to_version=new[0], to_date=_date(new[1]))
        change.uses_added = [b[k][0] for k in b if k not in a]
        change.uses_removed = [a[k][0] for k in a if k not in b]
        for k in a.keys() & b.keys():
            before, after = a[k][1], b[k][1]
            if before != after:
                said = [age_text(x) if x is not None else "not stated" for x in (before, after)]
                change.ages_changed.append(f"{b[k][0]}: minimum age {said[0]} → {said[1]}")
        ha, hb = json.loads(old[3]), json.loads(new[3])
        change.sections_changed = [section_title(s) for s in hb if s in ha and ha[s] != hb[s]]
        change.sections_added = [section_title(s) for s in hb if s not in ha]
        change.sections_removed = [section_title(s) for s in ha if s not in hb]
        out.changes.append(change)
    return out
