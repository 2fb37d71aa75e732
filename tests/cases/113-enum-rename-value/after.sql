CREATE TYPE mood AS ENUM (
  'sad',
  'joyful' -- plumb:renamed from=happy
);
CREATE TABLE t (m mood);
