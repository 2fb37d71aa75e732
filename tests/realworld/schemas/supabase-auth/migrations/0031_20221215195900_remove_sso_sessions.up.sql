-- sso_sessions is not used as all of the necessary data is in sessions
drop table if exists auth.sso_sessions;

