-- golang-migrate: 000010_events_retention.up.sql
-- January is archived to cold storage; the partition leaves the table.
ALTER TABLE events DETACH PARTITION events_2024_01;
DROP TABLE events_2024_01;

CREATE TABLE events_2024_04 PARTITION OF events
    FOR VALUES FROM ('2024-04-01 00:00:00+00') TO ('2024-05-01 00:00:00+00');
