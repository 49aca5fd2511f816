/*
 * test_edit.c - the front-matter editor changes only what it must:
 * comments, order, quoting and the body stay byte-identical.
 */
#include "tap.h"

#include "edit.h"

#include <stdlib.h>

static const char *BASE = "---\n"
                          "title: AI triage   # the working title\n"
                          "stage: running\n"
                          "owner: 'Dana Smith'\n"
                          "budget: {pilot: 120000, currency: EUR}\n"
                          "users:\n"
                          "  target: 100\n"
                          "success_criteria:\n"
                          "  - id: adoption\n"
                          "    metric: Weekly active agents\n"
                          "    target: \">= 60%\"\n"
                          "  - id: cost\n"
                          "    metric: Run cost\n"
                          "    target: \"<= 40 EUR\"\n"
                          "    actual:\n"
                          "decision_owner: Priya\n"
                          "---\n"
                          "# Body\n\nUnchanged text.\n";

/* Applies one assignment to src and compares with want. */
static void check_set(const char *src, const char *assignment, const char *want, const char *name)
{
    pl_buf out = PL_BUF_INIT;
    pl_error err;
    pl_error_clear(&err);
    const char *list[1] = {assignment};
    int rc = pl_edit_assignments(&out, "p.md", src, strlen(src), list, 1, &err);
    if (rc) printf("# error: %s\n", err.message);
    is_str(rc ? NULL : pl_buf_cstr(&out), want, name);
    pl_buf_free(&out);
}

static char *replace(const char *src, const char *from, const char *to)
{
    const char *at = strstr(src, from);
    pl_buf b = PL_BUF_INIT;
    pl_buf_put(&b, src, (size_t)(at - src));
    pl_buf_puts(&b, to);
    pl_buf_puts(&b, at + strlen(from));
    return pl_buf_detach(&b);
}

static void expect_error(const char *src, const char *assignment, int code, const char *name)
{
    pl_buf out = PL_BUF_INIT;
    pl_error err;
    pl_error_clear(&err);
    const char *list[1] = {assignment};
    int rc = pl_edit_assignments(&out, "p.md", src, strlen(src), list, 1, &err);
    is_int(rc, code, name);
    pl_buf_free(&out);
}

int main(void)
{
    char *want;

    want = replace(BASE, "stage: running", "stage: evaluating");
    check_set(BASE, "stage=evaluating", want, "plain scalar replaced in place");
    free(want);

    want = replace(BASE, "title: AI triage   #", "title: AI triage for support   #");
    check_set(BASE, "title=AI triage for support", want, "trailing comment kept");
    free(want);

    want = replace(BASE, "owner: 'Dana Smith'", "owner: 'Dana O''Brien'");
    check_set(BASE, "owner=Dana O'Brien", want, "single quotes kept and escaped");
    free(want);

    want = replace(BASE, "target: \">= 60%\"", "target: \">= 70%\"");
    check_set(BASE, "success_criteria.adoption.target=>= 70%", want,
              "criterion addressed by id, double quotes kept");
    free(want);

    want = replace(BASE, "    actual:\n", "    actual: 38 EUR\n");
    check_set(BASE, "success_criteria.cost.actual=38 EUR", want,
              "empty value filled after its colon");
    free(want);

    want = replace(BASE, "    target: \">= 60%\"\n", "    target: \">= 60%\"\n    actual: 74%\n");
    check_set(BASE, "success_criteria.adoption.actual=74%", want,
              "missing key inserted at the sibling indent");
    free(want);

    want = replace(BASE, "  target: 100\n", "  target: 100\n  active: 74\n");
    check_set(BASE, "users.active=74", want, "nested block mapping gets the new key");
    free(want);

    want = replace(BASE, "currency: EUR}", "currency: EUR, production: 900000}");
    check_set(BASE, "budget.production=900000", want, "flow mapping gets the new key before }");
    free(want);

    want = replace(BASE, "decision_owner: Priya\n",
                   "decision_owner: Priya\ndecision:\n  outcome: go\n");
    check_set(BASE, "decision.outcome=go", want, "missing parent mapping created");
    free(want);

    want = replace(BASE, "decision_owner: Priya\n",
                   "decision_owner: Priya\nhypothesis: \"Triage: faster # really\"\n");
    check_set(BASE, "hypothesis=Triage: faster # really", want,
              "unsafe plain text is double-quoted");
    free(want);

    want = replace(BASE, "users:\n  target: 100\n", "users:\n  target: 120\n");
    check_set(BASE, "users.target=120", want, "number stays plain");
    free(want);

    /* CRLF documents get CRLF lines */
    const char *crlf = "---\r\nstage: running\r\nowner: Dana\r\n---\r\nBody\r\n";
    check_set(crlf, "kind=pilot",
              "---\r\nstage: running\r\nowner: Dana\r\nkind: pilot\r\n---\r\nBody\r\n",
              "CRLF preserved on inserted line");

    /* a literal block scalar keeps its line break */
    const char *block = "---\nhypothesis: |\n  line one\n  line two\nstage: running\n---\n";
    check_set(block, "hypothesis=one line", "---\nhypothesis: one line\nstage: running\n---\n",
              "block scalar replaced by a single line");

    expect_error(BASE, "success_criteria.nope.actual=1", PL_ENOTFOUND,
                 "unknown criterion id is not found");
    expect_error(BASE, "users=5", PL_EINVALID, "block mapping cannot be replaced by a scalar");
    expect_error(BASE, "title", PL_EUSAGE, "assignment without = is a usage error");
    expect_error(BASE, "title=[unclosed", PL_EINVALID, "malformed flow value refused");
    return done_testing();
}
