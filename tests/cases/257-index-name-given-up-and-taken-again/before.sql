CREATE TABLE build_events (
    build_id integer NOT NULL,
    event_id integer NOT NULL
);
CREATE UNIQUE INDEX build_events_build_id_event_id ON build_events (build_id, event_id);
