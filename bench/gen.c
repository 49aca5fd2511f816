/*
 * gen.c - writes the benchmark repository of `make bench` as a
 * `git fast-import` stream on stdout.
 *
 * The repository looks like a large team's pilot portfolio: N pilots
 * (pilots/<id>.md, YAML front matter of about 40 lines with success
 * criteria, a Markdown body of about 70 lines with tables and task lists)
 * and C commits. About a tenth of the pilots are imported in the first
 * commit, at every stage; the rest are proposed one by one across the
 * history. Every later commit changes one to three pilots: a move along
 * the lifecycle (proposed -> planned -> running -> evaluating -> decided ->
 * production | stopped, evaluating -> running on an extend decision, any
 * stage -> stopped), new criteria actuals, active users, weekly metric
 * rows, ticked tasks, notes; a few pilots are renamed or deleted. Every
 * version passes `pilotlog check` and every move is one the default
 * workflow allows. Authors live in several time zones; dates increase.
 *
 * The output depends only on the arguments: a fixed-seed PRNG, no clock.
 *
 * usage: gen [small|large] [--pilots N] [--commits C] [--seed S] | git fast-import
 *        small = 1,000 pilots / 10,000 commits (default), large = 10,000 / 100,000
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define SPAN_DAYS 1826 /* five years of history */
#define MAX_CRIT 5
#define MAX_ROWS 14
#define MAX_NOTES 8
#define MAX_TASKS 8
#define DOMAIN "northwind.example"

/* ---- PRNG: splitmix64 ----------------------------------------------------------- */

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t next_u64(rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static double rnd(rng *r) { return (double)(next_u64(r) >> 11) * (1.0 / 9007199254740992.0); }

/* uniform integer in [lo, hi] */
static int rint_(rng *r, int lo, int hi)
{
    if (hi <= lo) return lo;
    return lo + (int)(next_u64(r) % (uint64_t)(hi - lo + 1));
}

static double runif(rng *r, double lo, double hi) { return lo + (hi - lo) * rnd(r); }

static bool chance(rng *r, double p) { return rnd(r) < p; }

#define PICK(r, arr) ((arr)[rint_((r), 0, (int)ARRAY_SIZE(arr) - 1)])

static rng G; /* schedule and history */

/* ---- growing text buffer -------------------------------------------------------- */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("gen: out of memory\n", stderr);
        exit(1);
    }
    return q;
}

static void bgrow(buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra + 1) cap *= 2;
    b->p = xrealloc(b->p, cap);
    b->cap = cap;
}

static void bput(buf *b, const char *s)
{
    size_t n = strlen(s);
    bgrow(b, n);
    memcpy(b->p + b->len, s, n + 1);
    b->len += n;
}

__attribute__((format(printf, 2, 3))) static void bprintf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    bgrow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static void breset(buf *b)
{
    b->len = 0;
    if (b->p) b->p[0] = '\0';
}

/* Appends text wrapped at 76 columns (bytes). */
static void bwrap(buf *b, const char *text)
{
    size_t col = 0;
    const char *p = text;
    while (*p) {
        const char *sp = strchr(p, ' ');
        size_t w = sp ? (size_t)(sp - p) : strlen(p);
        if (col && col + 1 + w > 76) {
            bput(b, "\n");
            col = 0;
        } else if (col) {
            bput(b, " ");
            col++;
        }
        bgrow(b, w);
        memcpy(b->p + b->len, p, w);
        b->len += w;
        b->p[b->len] = '\0';
        col += w;
        p += w;
        while (*p == ' ') p++;
    }
    bput(b, "\n");
}

/* ---- dates ------------------------------------------------------------------------ */

static long days_from_civil(long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long)doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long yy = (long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    unsigned dd = doy - (153 * mp + 2) / 5 + 1;
    unsigned mm = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yy + (mm <= 2));
    *m = (int)mm;
    *d = (int)dd;
}

static long BASE_DAY; /* 2020-01-06, day 0 of the history */

/* "YYYY-MM-DD" of a history day, in a static ring so a printf may use several */
static const char *ymd(int day)
{
    static char ring[8][16];
    static int at;
    char *s = ring[at++ & 7];
    int y, m, d;
    civil_from_days(BASE_DAY + day, &y, &m, &d);
    snprintf(s, 16, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    return s;
}

/* ---- vocabulary --------------------------------------------------------------------- */

typedef struct person_name {
    const char *name, *ascii;
} person_name;

static const person_name FIRST[] = {
    {"Katrin", "katrin"},   {"Zoë", "zoe"},         {"Jens", "jens"},       {"Łukasz", "lukasz"},
    {"Agnieszka", "agnieszka"}, {"Matthias", "matthias"}, {"Renée", "renee"}, {"Priya", "priya"},
    {"Dana", "dana"},       {"Lee", "lee"},         {"Ana", "ana"},         {"Tom", "tom"},
    {"Søren", "soren"},     {"Ingrid", "ingrid"},   {"José", "jose"},       {"Marta", "marta"},
    {"Kenji", "kenji"},     {"Aisha", "aisha"},     {"Olivier", "olivier"}, {"Hanna", "hanna"},
    {"Miguel", "miguel"},   {"Fatima", "fatima"},   {"Pieter", "pieter"},   {"Chloé", "chloe"},
    {"Tomasz", "tomasz"},   {"Elif", "elif"},       {"Rahul", "rahul"},     {"Sofia", "sofia"},
    {"Björn", "bjorn"},     {"Nadia", "nadia"},     {"Carlos", "carlos"},   {"Yuki", "yuki"},
    {"Grace", "grace"},     {"Mateo", "mateo"},     {"Ewa", "ewa"},         {"Lars", "lars"},
};

static const person_name LAST[] = {
    {"Vogel", "vogel"},       {"Müller", "muller"},       {"Petersen", "petersen"},
    {"Wiśniewski", "wisniewski"}, {"Zielińska", "zielinska"}, {"Brandstätter", "brandstatter"},
    {"Dubois", "dubois"},     {"Natarajan", "natarajan"}, {"Smith", "smith"},
    {"Park", "park"},         {"Ruiz", "ruiz"},           {"Bell", "bell"},
    {"Kjær", "kjaer"},        {"Lindqvist", "lindqvist"}, {"García", "garcia"},
    {"Kowalczyk", "kowalczyk"}, {"Watanabe", "watanabe"}, {"Rahman", "rahman"},
    {"Lefèvre", "lefevre"},   {"Korhonen", "korhonen"},   {"Fernández", "fernandez"},
    {"El Amrani", "elamrani"}, {"de Vries", "devries"},   {"Moreau", "moreau"},
    {"Nowak", "nowak"},       {"Yılmaz", "yilmaz"},       {"Iyer", "iyer"},
    {"Costa", "costa"},       {"Holm", "holm"},           {"Haddad", "haddad"},
    {"Ortega", "ortega"},     {"Tanaka", "tanaka"},       {"O'Brien", "obrien"},
    {"Silva", "silva"},       {"Jankowska", "jankowska"}, {"Berg", "berg"},
};

static const struct {
    const char *tz;
    int minutes;
} ZONES[] = {{"+0100", 60},  {"+0100", 60},  {"+0100", 60},   {"+0200", 120}, {"+0000", 0},
             {"+0100", 60},  {"-0500", -300}, {"+0530", 330}, {"+0900", 540}, {"-0800", -480},
             {"+0200", 120}, {"+1000", 600},  {"+0100", 60},  {"+0000", 0}};

typedef struct person {
    char name[64], email[96];
    int tz; /* index into ZONES */
} person;

static person *PEOPLE;
static int NPEOPLE;

static const char *const ROLES[] = {
    "VP Customer Service", "Head of Logistics", "CFO",          "CIO",
    "Director Operations", "Head of HR",        "Plant manager", "Head of Procurement",
    "COO",                 "Head of Finance Operations", "Head of IT Infrastructure",
    "Country manager",
};

typedef struct site {
    const char *name, *slug;
} site;

static const site SITES[] = {
    {"Hamburg", "hamburg"},   {"Poznań", "poznan"},     {"Zaragoza", "zaragoza"},
    {"Lyon", "lyon"},         {"Rotterdam", "rotterdam"}, {"Gdańsk", "gdansk"},
    {"Malmö", "malmo"},       {"Brno", "brno"},         {"Porto", "porto"},
    {"Dublin", "dublin"},     {"Graz", "graz"},         {"Lille", "lille"},
    {"Bologna", "bologna"},   {"Tampere", "tampere"},   {"Aarhus", "aarhus"},
    {"Leipzig", "leipzig"},   {"Bilbao", "bilbao"},     {"Utrecht", "utrecht"},
    {"Kraków", "krakow"},     {"Cluj", "cluj"},         {"Vilnius", "vilnius"},
    {"Ghent", "ghent"},       {"Turin", "turin"},       {"Seville", "seville"},
    {"Bremen", "bremen"},     {"Nantes", "nantes"},     {"Łódź", "lodz"},
    {"Göteborg", "goteborg"}, {"Linz", "linz"},         {"Valencia", "valencia"},
};

enum unit { U_PCT, U_S, U_MIN, U_H, U_D, U_EUR, U_WORD, U_NONE };

typedef struct critdef {
    const char *id, *metric, *column;
    enum unit unit;
    const char *word; /* U_WORD */
    bool higher;      /* higher is better */
    double tlo, thi;  /* target range */
    int decimals;
} critdef;

static const critdef CRITS[] = {
    /* 0 */ {"adoption", "Weekly active users / target users", "Adoption", U_PCT, NULL, true, 50, 80, 0},
    /* 1 */ {"first-response", "Median first response time, business hours", "First response", U_H, NULL, false, 1, 4, 1},
    /* 2 */ {"handling-time", "Average handling time per case", "Handling time", U_MIN, NULL, false, 5, 12, 0},
    /* 3 */ {"misroute", "Cases re-assigned to another queue after triage", "Misrouted", U_PCT, NULL, false, 5, 10, 0},
    /* 4 */ {"cost", "Run cost per user per month", "Cost", U_EUR, NULL, false, 20, 60, 0},
    /* 5 */ {"accuracy", "Suggestions accepted without change", "Accepted", U_PCT, NULL, true, 70, 90, 0},
    /* 6 */ {"pick-rate", "Order lines picked per picker hour", "Pick rate", U_WORD, "lines/h", true, 150, 185, 0},
    /* 7 */ {"pick-errors", "Lines with wrong item or quantity found at packing", "Pick errors", U_PCT, NULL, false, 0.2, 0.6, 2},
    /* 8 */ {"ramp-up", "Time for a new hire to reach 90% of team speed", "Ramp-up", U_D, NULL, false, 2, 6, 1},
    /* 9 */ {"uptime", "Availability during business hours", "Uptime", U_PCT, NULL, true, 98, 99.5, 1},
    /* 10 */ {"nps", "Net promoter score of pilot users", "NPS", U_WORD, "points", true, 15, 40, 0},
    /* 11 */ {"energy", "Energy use per site per week", "Energy", U_WORD, "kWh", false, 800, 1400, 0},
    /* 12 */ {"fuel", "Diesel per 100 km, urban routes", "Fuel", U_WORD, "l", false, 24, 32, 1},
    /* 13 */ {"cycle-time", "Median invoice cycle time", "Cycle time", U_D, NULL, false, 2, 6, 1},
    /* 14 */ {"touchless", "Invoices matched without manual touch", "Touchless", U_PCT, NULL, true, 55, 80, 0},
    /* 15 */ {"sign-in-time", "Median time to sign in, measured in the browser", "Sign-in", U_S, NULL, false, 5, 15, 0},
    /* 16 */ {"helpdesk", "Password reset tickets per month", "Reset tickets", U_WORD, "tickets", false, 40, 120, 0},
    /* 17 */ {"forecast-error", "Weekly forecast error (WMAPE), fresh goods", "WMAPE", U_PCT, NULL, false, 15, 25, 1},
    /* 18 */ {"no-shows", "Meeting rooms booked but left empty", "No-shows", U_PCT, NULL, false, 8, 15, 0},
    /* 19 */ {"satisfaction", "User satisfaction, survey score from 1 to 5", "Satisfaction", U_NONE, NULL, true, 3.8, 4.3, 1},
    /* 20 */ {"time-saved", "Time saved per employee per week", "Time saved", U_H, NULL, true, 1, 3, 1},
    /* 21 */ {"latency", "95th percentile response time of the service", "p95 latency", U_S, NULL, false, 1, 3, 1},
    /* 22 */ {"onboarding", "Days from signed contract to first login", "Onboarding", U_D, NULL, false, 3, 10, 0},
    /* 23 */ {"defects", "Defects found after release per sprint", "Defects", U_NONE, NULL, false, 2, 6, 0},
    /* 24 */ {"self-service", "Return labels created without agent contact", "Self-service", U_PCT, NULL, true, 65, 85, 0},
    /* 25 */ {"edi-share", "Orders received electronically", "EDI share", U_PCT, NULL, true, 60, 85, 0},
    /* 26 */ {"co2", "CO2 per delivery", "CO2", U_WORD, "kg", false, 0.8, 1.6, 2},
    /* 27 */ {"training", "Training time per new user", "Training", U_H, NULL, false, 1, 4, 1},
    /* 28 */ {"claims", "Expense claims approved within two days", "Approved <2d", U_PCT, NULL, true, 70, 90, 0},
    /* 29 */ {"scrap", "Scrap rate on the pilot line", "Scrap", U_PCT, NULL, false, 1, 3, 1},
};

typedef struct topic {
    const char *title, *slug, *tags, *users, *hypothesis, *problem;
    int crit[4];
} topic;

static const topic TOPICS[] = {
    {"AI triage for support tickets", "ai-triage", "support, genai", "agents",
     "Suggesting category, priority and queue for incoming tickets cuts first response time without more misrouted tickets",
     "Every ticket lands in a shared inbox and a dispatcher picks a queue by hand", {1, 3, 5, 4}},
    {"Voice picking", "voice-picking", "logistics, warehouse", "pickers",
     "Hands-free voice picking raises pick rate and cuts picking errors for seasonal staff",
     "On RF scanners a new picker needs about a week to reach normal speed", {6, 7, 8, 0}},
    {"Invoice three-way match", "invoice-match", "finance, automation", "clerks",
     "Automatic three-way matching of invoices, orders and goods receipts halves the invoice cycle time",
     "Accounts payable matches most invoices by hand against orders and goods receipts", {13, 14, 4, 0}},
    {"Passwordless sign-in", "passwordless", "security, identity", "employees",
     "Passkeys on managed devices make sign-in faster and cut password reset tickets",
     "Password resets are the largest single category of service desk tickets", {15, 16, 19, 0}},
    {"Demand forecasting for fresh goods", "demand-forecast", "supply-chain, ml", "planners",
     "A store-level forecasting model lowers forecast error and waste for fresh goods",
     "Planners forecast fresh goods from last year's sales and a spreadsheet of promotions", {17, 20, 19, 4}},
    {"Meeting room sensors", "room-sensors", "facilities, iot", "employees",
     "Occupancy sensors that release unused bookings reduce rooms booked but left empty",
     "A third of the meeting rooms are booked but nobody shows up", {18, 19, 11, 0}},
    {"Eco-driving coaching", "eco-driving", "fleet, sustainability", "drivers",
     "In-cab coaching on acceleration and idling lowers fuel use and CO2 per delivery",
     "Fuel is the second largest cost of the delivery fleet after wages", {12, 26, 19, 0}},
    {"HR onboarding assistant", "onboarding-assistant", "hr, genai", "new hires",
     "An assistant in Microsoft Teams answers new hires' questions and saves HR partners time",
     "HR partners answer the same onboarding questions many times a week", {20, 19, 0, 5}},
    {"Contract clause review", "clause-review", "legal, genai", "lawyers",
     "Flagging non-standard clauses in supplier contracts shortens legal review",
     "Every supplier contract is read end to end by one of four lawyers", {5, 20, 2, 4}},
    {"Self-service return labels", "returns-labels", "customer, ecommerce", "customers",
     "Customers who create their own return labels need fewer agent contacts",
     "Return labels are still e-mailed by an agent on request", {24, 19, 2, 4}},
    {"Supplier portal with EDI lite", "edi-lite", "procurement, edi", "suppliers",
     "A web portal with EDI lite moves small suppliers from e-mail orders to electronic ones",
     "Most small suppliers still receive orders as PDF attachments", {25, 22, 19, 0}},
    {"Mobile travel expenses", "travel-expenses", "finance, mobile", "travellers",
     "Capturing receipts in a mobile app gets expense claims approved faster",
     "Expense claims are filed on paper at the end of the month", {28, 19, 0, 20}},
    {"Predictive maintenance for conveyors", "predictive-maintenance", "maintenance, iot", "technicians",
     "Vibration sensors on conveyor motors warn early enough to avoid unplanned stops",
     "Conveyor failures stop a whole shift about twice a month", {9, 4, 20, 19}},
    {"Vision quality inspection", "vision-inspection", "manufacturing, ml", "operators",
     "A camera-based inspection on the pilot line lowers the scrap rate",
     "Visual inspection is done by operators at the end of the line", {29, 5, 4, 19}},
    {"Chatbot for IT service desk", "it-chatbot", "it, genai", "employees",
     "A chatbot answers routine IT questions and deflects service desk calls",
     "Half of the service desk calls are routine how-to questions", {1, 19, 0, 21}},
    {"Route optimisation for last mile", "route-optimisation", "logistics, fleet", "drivers",
     "Daily route optimisation cuts kilometres and CO2 per delivery",
     "Dispatchers plan routes the evening before from a fixed zone map", {26, 12, 19, 4}},
    {"Code review assistant", "code-review-ai", "engineering, genai", "developers",
     "Suggested review comments cut the defects that reach production",
     "Reviews wait on two senior developers and defects slip through", {23, 20, 0, 4}},
    {"Digital shift handover", "shift-handover", "operations, mobile", "shift leads",
     "A structured digital handover reduces incidents at shift change",
     "Shift handover is a paper notebook and a conversation at the gate", {19, 20, 0, 27}},
    {"Energy monitoring in stores", "energy-monitoring", "facilities, sustainability", "store managers",
     "Sub-metering and weekly reports lower store energy use",
     "Stores see their energy use only on the quarterly bill", {11, 19, 0, 4}},
    {"Sales assistant in the CRM", "crm-assistant", "sales, genai", "account managers",
     "Meeting summaries and next-step suggestions in the CRM save account managers time",
     "Account managers spend Friday afternoons updating the CRM", {20, 0, 19, 4}},
    {"Learning platform micro-courses", "micro-courses", "hr, learning", "employees",
     "Five-minute micro-courses shorten training for new tools",
     "Training for new tools is a half-day classroom session", {27, 19, 0, 4}},
    {"Knowledge search for field service", "field-search", "service, genai", "technicians",
     "Searching manuals and past tickets on a tablet shortens repairs on site",
     "Technicians call the back office for manuals and past fixes", {2, 20, 0, 19}},
    {"Automated accessibility testing", "a11y-testing", "engineering, quality", "developers",
     "Automated accessibility checks in CI catch defects before release",
     "Accessibility is checked by hand once before each major release", {23, 27, 0, 19}},
    {"Self-service analytics", "self-service-bi", "data, analytics", "analysts",
     "A governed semantic layer lets business analysts answer questions without tickets to the data team",
     "Every new report is a ticket to a small central data team", {20, 19, 0, 22}},
    {"Cloud cost dashboards", "finops-dashboards", "it, finops", "engineering teams",
     "Team-level cost dashboards make teams cut idle cloud resources",
     "Cloud cost is one number on a monthly invoice that nobody owns", {4, 19, 0, 20}},
    {"Smart lockers for parcels", "smart-lockers", "logistics, customer", "customers",
     "Parcel lockers at the depot cut failed first deliveries",
     "One delivery in eight fails at the first attempt", {24, 19, 26, 4}},
};

static const char *const PATHS[] = {
    "Change order on the existing vendor contract (PO 4500-%04d)",
    "Framework agreement RM%04d lot 2",
    "Capex request to the IT portfolio board, budget line %04d",
    "Call-off from framework agreement FA-2025-%03d",
    "Add-on SKU on the existing enterprise agreement, order %04d",
    "Open tender under the EU threshold, reference T-%04d",
    "Internal build funded from the platform team's run budget, cost centre %04d",
    "Catalogue purchase through the procurement portal, request %04d",
    "Extension of the managed-services contract, amendment %03d",
    "Direct award below the procurement threshold, approval %04d",
};

static const char *const TASKS[] = {
    "Data protection review with IT security",
    "Label historical cases for the evaluation set",
    "Go live for the first team",
    "Go live for the second team",
    "Baseline measurement over four weeks",
    "Inform the works council",
    "Training for pilot users",
    "Integration test with the ERP",
    "Mid-point review with the sponsor",
    "Cost review with finance",
    "Security penetration test",
    "Data retention settings agreed with legal",
    "Vendor onboarding and single sign-on",
    "Order test hardware",
    "Set up the pilot dashboard",
    "User feedback survey",
    "Production handover plan",
    "Procurement route confirmed",
    "Final readout to the decision owner",
};

static const char *const CONTEXT[] = {
    "The process has not changed much in ten years and nobody owns it end to end.",
    "Volumes grew by a third since 2021 while the team stayed the same size.",
    "Two earlier attempts stalled because no budget holder was named.",
    "The vendor claims double-digit improvements; we want our own numbers first.",
    "The pilot covers one site and one team so that the result can be measured cleanly.",
    "A control group keeps working the old way for the whole pilot.",
    "Nothing changes for customers during the pilot unless an agent confirms it.",
    "Peak season is excluded from the measurement on purpose.",
    "The numbers below come from the existing reporting, not from the vendor.",
    "If the pilot works here, three more sites are ready to follow in the next budget year.",
    "Most of the effort is change management, not technology.",
    "Works council and data protection were involved from the first week.",
};

static const char *const SCOPE[] = {
    "One site, two shifts; night shift stays on the current process as control group",
    "Read-only integration; nothing is written back to the ERP during the pilot",
    "Single sign-on through the corporate identity provider",
    "English and the local language; other languages are out of scope",
    "Standard configuration only, no custom code on our side",
    "Data stays in the EU region of the vendor's cloud",
    "Pilot users volunteered; no targets or bonuses depend on the tool",
    "Reporting through the existing BI dashboards",
};

static const char *const RISKS[] = {
    "Users may accept suggestions without checking them; we sample 50 cases a week",
    "Vendor roadmap for our languages is unclear",
    "The integration depends on an ERP upgrade planned for the same quarter",
    "Seasonal volume swings make before/after comparisons noisy",
    "Licence cost in production depends on the final user count",
    "Key user leaves the team during the pilot",
    "Hardware delivery times of eight weeks or more",
    "Data quality of the historical records is worse than expected",
};

static const char *const NOTES[] = {
    "Checkpoint with the sponsor, no change of scope",
    "Vendor shipped a fix for the export problem",
    "Added a second measurement to rule out seasonality",
    "Finance confirmed the cost model for production",
    "Two users left the pilot team, replacements trained",
    "Dashboard moved to the shared BI workspace",
    "Works council asked for a summary; sent",
    "Measurement gap of three days after a network outage",
    "Mid-point review held, on track",
    "Feedback survey sent to all pilot users",
    "Procurement asked for a second quote",
    "Security review closed with two minor findings",
    "Lessons learned session with the team",
    "Handover to operations agreed",
    "Production licences ordered",
};

static const char *const ROW_NOTES[] = {
    "", "", "", "", "Holiday week", "Vendor update", "Second team joins", "Outage on Tuesday",
    "Measurement fixed", "Public holiday", "New hires start", "Peak week", "Training session",
};

static const char *const RATIONALE_GO[] = {
    "Adoption and cost met; the remaining criterion is close enough to fix in roll-out.",
    "All criteria met with a clear margin over the control group.",
    "Met the main criteria; production cost fits the approved budget.",
    "Users asked to keep the tool; the numbers support a roll-out to all sites.",
};

static const char *const RATIONALE_NOGO[] = {
    "Criteria not met and the vendor cannot commit to a fix this year.",
    "Savings do not cover the production licence cost.",
    "Adoption stayed low even after a second round of training.",
    "The process change is too large for the benefit we measured.",
};

static const char *const RATIONALE_EXTEND[] = {
    "Numbers are promising but the measurement window was too short.",
    "The second team started late; four more weeks give a fair comparison.",
    "Vendor fix arrived in the last week; extending to measure its effect.",
};

static const char *const RATIONALE_STOP[] = {
    "No budget for the production route this year.",
    "The sponsor left and nobody took the pilot over.",
    "A group-wide platform decision replaces this tool.",
    "The vendor was acquired and discontinued the product.",
    "Priorities changed after the reorganisation.",
};

static const char *const STAGES[] = {"proposed", "planned",  "running", "evaluating",
                                     "decided",  "production", "stopped"};
enum stage { S_PROPOSED, S_PLANNED, S_RUNNING, S_EVALUATING, S_DECIDED, S_PRODUCTION, S_STOPPED };
enum outcome { O_NONE = -1, O_GO, O_NOGO, O_EXTEND };
static const char *const OUTCOMES[] = {"go", "no-go", "extend"};

/* ---- pilots --------------------------------------------------------------------- */

typedef struct crit {
    int def;
    double target, base, fin, value;
    bool has_base, has_actual, has_notes;
} crit;

typedef struct row {
    int week, active;
    double v[2];
    int note;
} row;

typedef struct note {
    int day, text;
} note;

typedef struct pilot {
    char id[80];
    char old_id[80]; /* before a rename in the current commit */
    uint64_t seed;   /* the static text */
    int topic, site, wave;
    bool alive, imported, deleted;
    bool poc;
    int stage;
    int owner, sponsor, customer_owner, decision_owner, budget_holder, risk_owner, role;
    bool has_do, has_planning;
    int path, path_no;
    bool has_budget;
    int budget_pilot, budget_prod;
    int start, end, deadline;
    bool has_users, has_active;
    int users_target, users_active;
    int ncrit, nshown;
    crit crit[MAX_CRIT];
    int outcome, dec_date, dec_text;
    bool has_links;
    int tasks[MAX_TASKS], ntasks, tasks_done;
    int nrows;
    row rows[MAX_ROWS];
    int nnotes;
    note notes[MAX_NOTES];
    int mitigated; /* risks struck through */
    /* schedule */
    double create_day, run_day, decide_day, end_day;
    int s_start, s_end, s_deadline;
    int ext_end[2], ext_deadline[2], extends;
    int renames;
} pilot;

static pilot *P;
static int NP;

/* ---- ids ------------------------------------------------------------------------- */

typedef struct idset {
    char **slot;
    size_t cap, len;
} idset;

static idset IDS;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    while (*s) h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
    return h;
}

static bool idset_has(const char *s)
{
    if (!IDS.cap) return false;
    for (size_t i = hash_str(s) & (IDS.cap - 1); IDS.slot[i]; i = (i + 1) & (IDS.cap - 1))
        if (strcmp(IDS.slot[i], s) == 0) return true;
    return false;
}

static void idset_add(const char *s)
{
    if ((IDS.len + 1) * 2 > IDS.cap) {
        idset old = IDS;
        IDS.cap = old.cap ? old.cap * 2 : 1024;
        IDS.slot = calloc(IDS.cap, sizeof(char *));
        if (!IDS.slot) xrealloc(NULL, (size_t)-1);
        IDS.len = 0;
        for (size_t i = 0; i < old.cap; i++)
            if (old.slot[i]) idset_add(old.slot[i]);
        free(old.slot);
    }
    size_t i = hash_str(s) & (IDS.cap - 1);
    while (IDS.slot[i]) i = (i + 1) & (IDS.cap - 1);
    size_t n = strlen(s) + 1;
    IDS.slot[i] = xrealloc(NULL, n);
    memcpy(IDS.slot[i], s, n);
    IDS.len++;
}

/* ---- criteria values ------------------------------------------------------------- */

static double round_to(double v, int decimals)
{
    double m = 1;
    for (int i = 0; i < decimals; i++) m *= 10;
    double x = v * m;
    long long r = (long long)(x >= 0 ? x + 0.5 : x - 0.5);
    return (double)r / m;
}

static void fmt_qty(buf *b, const critdef *d, double v)
{
    v = round_to(v, d->decimals);
    switch (d->unit) {
    case U_PCT: bprintf(b, "%.*f%%", d->decimals, v); break;
    case U_S: bprintf(b, "%.*fs", d->decimals, v); break;
    case U_MIN: bprintf(b, "%.*fmin", d->decimals, v); break;
    case U_H: bprintf(b, "%.*fh", d->decimals, v); break;
    case U_D: bprintf(b, "%.*fd", d->decimals, v); break;
    case U_EUR: bprintf(b, "%.*f EUR", d->decimals, v); break;
    case U_WORD: bprintf(b, "%.*f %s", d->decimals, v, d->word); break;
    case U_NONE: bprintf(b, "%.*f", d->decimals, v); break;
    }
}

static double clamp_value(const critdef *d, double v)
{
    if (v < 0) v = 0;
    if (d->unit == U_PCT && v > 100) v = 100;
    if (d->unit == U_NONE && d->higher && v > 5) v = 5;
    if (v == 0 && d->unit != U_PCT) v = d->decimals ? 0.1 : 1;
    return v;
}

static void crit_init(crit *c, int def)
{
    const critdef *d = &CRITS[def];
    c->def = def;
    c->target = round_to(runif(&G, d->tlo, d->thi), d->decimals);
    if (d->unit == U_PCT && d->decimals == 0) c->target = (double)((int)(c->target / 5 + 0.5) * 5);
    if (c->target <= 0) c->target = d->tlo;
    double bad = d->higher ? runif(&G, 0.55, 0.9) : runif(&G, 1.2, 2.2);
    c->base = clamp_value(d, c->target * bad);
    c->has_base = chance(&G, 0.55);
    bool met = chance(&G, 0.65);
    double good = d->higher ? (met ? runif(&G, 1.0, 1.25) : runif(&G, 0.75, 0.98))
                            : (met ? runif(&G, 0.6, 1.0) : runif(&G, 1.03, 1.4));
    c->fin = clamp_value(d, c->target * good);
    c->value = c->base;
    c->has_actual = false;
    c->has_notes = false;
}

/* moves an actual toward its final value; progress 0..1 */
static void crit_measure(crit *c, double progress)
{
    const critdef *d = &CRITS[c->def];
    if (progress > 1) progress = 1;
    double v = c->base + (c->fin - c->base) * progress;
    v *= runif(&G, 0.96, 1.04);
    c->value = clamp_value(d, v);
    c->has_actual = true;
}

/* ---- pilot text ---------------------------------------------------------------- */

static const char *person_name_of(int i) { return PEOPLE[i].name; }

static void render_date(buf *b, const char *key, int day, bool quoted)
{
    if (quoted)
        bprintf(b, "%s: '%s'\n", key, ymd(day));
    else
        bprintf(b, "%s: %s\n", key, ymd(day));
}

static void render(const pilot *p, buf *b)
{
    rng s = {p->seed}; /* static choices: same every version */
    const topic *t = &TOPICS[p->topic];
    const site *st = &SITES[p->site];
    bool header_comment = chance(&s, 0.2);
    bool quoted_dates = chance(&s, 0.2);
    bool flow_budget = chance(&s, 0.5);
    bool flow_users = chance(&s, 0.6);
    bool role_comment = chance(&s, 0.5);
    int dashboard = rint_(&s, 100, 999);

    breset(b);
    bput(b, "---\n");
    if (header_comment)
        bprintf(b, "# %s, %s. Questions to the owner or in #pilot-%s.\n", st->name, t->users,
                p->id);
    bprintf(b, "title: %s in %s", t->title, st->name);
    if (p->wave > 1) bprintf(b, ", wave %d", p->wave);
    bput(b, "\n");
    bprintf(b, "kind: %s\n", p->poc ? "poc" : "pilot");
    bprintf(b, "stage: %s\n", STAGES[p->stage]);
    bprintf(b, "owner: %s <%s>\n", PEOPLE[p->owner].name, PEOPLE[p->owner].email);
    if (p->sponsor >= 0) bprintf(b, "sponsor: %s\n", person_name_of(p->sponsor));
    if (p->customer_owner >= 0)
        bprintf(b, "customer_owner: %s\n", person_name_of(p->customer_owner));
    bprintf(b, "hypothesis: %s in %s.\n", t->hypothesis, st->name);
    if (p->has_do) {
        if (role_comment)
            bprintf(b, "decision_owner: %s          # %s\n", person_name_of(p->decision_owner),
                    ROLES[p->role]);
        else
            bprintf(b, "decision_owner: %s\n", person_name_of(p->decision_owner));
    }
    if (p->has_planning) bprintf(b, "budget_holder: %s\n", person_name_of(p->budget_holder));
    if (p->has_budget) {
        if (flow_budget)
            bprintf(b, "budget: {pilot: %d, production: %d, currency: EUR}\n", p->budget_pilot,
                    p->budget_prod);
        else
            bprintf(b, "budget:\n  pilot: %d\n  production: %d\n  currency: EUR\n",
                    p->budget_pilot, p->budget_prod);
    }
    if (p->has_planning) {
        bput(b, "production_path: ");
        bprintf(b, PATHS[p->path], p->path_no);
        bput(b, "\n");
        if (p->risk_owner >= 0) bprintf(b, "risk_owner: %s\n", person_name_of(p->risk_owner));
        render_date(b, "start", p->start, quoted_dates);
        render_date(b, "end", p->end, quoted_dates);
        render_date(b, "decision_deadline", p->deadline, quoted_dates);
    }
    if (p->has_users) {
        if (flow_users) {
            bprintf(b, "users: {target: %d", p->users_target);
            if (p->has_active) bprintf(b, ", active: %d", p->users_active);
            bput(b, "}\n");
        } else {
            bprintf(b, "users:\n  target: %d\n", p->users_target);
            if (p->has_active) bprintf(b, "  active: %d\n", p->users_active);
        }
    }
    if (p->nshown) {
        bput(b, "success_criteria:\n");
        for (int i = 0; i < p->nshown; i++) {
            const crit *c = &p->crit[i];
            const critdef *d = &CRITS[c->def];
            bprintf(b, "  - id: %s\n    metric: %s\n", d->id, d->metric);
            if (c->has_base) {
                bput(b, "    baseline: ");
                fmt_qty(b, d, c->base);
                bput(b, "\n");
            }
            bprintf(b, "    target: \"%s ", d->higher ? ">=" : "<=");
            fmt_qty(b, d, c->target);
            bput(b, "\"\n");
            if (c->has_actual) {
                bput(b, "    actual: ");
                fmt_qty(b, d, c->value);
                bput(b, "\n");
            } else if (p->stage == S_RUNNING && i == p->nshown - 1) {
                bput(b, "    # measured from the second half of the pilot\n");
            }
            if (c->has_notes)
                bprintf(b, "    notes: %s.\n", NOTES[(p->seed >> (i * 4)) % ARRAY_SIZE(NOTES)]);
        }
    }
    if (p->outcome != O_NONE) {
        const char *rat =
            p->stage == S_STOPPED && p->outcome == O_NOGO && p->dec_text >= 100
                ? RATIONALE_STOP[(p->dec_text - 100) % ARRAY_SIZE(RATIONALE_STOP)]
            : p->outcome == O_GO   ? RATIONALE_GO[p->dec_text % ARRAY_SIZE(RATIONALE_GO)]
            : p->outcome == O_NOGO ? RATIONALE_NOGO[p->dec_text % ARRAY_SIZE(RATIONALE_NOGO)]
                                   : RATIONALE_EXTEND[p->dec_text % ARRAY_SIZE(RATIONALE_EXTEND)];
        bprintf(b, "decision:\n  outcome: %s\n  date: %s\n  by: %s\n  rationale: %s\n",
                OUTCOMES[p->outcome], ymd(p->dec_date), person_name_of(p->decision_owner), rat);
    }
    bprintf(b, "tags: [%s, %s]\n", t->tags, st->slug);
    if (p->has_links)
        bprintf(b, "links:\n  - title: Pilot dashboard\n    url: https://bi." DOMAIN
                   "/dashboards/%d\n",
                dashboard);
    bput(b, "---\n");

    /* body */
    bput(b, "# Context\n\n");
    {
        buf para = {0};
        bprintf(&para, "%s in %s.", t->problem, st->name);
        int n = rint_(&s, 4, 6), first = rint_(&s, 0, (int)ARRAY_SIZE(CONTEXT) - 1);
        for (int i = 0; i < n; i++)
            bprintf(&para, " %s", CONTEXT[(first + i * 5) % ARRAY_SIZE(CONTEXT)]);
        bprintf(&para, " The pilot runs with about %d %s and is owned by %s.",
                p->has_users ? p->users_target : 20, t->users, PEOPLE[p->owner].name);
        bwrap(b, para.p);
        free(para.p);
    }
    bput(b, "\n# Scope\n\n");
    {
        int n = rint_(&s, 3, 4), first = rint_(&s, 0, (int)ARRAY_SIZE(SCOPE) - 1);
        for (int i = 0; i < n; i++)
            bprintf(b, "- %s\n", SCOPE[(first + i * 3) % ARRAY_SIZE(SCOPE)]);
        if (chance(&s, 0.3))
            bput(b, "\n~~Automatic replies to customers~~ were dropped from scope in week 2: "
                    "they need\na separate assessment and are not needed to test the hypothesis.\n");
    }
    bput(b, "\n# Plan\n\n");
    for (int i = 0; i < p->ntasks; i++)
        bprintf(b, "- [%c] %s\n", i < p->tasks_done ? 'x' : ' ', TASKS[p->tasks[i]]);

    bput(b, "\n# Weekly metrics\n\n");
    if (p->nrows == 0) {
        bput(b, "No measurements yet: the first row is added in the first week of the pilot.\n");
    } else {
        const critdef *d0 = &CRITS[p->crit[0].def], *d1 = &CRITS[p->crit[1].def];
        bprintf(b, "| Week | Active %s | %s | %s | Notes |\n", t->users, d0->column, d1->column);
        bput(b, "|-----:|------:|------:|------:|-------|\n");
        for (int i = 0; i < p->nrows; i++) {
            const row *r = &p->rows[i];
            bprintf(b, "| %d | %d | ", r->week, r->active);
            fmt_qty(b, d0, r->v[0]);
            bput(b, " | ");
            fmt_qty(b, d1, r->v[1]);
            bprintf(b, " | %s |\n", ROW_NOTES[r->note]);
        }
    }

    bput(b, "\n# Checkpoints\n\n| Date | Checkpoint | Result |\n|------|------------|--------|\n");
    if (p->has_planning) {
        int mid = p->start + (p->end - p->start) / 2;
        bool ran = p->stage >= S_RUNNING && p->stage != S_STOPPED;
        bool after = p->stage >= S_EVALUATING && p->stage != S_STOPPED;
        bprintf(b, "| %s | Kick-off | %s |\n", ymd(p->start), ran ? "Done" : "");
        bprintf(b, "| %s | Mid-point review | %s |\n", ymd(mid),
                p->nrows > 4 ? "On track" : "");
        bprintf(b, "| %s | End of pilot | %s |\n", ymd(p->end), after ? "Done" : "");
        bprintf(b, "| %s | Decision (%s) | %s |\n", ymd(p->deadline),
                person_name_of(p->decision_owner),
                p->outcome == O_NONE ? "" : OUTCOMES[p->outcome]);
    } else {
        bprintf(b, "| %s | Proposal | Submitted |\n", ymd((int)p->create_day));
        bput(b, "| | Planning | |\n");
    }

    bput(b, "\n# Risks\n\n");
    {
        int first = rint_(&s, 0, (int)ARRAY_SIZE(RISKS) - 1);
        for (int i = 0; i < 3; i++) {
            const char *r = RISKS[(first + i * 3) % ARRAY_SIZE(RISKS)];
            if (p->mitigated & (1 << i))
                bprintf(b, "- ~~%s~~ (mitigated)\n", r);
            else
                bprintf(b, "- %s\n", r);
        }
    }

    bput(b, "\n# Notes\n\n");
    if (!p->nnotes) bput(b, "Nothing yet.\n");
    for (int i = 0; i < p->nnotes; i++)
        bprintf(b, "- %s: %s.\n", ymd(p->notes[i].day), NOTES[p->notes[i].text]);

    bprintf(b, "\nQuestions to %s (%s) or in #pilot-%s.\n", PEOPLE[p->owner].name,
            PEOPLE[p->owner].email, p->id);
}

/* ---- state changes --------------------------------------------------------------- */

static int other_person(int not1, int not2)
{
    for (;;) {
        int i = rint_(&G, 0, NPEOPLE - 1);
        if (i != not1 && i != not2) return i;
    }
}

static void add_note(pilot *p, int day, int text)
{
    if (p->nnotes && p->notes[p->nnotes - 1].day == day && p->notes[p->nnotes - 1].text == text)
        text = (text + 1) % (int)ARRAY_SIZE(NOTES); /* not the same line twice */
    if (p->nnotes == MAX_NOTES) {
        memmove(p->notes, p->notes + 1, (MAX_NOTES - 1) * sizeof(note));
        p->nnotes--;
    }
    p->notes[p->nnotes].day = day;
    p->notes[p->nnotes].text = text;
    p->nnotes++;
}

static void ensure_planning(pilot *p)
{
    p->has_do = true;
    p->has_planning = true;
    p->nshown = p->ncrit;
    p->has_budget = true;
    p->start = p->s_start;
    p->end = p->s_end;
    p->deadline = p->s_deadline;
}

static void add_row(pilot *p, int today)
{
    double progress = p->end > p->start ? (double)(today - p->start) / (p->end - p->start) : 1;
    if (progress < 0.05) progress = 0.05;
    if (p->nrows == MAX_ROWS) {
        memmove(p->rows, p->rows + 1, (MAX_ROWS - 1) * sizeof(row));
        p->nrows--;
    }
    row *r = &p->rows[p->nrows];
    r->week = (today - p->start) / 7 + 1;
    if (r->week < 1) r->week = 1;
    if (p->nrows && r->week <= p->rows[p->nrows - 1].week) r->week = p->rows[p->nrows - 1].week + 1;
    double frac = progress > 1 ? 1 : progress;
    int active = (int)(p->users_target * (0.3 + 0.7 * frac) * runif(&G, 0.8, 1.05));
    if (active < 1) active = 1;
    r->active = active;
    for (int k = 0; k < 2; k++) {
        crit tmp = p->crit[k];
        crit_measure(&tmp, progress);
        r->v[k] = tmp.value;
    }
    r->note = rint_(&G, 0, (int)ARRAY_SIZE(ROW_NOTES) - 1);
    p->nrows++;
    p->has_active = true;
    p->users_active = active;
}

enum step_type {
    T_CREATE, T_PLAN, T_RUN, T_EVAL, T_GO, T_NOGO, T_EXTEND, T_PROD, T_STOP, T_UPDATE,
    T_RENAME, T_DELETE
};

typedef struct step {
    double day;
    uint32_t pilot;
    uint8_t type, rank, arg;
} step;

/* Applies one update to a pilot, given its stage; says what changed in `what`. */
static void apply_update(pilot *p, int today, buf *what)
{
    int n = rint_(&G, 1, 3);
    bool did = false;
    for (int k = 0; k < n; k++) {
        double r = rnd(&G);
        switch (p->stage) {
        case S_PROPOSED:
            if (r < 0.35 && p->nshown < p->ncrit) {
                p->nshown++;
                bprintf(what, "%sdraft criterion %s", did ? ", " : "",
                        CRITS[p->crit[p->nshown - 1].def].id);
            } else if (r < 0.5 && !p->has_do) {
                p->has_do = true;
                bprintf(what, "%sname the decision owner", did ? ", " : "");
            } else if (r < 0.6 && !p->has_budget) {
                p->has_budget = true;
                bprintf(what, "%sbudget estimate", did ? ", " : "");
            } else {
                add_note(p, today, rint_(&G, 0, 11));
                bprintf(what, "%snotes", did ? ", " : "");
            }
            break;
        case S_PLANNED:
            if (r < 0.45 && p->tasks_done < 3) {
                p->tasks_done++;
                bprintf(what, "%stick off '%s'", did ? ", " : "",
                        TASKS[p->tasks[p->tasks_done - 1]]);
            } else if (r < 0.65) {
                int i = rint_(&G, 0, p->ncrit - 1);
                p->crit[i].has_base = true;
                bprintf(what, "%sbaseline for %s", did ? ", " : "", CRITS[p->crit[i].def].id);
            } else if (r < 0.75 && !p->has_links) {
                p->has_links = true;
                bprintf(what, "%slink the dashboard", did ? ", " : "");
            } else {
                add_note(p, today, rint_(&G, 0, 11));
                bprintf(what, "%snotes", did ? ", " : "");
            }
            break;
        case S_RUNNING:
        case S_EVALUATING: {
            double progress =
                p->end > p->start ? (double)(today - p->start) / (p->end - p->start) : 1;
            if (progress < 0.05) progress = 0.05;
            if (r < 0.4 && p->stage == S_RUNNING) {
                add_row(p, today);
                bprintf(what, "%sweek %d metrics", did ? ", " : "", p->rows[p->nrows - 1].week);
            } else if (r < 0.65) {
                int i = rint_(&G, 0, p->ncrit - 1);
                crit_measure(&p->crit[i], progress);
                bprintf(what, "%s%s actual", did ? ", " : "", CRITS[p->crit[i].def].id);
            } else if (r < 0.75) {
                p->users_active = (int)(p->users_target * runif(&G, 0.5, 1.05));
                p->has_active = true;
                bprintf(what, "%s%d active users", did ? ", " : "", p->users_active);
            } else if (r < 0.85 && p->tasks_done < p->ntasks - 1) {
                p->tasks_done++;
                bprintf(what, "%stick off '%s'", did ? ", " : "",
                        TASKS[p->tasks[p->tasks_done - 1]]);
            } else if (r < 0.9) {
                int i = rint_(&G, 0, p->ncrit - 1);
                p->crit[i].has_notes = !p->crit[i].has_notes;
                bprintf(what, "%snote on %s", did ? ", " : "", CRITS[p->crit[i].def].id);
            } else {
                add_note(p, today, rint_(&G, 0, 11));
                bprintf(what, "%snotes", did ? ", " : "");
            }
            break;
        }
        default:
            if (r < 0.25 && p->mitigated != 7) {
                p->mitigated |= 1 << rint_(&G, 0, 2);
                bprintf(what, "%srisks", did ? ", " : "");
            } else if (r < 0.35 && !p->has_links) {
                p->has_links = true;
                bprintf(what, "%slink the dashboard", did ? ", " : "");
            } else {
                add_note(p, today, rint_(&G, 9, (int)ARRAY_SIZE(NOTES) - 1));
                bprintf(what, "%slessons learned", did ? ", " : "");
            }
            break;
        }
        did = true;
    }
}

static void set_decision(pilot *p, int outcome, int today, int text)
{
    p->has_do = true;
    p->outcome = outcome;
    p->dec_date = today;
    p->dec_text = text;
}

static void measure_all(pilot *p, double progress)
{
    for (int i = 0; i < p->ncrit; i++) crit_measure(&p->crit[i], progress);
}

static void apply_stage(pilot *p, int type, int arg, int today)
{
    switch (type) {
    case T_PLAN:
        ensure_planning(p);
        p->stage = S_PLANNED;
        break;
    case T_RUN:
        p->stage = S_RUNNING;
        p->has_users = true;
        if (p->tasks_done < 3) p->tasks_done = 3;
        break;
    case T_EVAL:
        p->stage = S_EVALUATING;
        measure_all(p, 1.0);
        if (p->tasks_done < p->ntasks - 1) p->tasks_done = p->ntasks - 1;
        break;
    case T_GO:
    case T_NOGO:
        p->stage = S_DECIDED;
        p->tasks_done = p->ntasks;
        set_decision(p, type == T_GO ? O_GO : O_NOGO, today, rint_(&G, 0, 3));
        break;
    case T_EXTEND:
        p->stage = S_RUNNING;
        set_decision(p, O_EXTEND, today, rint_(&G, 0, 2));
        p->end = p->ext_end[arg];
        p->deadline = p->ext_deadline[arg];
        if (p->tasks_done > p->ntasks - 2) p->tasks_done = p->ntasks - 2;
        break;
    case T_PROD:
        p->stage = S_PRODUCTION;
        add_note(p, today, 14);
        break;
    case T_STOP:
        if (p->outcome != O_NOGO) set_decision(p, O_NOGO, today, 100 + rint_(&G, 0, 4));
        p->stage = S_STOPPED;
        break;
    }
}

/* ---- a pilot's life: the schedule ----------------------------------------------- */

static step *STEPS;
static size_t NSTEPS, CAPSTEPS;

static void add_step(double day, int pilot, int type, int arg)
{
    if (NSTEPS == CAPSTEPS) {
        CAPSTEPS = CAPSTEPS ? CAPSTEPS * 2 : 65536;
        STEPS = xrealloc(STEPS, CAPSTEPS * sizeof(step));
    }
    step *s = &STEPS[NSTEPS++];
    s->day = day;
    s->pilot = (uint32_t)pilot;
    s->type = (uint8_t)type;
    s->rank = type == T_CREATE ? 0 : type == T_DELETE ? 2 : 1;
    s->arg = (uint8_t)arg;
}

static void pick_people(pilot *p)
{
    p->owner = rint_(&G, 0, NPEOPLE - 1);
    p->sponsor = chance(&G, 0.8) ? other_person(p->owner, -1) : -1;
    p->customer_owner = chance(&G, 0.3) ? other_person(p->owner, -1) : -1;
    p->decision_owner = p->sponsor >= 0 && chance(&G, 0.6) ? p->sponsor : other_person(p->owner, -1);
    p->budget_holder = chance(&G, 0.6) ? p->decision_owner : other_person(p->owner, -1);
    p->risk_owner = chance(&G, 0.7) ? other_person(p->owner, p->decision_owner) : -1;
    p->role = rint_(&G, 0, (int)ARRAY_SIZE(ROLES) - 1);
}

static int WAVES[ARRAY_SIZE(TOPICS)][ARRAY_SIZE(SITES)];

static void make_pilot(pilot *p, int index)
{
    memset(p, 0, sizeof(*p));
    p->seed = next_u64(&G);
    p->topic = rint_(&G, 0, (int)ARRAY_SIZE(TOPICS) - 1);
    p->site = rint_(&G, 0, (int)ARRAY_SIZE(SITES) - 1);
    p->wave = ++WAVES[p->topic][p->site];
    if (p->wave > 1)
        snprintf(p->id, sizeof(p->id), "%s-%s-%d", TOPICS[p->topic].slug, SITES[p->site].slug,
                 p->wave);
    else
        snprintf(p->id, sizeof(p->id), "%s-%s", TOPICS[p->topic].slug, SITES[p->site].slug);
    idset_add(p->id);
    (void)index;
    p->poc = chance(&G, 0.35);
    pick_people(p);
    p->has_do = chance(&G, 0.5);
    p->path = rint_(&G, 0, (int)ARRAY_SIZE(PATHS) - 1);
    p->path_no = rint_(&G, 1, 999);
    p->has_budget = chance(&G, 0.5);
    p->budget_pilot = rint_(&G, 2, 150) * 1000;
    p->budget_prod = p->budget_pilot * rint_(&G, 3, 12);
    p->users_target = p->poc ? rint_(&G, 5, 30) : rint_(&G, 20, 400);
    p->ncrit = rint_(&G, 3, 4);
    const topic *t = &TOPICS[p->topic];
    for (int i = 0; i < p->ncrit; i++) crit_init(&p->crit[i], t->crit[i]);
    if (p->ncrit == 4 && t->crit[3] == t->crit[0]) p->ncrit = 3;
    for (int i = 1; i < p->ncrit; i++)
        for (int j = 0; j < i; j++)
            if (p->crit[i].def == p->crit[j].def) p->ncrit = i;
    p->nshown = chance(&G, 0.5) ? rint_(&G, 1, p->ncrit) : 0;
    p->outcome = O_NONE;
    p->ntasks = rint_(&G, 6, MAX_TASKS);
    int first = rint_(&G, 0, (int)ARRAY_SIZE(TASKS) - 1);
    for (int i = 0; i < p->ntasks; i++) p->tasks[i] = (first + i * 7) % (int)ARRAY_SIZE(TASKS);
}

static void plan_dates(pilot *p, double from)
{
    p->s_start = (int)from + rint_(&G, 7, 40);
    p->s_end = p->s_start + rint_(&G, 8, 20) * 7;
    p->s_deadline = p->s_end + rint_(&G, 21, 60);
}

/* Schedules a pilot's moves from `d` on (it is at p->stage). Steps after
 * the end of the history are not scheduled. */
static void schedule(pilot *p, int index, double d)
{
    double span = SPAN_DAYS;
    int stage = p->stage;
    int decided_outcome = p->outcome;
    p->run_day = p->decide_day = -1;
    if (stage >= S_RUNNING) p->run_day = d;
    if (stage >= S_DECIDED) p->decide_day = d;
    for (;;) {
        double next;
        switch (stage) {
        case S_PROPOSED:
            next = d + runif(&G, 10, 60);
            if (next >= span) goto done;
            if (chance(&G, 0.12)) {
                add_step(next, index, T_STOP, 0);
                stage = S_STOPPED;
            } else {
                plan_dates(p, next);
                add_step(next, index, T_PLAN, 0);
                stage = S_PLANNED;
            }
            d = next;
            break;
        case S_PLANNED:
            next = p->s_start + runif(&G, 0, 1);
            if (next <= d) next = d + 1;
            if (next >= span) goto done;
            if (chance(&G, 0.08)) {
                add_step(next - 1, index, T_STOP, 0);
                stage = S_STOPPED;
            } else {
                add_step(next, index, T_RUN, 0);
                p->run_day = next;
                stage = S_RUNNING;
            }
            d = next;
            break;
        case S_RUNNING: {
            int end = p->extends ? p->ext_end[p->extends - 1] : p->s_end;
            next = (end > d ? end : d) + runif(&G, 0, 10);
            if (chance(&G, 0.05)) {
                next = d + (next - d) * runif(&G, 0.2, 0.8);
                if (next >= span) goto done;
                add_step(next, index, T_STOP, 0);
                stage = S_STOPPED;
            } else {
                if (next >= span) goto done;
                add_step(next, index, T_EVAL, 0);
                stage = S_EVALUATING;
            }
            d = next;
            break;
        }
        case S_EVALUATING: {
            next = d + runif(&G, 5, 45);
            if (next >= span) goto done;
            double r = rnd(&G);
            if (r < 0.15 && p->extends < 2) {
                int e = p->extends++;
                p->ext_end[e] = (int)next + rint_(&G, 3, 8) * 7;
                p->ext_deadline[e] = p->ext_end[e] + rint_(&G, 21, 45);
                add_step(next, index, T_EXTEND, e);
                stage = S_RUNNING;
            } else {
                decided_outcome = r < 0.68 ? O_GO : O_NOGO;
                add_step(next, index, decided_outcome == O_GO ? T_GO : T_NOGO, 0);
                p->decide_day = next;
                stage = S_DECIDED;
            }
            d = next;
            break;
        }
        case S_DECIDED:
            if (decided_outcome == O_GO ? chance(&G, 0.85) : chance(&G, 0.5)) {
                next = d + runif(&G, 14, 90);
                if (next >= span) goto done;
                add_step(next, index, decided_outcome == O_GO ? T_PROD : T_STOP, 0);
                stage = decided_outcome == O_GO ? S_PRODUCTION : S_STOPPED;
                d = next;
            } else {
                goto done;
            }
            break;
        default:
            goto done;
        }
        if (stage == S_STOPPED || stage == S_PRODUCTION) {
            if (p->decide_day < 0) p->decide_day = d;
            goto done;
        }
    }
done:
    p->end_day = d + runif(&G, 30, 150);
    if (p->end_day > span) p->end_day = span;
    if (p->decide_day < 0) p->decide_day = p->end_day;
    if (p->run_day < 0) p->run_day = p->decide_day;
}

/* Brings an imported pilot to its stage, with a past of its own. */
static void import_at(pilot *p, int stage)
{
    int today = 0;
    p->create_day = 0;
    if (stage == S_PROPOSED) return;
    if (stage == S_STOPPED) {
        /* stopped somewhere along the way */
        if (chance(&G, 0.5)) {
            plan_dates(p, -rint_(&G, 120, 400));
            ensure_planning(p);
            p->has_users = true;
            measure_all(p, 0.6);
        }
        int text = 100 + rint_(&G, 0, 4), day = -rint_(&G, 5, 60); /* in this order */
        set_decision(p, O_NOGO, day, text);
        p->stage = S_STOPPED;
        p->tasks_done = p->ntasks / 2;
        return;
    }
    int back = stage == S_PLANNED ? rint_(&G, 20, 50)
               : stage == S_RUNNING ? rint_(&G, 60, 140)
                                    : rint_(&G, 250, 600);
    plan_dates(p, today - back);
    ensure_planning(p);
    p->stage = S_PLANNED;
    p->tasks_done = 1;
    if (stage == S_PLANNED) {
        if (p->s_start <= today) { /* still about to start */
            p->s_start = today + rint_(&G, 3, 20);
            p->s_end = p->s_start + rint_(&G, 8, 24) * 7;
            p->s_deadline = p->s_end + rint_(&G, 21, 60);
            ensure_planning(p);
        }
        return;
    }
    p->stage = S_RUNNING;
    p->has_users = true;
    p->tasks_done = 3;
    if (stage == S_RUNNING) {
        if (p->s_end <= today) { /* still running */
            p->s_end = today + rint_(&G, 14, 80);
            p->s_deadline = p->s_end + rint_(&G, 21, 60);
            ensure_planning(p);
        }
        for (int w = p->start; w < today; w += 7) add_row(p, w);
        for (int i = 0; i < p->ncrit - 1; i++) crit_measure(&p->crit[i], 0.5);
        return;
    }
    for (int w = p->start; w < p->end && p->nrows < MAX_ROWS; w += 7) add_row(p, w);
    measure_all(p, 1.0);
    p->tasks_done = p->ntasks - 1;
    p->stage = S_EVALUATING;
    if (stage == S_EVALUATING) {
        if (p->s_deadline <= today) p->s_deadline = today + rint_(&G, 10, 40);
        p->deadline = p->s_deadline;
        return;
    }
    int dd = p->deadline - rint_(&G, 0, 20);
    if (dd > today) dd = today - 1;
    set_decision(p, O_GO, dd, rint_(&G, 0, 3));
    p->tasks_done = p->ntasks;
    p->stage = stage; /* decided (go) or production */
}

/* ---- output ---------------------------------------------------------------------- */

static void emit_data(const char *s, size_t n)
{
    printf("data %zu\n", n);
    fwrite(s, 1, n, stdout);
    putchar('\n');
}

static void emit_file(const pilot *p, buf *text)
{
    render(p, text);
    printf("M 100644 inline pilots/%s.md\n", p->id);
    emit_data(text->p, text->len);
}

static void emit_header(int author, long long epoch, const buf *msg)
{
    const person *a = &PEOPLE[author];
    printf("commit refs/heads/main\n");
    printf("author %s <%s> %lld %s\n", a->name, a->email, epoch, ZONES[a->tz].tz);
    printf("committer %s <%s> %lld %s\n", a->name, a->email, epoch, ZONES[a->tz].tz);
    emit_data(msg->p, msg->len);
}

static int cmp_step(const void *va, const void *vb)
{
    const step *a = va, *b = vb;
    if (a->day != b->day) return a->day < b->day ? -1 : 1;
    if (a->pilot != b->pilot) return a->pilot < b->pilot ? -1 : 1;
    return (int)a->rank - (int)b->rank;
}

static int cmp_double(const void *va, const void *vb)
{
    double a = *(const double *)va, b = *(const double *)vb;
    return a < b ? -1 : a > b;
}

static void usage(void)
{
    fputs("usage: gen [small|large] [--pilots N] [--commits C] [--seed S] | git fast-import\n",
          stderr);
    exit(2);
}

/* What a step did, for the commit message. */
typedef struct done_step {
    int pilot, type;
    int from_stage;
    char what[200];
} done_step;

static const char *short_title(const pilot *p)
{
    static char t[160];
    snprintf(t, sizeof(t), "%s in %s", TOPICS[p->topic].title, SITES[p->site].name);
    return t;
}

static void describe(buf *m, const done_step *d)
{
    const pilot *p = &P[d->pilot];
    switch (d->type) {
    case T_CREATE: bprintf(m, "propose %s", short_title(p)); break;
    case T_PLAN: bprintf(m, "plan agreed: criteria, dates and budget holder"); break;
    case T_RUN: bprintf(m, "pilot started"); break;
    case T_EVAL: bprintf(m, "pilot ended, evaluating the results"); break;
    case T_GO: bprintf(m, "decision go"); break;
    case T_NOGO: bprintf(m, "decision no-go"); break;
    case T_EXTEND: bprintf(m, "extended until %s", ymd(p->end)); break;
    case T_PROD: bprintf(m, "in production"); break;
    case T_STOP: bprintf(m, "stopped"); break;
    case T_RENAME: bprintf(m, "renamed from %s", p->old_id); break;
    case T_DELETE: bprintf(m, "removed"); break;
    default: bprintf(m, "%s", d->what); break;
    }
}

static void message(buf *m, const done_step *ds, int n, rng *r)
{
    breset(m);
    if (n == 1) {
        const done_step *d = ds;
        const pilot *p = &P[d->pilot];
        bool trailers = chance(r, 0.6);
        switch (d->type) {
        case T_CREATE:
            if (chance(r, 0.5))
                bprintf(m, "Propose %s\n\n", short_title(p));
            else
                bprintf(m, "New %s: %s\n\n", p->poc ? "proof of concept" : "pilot", short_title(p));
            bwrap(m, TOPICS[p->topic].hypothesis);
            bput(m, "\n");
            break;
        case T_PLAN:
            bprintf(m, "%s: plan agreed with %s\n\nCriteria, dates, budget holder and production "
                       "path are in.\nStart %s, decision by %s.\n\n",
                    p->id, PEOPLE[p->decision_owner].name, ymd(p->start), ymd(p->deadline));
            break;
        case T_RUN: bprintf(m, "Start %s\n\n", p->id); break;
        case T_EVAL: bprintf(m, "%s: pilot ended, evaluating\n\nAll actuals measured.\n\n", p->id); break;
        case T_GO:
        case T_NOGO:
        case T_EXTEND:
            bprintf(m, "%s: decision %s\n\n", p->id, OUTCOMES[p->outcome]);
            bwrap(m, p->outcome == O_GO     ? RATIONALE_GO[p->dec_text % ARRAY_SIZE(RATIONALE_GO)]
                     : p->outcome == O_NOGO ? RATIONALE_NOGO[p->dec_text % ARRAY_SIZE(RATIONALE_NOGO)]
                                            : RATIONALE_EXTEND[p->dec_text % ARRAY_SIZE(RATIONALE_EXTEND)]);
            bput(m, "\n");
            break;
        case T_PROD: bprintf(m, "%s is in production\n\n", p->id); break;
        case T_STOP: bprintf(m, "Stop %s\n\n", p->id); break;
        case T_RENAME:
            bprintf(m, "Rename %s to %s\n\nThe scope is narrower than the first proposal.\n\n",
                    p->old_id, p->id);
            break;
        case T_DELETE:
            bprintf(m, "Remove %s\n\nWithdrawn: it duplicates another proposal.\n\n", p->id);
            trailers = false;
            break;
        default:
            if (chance(r, 0.5))
                bprintf(m, "%s: %s\n\n", p->id, d->what);
            else
                bprintf(m, "Update %s\n\n", p->id);
            break;
        }
        if (trailers || d->type == T_GO || d->type == T_NOGO || d->type == T_EXTEND) {
            bprintf(m, "Pilot: %s\n", p->id);
            if (d->type >= T_PLAN && d->type <= T_STOP)
                bprintf(m, "Pilot-Stage: %s\n", STAGES[p->stage]);
            if (d->type == T_GO || d->type == T_NOGO || d->type == T_EXTEND)
                bprintf(m, "Pilot-Decision: %s\n", OUTCOMES[p->outcome]);
        }
    } else {
        static const char *const subjects[] = {"Weekly pilot updates", "Portfolio review",
                                               "Update pilots after the steering meeting",
                                               "Metrics for this week"};
        bprintf(m, "%s (%d pilots)\n\n", PICK(r, subjects), n);
        for (int i = 0; i < n; i++) {
            bprintf(m, "- %s: ", P[ds[i].pilot].id);
            describe(m, &ds[i]);
            bput(m, "\n");
        }
        if (chance(r, 0.3)) {
            bput(m, "\n");
            for (int i = 0; i < n; i++) bprintf(m, "Pilot: %s\n", P[ds[i].pilot].id);
        }
    }
    /* no trailing blank line */
    while (m->len && m->p[m->len - 1] == '\n') m->p[--m->len] = '\0';
    bput(m, "\n");
}

int main(int argc, char **argv)
{
    long npilots = 1000, ncommits = 10000;
    unsigned long long seed = 20240917;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "small") == 0)
            npilots = 1000, ncommits = 10000;
        else if (strcmp(argv[i], "large") == 0)
            npilots = 10000, ncommits = 100000;
        else if (strcmp(argv[i], "--pilots") == 0 && i + 1 < argc)
            npilots = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--commits") == 0 && i + 1 < argc)
            ncommits = strtol(argv[++i], NULL, 10);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else
            usage();
    }
    if (npilots < 1 || npilots > 1000000 || ncommits < 2 || ncommits > 10000000) usage();
    static char outbuf[1 << 20];
    setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
    G.s = seed;
    BASE_DAY = days_from_civil(2020, 1, 6);

    /* people */
    NPEOPLE = 300;
    PEOPLE = xrealloc(NULL, (size_t)NPEOPLE * sizeof(person));
    for (int i = 0; i < NPEOPLE; i++) {
        int f = rint_(&G, 0, (int)ARRAY_SIZE(FIRST) - 1), l = rint_(&G, 0, (int)ARRAY_SIZE(LAST) - 1);
        snprintf(PEOPLE[i].name, sizeof(PEOPLE[i].name), "%s %s", FIRST[f].name, LAST[l].name);
        snprintf(PEOPLE[i].email, sizeof(PEOPLE[i].email), "%s.%s@" DOMAIN, FIRST[f].ascii,
                 LAST[l].ascii);
        PEOPLE[i].tz = rint_(&G, 0, (int)ARRAY_SIZE(ZONES) - 1);
        for (int j = 0; j < i; j++) /* same name twice: a second address */
            if (strcmp(PEOPLE[j].email, PEOPLE[i].email) == 0) {
                snprintf(PEOPLE[i].email, sizeof(PEOPLE[i].email), "%s.%s%d@" DOMAIN,
                         FIRST[f].ascii, LAST[l].ascii, i);
                snprintf(PEOPLE[i].name, sizeof(PEOPLE[i].name), "%s %c. %s", FIRST[f].name,
                         'A' + i % 26, LAST[l].name);
                break;
            }
    }

    /* pilots: a tenth imported at the start, the rest proposed over time */
    NP = (int)npilots;
    P = xrealloc(NULL, (size_t)NP * sizeof(pilot));
    int nimport = NP / 10 ? NP / 10 : 1;
    double *created = xrealloc(NULL, (size_t)NP * sizeof(double));
    for (int i = 0; i < NP; i++) created[i] = i < nimport ? 0 : runif(&G, 1, SPAN_DAYS - 1);
    qsort(created + nimport, (size_t)(NP - nimport), sizeof(double), cmp_double);
    static const double import_mix[] = {0.25, 0.2, 0.3, 0.1, 0.05, 0.05, 0.05};
    for (int i = 0; i < NP; i++) {
        pilot *p = &P[i];
        make_pilot(p, i);
        p->create_day = created[i];
        if (i < nimport) {
            p->imported = true;
            double r = rnd(&G), acc = 0;
            int stage = 0;
            for (stage = 0; stage < 6; stage++)
                if (r < (acc += import_mix[stage])) break;
            import_at(p, stage);
            schedule(p, i, 0);
        } else {
            add_step(created[i], i, T_CREATE, 0);
            if (chance(&G, 0.02)) { /* withdrawn duplicate */
                double del = created[i] + runif(&G, 3, 50);
                if (del < SPAN_DAYS) add_step(del, i, T_DELETE, 0);
                p->run_day = p->decide_day = p->end_day = del < SPAN_DAYS ? del : SPAN_DAYS;
                p->deleted = true;
            } else {
                schedule(p, i, created[i]);
            }
        }
        if (!p->deleted && chance(&G, 0.03)) {
            double lo = p->create_day + 1, hi = p->end_day;
            if (hi > lo) add_step(runif(&G, lo, hi), i, T_RENAME, 0);
        }
    }
    free(created);

    /* updates fill up to two pilot changes per commit on average, spread over
     * the pilots' active lives, three times denser while they run */
    size_t target = (size_t)(ncommits - 1) * 2;
    if (NSTEPS < target) {
        size_t nupd = target - NSTEPS;
        double *acc = xrealloc(NULL, (size_t)NP * 3 * sizeof(double));
        double total = 0;
        for (int i = 0; i < NP; i++) {
            pilot *p = &P[i];
            double a = p->create_day, b = p->run_day, c = p->decide_day, e = p->end_day;
            if (b < a) b = a;
            if (c < b) c = b;
            if (e < c) e = c;
            total += (b - a) * 1.0;
            acc[i * 3] = total;
            total += (c - b) * 3.0;
            acc[i * 3 + 1] = total;
            total += (e - c) * 0.5;
            acc[i * 3 + 2] = total;
        }
        for (size_t k = 0; k < nupd && total > 0; k++) {
            double x = rnd(&G) * total;
            size_t lo = 0, hi = (size_t)NP * 3 - 1;
            while (lo < hi) {
                size_t mid = (lo + hi) / 2;
                if (acc[mid] > x) hi = mid;
                else lo = mid + 1;
            }
            int i = (int)(lo / 3), seg = (int)(lo % 3);
            pilot *p = &P[i];
            double bounds[4] = {p->create_day, p->run_day, p->decide_day, p->end_day};
            for (int j = 1; j < 4; j++)
                if (bounds[j] < bounds[j - 1]) bounds[j] = bounds[j - 1];
            double day = runif(&G, bounds[seg], bounds[seg + 1]);
            if (day <= p->create_day) day = p->create_day + 1e-6;
            if (p->deleted && day >= p->end_day) continue;
            if (day >= SPAN_DAYS) continue;
            add_step(day, i, T_UPDATE, 0);
        }
        free(acc);
    }
    qsort(STEPS, NSTEPS, sizeof(step), cmp_step);

    /* the import commit */
    printf("feature done\n");
    buf text = {0}, msg = {0};
    long long epoch = (BASE_DAY * 86400LL) + 9 * 3600 - 3600;
    int admin = 0;
    bprintf(&msg, "Import the pilot portfolio from the spreadsheet\n\n");
    bwrap(&msg, "Every pilot of the old portfolio spreadsheet as one Markdown file with its "
                "front matter; stages and dates as they stood at the last steering meeting.");
    bprintf(&msg, "\n%d pilots.\n", nimport);
    emit_header(admin, epoch, &msg);
    static const char config[] = "# pilotlog configuration\npilots_dir: pilots\nsite:\n"
                                 "  title: Northwind pilot portfolio\n";
    printf("M 100644 inline .pilotlog/config.yaml\n");
    emit_data(config, sizeof(config) - 1);
    static const char readme[] =
        "# Pilot portfolio\n\nOne file per pilot under `pilots/`; see the status site for the "
        "overview.\nPropose a pilot with `pilotlog new` or a pull request.\n";
    printf("M 100644 inline README.md\n");
    emit_data(readme, sizeof(readme) - 1);
    for (int i = 0; i < nimport; i++) {
        P[i].alive = true;
        emit_file(&P[i], &text);
    }

    /* the history: steps in date order, one to three pilots per commit */
    rng mr = {seed ^ 0x5eedULL};
    size_t at = 0;
    long remaining = ncommits - 1;
    done_step ds[8];
    int commits = 1;
    while (remaining > 0 && at < NSTEPS) {
        size_t left = NSTEPS - at;
        double mean = (double)left / (double)remaining;
        double p3 = 0.3 + (mean - 2) / 2, p1 = 0.3 - (mean - 2) / 2;
        if (p3 < 0) p3 = 0;
        if (p1 < 0) p1 = 0;
        double r = rnd(&G);
        int want = r < p1 ? 1 : r < p1 + 0.4 ? 2 : 3;
        if (mean > 3) want = (int)(mean + 0.999);
        long slack = (long)left - (remaining - 1);
        if (want > slack) want = (int)slack;
        if (want < 1) want = 1;
        if (want > 8) want = 8;
        int n = 0;
        while (n < want && at < NSTEPS) {
            bool dup = false;
            for (int k = 0; k < n; k++)
                if (ds[k].pilot == (int)STEPS[at].pilot) dup = true;
            if (dup) break;
            ds[n].pilot = (int)STEPS[at].pilot;
            ds[n].type = STEPS[at].type;
            ds[n].what[0] = '\0';
            ds[n].from_stage = STEPS[at].arg; /* reused below */
            n++;
            at++;
        }
        double day = STEPS[at - 1].day;

        /* author: the owner, or the decision owner for decisions */
        const pilot *p0 = &P[ds[0].pilot];
        int author = p0->owner;
        if (ds[0].type == T_GO || ds[0].type == T_NOGO || ds[0].type == T_EXTEND ||
            ds[0].type == T_STOP)
            author = p0->decision_owner;
        else if (n > 1 && chance(&mr, 0.5))
            author = rint_(&mr, 0, 7); /* someone from the portfolio office */
        /* office hours, 06:00 to 20:00 UTC; each author's own offset */
        int tzmin = ZONES[PEOPLE[author].tz].minutes;
        long long t = (BASE_DAY + (long long)day) * 86400LL +
                      (long long)((6 * 3600) + (day - (long long)day) * 14 * 3600);
        if (t <= epoch) t = epoch + rint_(&mr, 20, 300);
        epoch = t;
        int today = (int)((epoch + tzmin * 60LL) / 86400 - BASE_DAY);

        /* apply */
        char before[8][80];
        bool was_alive[8];
        for (int k = 0; k < n; k++) {
            pilot *p = &P[ds[k].pilot];
            int arg = ds[k].from_stage;
            strcpy(before[k], p->id);
            was_alive[k] = p->alive;
            ds[k].from_stage = p->stage;
            buf what = {0};
            switch (ds[k].type) {
            case T_CREATE:
                p->alive = true;
                break;
            case T_UPDATE:
                apply_update(p, today, &what);
                snprintf(ds[k].what, sizeof(ds[k].what), "%s", what.p ? what.p : "update");
                break;
            case T_RENAME: {
                static const char *const quals[] = {"parcel", "b2b", "north", "south", "phase-2",
                                                    "inbound", "retail", "emea"};
                strcpy(p->old_id, p->id);
                char id[80];
                int tries = 0;
                do {
                    const char *q = quals[(p->renames + tries) % ARRAY_SIZE(quals)];
                    if (tries < (int)ARRAY_SIZE(quals))
                        snprintf(id, sizeof(id), "%.60s-%s", p->old_id, q);
                    else
                        snprintf(id, sizeof(id), "%.60s-%s-%d", p->old_id, q, tries);
                    tries++;
                } while (idset_has(id));
                idset_add(id);
                strcpy(p->id, id);
                p->renames++;
                if (chance(&mr, 0.5)) add_note(p, today, 6);
                break;
            }
            case T_DELETE:
                p->alive = false;
                break;
            default:
                apply_stage(p, ds[k].type, arg, today);
                break;
            }
            free(what.p);
        }
        message(&msg, ds, n, &mr);
        emit_header(author, epoch, &msg);
        for (int k = 0; k < n; k++) {
            pilot *p = &P[ds[k].pilot];
            if (ds[k].type == T_DELETE) {
                printf("D pilots/%s.md\n", before[k]);
                continue;
            }
            if (was_alive[k] && strcmp(before[k], p->id) != 0)
                printf("R pilots/%s.md pilots/%s.md\n", before[k], p->id);
            emit_file(p, &text);
        }
        remaining--;
        commits++;
    }
    printf("done\n");
    fflush(stdout);

    int alive = 0, by_stage[7] = {0};
    for (int i = 0; i < NP; i++)
        if (P[i].alive) alive++, by_stage[P[i].stage]++;
    fprintf(stderr, "gen: %d commits, %d pilots created, %d at the tip (", commits, NP, alive);
    for (int s = 0; s < 7; s++) fprintf(stderr, "%s%s %d", s ? ", " : "", STAGES[s], by_stage[s]);
    fprintf(stderr, "), last commit %s\n", ymd((int)((epoch) / 86400 - BASE_DAY)));
    free(text.p);
    free(msg.p);
    return ferror(stdout) ? 1 : 0;
}
