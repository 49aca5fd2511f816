/*
 * doc.c - front-matter splitting, byte-level checks, and file loading.
 */
#include "doc.h"

#include "utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void pl_doc_free(pl_doc *doc)
{
    if (!doc) return;
    pl_arena_free(&doc->arena);
    free(doc->text);
    free(doc->path);
    free(doc);
}

const char *pl_doc_body(const pl_doc *doc, size_t *len)
{
    *len = doc->len - doc->body_start;
    return doc->text + doc->body_start;
}

/* The position of byte off, not counting a BOM as a column: editors do not
 * show it, and the YAML parser never sees it. */
static void byte_position(const char *text, size_t off, int *line, int *col)
{
    size_t bom = off >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    pl_utf8_position(text + bom, off - bom, line, col);
}

/* Files must be UTF-8 without NUL bytes: both break every tool downstream
 * (git diff calls them binary, browsers mangle them). */
static int check_bytes(const char *text, size_t len, pl_error *err)
{
    if (!len) return 0;
    const char *nul = memchr(text, '\0', len);
    size_t bad = pl_utf8_valid_prefix(text, nul ? (size_t)(nul - text) : len);
    int line, col;
    if (nul && bad == (size_t)(nul - text)) {
        byte_position(text, bad, &line, &col);
        return pl_error_set_at(err, PL_EINVALID, line, col,
                               "NUL byte in the file: expected UTF-8 text");
    }
    if (bad < len && (!nul || bad < (size_t)(nul - text))) {
        byte_position(text, bad, &line, &col);
        return pl_error_set_at(err, PL_EINVALID, line, col,
                               "invalid UTF-8 (byte 0x%02x): expected UTF-8 text",
                               (unsigned char)text[bad]);
    }
    return 0;
}

/* Is text[start, end) a delimiter line: the marker, then optional spaces? */
static bool is_marker_line(const char *text, size_t start, size_t end, const char *marker)
{
    /* the first byte rules out almost every line of a front matter */
    if (start == end || text[start] != marker[0]) return false;
    size_t m = strlen(marker);
    if (end - start < m || memcmp(text + start, marker, m) != 0) return false;
    for (size_t i = start + m; i < end; i++)
        if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') return false;
    return true;
}

static pl_doc *new_doc(const char *path, const char *text, size_t len)
{
    pl_doc *doc = pl_calloc(1, sizeof(*doc));
    doc->path = pl_strdup(path ? path : "<input>");
    doc->text = pl_strndup(text, len);
    doc->len = len;
    return doc;
}

int pl_front_matter_split(pl_split *out, const char *text, size_t len, const pl_limits *limits,
                          pl_error *err)
{
    const pl_limits *lim = limits ? limits : pl_limits_default();
    size_t pos = 0;
    memset(out, 0, sizeof(*out));
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        out->has_bom = true;
        pos = 3;
    }
    if (len == 0)
        return pl_error_set_at(err, PL_EINVALID, 1, 1,
                               "the file is empty: expected front matter starting with '---'");
    const char *nl = memchr(text + pos, '\n', len - pos);
    size_t line_end = nl ? (size_t)(nl - text) : len;
    if (!is_marker_line(text, pos, line_end, "---")) {
        if (is_marker_line(text, pos, line_end, "+++"))
            return pl_error_set_at(err, PL_EINVALID, 1, 1,
                                   "TOML front matter (+++) is not supported: expected '---'");
        return pl_error_set_at(err, PL_EINVALID, 1, 1,
                               "expected front matter: the first line must be '---'");
    }
    out->crlf = line_end > pos && text[line_end - 1] == '\r';
    out->fm_start = nl ? line_end + 1 : len;

    /* Find the closing line. */
    int line = 2;
    size_t start = out->fm_start;
    while (start < len) {
        nl = memchr(text + start, '\n', len - start);
        line_end = nl ? (size_t)(nl - text) : len;
        if (is_marker_line(text, start, line_end, "---") ||
            is_marker_line(text, start, line_end, "...")) {
            out->fm_end = start;
            out->body_start = nl ? line_end + 1 : len;
            out->body_line = line + 1;
            if (out->fm_end - out->fm_start > lim->max_front_matter_bytes) break;
            return 0;
        }
        if (start - out->fm_start > lim->max_front_matter_bytes) break;
        start = nl ? line_end + 1 : len;
        line++;
    }
    if (start >= len)
        return pl_error_set_at(err, PL_EINVALID, 1, 1,
                               "front matter opened on line 1 is never closed: expected a line "
                               "'---' or '...'");
    return pl_error_set_at(err, PL_ELIMIT, 1, 1,
                           "front matter is larger than the limit of %zu bytes",
                           lim->max_front_matter_bytes);
}

int pl_doc_parse_markdown(pl_doc **out, const char *path, const char *text, size_t len,
                          const pl_limits *limits, pl_error *err)
{
    const pl_limits *lim = limits ? limits : pl_limits_default();
    pl_split split;
    *out = NULL;
    if (len > lim->max_file_bytes)
        return pl_error_set_at(err, PL_ELIMIT, 1, 1,
                               "file is %zu bytes, more than the limit of %zu", len,
                               lim->max_file_bytes);
    int rc = check_bytes(text, len, err);
    if (!rc) rc = pl_front_matter_split(&split, text, len, lim, err);
    if (rc) return rc;

    pl_doc *doc = new_doc(path, text, len);
    doc->is_markdown = true;
    doc->has_bom = split.has_bom;
    doc->crlf = split.crlf;
    doc->fm_start = split.fm_start;
    doc->fm_end = split.fm_end;
    doc->body_start = split.body_start;
    doc->body_line = split.body_line;
    rc = pl_yaml_parse(&doc->root, &doc->arena, doc->text + doc->fm_start,
                       doc->fm_end - doc->fm_start, 1, lim, err);
    if (rc) {
        pl_doc_free(doc);
        return rc;
    }
    *out = doc;
    return 0;
}

int pl_doc_parse_yaml(pl_doc **out, const char *path, const char *text, size_t len,
                      const pl_limits *limits, pl_error *err)
{
    const pl_limits *lim = limits ? limits : pl_limits_default();
    *out = NULL;
    if (len > lim->max_front_matter_bytes)
        return pl_error_set_at(err, PL_ELIMIT, 1, 1,
                               "document is %zu bytes, more than the limit of %zu", len,
                               lim->max_front_matter_bytes);
    int rc = check_bytes(text, len, err);
    if (rc) return rc;
    pl_doc *doc = new_doc(path, text, len);
    size_t skip = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        doc->has_bom = true;
        skip = 3;
    }
    doc->fm_start = skip;
    doc->fm_end = doc->body_start = len;
    rc = pl_yaml_parse(&doc->root, &doc->arena, doc->text + skip, len - skip, 0, lim, err);
    if (rc) {
        pl_doc_free(doc);
        return rc;
    }
    *out = doc;
    return 0;
}

int pl_read_file(char **out, size_t *len, const char *path, size_t max_bytes, pl_error *err)
{
    *out = NULL;
    *len = 0;
    /* O_NOFOLLOW: a pilot that is a symlink could point anywhere on the
     * machine that runs the hook or renders the site. O_NONBLOCK: a FIFO
     * is refused below as not a regular file instead of waited on. */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ELOOP)
            return pl_error_set(err, PL_EUSAGE,
                                "%s: is a symbolic link; pilotlog never follows them", path);
        return pl_error_set(err, errno == ENOENT ? PL_ENOTFOUND : PL_EIO, "%s: %s", path,
                            strerror(errno));
    }
    int rc = pl_read_fd(out, len, fd, path, max_bytes, err);
    close(fd);
    return rc;
}

int pl_read_fd(char **out, size_t *len, int fd, const char *name, size_t max_bytes, pl_error *err)
{
    struct stat st;
    *out = NULL;
    *len = 0;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return pl_error_set(err, PL_EIO, "%s: not a regular file", name);
    if ((size_t)st.st_size > max_bytes)
        return pl_error_set_at(err, PL_ELIMIT, 1, 1,
                               "file is %lld bytes, more than the limit of %zu",
                               (long long)st.st_size, max_bytes);
    /* a byte more than fstat says: the end is seen without growing the
     * buffer (a multi-MiB cache would be reallocated just to read 0) */
    size_t cap = (size_t)st.st_size < max_bytes ? (size_t)st.st_size + 1 : max_bytes, n = 0;
    char *buf = pl_malloc(cap + 1);
    for (;;) {
        if (n == cap) {
            /* the file grew while we read it; stay within the limit */
            if (cap >= max_bytes) break;
            cap = cap * 2 + 4096 > max_bytes ? max_bytes : cap * 2 + 4096;
            buf = pl_realloc(buf, cap + 1);
        }
        ssize_t got = read(fd, buf + n, cap - n);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            int e = errno;
            free(buf);
            return pl_error_set(err, PL_EIO, "%s: %s", name, strerror(e));
        }
        if (got == 0) break;
        n += (size_t)got;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

int pl_pread_all(int fd, void *buf, size_t len, uint64_t off)
{
    char *p = buf;
    for (size_t done = 0; done < len;) {
        ssize_t n = pread(fd, p + done, len - done, (off_t)(off + done));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        if (n == 0) return EIO; /* the file ends first */
        done += (size_t)n;
    }
    return 0;
}

int pl_write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    for (size_t done = 0; done < len;) {
        ssize_t n = write(fd, p + done, len - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return errno;
        if (n == 0) return EIO; /* no progress: do not spin */
        done += (size_t)n;
    }
    return 0;
}

bool pl_path_is_yaml_doc(const char *path)
{
    return pl_has_suffix(path, ".yaml") || pl_has_suffix(path, ".yml") ||
           pl_has_suffix(path, ".json");
}
