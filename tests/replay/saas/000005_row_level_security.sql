-- golang-migrate: 000005_row_level_security.up.sql
-- The application sets app.tenant_id per transaction:
--   SET LOCAL app.tenant_id = '...';
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE projects FORCE ROW LEVEL SECURITY;

CREATE POLICY tenant_isolation ON users
    USING (tenant_id = current_setting('app.tenant_id')::uuid);

CREATE POLICY tenant_isolation ON projects
    USING (tenant_id = current_setting('app.tenant_id', true)::uuid)
    WITH CHECK (tenant_id = current_setting('app.tenant_id', true)::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON users, projects TO app_user;
GRANT SELECT ON tenants TO app_user;
GRANT SELECT ON tenants TO app_readonly;
