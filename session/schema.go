package session

// migrations[i] takes the schema from version i to version i+1. The schema
// version lives in PRAGMA user_version; SchemaVersion must equal
// len(migrations), which TestSchemaVersionMatchesMigrations checks.
// Append new steps; never edit a released one.
var migrations = []string{
	// Version 1.
	//
	// Times are Unix milliseconds. messages.seq is the rowid: it orders a
	// conversation's messages and keys the full-text index and the chunks.
	//
	// A streaming reply is stored as rows of chunks, one per flushed delta,
	// so a flush costs the size of the delta, not of the message (SQLite
	// rewrites a whole row on update). Finishing a message, or recovering it
	// after a crash, consolidates its chunks into messages.content.
	//
	// messages_fts indexes messages.content through triggers, so a reply is
	// searchable once it is finished or recovered, not while it streams.
	//
	// conversations.models and message_count are kept by the store so that
	// listing never has to scan messages.
	//
	// messages.writer names the store instance ("pid:token") streaming the
	// message, so that opening the store recovers only the replies whose
	// writer has died, not those another live process is streaming.
	`
CREATE TABLE conversations (
	id            TEXT PRIMARY KEY,
	title         TEXT NOT NULL DEFAULT '',
	created       INTEGER NOT NULL,
	updated       INTEGER NOT NULL,
	provider      TEXT NOT NULL DEFAULT '',
	system_prompt TEXT NOT NULL DEFAULT '',
	models        TEXT NOT NULL DEFAULT '[]',
	message_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conversations_updated ON conversations(updated DESC, id DESC);

CREATE TABLE messages (
	seq               INTEGER PRIMARY KEY,
	id                TEXT NOT NULL UNIQUE,
	conversation_id   TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
	parent_id         TEXT,
	role              TEXT NOT NULL,
	content           TEXT NOT NULL DEFAULT '',
	model             TEXT NOT NULL DEFAULT '',
	created           INTEGER NOT NULL,
	status            TEXT NOT NULL,
	error_text        TEXT NOT NULL DEFAULT '',
	prompt_tokens     INTEGER NOT NULL DEFAULT 0,
	completion_tokens INTEGER NOT NULL DEFAULT 0,
	writer            TEXT
);
CREATE INDEX messages_conversation ON messages(conversation_id, seq);
CREATE INDEX messages_streaming ON messages(status) WHERE status = 'streaming';

CREATE TABLE chunks (
	message_seq INTEGER NOT NULL REFERENCES messages(seq) ON DELETE CASCADE,
	n           INTEGER NOT NULL,
	text        TEXT NOT NULL,
	PRIMARY KEY (message_seq, n)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE messages_fts USING fts5(
	content,
	content = 'messages',
	content_rowid = 'seq',
	tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
	INSERT INTO messages_fts(rowid, content) VALUES (new.seq, new.content);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
	INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.seq, old.content);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
	INSERT INTO messages_fts(messages_fts, rowid, content) VALUES ('delete', old.seq, old.content);
	INSERT INTO messages_fts(rowid, content) VALUES (new.seq, new.content);
END;
`,

	// Version 2: a conversation is a tree of messages.
	//
	// Every message names its parent; the chat used to save prompts without
	// one, so each such message is linked to the one before it, which was
	// its parent in the only branch there was. leaf_id is the last message
	// of the branch in use ('' for the newest message). A conversation
	// keeps the provider it was held with (name and base URL, never a key)
	// and the model of its newest reply, so resuming talks to the same
	// server. Replies keep their reasoning apart from their answer.
	// providers remembers what a server refused (stream_options), by base
	// URL, so later runs do not ask again.
	`
ALTER TABLE conversations ADD COLUMN provider_name TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN model TEXT NOT NULL DEFAULT '';
ALTER TABLE conversations ADD COLUMN leaf_id TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN reasoning TEXT NOT NULL DEFAULT '';
ALTER TABLE messages ADD COLUMN reasoning_ms INTEGER NOT NULL DEFAULT 0;
UPDATE messages SET parent_id = (
	SELECT p.id FROM messages p
	WHERE p.conversation_id = messages.conversation_id AND p.seq < messages.seq
	ORDER BY p.seq DESC LIMIT 1)
WHERE parent_id IS NULL OR parent_id = '';
UPDATE conversations SET model = coalesce((
	SELECT m.model FROM messages m
	WHERE m.conversation_id = conversations.id AND m.role = 'assistant' AND m.model != ''
	ORDER BY m.seq DESC LIMIT 1), '');
CREATE INDEX messages_parent ON messages(parent_id);
CREATE TABLE providers (
	base_url        TEXT PRIMARY KEY,
	no_stream_usage INTEGER NOT NULL DEFAULT 0
);
`,

	// Version 3: files attached to messages. A content is kept once in
	// blobs, by its SHA-256, however many messages carry it; attachments
	// lists a message's files in order. Deleting a conversation deletes its
	// attachments, and the store then drops the blobs nothing refers to.
	`
CREATE TABLE blobs (
	sha256     TEXT PRIMARY KEY,
	media_type TEXT NOT NULL,
	data       BLOB NOT NULL
);
CREATE TABLE attachments (
	message_seq INTEGER NOT NULL REFERENCES messages(seq) ON DELETE CASCADE,
	n           INTEGER NOT NULL,
	name        TEXT NOT NULL,
	sha256      TEXT NOT NULL REFERENCES blobs(sha256),
	PRIMARY KEY (message_seq, n)
) WITHOUT ROWID;
CREATE INDEX attachments_blob ON attachments(sha256);
`,
}

// Since the delta log (deltalog.go), streaming replies no longer write
// chunks rows: a SQLite commit per delta wrote whole WAL pages. The table
// stays so that rows left by earlier lockchat versions are still read and
// consolidated, without a migration that would make those versions open
// the store read-only.

// SchemaVersion is the schema version this package writes.
const SchemaVersion = 3
