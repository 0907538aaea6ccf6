-- Schema 1: the owner's profile, evidence entries with tags, links, statements and attachments,
-- and a full-text index over every text field of an entry (maintained by storage/portfolio.py).
-- Datetimes are ISO-8601 UTC text with milliseconds ("2024-05-01T09:30:00.000Z"); dates ISO.

CREATE TABLE profile (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    owner_name    TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL DEFAULT '',
    organisation  TEXT NOT NULL DEFAULT '',
    edition       TEXT NOT NULL,
    current_level INTEGER CHECK (current_level BETWEEN 1 AND 7),
    target_level  INTEGER CHECK (target_level BETWEEN 1 AND 7),
    portfolio_id  TEXT NOT NULL,
    created       TEXT NOT NULL,
    modified      TEXT NOT NULL
) STRICT;

CREATE TABLE evidence (
    id                  TEXT PRIMARY KEY NOT NULL,
    title               TEXT NOT NULL,
    date_from           TEXT,
    date_to             TEXT,
    situation           TEXT NOT NULL DEFAULT '',
    task                TEXT NOT NULL DEFAULT '',
    action              TEXT NOT NULL DEFAULT '',
    result              TEXT NOT NULL DEFAULT '',
    description         TEXT NOT NULL DEFAULT '',
    reflection          TEXT NOT NULL DEFAULT '',
    private             INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
    confidential        INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
    confidential_fields TEXT NOT NULL DEFAULT '',  -- comma-separated field names
    created             TEXT NOT NULL,
    modified            TEXT NOT NULL,
    checksum            TEXT NOT NULL  -- sha256 of the entry's canonical JSON
) STRICT;

CREATE INDEX evidence_when ON evidence (coalesce(date_to, date_from) DESC, title);
CREATE INDEX evidence_date_from ON evidence (date_from);

CREATE TABLE evidence_tag (
    evidence_id TEXT NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    tag         TEXT NOT NULL,
    tag_key     TEXT NOT NULL,  -- casefolded tag, for case-insensitive filtering
    PRIMARY KEY (evidence_id, tag_key)
) STRICT;

CREATE INDEX evidence_tag_key ON evidence_tag (tag_key);

CREATE TABLE evidence_link (
    evidence_id TEXT NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    url         TEXT NOT NULL,
    label       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (evidence_id, position)
) STRICT;

CREATE TABLE evidence_statement (
    evidence_id  TEXT NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    statement_id TEXT NOT NULL,
    PRIMARY KEY (evidence_id, statement_id)
) STRICT;

CREATE INDEX evidence_statement_by_statement ON evidence_statement (statement_id);

CREATE TABLE attachment (
    id          TEXT PRIMARY KEY NOT NULL,
    evidence_id TEXT NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size >= 0),
    sha256      TEXT NOT NULL,
    added       TEXT NOT NULL
) STRICT;

CREATE INDEX attachment_by_evidence ON attachment (evidence_id, position);

-- The bytes live apart so listing entries never loads them.
CREATE TABLE attachment_data (
    attachment_id TEXT PRIMARY KEY NOT NULL REFERENCES attachment (id) ON DELETE CASCADE,
    data          BLOB NOT NULL
) STRICT;

-- One row per entry; rewritten by the storage code in the same transaction as every write.
CREATE VIRTUAL TABLE evidence_fts USING fts5 (
    evidence_id UNINDEXED,
    title,
    story,        -- situation, task, action, result, description, reflection
    tags,
    links,        -- link labels and urls
    attachments,  -- attachment names
    tokenize = 'unicode61 remove_diacritics 2'
);
