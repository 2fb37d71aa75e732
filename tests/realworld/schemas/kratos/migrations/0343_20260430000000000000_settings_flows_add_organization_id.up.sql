alter table selfservice_settings_flows add column if not exists organization_id uuid null;
