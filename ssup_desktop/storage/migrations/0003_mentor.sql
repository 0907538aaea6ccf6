-- Schema 3: mentor sessions, their verdicts on statements, comments on entries and agreed actions.
-- Every row has a uuid id, `review_of` (the portfolio_id of the portfolio it was recorded in, so a
-- returned review copy can be matched to its portfolio), `author` ('mentor' | 'mentee': a review
-- import takes only the mentor's rows) and `modified` (the newer copy wins when a merge meets the
-- same id with different content). Verdicts are never overwritten by a later session: each session
-- adds its own rows, the newest per statement counts. Entry comments name their entry without a
-- foreign key, so a comment on an entry deleted later survives a merge (and is simply not shown).

CREATE TABLE mentor_session (
    id           TEXT PRIMARY KEY NOT NULL,
    review_of    TEXT NOT NULL,
    author       TEXT NOT NULL DEFAULT 'mentor' CHECK (author IN ('mentor', 'mentee')),
    mentor_name  TEXT NOT NULL DEFAULT '',
    started      TEXT NOT NULL,
    finished     TEXT,
    focus_levels TEXT NOT NULL DEFAULT '',  -- comma-separated level numbers
    notes        TEXT NOT NULL DEFAULT '',
    modified     TEXT NOT NULL
) STRICT;

CREATE INDEX mentor_session_by_time ON mentor_session (started, id);

CREATE TABLE mentor_verdict (
    id            TEXT PRIMARY KEY NOT NULL,
    review_of     TEXT NOT NULL,
    author        TEXT NOT NULL DEFAULT 'mentor' CHECK (author IN ('mentor', 'mentee')),
    session_id    TEXT REFERENCES mentor_session (id) ON DELETE SET NULL,
    statement_id  TEXT NOT NULL,
    verdict       TEXT NOT NULL CHECK (verdict IN ('agreed', 'needs_more_evidence', 'not_yet')),
    comment       TEXT NOT NULL DEFAULT '',
    mentor_name   TEXT NOT NULL DEFAULT '',
    recorded      TEXT NOT NULL,
    evidence_ids  TEXT NOT NULL DEFAULT '[]',  -- JSON array of the entry ids the mentor saw
    evidence_hash TEXT NOT NULL,               -- sha256 over those entries' id|modified|checksum
    modified      TEXT NOT NULL
) STRICT;

CREATE INDEX mentor_verdict_by_statement ON mentor_verdict (statement_id, recorded);
CREATE INDEX mentor_verdict_by_session ON mentor_verdict (session_id);

CREATE TABLE mentor_entry_comment (
    id          TEXT PRIMARY KEY NOT NULL,
    review_of   TEXT NOT NULL,
    author      TEXT NOT NULL DEFAULT 'mentor' CHECK (author IN ('mentor', 'mentee')),
    session_id  TEXT REFERENCES mentor_session (id) ON DELETE SET NULL,
    evidence_id TEXT NOT NULL,
    text        TEXT NOT NULL,
    mentor_name TEXT NOT NULL DEFAULT '',
    created     TEXT NOT NULL,
    modified    TEXT NOT NULL
) STRICT;

CREATE INDEX mentor_entry_comment_by_entry ON mentor_entry_comment (evidence_id, created);

CREATE TABLE mentor_action (
    id         TEXT PRIMARY KEY NOT NULL,
    review_of  TEXT NOT NULL,
    author     TEXT NOT NULL DEFAULT 'mentor' CHECK (author IN ('mentor', 'mentee')),
    session_id TEXT REFERENCES mentor_session (id) ON DELETE SET NULL,
    text       TEXT NOT NULL,
    owner      TEXT NOT NULL DEFAULT 'mentee',  -- 'mentee', 'mentor' or a name
    due        TEXT,                            -- ISO date or NULL
    done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    created    TEXT NOT NULL,
    modified   TEXT NOT NULL
) STRICT;

CREATE INDEX mentor_action_by_session ON mentor_action (session_id, created);
