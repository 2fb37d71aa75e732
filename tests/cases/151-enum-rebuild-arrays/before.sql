CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE "Mood[]" AS ENUM ('low', 'mid', 'high');
CREATE TABLE t (id int, m mood, ms mood[], odd "Mood[]", odds "Mood[]"[]);
