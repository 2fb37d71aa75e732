-- golang-migrate: 000012_users_full_name_backfill.up.sql
UPDATE users SET full_name = split_part(email, '@', 1) WHERE full_name IS NULL;
ALTER TABLE users ALTER COLUMN full_name SET NOT NULL;
ALTER TABLE users ALTER COLUMN full_name SET DEFAULT '';
ALTER TABLE users ADD COLUMN locale text NOT NULL DEFAULT 'en'
    CONSTRAINT users_locale_check CHECK (locale IN ('en', 'de', 'fr'));
DROP POLICY tenant_isolation ON users;
CREATE POLICY tenant_isolation ON users
    USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
REVOKE DELETE ON users FROM app_user;
