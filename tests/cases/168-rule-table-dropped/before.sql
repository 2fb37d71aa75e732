CREATE TABLE items (id int PRIMARY KEY, name text);
CREATE TABLE drafts (id int PRIMARY KEY, name text);
CREATE RULE drafts_publish AS ON UPDATE TO drafts WHERE new.name IS NOT NULL
  DO ALSO INSERT INTO items VALUES (new.id, new.name);
CREATE RULE drafts_readonly AS ON DELETE TO drafts DO INSTEAD NOTHING;
