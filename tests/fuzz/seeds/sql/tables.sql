CREATE TABLE users (
  id integer PRIMARY KEY,
  email text NOT NULL UNIQUE, -- plumb:renamed from=mail
  name varchar(20) DEFAULT 'x' CHECK (length(name) > 0),
  created_at timestamp DEFAULT CURRENT_TIMESTAMP
);
CREATE TABLE posts (id integer PRIMARY KEY, user_id int REFERENCES users(id) ON DELETE CASCADE,
  title text COLLATE NOCASE, body text, UNIQUE (user_id, title));
CREATE INDEX posts_title ON posts (lower(title)) WHERE body IS NOT NULL;
CREATE VIEW v AS SELECT u.id, count(*) AS n FROM users u JOIN posts p ON p.user_id = u.id GROUP BY u.id;
CREATE TRIGGER t AFTER INSERT ON users BEGIN UPDATE users SET name = 'y' WHERE id = new.id; END;
