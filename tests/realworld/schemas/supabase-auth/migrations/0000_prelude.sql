-- Not upstream: the auth schema, created by supabase/postgres before gotrue migrates.
CREATE SCHEMA IF NOT EXISTS auth;
