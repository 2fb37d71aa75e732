CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE t (m mood NOT NULL DEFAULT 'ok' CHECK (m <> 'sad'));
