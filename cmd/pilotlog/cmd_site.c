/*
 * cmd_site.c - `pilotlog site -o DIR`: the static status site of a
 * revision (HEAD by default), read from git without a checkout, so it also
 * runs in a bare repository's post-receive hook.
 */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "commands.h"

#include "render/site.h"
#include "strmap.h"

#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const site_usage[] = {
    "pilotlog site -o DIR [--rev REV] [--today DATE] [--title TITLE] [--base-url URL] "
    "[--no-history]",
    "pilotlog site -o DIR REPO[@REF]...   (one portfolio of several repositories)",
    NULL,
};

/* Progress on a terminal only: one line, rewritten in place. */
static void show_progress(void *ctx, const char *phase, size_t done, size_t total)
{
    PL_UNUSED(ctx);
    fprintf(stderr, "\rpilotlog site: %s %zu/%zu", phase, done, total);
    if (done == total) fputs("\033[K\r", stderr);
    fflush(stderr);
}

/*
 * Who renders: the linker's build id of this program (a SHA-1 of the
 * linked output, `-Wl,--build-id`), or a hash of the program's own bytes
 * when it has none. A rebuild reuses the previous site's pages only if the
 * same program made them, so a new build of pilotlog never serves pages an
 * older one rendered. 0 (reuse nothing) when neither can be read.
 */
static size_t note_align(size_t n)
{
    return (n + 3) & ~(size_t)3;
}

/* The first loaded object is the program itself; its notes are mapped. */
static int find_build_id(struct dl_phdr_info *info, size_t size, void *ctx)
{
    PL_UNUSED(size);
    uint64_t *id = ctx;
    for (int i = 0; i < info->dlpi_phnum && !*id; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE) continue;
        const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
        size_t left = ph->p_memsz;
        while (left >= sizeof(ElfW(Nhdr))) {
            ElfW(Nhdr) nh;
            memcpy(&nh, p, sizeof(nh));
            size_t name = note_align(nh.n_namesz), desc = note_align(nh.n_descsz);
            if (name > left - sizeof(nh) || desc > left - sizeof(nh) - name) break;
            if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
                memcmp(p + sizeof(nh), "GNU", 4) == 0 && nh.n_descsz > 0) {
                *id = pl_hash_bytes(p + sizeof(nh) + name, nh.n_descsz) | 1;
                break;
            }
            p += sizeof(nh) + name + desc;
            left -= sizeof(nh) + name + desc;
        }
    }
    return 1; /* the program only */
}

static uint64_t renderer_id(void)
{
    uint64_t id = 0;
    dl_iterate_phdr(find_build_id, &id);
    if (id) return id;
    /* /proc/self/exe is a link by design: opened as it is, not through
     * pl_read_file, which refuses links */
    FILE *f = fopen("/proc/self/exe", "rb");
    if (!f) return 0;
    pl_buf data = PL_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) pl_buf_put(&data, chunk, n);
    bool ok = !ferror(f) && data.len > 0;
    fclose(f);
    id = ok ? pl_hash_bytes(data.ptr, data.len) | 1 : 0;
    pl_buf_free(&data);
    return id;
}

int cmd_site(int argc, char **argv)
{
    const char *out = NULL, *rev = "HEAD", *today_s = NULL, *title = NULL, *base_url = NULL;
    bool no_history = false, no_cache = false;
    const option opts[] = {
        OPT_STRING('o', "output", &out, "DIR", "where to write the site (replaced as a whole)"),
        OPT_STRING(0, "rev", &rev, "REV",
                   "revision to render (default HEAD; REPO@REF overrides per repository)"),
        OPT_STRING(0, "today", &today_s, "DATE", "judge dates as of this day"),
        OPT_STRING(0, "title", &title, "TITLE",
                   "site title (default: site.title from .pilotlog/config.yaml)"),
        OPT_STRING(0, "base-url", &base_url, "URL",
                   "where the site is published, for the Atom feed's links"),
        OPT_FLAG(0, "no-history", &no_history,
                 "render the revision only, without walking the history"),
        OPT_FLAG(0, "no-cache", &no_cache,
                 "walk the whole history again, ignoring the cache in the git directory"),
        OPT_END(),
    };
    int n = parse_options(argc, argv, opts, site_usage);
    if (n < 0) return n == -2 ? EXIT_OK : EXIT_USAGE;
    if (!out || !*out) {
        usage_with_options(site_usage, opts, true);
        return EXIT_USAGE;
    }
    int today, rc;
    if ((rc = cli_today(today_s, &today))) return rc;
    sources src;
    if ((rc = sources_open(&src, argv, n, rev,
                           SOURCE_PILOTS | (no_history ? 0 : SOURCE_HISTORY) |
                               (no_cache ? SOURCE_NO_CACHE : 0),
                           today)))
        return rc;
    pl_error err;
    pl_error_clear(&err);
    pl_site_opts so = {.out_dir = out,
                       .title = title,
                       .base_url = base_url ? base_url : src.rules->config.base_url,
                       .revision = src.label,
                       .today = today};
    so.renderer_id = renderer_id();
    if (isatty(STDERR_FILENO)) so.progress = show_progress;
    pl_site_input in = {&src.pilots, src.rules, src.history};
    if (pl_site_write(&in, &so, &err))
        rc = cli_fail(&err);
    else
        printf("site written: %s/index.html (%zu pilot%s)\n", out, src.pilots.len,
               src.pilots.len == 1 ? "" : "s");
    sources_close(&src);
    return rc;
}
