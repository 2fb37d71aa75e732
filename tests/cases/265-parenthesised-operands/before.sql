CREATE TABLE ev (
    id bigint NOT NULL,
    ts timestamptz NOT NULL DEFAULT now()
);
