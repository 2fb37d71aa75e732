ALTER TABLE jobs
  ADD COLUMN disable_reruns boolean NOT NULL DEFAULT FALSE;
