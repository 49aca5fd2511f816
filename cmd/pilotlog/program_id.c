/*
 * program_id.c - which build of pilotlog is running, for what it keeps
 * between runs: a site's pages and the cache of judged pilots are reused
 * only by the same program, so a new build never serves what an older one
 * made.
 */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "commands.h"

#include "strmap.h"

#include <elf.h>
#include <link.h>
#include <stdio.h>
#include <string.h>

/*
 * The program is named by the linker's build id (a SHA-1 of the linked
 * output, `-Wl,--build-id`), or by a hash of its own bytes when it has
 * none; 0 (reuse nothing) when neither can be read.
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

uint64_t program_id(void)
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
