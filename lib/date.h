/*
 * date.h - calendar dates as day numbers (days since 1970-01-01), so that
 * comparing and subtracting dates is integer arithmetic.
 */
#ifndef PL_DATE_H
#define PL_DATE_H

#include "common.h"

/* Parses exactly "YYYY-MM-DD" with a real day of month; false otherwise. */
bool pl_date_parse(const char *s, int *days);
/* Writes "YYYY-MM-DD" (11 bytes with the NUL). */
void pl_date_format(int days, char out[11]);
/* The UTC date of a Unix timestamp. */
int pl_date_from_epoch(int64_t seconds);
int pl_days_from_civil(int y, int m, int d);
void pl_civil_from_days(int days, int *y, int *m, int *d);

#endif
