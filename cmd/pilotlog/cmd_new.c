/*
 * cmd_new.c - `pilotlog new TITLE`: write pilots/<id>.md from a template
 * and commit it as a proposal.
 */
#include "commands.h"

#include "date.h"
#include "edit.h"
#include "embedded.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

static const char *const new_usage[] = {
    "pilotlog new TITLE [--kind poc|pilot] [--owner NAME] [--id ID] [--template NAME] "
    "[--hypothesis TEXT] "
    "[-m MESSAGE]",
    NULL,
};

/* Latin letters with diacritics folded to ASCII for ids ("Müller" ->
 * "muller"); anything else becomes a separator. */
static const char *fold(uint32_t cp)
{
    static const struct {
        uint32_t from, to;
        const char *ascii;
    } ranges[] = {
        {0xC0, 0xC5, "a"},   {0xC6, 0xC6, "ae"},  {0xC7, 0xC7, "c"},   {0xC8, 0xCB, "e"},
        {0xCC, 0xCF, "i"},   {0xD0, 0xD0, "d"},   {0xD1, 0xD1, "n"},   {0xD2, 0xD6, "o"},
        {0xD8, 0xD8, "o"},   {0xD9, 0xDC, "u"},   {0xDD, 0xDD, "y"},   {0xDF, 0xDF, "ss"},
        {0xE0, 0xE5, "a"},   {0xE6, 0xE6, "ae"},  {0xE7, 0xE7, "c"},   {0xE8, 0xEB, "e"},
        {0xEC, 0xEF, "i"},   {0xF0, 0xF0, "d"},   {0xF1, 0xF1, "n"},   {0xF2, 0xF6, "o"},
        {0xF8, 0xF8, "o"},   {0xF9, 0xFC, "u"},   {0xFD, 0xFF, "y"},   {0x100, 0x105, "a"},
        {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"}, {0x11C, 0x123, "g"},
        {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x134, 0x135, "j"}, {0x136, 0x137, "k"},
        {0x139, 0x142, "l"}, {0x143, 0x148, "n"}, {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"},
        {0x154, 0x159, "r"}, {0x15A, 0x161, "s"}, {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
        {0x174, 0x175, "w"}, {0x176, 0x178, "y"}, {0x179, 0x17E, "z"},
    };
    for (size_t i = 0; i < PL_ARRAY_SIZE(ranges); i++)
        if (cp >= ranges[i].from && cp <= ranges[i].to) return ranges[i].ascii;
    return NULL;
}

/* "AI triage for Tier-1 (Süd)" -> "ai-triage-for-tier-1-sud" */
static void slugify(char out[PL_ID_MAX + 1], const char *title)
{
    size_t n = 0;
    bool dash = false;
    const unsigned char *s = (const unsigned char *)title;
    while (*s && n < PL_ID_MAX) {
        uint32_t cp;
        size_t len = pl_utf8_decode(s, strlen((const char *)s), &cp);
        if (!len) len = 1, cp = '?';
        s += len;
        const char *ascii = NULL;
        char one[2] = {0, 0};
        if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
            one[0] = (char)cp;
            ascii = one;
        } else if (cp >= 'A' && cp <= 'Z') {
            one[0] = (char)(cp - 'A' + 'a');
            ascii = one;
        } else {
            ascii = fold(cp);
        }
        if (!ascii) {
            dash = n > 0;
            continue;
        }
        if (dash && n + 1 < PL_ID_MAX) out[n++] = '-';
        dash = false;
        for (; *ascii && n < PL_ID_MAX; ascii++) out[n++] = *ascii;
    }
    while (n > 0 && out[n - 1] == '-') n--;
    out[n] = '\0';
}

/* Replaces {{name}} placeholders: YAML scalars in the front matter, plain
 * text in the body. */
static void expand(pl_buf *out, const char *tmpl, const char *const vars[][2], size_t nvars)
{
    const char *body = NULL;
    if (strncmp(tmpl, "---", 3) == 0) {
        const char *close = strstr(tmpl + 3, "\n---");
        body = close ? close + 4 : NULL;
    }
    for (const char *p = tmpl; *p;) {
        if (p[0] == '{' && p[1] == '{') {
            const char *end = strstr(p, "}}");
            bool done = false;
            for (size_t i = 0; end && i < nvars && !done; i++) {
                size_t k = strlen(vars[i][0]);
                if ((size_t)(end - p - 2) == k && strncmp(p + 2, vars[i][0], k) == 0) {
                    if (!body || p < body)
                        pl_yaml_string(out, vars[i][1]);
                    else
                        pl_buf_puts(out, vars[i][1]);
                    p = end + 2;
                    done = true;
                }
            }
            if (done) continue;
        }
        pl_buf_putc(out, *p++);
    }
}

static int load_template(cli_repo *repo, const char *name, char **out, pl_error *err)
{
    pl_buf rel = PL_BUF_INIT;
    size_t len;
    pl_buf_printf(&rel, ".pilotlog/templates/%s.md", name);
    int rc = pl_store_read_worktree(repo->store, rel.ptr, out, &len, err);
    pl_buf_free(&rel);
    if (rc != PL_ENOTFOUND) return rc;
    pl_buf builtin = PL_BUF_INIT;
    pl_buf_printf(&builtin, "templates/%s.md", name);
    const pl_embedded *e = pl_embedded_find(builtin.ptr);
    pl_buf_free(&builtin);
    if (!e)
        return pl_error_set(
            err, PL_ENOTFOUND,
            "no template '%s' (looked in .pilotlog/templates/ and the built-in pilot, poc)", name);
    *out = pl_strndup(e->data, e->len);
    return 0;
}

int cmd_new(int argc, char **argv)
{
    const char *kind = NULL, *owner = NULL, *id_opt = NULL, *tmpl_name = NULL, *hypothesis = NULL;
    const char *message = NULL;
    const option opts[] = {
        OPT_STRING(0, "kind", &kind, "KIND", "poc or pilot (default: the template's, else pilot)"),
        OPT_STRING(0, "owner", &owner, "NAME", "accountable owner (default: you, from git config)"),
        OPT_STRING(0, "id", &id_opt, "ID", "file name (default: made from the title)"),
        OPT_STRING(0, "template", &tmpl_name, "NAME",
                   "template from .pilotlog/templates/ or built-in pilot, poc"),
        OPT_STRING(0, "hypothesis", &hypothesis, "TEXT", "what the pilot sets out to show"),
        OPT_STRING('m', "message", &message, "MESSAGE", "commit message"),
        OPT_END(),
    };
    int n = parse_options(argc, argv, opts, new_usage);
    if (n < 0) return n == -2 ? EXIT_OK : EXIT_USAGE;
    if (n != 1 || !*argv[0]) {
        usage_with_options(new_usage, opts, true);
        return EXIT_USAGE;
    }
    const char *title = argv[0];
    if (kind && strcmp(kind, "poc") != 0 && strcmp(kind, "pilot") != 0) {
        cli_error("--kind '%s': expected poc or pilot", kind);
        return EXIT_USAGE;
    }
    char id[PL_ID_MAX + 1];
    if (id_opt) {
        int bad = cli_check_id(id_opt);
        if (bad) return bad;
        snprintf(id, sizeof(id), "%s", id_opt);
    } else {
        slugify(id, title);
        if (!pl_id_valid(id)) {
            cli_error("cannot make an id from '%s': pass --id", title);
            return EXIT_USAGE;
        }
    }
    int rc, today;
    char today_s[11];
    if ((rc = cli_today(NULL, &today))) return rc;
    pl_date_format(today, today_s);
    cli_repo repo;
    if ((rc = cli_open_repo(&repo, true, NULL))) return rc;

    pl_error err;
    pl_error_clear(&err);
    char *who = NULL;
    if (!owner) {
        git_signature *sig;
        if (pl_store_signature(repo.store, false, &sig, &err)) {
            cli_close_repo(&repo);
            return cli_fail(&err);
        }
        pl_buf b = PL_BUF_INIT;
        pl_buf_printf(&b, "%s <%s>", sig->name, sig->email);
        who = pl_buf_detach(&b);
        git_signature_free(sig);
        owner = who;
    }
    char *tmpl = NULL;
    if (load_template(&repo, tmpl_name ? tmpl_name : (kind ? kind : "pilot"), &tmpl, &err)) {
        free(who);
        cli_close_repo(&repo);
        return cli_fail(&err);
    }
    pl_buf hyp = PL_BUF_INIT;
    if (hypothesis)
        pl_buf_puts(&hyp, hypothesis);
    else
        pl_buf_printf(&hyp, "To be stated: what \"%s\" should prove, and to whom.", title);
    const char *vars[][2] = {{"title", title}, {"owner", owner},   {"hypothesis", hyp.ptr},
                             {"id", id},       {"today", today_s}, {"kind", kind ? kind : "pilot"}};
    pl_buf content = PL_BUF_INIT;
    expand(&content, tmpl, vars, PL_ARRAY_SIZE(vars));
    if (kind) { /* --kind wins over whatever the template says */
        const char *assign[1];
        pl_buf a = PL_BUF_INIT;
        pl_buf_printf(&a, "kind=%s", kind);
        assign[0] = a.ptr;
        pl_buf edited = PL_BUF_INIT;
        if (pl_edit_assignments(&edited, "new.md", content.ptr, content.len, assign, 1, &err) ==
            0) {
            pl_buf_free(&content);
            content = edited;
        }
        pl_buf_free(&a);
    }

    pilot_edit e;
    pilot_edit_init(&e, &repo, id, today);
    pl_buf subject = PL_BUF_INIT;
    pl_buf_printf(&subject, "pilot %s: propose \"%s\"", id, title);
    e.subject = subject.ptr;
    e.message = message;
    e.create = content.ptr;
    rc = pilot_edit_commit(&e);
    if (rc == EXIT_OK) printf("wrote %s\n", e.relpath);
    pilot_edit_free(&e);
    pl_buf_free(&subject);
    pl_buf_free(&content);
    pl_buf_free(&hyp);
    free(tmpl);
    free(who);
    cli_close_repo(&repo);
    return rc;
}
