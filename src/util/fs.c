/*
 * File-system access with errors that name the path: whole-file reads,
 * writes of several files together (each to a temporary file, fsync, then
 * all renamed into place, so a failure or a crash never leaves half a file
 * or half of a command's files), sorted directory listings and mkdir -p.
 * SHA-256 lives here too.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "util/util.h"

void plumb_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char md[32];
	unsigned int n = 0;
	static const char hex[] = "0123456789abcdef";
	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	for (unsigned int i = 0; i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

char *plumb_path_join(plumb_arena *a, const char *dir, const char *name)
{
	if (!dir || !*dir || strcmp(dir, ".") == 0)
		return plumb_arena_strdup(a, name);
	size_t n = strlen(dir);
	return plumb_arena_printf(a, "%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
}

int plumb_fs_read(plumb_ctx *ctx, plumb_arena *a, const char *path, char **out, size_t *len)
{
	int rc = 0;
	FILE *f = fopen(path, "rb");
	*out = NULL;
	if (len)
		*len = 0;
	if (!f)
		return plumb_error_set_at(ctx, errno == ENOENT ? PLUMB_ENOTFOUND : PLUMB_EIO, path,
					  0, 0, "could not open file: %s", strerror(errno));
	plumb_buf b;
	plumb_buf_init(&b, a, 0);
	/* a regular file's size known: read into one allocation */
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		plumb_buf_reserve(&b, (size_t)st.st_size);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		plumb_buf_append(&b, chunk, n);
	if (ferror(f)) {
		rc = plumb_error_set_at(ctx, PLUMB_EIO, path, 0, 0, "could not read file: %s",
					strerror(errno));
		goto done;
	}
	if ((rc = plumb_buf_finish(&b, ctx)) < 0)
		goto done;
	/* Every reader hands the text on as a C string: a NUL byte would cut
	 * it short without a word (a migration recorded as applied with only
	 * its first part run), so it is refused here, once for all of them. */
	const char *nul = memchr(b.data, '\0', b.len);
	if (nul) {
		int line, col;
		size_t off = (size_t)(nul - b.data);
		plumb_text_position(b.data, off, &line, &col);
		rc = plumb_error_set_at(ctx, PLUMB_EPARSE, path, line, col,
					"file contains a NUL byte (offset %zu)", off);
		plumb_error_set_hint(ctx, "plumb reads SQL and JSON as text; remove the byte "
					  "(an editor or a tool wrote it there)");
		goto done;
	}
	*out = b.data;
	if (len)
		*len = b.len;
done:
	fclose(f);
	return rc;
}

/* --- writing files together ----------------------------------------------- */

/* Fault injection (tests): the fail_at-th change to the file system fails. */
static long fail_at, n_changes;

long plumb_fs_fail_nth(long n)
{
	long made = n_changes;
	n_changes = 0;
	fail_at = n > 0 ? n : 0;
	return made;
}

/* Counts one change; false (errno set to ENOSPC) when it is the one to fail. */
static bool may_change(void)
{
	if (++n_changes == fail_at) {
		errno = ENOSPC;
		return false;
	}
	return true;
}

typedef struct staged {
	const char *path, *tmp;
	const char *backup;  /* a hard link to the file it replaces, or NULL */
	bool existed;        /* path existed when staged */
	bool renamed;        /* in place */
	bool remove;         /* plumb_fs_batch_remove: no tmp; path goes at commit */
} staged;

struct plumb_fs_batch {
	plumb_ctx *ctx;
	plumb_arena *arena;
	plumb_vec files;     /* staged *, in the order written */
	plumb_vec dirs;      /* folders this batch created, parents first */
	bool committed;
};

/* Puts back what the batch changed: temporary files and backups removed,
 * files renamed into place removed or restored, created folders removed. */
static void batch_undo(void *p)
{
	plumb_fs_batch *b = p;
	if (b->committed)
		return;
	b->committed = true;
	for (size_t i = b->files.n; i-- > 0;) {
		staged *f = b->files.items[i];
		if (f->remove) {
			if (f->renamed)
				rename(f->backup, f->path);
		} else if (f->renamed) {
			if (f->backup)
				rename(f->backup, f->path);
			else if (!f->existed)
				unlink(f->path);
		} else {
			unlink(f->tmp);
			if (f->backup)
				unlink(f->backup);
		}
	}
	for (size_t i = b->dirs.n; i-- > 0;)
		rmdir(b->dirs.items[i]);
}

int plumb_fs_batch_new(plumb_ctx *ctx, plumb_arena *arena, plumb_fs_batch **out)
{
	plumb_fs_batch *b = plumb_arena_alloc(arena, sizeof(*b));
	*out = NULL;
	if (!b)
		return plumb_error_nomem(ctx);
	b->ctx = ctx;
	b->arena = arena;
	if (plumb_arena_defer(arena, batch_undo, b) < 0)
		return plumb_error_nomem(ctx);
	*out = b;
	return 0;
}

/* Creates the missing parents of path, remembering them for batch_undo. */
static int make_parents(plumb_fs_batch *b, const char *path)
{
	plumb_ctx *ctx = b->ctx;
	char *p = plumb_arena_strdup(b->arena, path);
	if (!p)
		return plumb_error_nomem(ctx);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (!plumb_fs_exists(p)) {
			char *dir = plumb_arena_strdup(b->arena, p);
			if (!dir || plumb_vec_push(b->arena, &b->dirs, dir) < 0)
				return plumb_error_nomem(ctx);
			if (!may_change() || mkdir(p, 0755) != 0) {
				b->dirs.n--;
				return plumb_error_set_at(ctx, PLUMB_EIO, p, 0, 0,
							  "could not create directory: %s",
							  strerror(errno));
			}
		} else if (!plumb_fs_is_dir(p)) {
			return plumb_error_set_at(ctx, PLUMB_EIO, p, 0, 0, "not a directory");
		}
		*s = '/';
	}
	return 0;
}

int plumb_fs_batch_write(plumb_fs_batch *b, const char *path, const char *data, size_t len)
{
	plumb_ctx *ctx = b->ctx;
	int rc = 0, fd = -1;
	assert(!b->committed);
	staged *f = plumb_arena_alloc(b->arena, sizeof(*f));
	if (!f)
		return plumb_error_nomem(ctx);
	f->path = plumb_arena_strdup(b->arena, path);
	f->tmp = plumb_arena_printf(b->arena, "%s.tmp.%ld.%zu", path, (long)getpid(), b->files.n);
	if (!f->path || !f->tmp)
		return plumb_error_nomem(ctx);
	if ((rc = make_parents(b, path)) < 0)
		return rc;
	if (!may_change() || (fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL, 0644)) < 0)
		return plumb_error_set_at(ctx, PLUMB_EIO, path, 0, 0, "could not create file: %s",
					  strerror(errno));
	if (plumb_vec_push(b->arena, &b->files, f) < 0) {
		close(fd);
		unlink(f->tmp);
		return plumb_error_nomem(ctx);
	}
	size_t off = 0;
	while (off < len) {
		ssize_t w = may_change() ? write(fd, data + off, len - off) : -1;
		if (w < 0) {
			if (errno == EINTR)
				continue;
			rc = plumb_error_set_at(ctx, PLUMB_EIO, path, 0, 0,
						"could not write file: %s", strerror(errno));
			goto done;
		}
		off += (size_t)w;
	}
	if (!may_change() || fsync(fd) != 0) {
		rc = plumb_error_set_at(ctx, PLUMB_EIO, path, 0, 0, "could not fsync file: %s",
					strerror(errno));
		goto done;
	}
done:
	if (close(fd) != 0 && !rc)
		rc = plumb_error_set_at(ctx, PLUMB_EIO, path, 0, 0, "could not write file: %s",
					strerror(errno));
	if (rc < 0) { /* a failed write leaves no temporary file */
		unlink(f->tmp);
		b->files.n--;
	}
	return rc;
}

int plumb_fs_batch_remove(plumb_fs_batch *b, const char *path)
{
	plumb_ctx *ctx = b->ctx;
	assert(!b->committed);
	staged *f = plumb_arena_alloc(b->arena, sizeof(*f));
	if (!f)
		return plumb_error_nomem(ctx);
	f->remove = true;
	f->existed = true;
	f->path = plumb_arena_strdup(b->arena, path);
	f->backup = plumb_arena_printf(b->arena, "%s.old.%ld.%zu", path, (long)getpid(),
				       b->files.n);
	if (!f->path || !f->backup || plumb_vec_push(b->arena, &b->files, f) < 0)
		return plumb_error_nomem(ctx);
	return 0;
}

/* Renames f into place, first keeping the file it replaces as a backup. */
static int put_in_place(plumb_fs_batch *b, staged *f)
{
	plumb_ctx *ctx = b->ctx;
	struct stat st;
	f->existed = lstat(f->path, &st) == 0;
	if (f->existed) {
		char *backup = plumb_arena_printf(b->arena, "%s.old.%ld", f->path, (long)getpid());
		if (!backup)
			return plumb_error_nomem(ctx);
		unlink(backup);
		if (!may_change())
			return plumb_error_set_at(ctx, PLUMB_EIO, f->path, 0, 0,
						  "could not keep a copy of the file: %s",
						  strerror(errno));
		/* where hard links are not possible the old file cannot come
		 * back, and a failure after this rename leaves the new one */
		if (link(f->path, backup) == 0)
			f->backup = backup;
	}
	if (!may_change() || rename(f->tmp, f->path) != 0)
		return plumb_error_set_at(ctx, PLUMB_EIO, f->path, 0, 0,
					  "could not rename file: %s", strerror(errno));
	f->renamed = true;
	return 0;
}

int plumb_fs_batch_commit(plumb_fs_batch *b)
{
	int rc = 0;
	assert(!b->committed);
	/* new files first, files that replace others last: should a rename
	 * fail, what is in place is undone by batch_undo */
	for (int pass = 0; pass < 2 && !rc; pass++) {
		for (size_t i = 0; i < b->files.n && !rc; i++) {
			staged *f = b->files.items[i];
			struct stat st;
			if (f->remove || f->renamed || (lstat(f->path, &st) == 0) == (pass == 0))
				continue;
			rc = put_in_place(b, f);
		}
	}
	/* removals last, each kept aside until the commit is through */
	for (size_t i = 0; i < b->files.n && !rc; i++) {
		staged *f = b->files.items[i];
		if (!f->remove)
			continue;
		if (!may_change() || rename(f->path, f->backup) != 0)
			rc = plumb_error_set_at(b->ctx, PLUMB_EIO, f->path, 0, 0,
						"could not remove file: %s", strerror(errno));
		else
			f->renamed = true;
	}
	if (rc < 0) {
		batch_undo(b);
		return rc;
	}
	b->committed = true;
	for (size_t i = 0; i < b->files.n; i++) {
		staged *f = b->files.items[i];
		if (f->backup)
			unlink(f->backup);
	}
	return 0;
}

bool plumb_write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	while (n) {
		ssize_t w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		c += w;
		n -= (size_t)w;
	}
	return true;
}

int plumb_fs_write_atomic(plumb_ctx *ctx, const char *path, const char *data, size_t len)
{
	plumb_fs_batch *b;
	plumb_arena *a = plumb_arena_new(ctx->root);
	int rc;
	if (!a)
		return plumb_error_nomem(ctx);
	if ((rc = plumb_fs_batch_new(ctx, a, &b)) == 0 &&
	    (rc = plumb_fs_batch_write(b, path, data, len)) == 0)
		rc = plumb_fs_batch_commit(b);
	plumb_arena_free(a); /* undoes whatever was not committed */
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int plumb_fs_list(plumb_ctx *ctx, plumb_arena *a, const char *dir, const char *suffix,
		  plumb_vec *out)
{
	DIR *d = opendir(dir);
	if (!d)
		return plumb_error_set_at(ctx, errno == ENOENT ? PLUMB_ENOTFOUND : PLUMB_EIO, dir, 0,
					  0, "could not open directory: %s", strerror(errno));
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (suffix && !plumb_str_ends_with(e->d_name, suffix))
			continue;
		char *full = plumb_path_join(a, dir, e->d_name);
		struct stat st;
		if (!full) {
			rc = plumb_error_nomem(ctx);
			break;
		}
		/* A listed name that cannot be read (a dangling symbolic link,
		 * a fifo) is an error naming it, never skipped: a migration
		 * left out without a word would be reported as missing, or not
		 * at all. Folders that happen to end in suffix are not files. */
		if (stat(full, &st) != 0) {
			struct stat lst;
			bool dangling = lstat(full, &lst) == 0 && S_ISLNK(lst.st_mode);
			rc = plumb_error_set_at(ctx, errno == ENOENT ? PLUMB_ENOTFOUND : PLUMB_EIO,
						full, 0, 0, "could not read file: %s%s",
						strerror(errno),
						dangling ? " (a symbolic link to nothing)" : "");
			break;
		}
		if (S_ISDIR(st.st_mode))
			continue;
		if (!S_ISREG(st.st_mode)) {
			rc = plumb_error_set_at(ctx, PLUMB_EIO, full, 0, 0, "not a regular file");
			break;
		}
		char *name = plumb_arena_strdup(a, e->d_name);
		if (!name || plumb_vec_push(a, out, name) < 0) {
			rc = plumb_error_nomem(ctx);
			break;
		}
	}
	closedir(d);
	if (!rc)
		plumb_vec_sort(out, cmp_str);
	return rc;
}

bool plumb_fs_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool plumb_fs_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

int plumb_fs_mkdir_p(plumb_ctx *ctx, const char *path)
{
	char *p = plumb_arena_strdup(ctx->root, path);
	if (!p)
		return plumb_error_nomem(ctx);
	for (char *s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0755) != 0 && errno != EEXIST)
				return plumb_error_set_at(ctx, PLUMB_EIO, p, 0, 0,
							  "could not create directory: %s",
							  strerror(errno));
			*s = c;
			if (!c)
				break;
		}
	}
	if (!plumb_fs_is_dir(path))
		return plumb_error_set_at(ctx, PLUMB_EIO, path, 0, 0, "not a directory");
	return 0;
}
