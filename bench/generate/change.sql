-- The small change of the second generate (run.sh appends it to the schema;
-- gen_drizzle.py --changed writes the same in drizzle's terms).
CREATE TABLE extra (
    id bigint PRIMARY KEY,
    t0000_id bigint REFERENCES t0000 (id),
    note text
);
CREATE INDEX extra_note_idx ON extra (note);
