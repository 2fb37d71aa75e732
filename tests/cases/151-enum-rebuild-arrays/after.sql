CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TYPE "Mood[]" AS ENUM ('low', 'high');
CREATE TABLE t (id int, m mood, ms mood[], odd "Mood[]", odds "Mood[]"[]);
