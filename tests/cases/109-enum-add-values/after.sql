CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'great');
CREATE TABLE t (m mood);
