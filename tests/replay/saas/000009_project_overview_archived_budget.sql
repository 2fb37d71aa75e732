-- golang-migrate: 000009_project_overview_archived_budget.up.sql
ALTER TABLE projects ALTER COLUMN budget TYPE numeric(12, 2) USING budget::numeric / 100;
ALTER TABLE projects ADD COLUMN currency char(3) NOT NULL DEFAULT 'EUR';

CREATE OR REPLACE VIEW project_overview AS
    SELECT p.id, p.tenant_id, p.name, u.email AS owner_email, p.budget, p.currency
    FROM projects p
    LEFT JOIN users u ON u.id = p.owner_id
    WHERE NOT p.archived;

GRANT SELECT ON project_overview TO app_readonly;
