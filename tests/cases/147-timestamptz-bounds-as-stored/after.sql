-- the same instants written in other zones and forms: nothing to do
CREATE TABLE p (at timestamptz NOT NULL, v int) PARTITION BY RANGE (at);
CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2022-04-01 01:00:00+01') TO ('2022-05-01');
CREATE TABLE p2 PARTITION OF p FOR VALUES FROM ('2022-04-30 20:00:00-04') TO ('2022-05-02T10:11:12.500+05:30');
