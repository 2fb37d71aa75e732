/*
 * The offline builder's operator families and classes: CREATE OPERATOR
 * FAMILY, CREATE OPERATOR CLASS (its family made when it names none, as
 * the server makes it), ALTER OPERATOR FAMILY ... ADD and DROP, RENAME TO,
 * SET SCHEMA, and the targets of DROP OPERATOR CLASS and FAMILY. Members
 * are read as pg_amop and pg_amproc hold them (a support function's types
 * inferred as the server's assignProcTypes infers them) into the family's
 * canonical text (opclass.c). A class dropped takes the members it listed
 * from its family, where the server keeps those an access method leaves
 * loose (a GiST class's operators, say). A class renamed or moved is
 * named so by the indexes and exclusion constraints naming it; it does not
 * follow what a member's function or operator takes along.
 */
#include <string.h>

#include "dialect/pg/offline_rename.h"
#include "dialect/pg/opclass.h"

/* The members of each family (by schema, name) and those each class
 * listed (by "class", schema, name): plumb_vec of plumb_pg_opmember *. */
static plumb_vec *members_of(ox *x, const char *tag, const char *schema, const char *name,
			     bool make)
{
	if (!x->opmembers && !(x->opmembers = plumb_map_new(x->tmp, false))) {
		nomem(x);
		return NULL;
	}
	plumb_vec *v = plumb_map_get(x->opmembers, tag, schema, name);
	if (v || !make)
		return v;
	v = plumb_arena_alloc(x->tmp, sizeof(*v));
	if (!v || plumb_map_put(x->opmembers, tag, dup(x, schema), dup(x, name), v) < 0) {
		nomem(x);
		return NULL;
	}
	*v = (plumb_vec){0};
	return v;
}

/* The family's canonical texts from its members. */
static void family_texts(ox *x, plumb_object *f)
{
	plumb_vec *v = members_of(x, "family", f->schema, f->name, true);
	if (!v)
		return;
	plumb_pg_opmember *m = plumb_arena_alloc(x->tmp, (v->n + 1) * sizeof(*m));
	if (!m) {
		nomem(x);
		return;
	}
	for (size_t i = 0; i < v->n; i++)
		m[i] = *(const plumb_pg_opmember *)v->items[i];
	if (plumb__pg_opfamily_define(x->st.arena, f, m, v->n) < 0)
		nomem(x);
}

/* The object name "name USING am" of a name list. */
static const char *opc_name(ox *x, PgQuery__Node **names, size_t n, const char *am,
			    const char **schema)
{
	const char *base;
	split_names(names, n, schema, &base);
	char *s = plumb__pg_opc_name(x->st.arena, base, am);
	if (!s)
		nomem(x);
	return s;
}

/* A family named by names that the server has of its own (pg_catalog's,
 * named so or bare): plumb does not read what is added to one, and says so
 * at loc (introspection names it in the unmanaged list). */
static bool builtin_family(ox *x, PgQuery__Node **names, size_t n, const char *am, size_t loc)
{
	const char *first = n == 2 ? plumb__pg_strval(names[0]) : NULL;
	const char *base = n ? plumb__pg_strval(names[n - 1]) : NULL;
	if (!base || (n == 2 && (!first || strcmp(first, "pg_catalog") != 0)) || n > 2 ||
	    !plumb__pg_opc_builtin(true, am, base))
		return false;
	error_at(x, loc,
		 "operator family pg_catalog.%s (%s) is the server's own: plumb does not read what "
		 "is added to it offline; give --dev-url (pull and diff name it and leave it out)",
		 base, am);
	return true;
}

static plumb_object *new_family(ox *x, const char *schema, const char *name)
{
	plumb_object *f = new_object(x, PLUMB_OBJ_OPFAMILY, schema, name);
	if (f)
		family_texts(x, f);
	return f;
}

void create_opfamily(ox *x, PgQuery__CreateOpFamilyStmt *cs, size_t loc)
{
	const char *schema, *name = opc_name(x, cs->opfamilyname, cs->n_opfamilyname, cs->amname,
					     &schema);
	if (!name)
		return;
	if (find_object(x, PLUMB_OBJ_OPFAMILY, schema, name)) {
		error_at(x, loc, "operator family \"%.*s\" for access method \"%s\" already exists",
			 (int)(strlen(name) - strlen(cs->amname) - 7), name, cs->amname);
		return;
	}
	plumb_object *f = new_family(x, schema, name);
	const char *old = annotation_at(x, loc);
	if (f && old)
		f->renamed_from = plumb__pg_opc_name(x->st.arena, old, cs->amname);
}

/* --- members ------------------------------------------------------------------------------- */

/* The argument types of function ow: as written, or those of the one
 * function of its name. n_out 0 and false when it cannot be known. */
static bool func_args(ox *x, PgQuery__ObjectWithArgs *ow, const char ***out, size_t *n_out,
		      size_t loc)
{
	*n_out = 0;
	if (ow->args_unspecified) {
		plumb_object *f = function_of(x, ow, loc);
		const char *p = f ? strchr(f->name, '(') : NULL;
		if (!p)
			return false;
		const char *args = plumb_arena_strndup(x->tmp, p + 1, strlen(p + 1) - 1);
		const char **v = plumb_arena_alloc(x->tmp, (strlen(p) + 1) * sizeof(*v));
		if (!args || !v) {
			nomem(x);
			return false;
		}
		for (const char *s = args; *s;) {
			const char *e = strstr(s, ", ");
			size_t len = e ? (size_t)(e - s) : strlen(s);
			v[(*n_out)++] = plumb_arena_strndup(x->tmp, s, len);
			s += len + (e ? 2 : 0);
		}
		*out = v;
		return true;
	}
	const char **v = plumb_arena_alloc(x->tmp, (ow->n_objargs + 1) * sizeof(*v));
	if (!v) {
		nomem(x);
		return false;
	}
	for (size_t i = 0; i < ow->n_objargs; i++)
		if (ow->objargs[i]->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
			v[(*n_out)++] = func_arg_type(x, ow->objargs[i]->type_name);
	*out = v;
	return !x->st.rc;
}

/* The types an item gives (op_type [, op_type]): one stands for both. */
static void item_types(ox *x, PgQuery__Node **args, size_t n, const char **left,
		       const char **right)
{
	if (n >= 1 && args[0]->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
		*left = *right = func_arg_type(x, args[0]->type_name);
	if (n >= 2 && args[1]->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
		*right = func_arg_type(x, args[1]->type_name);
}

/* One OPERATOR or FUNCTION item of a class (type its FOR TYPE) or of ALTER
 * ... ADD (type NULL) as pg_amop or pg_amproc holds it; false on an error. */
static bool read_member(ox *x, PgQuery__CreateOpClassItem *it, const char *am, const char *type,
			plumb_pg_opmember *m, size_t loc)
{
	PgQuery__ObjectWithArgs *ow = it->name;
	const char *schema, *name;
	if (!ow)
		return false;
	split_names(ow->objname, ow->n_objname, &schema, &name);
	*m = (plumb_pg_opmember){.kind = it->itemtype == 1 ? 'o' : 'f', .number = it->number};
	if (m->kind == 'o') {
		/* the operator's own types: as written, or the class's */
		item_types(x, ow->objargs, ow->n_objargs, &m->left, &m->right);
		if (!m->left && !type) {
			error_at(x, loc, "operator argument types must be specified in ALTER "
					 "OPERATOR FAMILY");
			return false;
		}
		if (!m->left)
			m->left = m->right = type;
		m->ref = plumb__pg_opc_oper_ref(x->st.arena, schema, name);
		if (it->n_order_family) {
			const char *fs, *fn;
			split_names(it->order_family, it->n_order_family, &fs, &fn);
			/* bare, pg_catalog's first, as the server looks it up */
			if (it->n_order_family == 1 && plumb__pg_opc_builtin(true, "btree", fn))
				fs = "pg_catalog";
			m->sortfamily = plumb__pg_opc_ref(x->st.arena, fs, fn, "btree");
		}
		return m->ref != NULL && !x->st.rc;
	}
	const char **args;
	size_t n;
	if (!func_args(x, ow, &args, &n, loc))
		return false;
	const char *list = "";
	for (size_t i = 0; i < n; i++)
		list = fmt(x, "%s%s%s", list, i ? ", " : "", args[i]);
	char *ref = plumb__pg_proc_ref(x->st.arena, schema, name);
	m->ref = ref ? fmt(x, "%s(%s)", ref, list) : NULL;
	item_types(x, it->class_args, it->n_class_args, &m->left, &m->right);
	/* assignProcTypes: what the function's arguments say, else the class's */
	bool btree = strcmp(am, "btree") == 0, hash = strcmp(am, "hash") == 0;
	if (!m->left && btree && m->number == 1 && n == 2)
		m->left = args[0], m->right = args[1];
	else if (!m->left && btree && m->number == 3 && n == 5)
		m->left = args[0], m->right = args[2];
	else if (!m->left && hash && (m->number == 1 || m->number == 2) && n >= 1)
		m->left = m->right = args[0];
	if (!m->left && !type) {
		error_at(x, loc, "associated data types must be specified for index support "
				 "function");
		return false;
	}
	if (!m->left)
		m->left = m->right = type;
	return m->ref != NULL && !x->st.rc;
}

static bool same_member(const plumb_pg_opmember *a, const plumb_pg_opmember *b)
{
	return a->kind == b->kind && a->number == b->number && strcmp(a->left, b->left) == 0 &&
	       strcmp(a->right, b->right) == 0;
}

/* Member m added to family f (and to the list of class schema.cls when
 * given); false on an error. */
static bool add_member(ox *x, plumb_object *f, const char *cls_schema, const char *cls,
		       const plumb_pg_opmember *m, size_t loc)
{
	plumb_vec *v = members_of(x, "family", f->schema, f->name, true);
	if (!v)
		return false;
	for (size_t i = 0; i < v->n; i++)
		if (same_member(v->items[i], m)) {
			error_at(x, loc, "%s %d(%s,%s) already exists in operator family \"%s\"",
				 m->kind == 'o' ? "operator" : "function", m->number, m->left,
				 m->right, f->name);
			return false;
		}
	plumb_pg_opmember *c = alloc(x, sizeof(*c));
	if (!c)
		return false;
	*c = *m;
	push(x, v, c);
	if (cls) {
		plumb_vec *cv = members_of(x, "class", cls_schema, cls, true);
		if (cv)
			push(x, cv, c);
	}
	return !x->st.rc;
}

/* The member of family f with m's kind, number and types taken out; false
 * when it has none. */
static bool remove_member(ox *x, plumb_object *f, const plumb_pg_opmember *m)
{
	plumb_vec *v = members_of(x, "family", f->schema, f->name, false);
	for (size_t i = 0; v && i < v->n; i++)
		if (same_member(v->items[i], m)) {
			plumb_vec_remove(v, i);
			return true;
		}
	return false;
}

/* --- CREATE OPERATOR CLASS, ALTER OPERATOR FAMILY ----------------------------------------------- */

void create_opclass(ox *x, PgQuery__CreateOpClassStmt *cs, size_t loc)
{
	const char *am = cs->amname, *schema;
	const char *name = opc_name(x, cs->opclassname, cs->n_opclassname, am, &schema);
	const char *type = cs->datatype ? func_arg_type(x, cs->datatype) : NULL;
	if (!name || !type)
		return;
	if (find_object(x, PLUMB_OBJ_OPCLASS, schema, name)) {
		error_at(x, loc, "operator class \"%s\" already exists", name);
		return;
	}
	/* its family: the one named, else the one of its name, made when missing */
	const char *fschema = schema, *fname = name;
	if (cs->n_opfamilyname)
		fname = opc_name(x, cs->opfamilyname, cs->n_opfamilyname, am, &fschema);
	plumb_object *f = fname ? find_object(x, PLUMB_OBJ_OPFAMILY, fschema, fname) : NULL;
	if (!f && cs->n_opfamilyname) {
		if (!x->st.rc && !builtin_family(x, cs->opfamilyname, cs->n_opfamilyname, am, loc))
			error_at(x, loc, "operator family \"%s\" does not exist", fname);
		return;
	}
	/* a -- plumb:renamed annotation renames it, and the family it makes */
	const char *old = annotation_at(x, loc);
	old = old ? plumb__pg_opc_name(x->st.arena, old, am) : NULL;
	if (!f && (f = new_family(x, fschema, fname)) != NULL)
		f->renamed_from = old;
	if (!f)
		return;
	const char *storage = NULL;
	for (size_t i = 0; i < cs->n_items && !x->st.rc; i++) {
		if (cs->items[i]->node_case != PG_QUERY__NODE__NODE_CREATE_OP_CLASS_ITEM)
			continue;
		PgQuery__CreateOpClassItem *it = cs->items[i]->create_op_class_item;
		if (it->itemtype == 3) {
			storage = it->storedtype ? func_arg_type(x, it->storedtype) : NULL;
			continue;
		}
		plumb_pg_opmember m;
		if (!read_member(x, it, am, type, &m, loc) || !add_member(x, f, schema, name, &m, loc))
			return;
	}
	if (storage && strcmp(storage, type) == 0)
		storage = NULL; /* the server keeps none */
	if (cs->is_default && builtin_default_opclass(x, am, type)) {
		error_at(x, loc, "could not make operator class \"%s\" be default for type %s",
			 name, type);
		return;
	}
	if (cs->is_default)
		for (size_t i = 0; i < x->cat->objects.n; i++) {
			const plumb_object *o = x->cat->objects.items[i];
			const char *base, *oam;
			if (o->kind == PLUMB_OBJ_OPCLASS && o->values.n &&
			    strcmp(o->values.items[0], type) == 0 &&
			    plumb__pg_opc_split(x->tmp, o->name, &base, &oam) &&
			    strcmp(oam, am) == 0 && strstr(o->definition, " DEFAULT FOR ")) {
				error_at(x, loc, "could not make operator class \"%s\" be default "
						 "for type %s",
					 name, type);
				return;
			}
		}
	const char *base, *fbase, *fam;
	if (!plumb__pg_opc_split(x->tmp, name, &base, &fam) ||
	    !plumb__pg_opc_split(x->tmp, f->name, &fbase, &fam))
		return;
	plumb_object *o = new_object(x, PLUMB_OBJ_OPCLASS, schema, name);
	if (!o)
		return;
	o->renamed_from = old;
	o->sql = o->definition =
		plumb__pg_opclass_define(x->st.arena, schema, base, cs->is_default, type, am,
					 plumb__pg_qualified(x->st.arena, f->schema, fbase), storage);
	push(x, &o->depends, (void *)fmt(x, "%s.%s", f->schema, f->name));
	push(x, &o->values, (void *)dup(x, type)); /* its type, for DEFAULT's check */
	if (!o->sql)
		nomem(x);
	family_texts(x, f);
}

void alter_opfamily(ox *x, PgQuery__AlterOpFamilyStmt *as, size_t loc)
{
	const char *schema;
	const char *name = opc_name(x, as->opfamilyname, as->n_opfamilyname, as->amname, &schema);
	plumb_object *f = name ? find_object(x, PLUMB_OBJ_OPFAMILY, schema, name) : NULL;
	if (!f) {
		if (!x->st.rc &&
		    !builtin_family(x, as->opfamilyname, as->n_opfamilyname, as->amname, loc))
			error_at(x, loc, "operator family \"%s\" does not exist", name ? name : "");
		return;
	}
	for (size_t i = 0; i < as->n_items && !x->st.rc; i++) {
		if (as->items[i]->node_case != PG_QUERY__NODE__NODE_CREATE_OP_CLASS_ITEM)
			continue;
		PgQuery__CreateOpClassItem *it = as->items[i]->create_op_class_item;
		plumb_pg_opmember m = {.kind = it->itemtype == 1 ? 'o' : 'f', .number = it->number};
		if (as->is_drop) {
			item_types(x, it->class_args, it->n_class_args, &m.left, &m.right);
			if (!m.left || !remove_member(x, f, &m)) {
				error_at(x, loc, "%s %d(%s,%s) does not exist in operator family \"%s\"",
					 m.kind == 'o' ? "operator" : "function", m.number,
					 m.left ? m.left : "", m.right ? m.right : "", f->name);
				return;
			}
		} else if (!read_member(x, it, as->amname, NULL, &m, loc) ||
			   !add_member(x, f, NULL, NULL, &m, loc)) {
			return;
		}
	}
	family_texts(x, f);
}

/* --- DROP, RENAME, SET SCHEMA ----------------------------------------------------------------- */

/* The class or family a DROP, RENAME or SET SCHEMA names: (am, name...). */
static plumb_object *named(ox *x, plumb_obj_kind kind, PgQuery__Node *obj, bool missing_ok)
{
	if (!obj || obj->node_case != PG_QUERY__NODE__NODE_LIST || obj->list->n_items < 2)
		return NULL;
	PgQuery__Node **v = obj->list->items;
	const char *am = plumb__pg_strval(v[0]), *schema;
	const char *name = am ? opc_name(x, v + 1, obj->list->n_items - 1, am, &schema) : NULL;
	plumb_object *o = name ? find_object(x, kind, schema, name) : NULL;
	if (!o && !missing_ok && !x->st.rc)
		error_at(x, x->loc, "%s \"%s\" does not exist", plumb_obj_kind_name(kind),
			 name ? name : "");
	return o;
}

bool drop_opc_target(ox *x, PgQuery__DropStmt *ds, PgQuery__Node *obj, dobj *out)
{
	bool cls = ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_OPCLASS;
	plumb_object *o = named(x, cls ? PLUMB_OBJ_OPCLASS : PLUMB_OBJ_OPFAMILY, obj, ds->missing_ok);
	if (!o)
		return false;
	*out = (dobj){D_OBJECT, o, NULL};
	return true;
}

void opc_dropped(ox *x, plumb_object *o)
{
	if (o->kind == PLUMB_OBJ_OPFAMILY) {
		plumb_vec *fv = members_of(x, "family", o->schema, o->name, false);
		if (fv)
			fv->n = 0;
		return;
	}
	if (o->kind != PLUMB_OBJ_OPCLASS || !o->depends.n)
		return;
	plumb_vec *cv = members_of(x, "class", o->schema, o->name, false);
	const char *dot = strchr(o->depends.items[0], '.');
	const char *fs = dot ? plumb_arena_strndup(x->tmp, o->depends.items[0],
						   (size_t)(dot - (const char *)o->depends.items[0]))
			     : NULL;
	plumb_object *f = fs ? find_object(x, PLUMB_OBJ_OPFAMILY, fs, dot + 1) : NULL;
	if (!f)
		return;
	for (size_t i = 0; cv && i < cv->n; i++)
		remove_member(x, f, cv->items[i]);
	family_texts(x, f);
}

/* Equal texts, neither NULL. */
static bool eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

void opc_oper_moved(ox *x, const char *schema, const char *name, const char *left,
		    const char *right, const char *nschema)
{
	const char *ref = plumb__pg_opc_oper_ref(x->tmp, schema, name);
	const char *nref = plumb__pg_opc_oper_ref(x->st.arena, nschema, name);
	if (!ref || !nref) {
		nomem(x);
		return;
	}
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *c = x->cat->objects.items[i];
		if (c->kind != PLUMB_OBJ_OPFAMILY && c->kind != PLUMB_OBJ_OPCLASS)
			continue;
		plumb_vec *v = members_of(x, c->kind == PLUMB_OBJ_OPFAMILY ? "family" : "class",
					  c->schema, c->name, false);
		bool hit = false;
		for (size_t j = 0; v && j < v->n; j++) {
			plumb_pg_opmember *m = v->items[j];
			if (m->kind == 'o' && eq(m->ref, ref) && eq(m->left, left) &&
			    eq(m->right, right)) {
				m->ref = nref;
				hit = true;
			}
		}
		if (hit && c->kind == PLUMB_OBJ_OPFAMILY)
			family_texts(x, c);
	}
}

/* o under schema nschema and name nw (object name "nw USING am"): made
 * again, with its members and the classes of a family following. */
static void move(ox *x, plumb_object *o, const char *nschema, const char *nw)
{
	const char *base, *am;
	if (!plumb__pg_opc_split(x->tmp, o->name, &base, &am))
		return;
	const char *name = fmt(x, "%s USING %s", nw, am);
	if (!name)
		return;
	if (find_object(x, o->kind, nschema, name)) {
		error_at(x, x->loc, "%s \"%s\" already exists in schema \"%s\"",
			 plumb_obj_kind_name(o->kind), name, nschema);
		return;
	}
	const char *tag = o->kind == PLUMB_OBJ_OPFAMILY ? "family" : "class";
	plumb_vec *mv = members_of(x, tag, o->schema, o->name, false);
	const char *old_key = fmt(x, "%s.%s", o->schema, o->name);
	plumb_object saved = *o;
	plumb_catalog_remove_item(x->cat, &x->cat->objects, o);
	plumb_object *n = new_object(x, o->kind, nschema, name);
	if (!n)
		return;
	n->depends = saved.depends;
	n->values = saved.values;
	n->renamed_from = saved.renamed_from;
	if (mv) {
		plumb_vec *nv = members_of(x, tag, nschema, name, true);
		if (nv)
			*nv = *mv;
		*mv = (plumb_vec){0};
	}
	if (n->kind == PLUMB_OBJ_OPFAMILY) {
		family_texts(x, n);
		/* its classes name it */
		const char *fref = plumb__pg_qualified(x->st.arena, nschema, nw);
		for (size_t i = 0; i < x->cat->objects.n && fref; i++) {
			plumb_object *c = x->cat->objects.items[i];
			if (c->kind != PLUMB_OBJ_OPCLASS || !c->depends.n ||
			    strcmp(c->depends.items[0], old_key) != 0)
				continue;
			c->depends.items[0] = (void *)fmt(x, "%s.%s", nschema, name);
			const char *fam = strstr(c->definition, " FAMILY ");
			const char *rest = fam ? strstr(fam, " STORAGE ") : NULL;
			if (fam)
				c->sql = c->definition =
					fmt(x, "%.*s FAMILY %s%s", (int)(fam - c->definition),
					    c->definition, fref, rest ? rest : "");
		}
		return;
	}
	/* a class: its header under the new name, and the indexes and
	 * exclusions naming it */
	const char *for_type = strstr(saved.definition, " FOR TYPE ");
	const char *dflt = strstr(saved.definition, " DEFAULT FOR TYPE ");
	n->sql = n->definition = fmt(x, "CREATE OPERATOR CLASS %s%s",
				     plumb__pg_qualified(x->st.arena, nschema, nw),
				     dflt ? dflt : for_type ? for_type : "");
	ren r = {.x = x,
		 .kind = R_OPC,
		 .schema = saved.schema,
		 .old = base,
		 .nschema = nschema,
		 .nw = nw,
		 .table = am};
	redo_all(&r);
}

void rename_opc(ox *x, PgQuery__RenameStmt *rs)
{
	plumb_obj_kind k = rs->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_OPCLASS
				   ? PLUMB_OBJ_OPCLASS
				   : PLUMB_OBJ_OPFAMILY;
	plumb_object *o = named(x, k, rs->object, rs->missing_ok);
	if (o)
		move(x, o, o->schema, rs->newname);
}

void opc_set_schema(ox *x, PgQuery__AlterObjectSchemaStmt *as)
{
	plumb_obj_kind k = as->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_OPCLASS
				   ? PLUMB_OBJ_OPCLASS
				   : PLUMB_OBJ_OPFAMILY;
	plumb_object *o = named(x, k, as->object, as->missing_ok);
	const char *base, *am;
	if (o && strcmp(o->schema, as->newschema) != 0 &&
	    plumb__pg_opc_split(x->tmp, o->name, &base, &am))
		move(x, o, as->newschema, base);
}
