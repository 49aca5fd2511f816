/*
 * pattern.c - ECMA-262 pattern subset -> POSIX ERE translation.
 */
#include "pattern.h"

#include "buf.h"

#include <locale.h>
#include <pthread.h>
#include <string.h>

/*
 * JSON Schema patterns match code points, while POSIX regex in the C locale
 * matches bytes ("^.$" would refuse "é"). Patterns are compiled and run in a
 * UTF-8 locale, set for the calling thread only, whatever the process's
 * locale is; the strings matched are valid UTF-8 (doc.c checks). Without
 * such a locale in the C library matching falls back to bytes.
 */
static locale_t utf8_locale;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void utf8_locale_init(void)
{
    utf8_locale = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

/* Switches the thread to the UTF-8 locale; returns what to restore. */
static locale_t enter_utf8(void)
{
    pthread_once(&utf8_once, utf8_locale_init);
    return utf8_locale ? uselocale(utf8_locale) : (locale_t)0;
}

static void leave_utf8(locale_t previous)
{
    if (previous) uselocale(previous);
}

/* Class shorthands, as the inside of a bracket expression. */
static const char *shorthand_class(char c)
{
    switch (c) {
    case 'd':
    case 'D':
        return "0-9";
    case 'w':
    case 'W':
        return "A-Za-z0-9_";
    case 's':
    case 'S':
        return "[:space:]";
    }
    return NULL;
}

static const char *unsupported_escape(char c)
{
    if (c >= '1' && c <= '9') return "backreferences";
    switch (c) {
    case 'b':
    case 'B':
        return "word boundaries (\\b)";
    case 'p':
    case 'P':
        return "Unicode property escapes";
    case 'u':
    case 'x':
        return "hex or Unicode escapes";
    case 'k':
        return "named backreferences";
    }
    return NULL;
}

/* Translates one bracket expression starting after '['; returns the index
 * just after its ']' or 0 on error. In a POSIX bracket ']' is literal only
 * first, '-' only first or last, '^' anywhere but first, and '[' starts a
 * class name when ':', '.' or '=' follows: those four are placed in the
 * output by flags rather than where the pattern wrote them. */
static size_t translate_class(const char *p, size_t i, pl_buf *out, pl_error *err)
{
    pl_buf items = PL_BUF_INIT;
    bool negate = false, dash = false, bracket = false, caret = false, open = false;
    if (p[i] == '^') negate = true, i++;
    for (; p[i] && p[i] != ']'; i++) {
        if (p[i] == '\\' && p[i + 1]) {
            char c = p[++i];
            const char *sh = shorthand_class(c);
            if (sh && c >= 'a') {
                pl_buf_puts(&items, sh);
            } else if (sh) {
                pl_buf_free(&items);
                pl_error_set(err, PL_ESCHEMA, "negated shorthand \\%c inside [] is not supported",
                             c);
                return 0;
            } else if (c == ']') {
                bracket = true;
            } else if (c == '-') {
                dash = true;
            } else if (c == '^') {
                caret = true;
            } else if (c == '[') {
                open = true;
            } else if (c == 'n') {
                pl_buf_putc(&items, '\n');
            } else if (c == 't') {
                pl_buf_putc(&items, '\t');
            } else {
                pl_buf_putc(&items, c);
            }
        } else if (p[i] == '-' && (items.len == 0 || p[i + 1] == ']')) {
            dash = true;
        } else if (p[i] == '^') {
            caret = true;
        } else if (p[i] == '[') {
            open = true;
        } else {
            pl_buf_putc(&items, p[i]);
        }
    }
    if (p[i] != ']') {
        pl_buf_free(&items);
        pl_error_set(err, PL_ESCHEMA, "unterminated [ in pattern");
        return 0;
    }
    bool caret_first = caret && !negate && !bracket && !items.len && !open;
    if (caret_first && !dash) {
        pl_buf_puts(out, "\\^"); /* "[\^]": no bracket, where '^' would negate */
    } else {
        pl_buf_putc(out, '[');
        if (negate) pl_buf_putc(out, '^');
        if (bracket) pl_buf_putc(out, ']');
        pl_buf_put(out, items.ptr ? items.ptr : "", items.len);
        if (open) pl_buf_putc(out, '[');
        if (caret_first)
            pl_buf_puts(out, "-^");
        else
            pl_buf_puts(out, caret ? (dash ? "^-" : "^") : (dash ? "-" : ""));
        pl_buf_putc(out, ']');
    }
    pl_buf_free(&items);
    return i + 1;
}

static int translate(const char *p, pl_buf *out, pl_error *err)
{
    size_t i = 0;
    while (p[i]) {
        char c = p[i];
        if (c == '[') {
            size_t next = translate_class(p, i + 1, out, err);
            if (!next) return PL_ESCHEMA;
            i = next;
            continue;
        }
        if (c == '(' && p[i + 1] == '?') {
            return pl_error_set(err, PL_ESCHEMA,
                                "pattern uses '(?' (lookaround or non-capturing groups), which "
                                "pilotlog cannot run");
        }
        if (c == '\\' && p[i + 1]) {
            char e = p[i + 1];
            const char *sh = shorthand_class(e);
            const char *bad = unsupported_escape(e);
            if (bad)
                return pl_error_set(err, PL_ESCHEMA, "pattern uses %s, which pilotlog cannot run",
                                    bad);
            if (sh)
                pl_buf_printf(out, "[%s%s]", e >= 'a' ? "" : "^", sh);
            else if (e == 'n')
                pl_buf_putc(out, '\n');
            else if (e == 't')
                pl_buf_putc(out, '\t');
            else if (strchr(".[]{}()*+?^$|\\/", e))
                pl_buf_printf(out, "\\%c", e == '/' ? '/' : e);
            else
                pl_buf_putc(out, e);
            i += 2;
            continue;
        }
        if (c == '.') {
            /* ECMA's '.' matches no line terminator; POSIX's matches any */
            pthread_once(&utf8_once, utf8_locale_init);
            pl_buf_puts(out, utf8_locale ? "[^\n\r\xE2\x80\xA8\xE2\x80\xA9]" : "[^\n\r]");
            i++;
            continue;
        }
        if ((c == '*' || c == '+' || c == '?' || c == '}') && p[i + 1] == '?')
            return pl_error_set(err, PL_ESCHEMA,
                                "pattern uses a lazy quantifier, which pilotlog cannot run");
        pl_buf_putc(out, c);
        i++;
    }
    return 0;
}

int pl_regex_compile(pl_regex *out, const char *ecma, pl_error *err)
{
    pl_buf ere = PL_BUF_INIT;
    out->compiled = false;
    int rc = translate(ecma, &ere, err);
    if (rc) {
        pl_buf_free(&ere);
        return rc;
    }
    locale_t previous = enter_utf8();
    int e = regcomp(&out->re, pl_buf_cstr(&ere), REG_EXTENDED | REG_NOSUB);
    leave_utf8(previous);
    if (e) {
        char msg[200];
        regerror(e, &out->re, msg, sizeof(msg));
        pl_buf_free(&ere);
        return pl_error_set(err, PL_ESCHEMA, "invalid pattern '%s': %s", ecma, msg);
    }
    pl_buf_free(&ere);
    out->compiled = true;
    return 0;
}

bool pl_regex_match(const pl_regex *re, const char *s)
{
    if (!re->compiled) return false;
    locale_t previous = enter_utf8();
    bool match = regexec(&re->re, s, 0, NULL, 0) == 0;
    leave_utf8(previous);
    return match;
}

void pl_regex_free(pl_regex *re)
{
    if (re->compiled) regfree(&re->re);
    re->compiled = false;
}
