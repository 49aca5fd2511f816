/*
 * doc.h - a pilot file as text: the front matter split off the Markdown
 * body and parsed into a value tree with file positions.
 *
 * Splitting follows what Hugo and Jekyll users expect: an optional UTF-8
 * BOM, a first line "---", the YAML, a closing line "---" or "...", then the
 * body. CRLF line endings are accepted anywhere.
 */
#ifndef PL_DOC_H
#define PL_DOC_H

#include "arena.h"
#include "value.h"
#include "parse_yaml.h"

typedef struct pl_doc {
    char *path; /* as given by the caller, for messages */
    char *text; /* the whole file, NUL-terminated */
    size_t len;
    size_t fm_start;   /* byte offset of the first YAML line */
    size_t fm_end;     /* byte offset just after the last YAML line */
    size_t body_start; /* byte offset of the body */
    int body_line;     /* file line number of the body's first line */
    bool has_bom;
    bool crlf;        /* the opening line ends in CRLF */
    bool is_markdown; /* false for a whole-YAML document */
    pl_value *root;   /* the front matter (or the whole YAML document) */
    pl_arena arena;
} pl_doc;

/* Where the parts of a Markdown file are, without parsing the YAML. */
typedef struct pl_split {
    size_t fm_start, fm_end; /* the YAML lines */
    size_t body_start;
    int body_line;
    bool has_bom, crlf;
} pl_split;

/* Finds the front matter's opening and closing lines. PL_EINVALID when
 * there is none or it is never closed, PL_ELIMIT when it is too large. */
int pl_front_matter_split(pl_split *out, const char *text, size_t len, const pl_limits *limits,
                          pl_error *err);

/* Parses a Markdown file with front matter. text is copied. On PL_EINVALID
 * or PL_ELIMIT err carries the position; *out is NULL. */
int pl_doc_parse_markdown(pl_doc **out, const char *path, const char *text, size_t len,
                          const pl_limits *limits, pl_error *err);
/* Parses a whole file as one YAML (or JSON) document. */
int pl_doc_parse_yaml(pl_doc **out, const char *path, const char *text, size_t len,
                      const pl_limits *limits, pl_error *err);
void pl_doc_free(pl_doc *doc);
/* Whether a path names a whole YAML/JSON document (.yaml, .yml, .json). */
bool pl_path_is_yaml_doc(const char *path);

/* The body as a pointer into doc->text and its length. */
const char *pl_doc_body(const pl_doc *doc, size_t *len);

/* Reads a regular file into memory, refusing symlinks and files larger than
 * max_bytes. The result is NUL-terminated; the caller frees it. */
int pl_read_file(char **out, size_t *len, const char *path, size_t max_bytes, pl_error *err);
/* The same for a file already open at fd (left open); name is for the
 * messages. */
int pl_read_fd(char **out, size_t *len, int fd, const char *name, size_t max_bytes, pl_error *err);
/* Reads exactly len bytes at offset off of fd into buf, again after
 * interruptions: 0, or the errno of the failure (EIO: the file ends
 * first). */
int pl_pread_all(int fd, void *buf, size_t len, uint64_t off);
/* Writes all len bytes of data to fd, again after interruptions: 0, or
 * the errno of the failure. */
int pl_write_all(int fd, const void *data, size_t len);

#endif
