-- A history read as one schema file: the index's name is given up by a
-- rename, then taken by a new index. The new CREATE stays after the rename.
CREATE TABLE build_events (
    build_id integer NOT NULL,
    event_id integer NOT NULL
);
CREATE UNIQUE INDEX build_events_build_id_event_id ON build_events (build_id, event_id);
ALTER TABLE build_events RENAME COLUMN build_id TO build_id_old;
ALTER INDEX build_events_build_id_event_id RENAME TO build_events_build_id_old_event_id;
ALTER TABLE build_events ADD COLUMN build_id bigint;
CREATE UNIQUE INDEX build_events_build_id_event_id ON build_events (build_id, event_id);
