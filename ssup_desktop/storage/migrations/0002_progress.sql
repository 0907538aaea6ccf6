-- Schema 2: progress toward the next level. Self-assessments per statement, the history of every
-- assessment change (the owner's own, and a mentor's verdicts: kind 'self' | 'mentor'), the
-- development plan's actions, and portfolio-wide preferences (e.g. the recency window in years).
-- Statement ids are stored as the owner saw them (any edition); the domain maps them across.

CREATE TABLE assessment (
    statement_id TEXT PRIMARY KEY NOT NULL,
    rating       TEXT NOT NULL CHECK (rating IN ('not_yet', 'developing', 'demonstrated')),
    note         TEXT NOT NULL DEFAULT '',
    modified     TEXT NOT NULL
) STRICT;

CREATE TABLE assessment_history (
    id           TEXT PRIMARY KEY NOT NULL,  -- uuid
    kind         TEXT NOT NULL DEFAULT 'self' CHECK (kind IN ('self', 'mentor')),
    statement_id TEXT NOT NULL,
    changed      TEXT NOT NULL,              -- when the change was made
    old_value    TEXT,                       -- NULL: there was no rating/verdict before
    new_value    TEXT,                       -- NULL: the rating/verdict was withdrawn
    note         TEXT NOT NULL DEFAULT '',   -- the justification given for the change
    source_id    TEXT                        -- e.g. the mentor session the verdict came from
) STRICT;

CREATE INDEX assessment_history_by_time ON assessment_history (changed, id);
CREATE INDEX assessment_history_by_statement ON assessment_history (statement_id, changed);

CREATE TABLE plan_action (
    id           TEXT PRIMARY KEY NOT NULL,  -- uuid
    text         TEXT NOT NULL,
    due          TEXT,                       -- ISO date or NULL
    done         INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    done_at      TEXT,
    source       TEXT NOT NULL DEFAULT 'user' CHECK (source IN ('user', 'mentor')),
    statement_id TEXT,
    level        INTEGER CHECK (level BETWEEN 1 AND 7),
    created      TEXT NOT NULL,
    modified     TEXT NOT NULL
) STRICT;

CREATE INDEX plan_action_order ON plan_action (done, due IS NULL, due, created);

CREATE TABLE preference (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL                      -- JSON
) STRICT;
