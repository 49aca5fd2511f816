/*
 * date.c - proleptic Gregorian calendar arithmetic (H. Hinnant's
 * days-from-civil algorithm), no time zones: pilot dates are calendar days.
 */
#include "date.h"

#include <string.h>

int pl_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void pl_civil_from_days(int z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp + (mp < 10 ? 3 : -9);
    *y = yoe + era * 400 + (*m <= 2);
}

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

bool pl_date_parse(const char *s, int *days)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1) return false;
    if (d > mdays[m - 1] + (m == 2 && leap(y))) return false;
    if (days) *days = pl_days_from_civil(y, m, d);
    return true;
}

void pl_date_format(int days, char out[11])
{
    int y, m, d;
    pl_civil_from_days(days, &y, &m, &d);
    unsigned uy = (unsigned)(y < 0 ? 0 : y % 10000);
    const unsigned parts[3] = {uy, (unsigned)m, (unsigned)d};
    const int widths[3] = {4, 2, 2};
    char *p = out;
    for (int i = 0; i < 3; i++) {
        if (i) *p++ = '-';
        for (int k = widths[i] - 1; k >= 0; k--) {
            unsigned div = 1;
            for (int e = 0; e < k; e++) div *= 10;
            *p++ = (char)('0' + parts[i] / div % 10);
        }
    }
    *p = '\0';
}

int pl_date_from_epoch(int64_t seconds)
{
    int64_t days = seconds / 86400;
    if (seconds < 0 && seconds % 86400) days--;
    return (int)days;
}
