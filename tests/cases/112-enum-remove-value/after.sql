CREATE TYPE mood AS ENUM ('happy');
CREATE TABLE t (m mood);
