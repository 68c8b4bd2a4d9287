"""Write src/rxscoop/data/condition_codes.tsv: condition names with their UMLS, SNOMED CT and Disease
Ontology codes, from DrugCentral's indication vocabulary (the names only: never which drug treats what).

    python scripts/make_condition_codes.py ../shared/data/vocab/drugcentral-indications.tsv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "rxscoop" / "data" / "condition_codes.tsv"
HEADER = ("# Condition names with codes. source: DrugCentral 2016 drug_indication vocabulary (olegursu/drugtarget, "
          "CC BY 4.0; Ursu O. et al., Nucleic Acids Res. 2017), via scripts/make_condition_codes.py. Names and codes "
          "only: which drug a row came from is left out.\n")


def main(path: str) -> None:
    rows: dict[str, tuple[str, str, str]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            name = row["INDICATION_FDB"].strip()
            if name and row["UMLS_CUI"].strip():
                rows.setdefault(name.lower(), (row["UMLS_CUI"].strip(), row["SNOMEDCT_CUI"].strip(),
                                               row["DOID"].strip()))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER)
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(["name", "umls", "snomed_ct", "doid"])
        for name in sorted(rows):
            writer.writerow([name, *rows[name]])
    print(f"{len(rows)} condition names → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
