CREATE TABLE base (id bigserial, kind text NOT NULL);
CREATE TABLE base_a (CONSTRAINT only_a CHECK (kind = 'A'), UNIQUE (id, kind))
  INHERITS (base);
CREATE TABLE base_b (note text, kind text DEFAULT 'B') INHERITS (base);
