-- The rxscoop pack. Schema version lives in PRAGMA user_version (see pack/__init__.py).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- One current label per product (set id): the one with the latest effective_time.
CREATE TABLE labels (
    id              INTEGER PRIMARY KEY,
    set_id          TEXT NOT NULL UNIQUE,
    spl_id          TEXT,
    version         TEXT,
    effective_time  TEXT,              -- YYYYMMDD as openFDA writes it
    title           TEXT NOT NULL,     -- brand name, else generic name
    brand_name      TEXT,
    generic_name    TEXT,
    manufacturer    TEXT,
    product_type    TEXT,
    routes          TEXT NOT NULL,     -- JSON lists from openFDA metadata
    pharm_class_epc TEXT NOT NULL,
    pharm_class_moa TEXT NOT NULL,
    rxcuis          TEXT NOT NULL,
    source          TEXT NOT NULL,
    location        TEXT NOT NULL,     -- file and line/index the record came from
    retrieved_at    TEXT,
    complete        INTEGER NOT NULL,  -- 1 when sections are whole, 0 for excerpts
    richness        INTEGER NOT NULL,  -- ranks labels that share a name: more to say ranks first
    indications     TEXT,              -- JSON (label.model.Indications), NULL without that section
    details         TEXT NOT NULL      -- JSON (label.model.Details): form, setting, cautions
);

-- Where each quote a label's facts carry is in its stored section, found at build (pack/quotes.py), so an
-- answer looks its quotes up rather than searching the section text.
CREATE TABLE label_quotes (
    label    INTEGER PRIMARY KEY REFERENCES labels(id) ON DELETE CASCADE,
    passages TEXT NOT NULL             -- JSON: section → {piece key: stored passage or null, "": first sentence}
);

CREATE TABLE sections (
    id    INTEGER PRIMARY KEY,
    label INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    name  TEXT NOT NULL,               -- openFDA field name, e.g. indications_and_usage
    body  BLOB NOT NULL,               -- the text, zlib-compressed UTF-8 (pack/texts.py)
    UNIQUE (label, name)
);

-- The text as the FTS index reads it: rxscoop_text is registered by each connection (pack/texts.py).
CREATE VIEW section_texts AS SELECT id, rxscoop_text(body) AS body FROM sections;

CREATE VIRTUAL TABLE sections_fts USING fts5(
    body, content='section_texts', content_rowid='id', tokenize='porter unicode61'
);

CREATE TABLE names (
    name    TEXT NOT NULL,             -- normalized (label.names.normalize_name)
    label   INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,             -- brand | generic | substance | alias | variant | rxcui
    display TEXT NOT NULL,
    PRIMARY KEY (name, label, kind)
) WITHOUT ROWID;
CREATE INDEX names_by_label ON names(label);

-- Patient reviews (personal experiences, never label facts), mapped to a label by drug name when possible.
CREATE TABLE reviews (
    id                  TEXT PRIMARY KEY,  -- source-prefixed review id, e.g. drugscom-95260
    source              TEXT NOT NULL,
    drug_name           TEXT NOT NULL,     -- as the review names it
    name                TEXT NOT NULL,     -- normalized
    label               INTEGER REFERENCES labels(id) ON DELETE SET NULL,
    condition           TEXT,
    rating              INTEGER,           -- 1-10
    date                TEXT,              -- ISO date when the source gives one
    useful              INTEGER,           -- readers who found it helpful
    text                TEXT NOT NULL,
    effectiveness       TEXT,
    side_effects_rating TEXT,
    side_effects_text   TEXT,
    features            TEXT NOT NULL      -- JSON list: what it talks about (reviews.features)
);
CREATE INDEX reviews_by_label ON reviews(label);
CREATE INDEX reviews_by_name ON reviews(name);

-- Earlier versions of labels (replaced by a newer version of the same set id), kept so that
-- `rxscoop changes` can say what changed between versions.
CREATE TABLE label_versions (
    id             INTEGER PRIMARY KEY,
    set_id         TEXT NOT NULL,
    version        TEXT,
    effective_time TEXT,
    title          TEXT NOT NULL,
    indications    TEXT,               -- JSON, as in labels.indications
    sections       TEXT NOT NULL,      -- JSON: section name → sha1 of its text
    UNIQUE (set_id, version, effective_time)
);
CREATE INDEX label_versions_by_set ON label_versions(set_id);

-- Labels that carry no generic name (partial excerpts: a brand and its adverse reactions) linked to the
-- medicine their own text names most ("… ZOLOFT (sertraline) …"), so a question about the brand can be
-- answered from a full label of the same medicine. Written at the end of a build.
CREATE TABLE ingredients (
    label      INTEGER PRIMARY KEY REFERENCES labels(id) ON DELETE CASCADE,
    ingredient TEXT NOT NULL,          -- normalized generic name, as in names.name
    mentions   INTEGER NOT NULL        -- how often the label's text names it
);

-- European Union approvals: the EMA's list of centrally evaluated human medicines (EPARs), one row per
-- medicine, its section 4.1 read into uses by the same reader as US labels (label/eu_read.py). Matched to US
-- labels by substance_key (label/eu_match.py): several EU products of one substance share it.
CREATE TABLE eu_medicines (
    id                 INTEGER PRIMARY KEY,
    product_number     TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL,
    name_key           TEXT NOT NULL,     -- normalized name (label.names.normalize_name)
    substance          TEXT NOT NULL,     -- as the EMA writes it
    substance_key      TEXT,              -- sorted ingredients, shortest names: "atazanavir + cobicistat"
    status             TEXT NOT NULL,     -- authorised | withdrawn | refused | suspended | unknown
    authorisation_date TEXT,              -- ISO dates
    refusal_date       TEXT,
    decision_date      TEXT,
    revision_date      TEXT,              -- when the EPAR was last revised: how current this row is
    therapeutic_area   TEXT,
    atc_code           TEXT,
    generic            INTEGER NOT NULL,
    biosimilar         INTEGER NOT NULL,
    orphan             INTEGER NOT NULL,
    conditional        INTEGER NOT NULL,
    url                TEXT,              -- the EPAR page
    source             TEXT NOT NULL,
    location           TEXT NOT NULL,     -- file:line
    indication         TEXT NOT NULL,     -- section 4.1 as the list has it
    indications        TEXT               -- JSON (label.model.Indications), NULL when no use could be read
);
CREATE INDEX eu_by_substance ON eu_medicines(substance_key);
CREATE INDEX eu_by_name ON eu_medicines(name_key);
