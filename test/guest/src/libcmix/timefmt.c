/* Time formatting on fixed timestamps: gmtime, localtime under TZ strings (UTC0 and a POSIX
 * rule with daylight saving), mktime normalisation, timegm, strftime with every common
 * conversion, strptime, difftime, asctime/ctime. No clock is read. */
#define _GNU_SOURCE
#include "cmix.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const time_t stamps[] = {
    0, 1, 86399, 86400, 951782400 /* 2000-02-29 */, 1234567890, 1700000000, 2147483647,
    2147483648LL, -1, -86400, 4102444800LL /* 2100-01-01 */, 253402300799LL,
};

static void show_tm(const char *label, const struct tm *t) {
    printf("%s %04d-%02d-%02d %02d:%02d:%02d wday %d yday %d dst %d off %ld zone %s\n", label,
           t->tm_year + 1900, t->tm_mon + 1, t->tm_mday, t->tm_hour, t->tm_min, t->tm_sec, t->tm_wday,
           t->tm_yday, t->tm_isdst, t->tm_gmtoff, t->tm_zone);
}

static void breakdown(void) {
    for (size_t i = 0; i < sizeof stamps / sizeof *stamps; i++) {
        struct tm t;
        char label[32];
        snprintf(label, sizeof label, "%lld", (long long) stamps[i]);
        show_tm(label, gmtime_r(&stamps[i], &t));
        time_t back = timegm(&t);
        if (back != stamps[i]) {
            printf("  timegm mismatch %lld\n", (long long) back);
        }
    }
}

static void formats(void) {
    static const char *fmts[] = {
        "%Y-%m-%d %H:%M:%S", "%a %A %b %B", "%c", "%x %X", "%D %T %R %r", "%e|%j|%U|%W|%V|%G|%g|%u|%w",
        "%I %p %l %P", "%y %C %h", "%s", "%%|%n|%t|", "%Ez %Oy", "%-d %_5m %010Y %^a %#b", "%F", "%z %Z",
    };
    time_t t = 1700000000;
    struct tm tm;
    gmtime_r(&t, &tm);
    char buf[256];
    for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++) {
        size_t n = strftime(buf, sizeof buf, fmts[i], &tm);
        printf("strftime \"%s\" -> %zu \"%s\"\n", fmts[i], n, buf);
    }
    size_t n = strftime(buf, 5, "%Y-%m-%d", &tm);
    printf("strftime into 5 bytes -> %zu\n", n);
    for (int week = 0; week < 6; week++) {
        time_t day = 1703980800LL + week * 86400LL * 3; /* around new year 2024 */
        gmtime_r(&day, &tm);
        strftime(buf, sizeof buf, "%F %a V%V G%G U%U W%W j%j", &tm);
        printf("week %s\n", buf);
    }
}

static void zones(void) {
    static const time_t local[] = {1678600000, 1678606000, 1699164000, 1699171200, 1719792000};
    setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1);
    tzset();
    printf("tzname %s/%s timezone %ld daylight %d\n", tzname[0], tzname[1], timezone, daylight);
    char buf[128];
    for (size_t i = 0; i < sizeof local / sizeof *local; i++) {
        struct tm tm;
        localtime_r(&local[i], &tm);
        strftime(buf, sizeof buf, "%F %T %Z %z", &tm);
        printf("local %lld = %s isdst %d\n", (long long) local[i], buf, tm.tm_isdst);
        tm.tm_isdst = -1;
        printf("  mktime back %lld\n", (long long) mktime(&tm));
    }
    struct tm gap = {.tm_year = 123, .tm_mon = 2, .tm_mday = 12, .tm_hour = 2, .tm_min = 30, .tm_isdst = -1};
    time_t g = mktime(&gap);
    strftime(buf, sizeof buf, "%F %T %Z", &gap);
    printf("mktime in the spring gap: %lld -> %s\n", (long long) g, buf);
    setenv("TZ", "UTC0", 1);
    tzset();
    printf("tzname %s timezone %ld daylight %d\n", tzname[0], timezone, daylight);
}

static void normalise(void) {
    struct tm tm = {.tm_year = 124, .tm_mon = 0, .tm_mday = 31, .tm_hour = 25, .tm_min = 61, .tm_sec = 61};
    time_t t = mktime(&tm);
    show_tm("normalised", &tm);
    printf("mktime %lld\n", (long long) t);
    struct tm m = {.tm_year = 124, .tm_mon = 13, .tm_mday = -1};
    t = mktime(&m);
    show_tm("month 13 day -1", &m);
    struct tm leap = {.tm_year = 100, .tm_mon = 1, .tm_mday = 29, .tm_hour = 12};
    t = mktime(&leap);
    printf("2000-02-29 noon = %lld wday %d\n", (long long) t, leap.tm_wday);
    printf("difftime %.1f\n", difftime((time_t) 1000, (time_t) 250));
    time_t s = 1234567890;
    struct tm tmp;
    char abuf[64];
    printf("asctime %s", asctime_r(gmtime_r(&s, &tmp), abuf));
    printf("ctime %s", ctime_r(&s, abuf));
}

static void parse(void) {
    static const struct { const char *text, *fmt; } cases[] = {
        {"2023-11-14 22:13:20", "%Y-%m-%d %H:%M:%S"},
        {"14/Nov/2023:10:00:00", "%d/%b/%Y:%H:%M:%S"},
        {"Tuesday March 5 1985", "%A %B %d %Y"},
        {"12:30 PM", "%I:%M %p"},
        {"1999 365", "%Y %j"},
        {"not a date", "%Y-%m-%d"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        struct tm tm;
        memset(&tm, 0, sizeof tm);
        char *end = strptime(cases[i].text, cases[i].fmt, &tm);
        if (end == NULL) {
            printf("strptime [%s] failed\n", cases[i].text);
            continue;
        }
        printf("strptime [%s] -> %04d-%02d-%02d %02d:%02d:%02d yday %d rest [%s]\n", cases[i].text,
               tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_yday, end);
    }
}

void part_time(void) {
    section("time");
    breakdown();
    formats();
    zones();
    normalise();
    parse();
}
