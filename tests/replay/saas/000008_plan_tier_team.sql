-- plumb:no-transaction
-- golang-migrate: 000008_plan_tier_team.up.sql
-- ADD VALUE cannot be used in the transaction that adds it: this file runs
-- outside one (golang-migrate runs each file as one multi-statement exec).
ALTER TYPE plan_tier ADD VALUE IF NOT EXISTS 'team' BEFORE 'enterprise';
UPDATE tenants SET plan = 'team' WHERE plan = 'pro' AND slug LIKE 'team-%';
