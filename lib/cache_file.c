/*
 * cache_file.c - the framing, reading and writing the caches in the git
 * directory share (cache_file.h).
 */
#include "cache_file.h"

#include "doc.h"
#include "strmap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_CACHE (1u << 30) /* a larger file is ignored, not read */
#define FILE_TAIL ".cache"

void pl_cache_put_strn(pl_buf *b, const char *s, size_t len)
{
    uint32_t n = (uint32_t)len;
    pl_buf_put(b, &n, 4);
    pl_buf_put(b, s, len);
    pl_buf_putc(b, '\0');
}

void pl_cache_put_str(pl_buf *b, const char *s)
{
    if (s) {
        pl_cache_put_strn(b, s, strlen(s));
    } else {
        uint32_t n = PL_CACHE_NO_STRING;
        pl_buf_put(b, &n, 4);
    }
}

void pl_cache_path(pl_buf *out, git_repository *repo, const char *head, const char *pilots_dir)
{
    pl_buf_printf(out, "%spilotlog", git_repository_commondir(repo));
    mkdir(out->ptr, 0755);
    pl_buf_printf(out, "/%s%016llx" FILE_TAIL, head,
                  (unsigned long long)pl_hash_bytes(pilots_dir, strlen(pilots_dir)));
}

void pl_cache_header(pl_buf *out, const char *magic, uint32_t format)
{
    pl_buf_put(out, magic, 4);
    pl_buf_put(out, &format, 4);
    pl_buf_puts(out, PILOTLOG_VERSION);
    pl_buf_putc(out, '\0');
}

/* Reads fd's size bytes into an anonymous mapping, for a file system that
 * cannot map the file itself; NULL when that fails. */
static char *read_into_mapping(int fd, size_t size)
{
    char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return NULL;
    if (pl_pread_all(fd, p, size, 0) == 0) return p;
    munmap(p, size);
    return NULL;
}

bool pl_cache_read(const char *path, const pl_buf *header, char **data, size_t *len)
{
    *data = NULL;
    *len = 0;
    /* O_NONBLOCK: a FIFO in its place is not waited on (it is not a file) */
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
        (uint64_t)st.st_size <= MAX_CACHE) {
        size_t size = (size_t)st.st_size;
        /* Mapped, not read: a cache is several MiB, and copying it into
         * fresh memory cost a rebuild more time (in page faults) than
         * decoding it. The mapping stays valid: pilotlog never shortens a
         * cache file in place (it appends, or renames a new file over it).
         * Private and writable, so nothing reaches the file. */
        char *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
        *data = p != MAP_FAILED ? p : read_into_mapping(fd, size);
        if (*data) *len = size;
    }
    close(fd);
    return *data && *len >= header->len && memcmp(*data, header->ptr, header->len) == 0;
}

void pl_cache_release(char *data, size_t len)
{
    if (data) munmap(data, len);
}

uint64_t pl_cache_put_record(pl_buf *out, const void *payload, size_t len)
{
    uint32_t n = (uint32_t)len;
    uint64_t sum = pl_hash_bytes(payload, len);
    pl_buf_put(out, &n, 4);
    pl_buf_put(out, payload, len);
    pl_buf_put(out, &sum, 8);
    return sum;
}

bool pl_cache_next_record(const char *data, size_t len, size_t *pos, const unsigned char **payload,
                          uint32_t *payload_len, uint64_t *sum_out)
{
    size_t at = *pos;
    uint32_t n;
    uint64_t sum;
    if (at > len || len - at < 4) return false;
    memcpy(&n, data + at, 4);
    if (n > len - at - 4 || len - at - 4 - n < 8) return false;
    memcpy(&sum, data + at + 4 + n, 8);
    const unsigned char *p = (const unsigned char *)data + at + 4;
    if (sum != pl_hash_bytes(p, n)) return false;
    *payload = p;
    *payload_len = n;
    if (sum_out) *sum_out = sum;
    *pos = at + 4 + (size_t)n + 8;
    return true;
}

int pl_cache_open_target(const char *path, size_t loaded_len, bool append, pl_buf *tmp)
{
    if (append) {
        int fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC);
        struct stat st;
        if (fd >= 0 &&
            (flock(fd, LOCK_EX) != 0 || fstat(fd, &st) != 0 || (size_t)st.st_size != loaded_len)) {
            close(fd); /* someone else wrote meanwhile: the next run rewrites */
            fd = -1;
        }
        return fd;
    }
    pl_buf_printf(tmp, "%s.%ld.tmp", path, (long)getpid());
    return open(tmp->ptr, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
}

bool pl_cache_finish(int fd, bool ok, const char *path, const pl_buf *tmp)
{
    ok = close(fd) == 0 && ok;
    /* a torn append is harmless: loading stops at the first record that
     * does not check out */
    if (tmp->len && (!ok || rename(tmp->ptr, path) != 0)) {
        unlink(tmp->ptr);
        return false;
    }
    return ok;
}

void pl_cache_remove_other_formats(const char *path, const char *head, const char *magic,
                                   uint32_t format)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return;
    char *dir_path = pl_strndup(path, (size_t)(slash - path));
    DIR *dir = opendir(dir_path);
    free(dir_path);
    if (!dir) return;
    struct dirent *d;
    size_t head_len = strlen(head), tail_len = strlen(FILE_TAIL);
    while ((d = readdir(dir))) {
        size_t n = strlen(d->d_name);
        if (n < head_len + tail_len || strncmp(d->d_name, head, head_len) != 0 ||
            strcmp(d->d_name + n - tail_len, FILE_TAIL) != 0 || strcmp(d->d_name, slash + 1) == 0)
            continue;
        int fd = openat(dirfd(dir), d->d_name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) continue;
        unsigned char got[8];
        uint32_t got_format;
        bool stale = read(fd, got, sizeof(got)) == (ssize_t)sizeof(got) &&
                     memcmp(got, magic, 4) == 0 &&
                     (memcpy(&got_format, got + 4, 4), got_format != format);
        close(fd);
        if (stale) unlinkat(dirfd(dir), d->d_name, 0);
    }
    closedir(dir);
}
