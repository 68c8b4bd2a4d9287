"""Write src/rxscoop/data/class_names.txt: the FDA Established Pharmacologic Class (EPC) and Mechanism of
Action (MoA) names that DrugCentral lists, lower-cased, one a line. The label reader accepts a class phrase
from label text ("X is a <class> indicated for …") when it is one of these names or ends in a class noun.

    python scripts/make_class_names.py ../shared/data/vocab/drugcentral-pharm-class.tsv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "rxscoop" / "data" / "class_names.txt"
HEADER = ("# FDA Established Pharmacologic Class (EPC) and Mechanism of Action (MoA) names, lower-cased.\n"
          "# source: DrugCentral 2016 pharmacologic classes (olegursu/drugtarget, CC BY 4.0), via\n"
          "# scripts/make_class_names.py; general vocabulary, never a claim about one drug.\n")


def main(path: str) -> None:
    with open(path, encoding="utf-8", newline="") as fh:
        names = {row["CLASS"].strip().lower() for row in csv.DictReader(fh, delimiter="\t")
                 if row["TYPE"] in ("EPC", "MoA") and row["CLASS"].strip()}
    OUT.write_text(HEADER + "".join(f"{name}\n" for name in sorted(names)), encoding="utf-8")
    print(f"{len(names)} class names → {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
