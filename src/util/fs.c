/*
 * File-system access with errors that name the path: whole-file reads,
 * atomic writes (temporary file, fsync, rename, so a crash never leaves half a
 * file), sorted directory listings and mkdir -p. SHA-256 lives here too.
 */
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

int plumb_fs_write_atomic(plumb_ctx *ctx, const char *path, const char *data, size_t len)
{
	int rc = 0, fd = -1;
	char *tmp = plumb_arena_printf(ctx->root, "%s.tmp.%ld", path, (long)getpid());
	if (!tmp)
		return plumb_error_nomem(ctx);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return plumb_error_set_at(ctx, PLUMB_EIO, path, 0, 0, "could not create file: %s",
					  strerror(errno));
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			rc = plumb_error_set_at(ctx, PLUMB_EIO, path, 0, 0,
						"could not write file: %s", strerror(errno));
			goto done;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0) {
		rc = plumb_error_set_at(ctx, PLUMB_EIO, path, 0, 0, "could not fsync file: %s",
					strerror(errno));
		goto done;
	}
	close(fd);
	fd = -1;
	if (rename(tmp, path) != 0) {
		rc = plumb_error_set_at(ctx, PLUMB_EIO, path, 0, 0, "could not rename file: %s",
					strerror(errno));
		goto done;
	}
done:
	if (fd >= 0)
		close(fd);
	if (rc)
		unlink(tmp);
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
