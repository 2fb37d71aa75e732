BEGIN;
CREATE OPERATOR "ops".!- (FUNCTION = "ops"."neg", RIGHTARG = integer);
CREATE TABLE "ops"."items" (
    "id" integer,
    "size" ops.size,
    CONSTRAINT "items_id_check" CHECK ((OPERATOR(ops.!-) id) < 0)
);
CREATE OPERATOR "ops".<<< (FUNCTION = "ops"."size_lt", LEFTARG = ops.size, RIGHTARG = ops.size, COMMUTATOR = OPERATOR("ops".>>>), NEGATOR = OPERATOR("ops".>>=), RESTRICT = "scalarltsel", JOIN = "scalarltjoinsel");
CREATE OPERATOR "ops".>>= (FUNCTION = "ops"."size_ge", LEFTARG = ops.size, RIGHTARG = ops.size, NEGATOR = OPERATOR("ops".<<<));
CREATE OPERATOR "ops".>>> (FUNCTION = "ops"."size_gt", LEFTARG = ops.size, RIGHTARG = ops.size, COMMUTATOR = OPERATOR("ops".<<<));
COMMIT;
