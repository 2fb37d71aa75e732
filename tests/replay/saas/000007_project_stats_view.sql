-- golang-migrate: 000007_project_stats_view.up.sql
CREATE VIEW project_overview AS
    SELECT p.id, p.tenant_id, p.name, u.email AS owner_email
    FROM projects p
    LEFT JOIN users u ON u.id = p.owner_id
    WHERE NOT p.archived;

CREATE MATERIALIZED VIEW tenant_event_counts AS
    SELECT tenant_id, kind, count(*) AS n, max(occurred_at) AS last_at
    FROM events
    GROUP BY tenant_id, kind
WITH NO DATA;

CREATE UNIQUE INDEX tenant_event_counts_key ON tenant_event_counts (tenant_id, kind);

COMMENT ON MATERIALIZED VIEW tenant_event_counts IS 'Refreshed nightly by the worker.';
