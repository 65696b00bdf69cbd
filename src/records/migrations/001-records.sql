-- Answers as they were sent, one vote per user per answer, and each chat's conversation state.
CREATE TABLE answers (
  id         TEXT PRIMARY KEY,
  at         TEXT NOT NULL,
  surface    TEXT NOT NULL,
  chat_id    TEXT,
  user_id    TEXT,
  question   TEXT NOT NULL,
  answer     TEXT NOT NULL,
  status     TEXT NOT NULL CHECK (status IN ('answered', 'not_found')),
  mode       TEXT NOT NULL CHECK (mode IN ('extractive', 'llm')),
  citations  TEXT NOT NULL
);
CREATE INDEX answers_at ON answers (at);

CREATE TABLE votes (
  answer_id  TEXT NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
  user_id    TEXT NOT NULL,
  chat_id    TEXT,
  vote       TEXT NOT NULL CHECK (vote IN ('up', 'down')),
  at         TEXT NOT NULL,
  PRIMARY KEY (answer_id, user_id)
);
CREATE INDEX votes_at ON votes (vote, at);

CREATE TABLE conversations (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
