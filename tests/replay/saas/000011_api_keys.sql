-- golang-migrate: 000011_api_keys.up.sql
CREATE TABLE api_keys (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    prefix      char(8) NOT NULL,
    key_hash    bytea NOT NULL,
    scopes      text[] NOT NULL DEFAULT ARRAY['read']::text[],
    expires_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT api_keys_prefix_key UNIQUE (prefix)
);

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
    FOR ALL TO app_user
    USING (tenant_id = current_setting('app.tenant_id', true)::uuid);

CREATE INDEX api_keys_live_idx ON api_keys (tenant_id) WHERE expires_at IS NULL;

GRANT SELECT, INSERT, DELETE ON api_keys TO app_user;
COMMENT ON COLUMN api_keys.key_hash IS 'sha256 of the key; the key itself is never stored';
