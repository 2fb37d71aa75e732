-- golang-migrate: 000001_tenants.up.sql
CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE DOMAIN email AS text
    CHECK (VALUE ~ '^[^@\s]+@[^@\s]+$');

CREATE TYPE plan_tier AS ENUM ('free', 'pro', 'enterprise');

CREATE TABLE tenants (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug        text NOT NULL UNIQUE,
    name        text NOT NULL,
    plan        plan_tier NOT NULL DEFAULT 'free',
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE tenants IS 'One row per customer organisation.';
