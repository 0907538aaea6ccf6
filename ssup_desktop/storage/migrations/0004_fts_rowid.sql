-- Schema 4: the full-text index keyed by its entry's rowid (FTS rowid = evidence.rowid), so a
-- write replaces its entry's row by rowid instead of scanning the whole index, and with prefix
-- indexes for one- to three-character prefixes so the first keystrokes of a search are fast.
-- The app never VACUUMs a portfolio (that could renumber the implicit rowids of `evidence`).

DROP TABLE evidence_fts;

CREATE VIRTUAL TABLE evidence_fts USING fts5 (
    evidence_id UNINDEXED,
    title,
    story,        -- situation, task, action, result, description, reflection
    tags,
    links,        -- link labels and urls
    attachments,  -- attachment names
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

INSERT INTO evidence_fts (rowid, evidence_id, title, story, tags, links, attachments)
SELECT
    e.rowid,
    e.id,
    e.title,
    e.situation || char(10) || e.task || char(10) || e.action || char(10) || e.result
        || char(10) || e.description || char(10) || e.reflection,
    coalesce((SELECT group_concat(tag, ' ') FROM
        (SELECT tag FROM evidence_tag t WHERE t.evidence_id = e.id ORDER BY position)), ''),
    coalesce((SELECT group_concat(label || ' ' || url, ' ') FROM
        (SELECT label, url FROM evidence_link l WHERE l.evidence_id = e.id ORDER BY position)), ''),
    coalesce((SELECT group_concat(name, ' ') FROM
        (SELECT name FROM attachment a WHERE a.evidence_id = e.id ORDER BY position)), '')
FROM evidence e;
