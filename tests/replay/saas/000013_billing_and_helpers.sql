-- golang-migrate: 000013_billing_and_helpers.up.sql
CREATE FUNCTION current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE
AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

COMMENT ON FUNCTION current_tenant_id() IS 'The tenant of the current transaction, or NULL.';
REVOKE EXECUTE ON FUNCTION current_tenant_id() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION current_tenant_id() TO app_user;

ALTER TABLE tenants ADD COLUMN slug_lower text GENERATED ALWAYS AS (lower(slug)) STORED;
ALTER TABLE tenants ALTER COLUMN plan SET DEFAULT 'team';
ALTER DOMAIN email ADD CONSTRAINT email_lower CHECK (VALUE = lower(VALUE));

-- May arrives from the loader as a table of its own, then joins events.
CREATE TABLE events_2024_05 (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE events ATTACH PARTITION events_2024_05
    FOR VALUES FROM ('2024-05-01 00:00:00+00') TO ('2024-06-01 00:00:00+00');

CREATE TABLE invoices (
    id          bigint GENERATED ALWAYS AS IDENTITY (START WITH 1000) PRIMARY KEY,
    tenant_id   uuid NOT NULL DEFAULT current_tenant_id() REFERENCES tenants (id),
    amount      numeric(12, 2) NOT NULL CHECK (amount >= 0),
    period      daterange NOT NULL,
    paid_at     timestamptz
);
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invoices USING (tenant_id = current_tenant_id());
CREATE INDEX invoices_unpaid_idx ON invoices (tenant_id, period) WHERE paid_at IS NULL;
ALTER TABLE invoices ALTER COLUMN id RESTART WITH 5000;
