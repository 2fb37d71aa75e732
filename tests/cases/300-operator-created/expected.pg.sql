BEGIN;
CREATE OPERATOR "public".~<< (FUNCTION = "reverse_textregexeq", LEFTARG = text, RIGHTARG = text);
-- hazard access-exclusive-lock: locks table "tags" against reads and writes while it runs
-- hazard validates-by-scan: scans table "tags" to check every row
ALTER TABLE "public"."tags" ADD CONSTRAINT "tags_pattern" CHECK (pattern IS NULL OR '' ~<< pattern OR true);
-- hazard builds-index: builds index "tags_self" on "tags", blocking writes meanwhile
CREATE INDEX tags_self ON public.tags USING btree ((name ~<< pattern));
CREATE VIEW public.matching AS SELECT t.id, p.id AS pattern_id FROM tags t JOIN tags p ON t.name ~<< p.pattern;
COMMIT;
