CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (m mood NOT NULL DEFAULT 'ok' CHECK (m <> 'sad'));
ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';
ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
