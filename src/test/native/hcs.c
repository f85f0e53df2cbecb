/*
 * computecore.dll (HCS v2) model: operations, compute systems, system handles, exit events.
 *
 * Everything here is guarded by standin_lock. Core functions (counting, UTF-16, JSON,
 * injections, pending work) may be called under it; Java callbacks never are.
 *
 * Objects:
 * - hcs_op: one per HcsCreateOperation. Kept in live_ops while the client handle is open;
 *   freed when the client closed it and no worker or waiter still uses it.
 * - hcs_system: the model, keyed by Id in a creation-ordered registry. Reference counted by
 *   the registry, open handles, workers, shutdown-lag timers and exit waiters; a stopped system
 *   leaves the registry at once and lives on for the handles still open on it. A system that
 *   stopped by an exit (not vanish/reset) while handles were open is also kept in the held list
 *   (no reference of its own) until its last handle closes; enumeration shows that list only
 *   when WharfStandinListStoppedWhileHeld is on.
 * - sys_handle: one per HcsCreateComputeSystem / HcsOpenComputeSystem, kept in live_handles.
 *
 * Every stop and every system-handle close broadcasts sys_cond, which HcsWaitForComputeSystemExit
 * and the shutdown-lag timers wait on.
 */
#define _GNU_SOURCE
#include "hcs.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define OP_MAGIC 0x504F4357u     /* "WCOP" */
#define HANDLE_MAGIC 0x53434857u /* "WHCS" */
#define GENERIC_ALL 0x10000000u
#define INFINITE 0xFFFFFFFFu
#define WORKER_STACK (2u * 1024u * 1024u)

/* ================================================================ small helpers */

static char *dupstr(const char *s) {
    if (!s) return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (!p) abort();
    memcpy(p, s, n);
    return p;
}

static void *zalloc(size_t n) {
    void *p = calloc(1, n);
    if (!p) abort();
    return p;
}

static int64_t mono_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static void lock(void) { pthread_mutex_lock(&standin_lock); }
static void unlock(void) { pthread_mutex_unlock(&standin_lock); }

static int spawn_detached(void *(*fn)(void *), void *arg) {
    pthread_attr_t attr;
    pthread_t thread;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, WORKER_STACK);
    int rc = pthread_create(&thread, &attr, fn, arg);
    pthread_attr_destroy(&attr);
    return rc;
}

/* RFC 3339 UTC with 7 fractional digits, e.g. 2024-05-01T10:00:05.1234567Z */
static void rfc3339(const struct timespec *ts, char out[96]) {
    struct tm tm;
    time_t secs = ts->tv_sec;
    gmtime_r(&secs, &tm);
    snprintf(out, 96, "%04d-%02d-%02dT%02d:%02d:%02d.%07uZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
             tm.tm_min, tm.tm_sec, (unsigned)((ts->tv_nsec / 100) % 10000000));
}

/* ================================================================ pointer sets (handle registries) */

#define SET_BUCKETS 1024

typedef struct set_node {
    const void *pointer;
    struct set_node *next;
} set_node;

typedef struct {
    set_node *buckets[SET_BUCKETS];
} ptr_set;

static size_t set_slot(const void *p) {
    uintptr_t v = (uintptr_t)p;
    v ^= v >> 17;
    v *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(v >> 24) % SET_BUCKETS;
}

static int set_has(const ptr_set *s, const void *p) {
    if (!p) return 0;
    for (const set_node *n = s->buckets[set_slot(p)]; n; n = n->next)
        if (n->pointer == p) return 1;
    return 0;
}

static void set_add(ptr_set *s, const void *p) {
    set_node *n = zalloc(sizeof *n);
    size_t slot = set_slot(p);
    n->pointer = p;
    n->next = s->buckets[slot];
    s->buckets[slot] = n;
}

static int set_remove(ptr_set *s, const void *p) {
    for (set_node **link = &s->buckets[set_slot(p)]; *link; link = &(*link)->next) {
        if ((*link)->pointer == p) {
            set_node *gone = *link;
            *link = gone->next;
            free(gone);
            return 1;
        }
    }
    return 0;
}

/* ================================================================ model */

enum { OP_NOT_STARTED, OP_RUNNING, OP_DONE };
enum { SYS_CREATED, SYS_RUNNING, SYS_PAUSED, SYS_STOPPED };
static const char *const STATE_NAMES[] = {"Created", "Running", "Paused", "Stopped"};

typedef struct hcs_system hcs_system;
typedef struct sys_handle sys_handle;

struct hcs_system {
    char *id, *name, *owner, *type, *os, *runtime_id, *hosting;
    int state;
    char *exit_type;          /* set when stopped */
    int in_registry;          /* the registry holds one reference */
    int refs;                 /* registry + open handles + workers + lag timers + exit waiters */
    uint64_t seq;             /* creation order (enumeration order) */
    hcs_system *prev, *next;  /* registry, creation order */
    int held;                 /* in the held list (stopped, handles still open) */
    hcs_system *held_prev, *held_next;
    int shutdown_pending;     /* a shutdown-lag timer is running for it */
    sys_handle *handles;      /* open handles on this system */
    int started;
    struct timespec start_real;
    int64_t start_mono;
    int64_t run_accum;        /* ns spent Running before running_since */
    int64_t running_since;    /* mono ns when it last became Running */
    uint64_t memory;
};

struct sys_handle {
    uint32_t magic;
    uint64_t serial;
    hcs_system *system;
    standin_hcs_event_callback callback;
    const void *context;
    uint32_t options;
    sys_handle *next_of_system;
};

typedef struct {
    uint32_t magic;
    int state;
    HRESULT hresult;
    char *document;           /* UTF-8 result or ResultError, NULL when none */
    standin_hcs_completion completion;
    const void *context;
    int client_open;          /* 0 after HcsCloseOperation */
    int workers;              /* workers still using this op (including its completion call) */
    int waiters;              /* threads inside HcsWaitForOperationResult */
} hcs_op;

/* HCS_EVENT as computecore lays it out: 24 bytes on 64-bit. */
typedef struct {
    int32_t Type;
    const uint16_t *EventData;
    void *Operation;
} hcs_event;
_Static_assert(sizeof(hcs_event) == 24, "HCS_EVENT must be 24 bytes");
_Static_assert(__builtin_offsetof(hcs_event, EventData) == 8, "EventData at 8");
_Static_assert(__builtin_offsetof(hcs_event, Operation) == 16, "Operation at 16");

#define HCS_EVENT_SYSTEM_EXITED 0x00000001
#define HCS_EVENT_SERVICE_DISCONNECT 0x02000000

static ptr_set live_ops, live_handles;
static hcs_system *first_system, *last_system;
static hcs_system *first_held, *last_held;   /* stopped systems with handles open, stop order */
static int delays[16] = {[0 ... 15] = 2};
static int legacy_errors;
static int32_t shutdown_lag;                 /* ms; 0 none, < 0 the guest never stops by itself */
static int list_stopped_while_held;
static uint64_t next_serial = 1;
static uint64_t next_system_seq = 1;
static int32_t callbacks_registered;

static pthread_cond_t op_cond;   /* operation state changes and operation closes */
static pthread_cond_t sys_cond;  /* system stops and system-handle closes */
static pthread_once_t op_cond_once = PTHREAD_ONCE_INIT;

static void op_cond_init(void) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&op_cond, &attr);
    pthread_cond_init(&sys_cond, &attr);
    pthread_condattr_destroy(&attr);
}

static void sys_changed(void) {
    pthread_once(&op_cond_once, op_cond_init);
    pthread_cond_broadcast(&sys_cond);
}

/* A CLOCK_MONOTONIC deadline ms from now. */
static struct timespec deadline_after(uint32_t ms) {
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    deadline.tv_sec += ms / 1000;
    deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    return deadline;
}

/* The state-error codes in the v1 form (0xC037xxxx) when legacy mode is on. */
static HRESULT state_error(HRESULT hr) {
    if (legacy_errors &&
        (hr == HCS_E_INVALID_STATE || hr == HCS_E_SYSTEM_NOT_FOUND || hr == HCS_E_SYSTEM_ALREADY_STOPPED))
        return (HRESULT)(((uint32_t)hr & 0x0FFFFFFFu) | 0xC0000000u);
    return hr;
}

static const char *message_for(HRESULT hr) {
    if (((uint32_t)hr & 0x0FFF0000u) == 0x00370000u) {
        switch ((uint32_t)hr & 0xFFFFu) {
        case 0x0105: return "The requested compute system operation is not valid in the current state.";
        case 0x010D: return "The JSON document is invalid.";
        case 0x010E: return "A virtual machine or container with the specified identifier does not exist.";
        case 0x010F: return "A virtual machine or container with the specified identifier already exists.";
        case 0x0110: return "The virtual machine or container with the specified identifier is not running.";
        default: break;
        }
    }
    switch ((uint32_t)hr) {
    case 0x80070057u: return "The parameter is incorrect.";
    case 0x80070006u: return "The handle is invalid.";
    case 0x8007000Eu: return "Not enough memory resources are available to complete this operation.";
    case 0x80070005u: return "Access is denied.";
    default: return "The operation failed.";
    }
}

/* A ResultError document (malloc'ed UTF-8). */
static char *result_error(HRESULT hr, const char *message, const char *detail) {
    standin_buf b;
    buf_init(&b);
    buf_addf(&b, "{\"Error\":%d,\"ErrorMessage\":", (int)hr);
    buf_add_json_string(&b, message ? message : message_for(hr));
    buf_add(&b, ",\"ErrorEvents\":[{\"Message\":");
    buf_add_json_string(&b, detail ? detail : (message ? message : message_for(hr)));
    buf_add(&b, ",\"Source\":\"wharf-standin\"}]}");
    return buf_take(&b);
}

/* ---------------------------------------------------------------- systems (all under the lock) */

static void system_free(hcs_system *s) {
    free(s->id);
    free(s->name);
    free(s->owner);
    free(s->type);
    free(s->os);
    free(s->runtime_id);
    free(s->hosting);
    free(s->exit_type);
    free(s);
}

static void system_release(hcs_system *s) {
    if (--s->refs == 0 && !s->in_registry) system_free(s);
}

static void registry_unlink(hcs_system *s) {
    if (!s->in_registry) return;
    if (s->prev) s->prev->next = s->next;
    else first_system = s->next;
    if (s->next) s->next->prev = s->prev;
    else last_system = s->prev;
    s->prev = s->next = NULL;
    s->in_registry = 0;
    system_release(s);
}

static void held_link(hcs_system *s) {
    if (s->held) return;
    s->held_prev = last_held;
    s->held_next = NULL;
    if (last_held) last_held->held_next = s;
    else first_held = s;
    last_held = s;
    s->held = 1;
}

static void held_unlink(hcs_system *s) {
    if (!s->held) return;
    if (s->held_prev) s->held_prev->held_next = s->held_next;
    else first_held = s->held_next;
    if (s->held_next) s->held_next->held_prev = s->held_prev;
    else last_held = s->held_prev;
    s->held_prev = s->held_next = NULL;
    s->held = 0;
}

static hcs_system *registry_find(const char *id) {
    if (!id) return NULL;
    for (hcs_system *s = first_system; s; s = s->next)
        if (strcmp(s->id, id) == 0) return s;
    return NULL;
}

static uint64_t fnv1a(const char *text) {
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    return h;
}

static void mark_started(hcs_system *s) {
    clock_gettime(CLOCK_REALTIME, &s->start_real);
    s->start_mono = mono_ns();
    s->started = 1;
}

/* A new system in state Created, appended to the registry (which holds its one reference).
 * RuntimeId: runtime_id when given; else the all-zero GUID for a Container (process isolation
 * reports no utility VM) and a random GUID for anything else (VirtualMachine). */
static hcs_system *system_new(const char *id, const char *name, const char *owner, const char *type, const char *os,
                              const char *hosting, const char *runtime_id) {
    hcs_system *s = zalloc(sizeof *s);
    s->id = dupstr(id);
    s->name = dupstr(name && *name ? name : id);
    s->owner = dupstr(owner && *owner ? owner : "wharf-standin");
    s->type = dupstr(type && *type ? type : "Container");
    s->os = dupstr(os && *os ? os : "Windows");
    if (runtime_id && *runtime_id) {
        s->runtime_id = dupstr(runtime_id);
    } else if (strcasecmp(s->type, "Container") == 0) {
        s->runtime_id = dupstr("00000000-0000-0000-0000-000000000000");
    } else {
        standin_guid runtime;
        char runtime_text[37];
        guid_random(&runtime);
        guid_format(&runtime, runtime_text);
        s->runtime_id = dupstr(runtime_text);
    }
    s->seq = next_system_seq++;
    s->hosting = hosting && *hosting ? dupstr(hosting) : NULL;
    s->state = SYS_CREATED;
    s->memory = 48ull * 1024 * 1024 + (fnv1a(id) % 64) * 4096;
    s->in_registry = 1;
    s->refs = 1;
    s->prev = last_system;
    if (last_system) last_system->next = s;
    else first_system = s;
    last_system = s;
    return s;
}

static int64_t running_ns(const hcs_system *s, int64_t now) {
    return s->run_accum + (s->state == SYS_RUNNING ? now - s->running_since : 0);
}

static void set_state(hcs_system *s, int state) {
    int64_t now = mono_ns();
    if (s->state == SYS_RUNNING && state != SYS_RUNNING) s->run_accum += now - s->running_since;
    if (state == SYS_RUNNING && s->state != SYS_RUNNING) s->running_since = now;
    if (state == SYS_RUNNING && !s->started) mark_started(s);
    s->state = state;
}

/* ---------------------------------------------------------------- exit events */

typedef struct {
    standin_hcs_event_callback callback;
    void *context;
    const void *handle;
    uint64_t serial;
    int32_t type;
    char *data;          /* UTF-8 EventData, NULL for none */
} delivery;

static void *deliver_event(void *arg) {
    delivery *d = arg;
    lock();
    const sys_handle *h = d->handle;
    int still_set = set_has(&live_handles, h) && h->serial == d->serial && h->callback == d->callback;
    unlock();
    if (still_set) {
        hcs_event *event = zalloc(sizeof *event);
        uint16_t *data = d->data ? standin_utf16(d->data) : NULL;
        size_t units = 0;
        while (data && data[units]) units++;
        event->Type = d->type;
        event->EventData = data;
        event->Operation = NULL;
        d->callback(event, d->context);
        /* a binding that kept the pointer reads garbage from now on */
        for (size_t i = 0; i < units; i++) data[i] = 0xFFFF;
        free(data);
        memset(event, 0xFF, sizeof *event);
        free(event);
    }
    free(d->data);
    free(d);
    standin_work_end();
    return NULL;
}

/* The SystemExitStatus document (malloc'ed UTF-8) the exit event and HcsWaitForComputeSystemExit carry. */
static char *exit_status(const char *exit_type) {
    standin_buf b;
    buf_init(&b);
    buf_add(&b, "{\"Status\":0,\"ExitType\":");
    buf_add_json_string(&b, exit_type ? exit_type : "Unknown");
    buf_add(&b, "}");
    return buf_take(&b);
}

/* Under the lock, h has a callback: schedules one event to it on a stand-in thread (data is
 * taken over, NULL for none); 0 when scheduled. */
static int schedule_event(sys_handle *h, int32_t type, char *data) {
    delivery *d = zalloc(sizeof *d);
    d->callback = h->callback;
    d->context = (void *)h->context;
    d->handle = h;
    d->serial = h->serial;
    d->type = type;
    d->data = data;
    standin_work_begin();
    if (spawn_detached(deliver_event, d) != 0) {
        fprintf(stderr, "[wharf-standin] cannot start a thread for event 0x%08X of %s\n", (unsigned)type,
                h->system->id);
        free(d->data);
        free(d);
        standin_work_end();
        return -1;
    }
    return 0;
}

/* Under the lock: schedules HcsEventSystemExited for every open handle of s with a callback. */
static void schedule_exit_events(hcs_system *s, const char *exit_type) {
    for (sys_handle *h = s->handles; h; h = h->next_of_system) {
        if (!h->callback) continue;
        schedule_event(h, HCS_EVENT_SYSTEM_EXITED, exit_status(exit_type));
    }
}

/* Under the lock: s becomes Stopped and leaves the registry (may free s when nothing else holds
 * it). notify: an exit (events fire, and the system stays listable while handles are open);
 * otherwise it just vanishes (vanish, reset). Wakes exit waiters and lag timers. */
static void system_stop(hcs_system *s, const char *exit_type, int notify) {
    set_state(s, SYS_STOPPED);
    free(s->exit_type);
    s->exit_type = dupstr(exit_type ? exit_type : "Unknown");
    if (notify) {
        schedule_exit_events(s, s->exit_type);
        if (s->handles) held_link(s);
    }
    sys_changed();
    registry_unlink(s);
}

/* ---------------------------------------------------------------- guest shutdown lag */

typedef struct {
    hcs_system *system;  /* referenced while the timer runs */
    struct timespec deadline;
} lag_timer;

static void *lag_expired(void *arg) {
    lag_timer *t = arg;
    hcs_system *s = t->system;
    lock();
    while (s->state != SYS_STOPPED) {
        if (pthread_cond_timedwait(&sys_cond, &standin_lock, &t->deadline) == ETIMEDOUT) break;
    }
    if (s->state != SYS_STOPPED) system_stop(s, "GracefulExit", 1);
    s->shutdown_pending = 0;
    system_release(s);
    unlock();
    free(t);
    standin_work_end();
    return NULL;
}

/* Under the lock: the guest of s stops by itself (GracefulExit) ms from now unless it stops
 * otherwise first; returns -1 when no timer could be started. */
static int schedule_guest_exit(hcs_system *s, int32_t ms) {
    pthread_once(&op_cond_once, op_cond_init);
    lag_timer *t = zalloc(sizeof *t);
    t->system = s;
    t->deadline = deadline_after((uint32_t)ms);
    s->refs++;
    s->shutdown_pending = 1;
    standin_work_begin();
    if (spawn_detached(lag_expired, t) != 0) {
        fprintf(stderr, "[wharf-standin] cannot start a shutdown-lag timer for %s\n", s->id);
        s->shutdown_pending = 0;
        s->refs--; /* the caller still holds s */
        free(t);
        standin_work_end();
        return -1;
    }
    return 0;
}

/* ---------------------------------------------------------------- documents */

static void add_member(standin_buf *b, const char *key, const char *value) {
    buf_add(b, ",");
    buf_add_json_string(b, key);
    buf_add(b, ":");
    buf_add_json_string(b, value);
}

static void write_statistics(standin_buf *b, const hcs_system *s) {
    struct timespec now_real;
    clock_gettime(CLOCK_REALTIME, &now_real);
    int64_t now = mono_ns();
    char stamp[96], started[96];
    rfc3339(&now_real, stamp);
    rfc3339(&s->start_real, started);
    uint64_t uptime = (uint64_t)((now - s->start_mono) / 100);
    int64_t run = running_ns(s, now);
    uint64_t run_ms = (uint64_t)(run / 1000000);
    uint64_t total = (uint64_t)(run / 4 / 100); /* a quarter of the running wall time, in 100 ns */
    uint64_t user = total * 7 / 10;
    uint64_t reads = 100 + run_ms / 50, writes = 20 + run_ms / 200;
    buf_add(b, ",\"Statistics\":{\"Timestamp\":");
    buf_add_json_string(b, stamp);
    buf_add(b, ",\"ContainerStartTime\":");
    buf_add_json_string(b, started);
    buf_addf(b, ",\"Uptime100ns\":%llu", (unsigned long long)uptime);
    buf_addf(b, ",\"Processor\":{\"TotalRuntime100ns\":%llu,\"RuntimeUser100ns\":%llu,\"RuntimeKernel100ns\":%llu}",
             (unsigned long long)total, (unsigned long long)user, (unsigned long long)(total - user));
    buf_addf(b,
             ",\"Memory\":{\"MemoryUsageCommitBytes\":%llu,\"MemoryUsageCommitPeakBytes\":%llu,"
             "\"MemoryUsagePrivateWorkingSetBytes\":%llu}",
             (unsigned long long)s->memory, (unsigned long long)(s->memory + s->memory / 4),
             (unsigned long long)(s->memory * 3 / 4));
    buf_addf(b,
             ",\"Storage\":{\"ReadCountNormalized\":%llu,\"ReadSizeBytes\":%llu,\"WriteCountNormalized\":%llu,"
             "\"WriteSizeBytes\":%llu}}",
             (unsigned long long)reads, (unsigned long long)(reads * 4096), (unsigned long long)writes,
             (unsigned long long)(writes * 4096));
}

static void write_properties(standin_buf *b, const hcs_system *s, int statistics) {
    buf_add(b, "{\"Id\":");
    buf_add_json_string(b, s->id);
    add_member(b, "Name", s->name);
    add_member(b, "SystemType", s->type);
    add_member(b, "Owner", s->owner);
    add_member(b, "State", STATE_NAMES[s->state]);
    add_member(b, "RuntimeOsType", s->os);
    add_member(b, "RuntimeId", s->runtime_id);
    if (s->hosting) add_member(b, "HostingSystemId", s->hosting);
    buf_addf(b, ",\"Stopped\":%s", s->state == SYS_STOPPED ? "true" : "false");
    if (s->state == SYS_STOPPED) add_member(b, "ExitType", s->exit_type ? s->exit_type : "Unknown");
    if (statistics) write_statistics(b, s);
    buf_add(b, "}");
}

/* A query argument: NULL/"" is no query (*out = NULL); else it must be a JSON object. */
static int parse_query(const char *text, json **out) {
    *out = NULL;
    if (!text || !*text) return 0;
    json *q = json_parse(text);
    if (!q || q->type != JSON_OBJECT) {
        json_free(q);
        return -1;
    }
    *out = q;
    return 0;
}

/* A filter array matches when absent, null or empty, or when one of its strings equals value. */
static int filter_ok(const json *filter) { return !filter || filter->type == JSON_ARRAY || filter->type == JSON_NULL; }

static int filter_matches(const json *filter, const char *value, int ignore_case) {
    if (!filter || filter->type != JSON_ARRAY || filter->count == 0) return 1;
    for (size_t i = 0; i < filter->count; i++) {
        const char *want = json_str(filter->items[i], NULL);
        if (want && value && (ignore_case ? strcasecmp(want, value) : strcmp(want, value)) == 0) return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- operations (under the lock) */

static void op_maybe_free(hcs_op *op) {
    if (op->client_open || op->workers > 0 || op->waiters > 0) return;
    free(op->document);
    op->magic = 0;
    free(op);
}

static void op_finish(hcs_op *op, HRESULT hr, char *document) {
    free(op->document);
    op->document = document;
    op->hresult = hr;
    op->state = OP_DONE;
    pthread_once(&op_cond_once, op_cond_init);
    pthread_cond_broadcast(&op_cond);
}

/* A call that will not start: the op is DONE with hr and a ResultError; returns hr. */
static HRESULT op_fail(hcs_op *op, HRESULT hr, const char *detail) {
    op_finish(op, hr, result_error(hr, NULL, detail));
    return hr;
}

/* Checks an op handed to an Hcs* call. */
static HRESULT op_acquire(void *operation, hcs_op **out) {
    *out = NULL;
    if (!operation) return E_INVALIDARG;
    if (!set_has(&live_ops, operation)) return E_HANDLE;
    hcs_op *op = operation;
    if (op->state == OP_RUNNING) return HCS_E_OPERATION_ALREADY_STARTED;
    *out = op;
    return S_OK;
}

typedef struct {
    hcs_op *op;
    int type;
    hcs_system *system;  /* referenced while the worker runs */
    char *argument;      /* query / options (UTF-8), may be NULL */
    int injected;
    HRESULT injected_hr;
    const char *export_name;
    int delay;
} task;

static HRESULT perform(task *t, char **document);

static void *worker(void *arg) {
    task *t = arg;
    if (t->delay > 0) sleep_ms(t->delay);
    lock();
    char *document = NULL;
    HRESULT hr;
    if (t->injected) {
        char message[160];
        snprintf(message, sizeof message, "Injected failure of %s (0x%08X) by the Wharf stand-in.", t->export_name,
                 (unsigned)t->injected_hr);
        hr = t->injected_hr;
        document = result_error(hr, message, message);
    } else {
        hr = perform(t, &document);
    }
    hcs_op *op = t->op;
    op_finish(op, hr, document);
    if (t->system) system_release(t->system);
    standin_hcs_completion completion = op->client_open ? op->completion : NULL;
    void *context = (void *)op->context;
    if (!completion) {
        op->workers--;
        op_maybe_free(op);
    }
    unlock();
    if (completion) {
        completion(op, context);
        lock();
        op->workers--;
        op_maybe_free(op);
        unlock();
    }
    free(t->argument);
    free(t);
    standin_work_end();
    return NULL;
}

/* Under the lock: the op starts running the call; argument is taken over. */
static HRESULT op_launch(hcs_op *op, int type, hcs_system *system, char *argument, int injected, HRESULT injected_hr,
                         const char *export_name) {
    task *t = zalloc(sizeof *t);
    t->op = op;
    t->type = type;
    t->system = system;
    t->argument = argument;
    t->injected = injected;
    t->injected_hr = injected_hr;
    t->export_name = export_name;
    t->delay = type >= 0 && type < 16 ? delays[type] : 2;
    free(op->document);
    op->document = NULL;
    op->state = OP_RUNNING;
    op->workers++;
    if (system) system->refs++;
    standin_work_begin();
    if (spawn_detached(worker, t) != 0) {
        op->workers--;
        if (system) system_release(system);
        free(t->argument);
        free(t);
        standin_work_end();
        return op_fail(op, E_OUTOFMEMORY, "The stand-in could not start a worker thread.");
    }
    return S_OK;
}

/* ---------------------------------------------------------------- the work itself (worker, under the lock) */

static HRESULT fail_doc(HRESULT hr, char **document, const char *detail) {
    *document = result_error(hr, NULL, detail);
    return hr;
}

static HRESULT invalid_state(hcs_system *s, const char *action, char **document) {
    char detail[512];
    snprintf(detail, sizeof detail, "Cannot %s compute system '%.300s' in state %s.", action, s->id,
             STATE_NAMES[s->state]);
    return fail_doc(state_error(HCS_E_INVALID_STATE), document, detail);
}

static int by_creation(const void *a, const void *b) {
    uint64_t x = (*(hcs_system *const *)a)->seq, y = (*(hcs_system *const *)b)->seq;
    return x < y ? -1 : x > y;
}

static HRESULT do_enumerate(const char *query, char **document) {
    json *q;
    if (parse_query(query, &q) != 0) return fail_doc(HCS_E_INVALID_JSON, document, "The enumeration query is not a JSON object.");
    json *ids = json_get_ci(q, "Ids"), *names = json_get_ci(q, "Names"), *types = json_get_ci(q, "Types"),
         *owners = json_get_ci(q, "Owners");
    if (!filter_ok(ids) || !filter_ok(names) || !filter_ok(types) || !filter_ok(owners)) {
        json_free(q);
        return fail_doc(HCS_E_INVALID_JSON, document, "Ids, Names, Types and Owners must be arrays.");
    }
    /* live systems, plus stopped ones still held open when that is listed, in creation order */
    size_t count = 0;
    for (hcs_system *s = first_system; s; s = s->next) count++;
    if (list_stopped_while_held)
        for (hcs_system *s = first_held; s; s = s->held_next) count++;
    hcs_system **listed = zalloc((count ? count : 1) * sizeof *listed);
    size_t n = 0;
    for (hcs_system *s = first_system; s; s = s->next) listed[n++] = s;
    if (list_stopped_while_held)
        for (hcs_system *s = first_held; s; s = s->held_next) listed[n++] = s;
    qsort(listed, n, sizeof *listed, by_creation);
    standin_buf b;
    buf_init(&b);
    buf_add(&b, "[");
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        hcs_system *s = listed[i];
        if (!filter_matches(ids, s->id, 0) || !filter_matches(names, s->name, 0) || !filter_matches(types, s->type, 1) ||
            !filter_matches(owners, s->owner, 0))
            continue;
        if (!first) buf_add(&b, ",");
        first = 0;
        write_properties(&b, s, 0);
    }
    buf_add(&b, "]");
    free(listed);
    json_free(q);
    *document = buf_take(&b);
    return S_OK;
}

static HRESULT do_properties(hcs_system *s, const char *query, char **document) {
    json *q;
    if (parse_query(query, &q) != 0) return fail_doc(HCS_E_INVALID_JSON, document, "The property query is not a JSON object.");
    int statistics = 0;
    json *types = json_get_ci(q, "PropertyTypes");
    if (types && types->type == JSON_ARRAY)
        for (size_t i = 0; i < types->count; i++)
            if (strcasecmp(json_str(types->items[i], ""), "Statistics") == 0) statistics = 1;
    json_free(q);
    if (statistics && s->state != SYS_RUNNING && s->state != SYS_PAUSED) return invalid_state(s, "query statistics of", document);
    standin_buf b;
    buf_init(&b);
    write_properties(&b, s, statistics);
    *document = buf_take(&b);
    return S_OK;
}

static HRESULT perform(task *t, char **document) {
    hcs_system *s = t->system;
    if (t->type == HCS_OP_ENUMERATE) return do_enumerate(t->argument, document);
    if (t->type == HCS_OP_CREATE) return S_OK;
    if (!s) return fail_doc(E_HANDLE, document, NULL);
    if (t->type == HCS_OP_GET_PROPERTIES) return do_properties(s, t->argument, document);
    /* options of state changes: NULL, "" or JSON */
    if (t->argument && *t->argument) {
        json *options = json_parse(t->argument);
        int ok = options != NULL;
        json_free(options);
        if (!ok) return fail_doc(HCS_E_INVALID_JSON, document, "The options are not JSON.");
    }
    switch (t->type) {
    case HCS_OP_START:
        if (s->state != SYS_CREATED) return invalid_state(s, "start", document);
        set_state(s, SYS_RUNNING);
        mark_started(s);
        return S_OK;
    case HCS_OP_PAUSE:
        if (s->state != SYS_RUNNING) return invalid_state(s, "pause", document);
        set_state(s, SYS_PAUSED);
        return S_OK;
    case HCS_OP_RESUME:
        if (s->state != SYS_PAUSED) return invalid_state(s, "resume", document);
        set_state(s, SYS_RUNNING);
        return S_OK;
    case HCS_OP_SHUTDOWN:
    case HCS_OP_TERMINATE:
        if (s->state == SYS_STOPPED) {
            char detail[400];
            snprintf(detail, sizeof detail, "Compute system '%.300s' has already stopped.", s->id);
            return fail_doc(state_error(HCS_E_SYSTEM_ALREADY_STOPPED), document, detail);
        }
        /* guest shutdown lag: the operation succeeds, the guest exits later (or never, lag < 0);
         * a second shutdown meanwhile succeeds too without a second timer */
        if (t->type == HCS_OP_SHUTDOWN && shutdown_lag != 0 && (s->state == SYS_RUNNING || s->state == SYS_PAUSED)) {
            if (shutdown_lag < 0 || s->shutdown_pending || schedule_guest_exit(s, shutdown_lag) == 0) return S_OK;
        }
        system_stop(s, t->type == HCS_OP_SHUTDOWN ? "GracefulExit" : "ForcedExit", 1);
        return S_OK;
    default: return fail_doc(E_NOTIMPL, document, NULL);
    }
}

/* ================================================================ exports */

void *standin_HcsCreateOperation(const void *context, standin_hcs_completion completion) {
    hcs_op *op = calloc(1, sizeof *op);
    if (!op) return NULL;
    op->magic = OP_MAGIC;
    op->state = OP_NOT_STARTED;
    op->completion = completion;
    op->context = context;
    op->client_open = 1;
    lock();
    set_add(&live_ops, op);
    standin_handle_opened();
    unlock();
    return op;
}

void standin_HcsCloseOperation(void *operation) {
    if (!operation) return;
    lock();
    if (!set_has(&live_ops, operation)) {
        unlock();
        standin_bad_close();
        return;
    }
    hcs_op *op = operation;
    set_remove(&live_ops, op);
    op->client_open = 0;
    op->completion = NULL;
    standin_handle_closed();
    pthread_once(&op_cond_once, op_cond_init);
    pthread_cond_broadcast(&op_cond); /* waiters on this op return E_HANDLE */
    op_maybe_free(op);
    unlock();
}

/* Under the lock, op DONE: the result, with a fresh copy of its document. */
static HRESULT op_result(hcs_op *op, uint16_t **resultDocument) {
    if (resultDocument && op->document) *resultDocument = standin_give_utf16(STANDIN_ALLOC_LOCAL, op->document);
    return op->hresult;
}

HRESULT standin_HcsGetOperationResult(void *operation, uint16_t **resultDocument) {
    if (resultDocument) *resultDocument = NULL;
    if (!operation) return E_INVALIDARG;
    lock();
    HRESULT hr;
    if (!set_has(&live_ops, operation)) hr = E_HANDLE;
    else {
        hcs_op *op = operation;
        if (op->state == OP_NOT_STARTED) hr = HCS_E_OPERATION_NOT_STARTED;
        else if (op->state == OP_RUNNING) hr = HCS_E_OPERATION_PENDING;
        else hr = op_result(op, resultDocument);
    }
    unlock();
    return hr;
}

HRESULT standin_HcsWaitForOperationResult(void *operation, uint32_t timeoutMs, uint16_t **resultDocument) {
    if (resultDocument) *resultDocument = NULL;
    if (!operation) return E_INVALIDARG;
    pthread_once(&op_cond_once, op_cond_init);
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    if (timeoutMs != INFINITE) {
        deadline.tv_sec += timeoutMs / 1000;
        deadline.tv_nsec += (long)(timeoutMs % 1000) * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
    }
    lock();
    if (!set_has(&live_ops, operation)) {
        unlock();
        return E_HANDLE;
    }
    hcs_op *op = operation;
    HRESULT hr;
    if (op->state == OP_NOT_STARTED) {
        hr = HCS_E_OPERATION_NOT_STARTED;
    } else {
        op->waiters++;
        while (op->client_open && op->state == OP_RUNNING) {
            if (timeoutMs == INFINITE) pthread_cond_wait(&op_cond, &standin_lock);
            else if (pthread_cond_timedwait(&op_cond, &standin_lock, &deadline) == ETIMEDOUT) break;
        }
        op->waiters--;
        if (!op->client_open) hr = E_HANDLE;
        else if (op->state == OP_RUNNING) hr = HCS_E_OPERATION_TIMEOUT;
        else hr = op_result(op, resultDocument);
        op_maybe_free(op);
    }
    unlock();
    return hr;
}

HRESULT standin_HcsEnumerateComputeSystems(const uint16_t *query, void *operation) {
    char *text = standin_utf8(query);
    lock();
    hcs_op *op;
    HRESULT hr = op_acquire(operation, &op), injected_hr = S_OK;
    if (hr != S_OK) {
        free(text);
    } else {
        int injected = standin_take_injected("HcsEnumerateComputeSystems", &injected_hr);
        hr = op_launch(op, HCS_OP_ENUMERATE, NULL, text, injected, injected_hr, "HcsEnumerateComputeSystems");
    }
    unlock();
    return hr;
}

static sys_handle *handle_new(hcs_system *s) {
    sys_handle *h = zalloc(sizeof *h);
    h->magic = HANDLE_MAGIC;
    h->serial = next_serial++;
    h->system = s;
    s->refs++;
    h->next_of_system = s->handles;
    s->handles = h;
    set_add(&live_handles, h);
    standin_handle_opened();
    return h;
}

/* Counts how many of the keys the create document has. */
static int system_kind(const json *config, const char **type) {
    int kinds = 0;
    if (json_get(config, "Container")) {
        kinds++;
        *type = "Container";
    }
    if (json_get(config, "HostedSystem")) {
        kinds++;
        *type = "Container";
    }
    if (json_get(config, "VirtualMachine")) {
        kinds++;
        *type = "VirtualMachine";
    }
    return kinds;
}

HRESULT standin_HcsCreateComputeSystem(const uint16_t *id, const uint16_t *configuration, void *operation,
                                       const void *securityDescriptor, void **computeSystem) {
    if (computeSystem) *computeSystem = NULL;
    char *id_text = standin_utf8(id);
    char *config_text = standin_utf8(configuration);
    json *config = config_text ? json_parse(config_text) : NULL;
    free(config_text);
    const char *type = NULL;
    const json *runtime_id = json_get(config, "RuntimeId");
    lock();
    hcs_op *op;
    HRESULT hr = op_acquire(operation, &op), injected_hr = S_OK;
    if (hr != S_OK) {
        /* not started: nothing to record */
    } else if (standin_take_injected("HcsCreateComputeSystem", &injected_hr)) {
        hr = op_launch(op, HCS_OP_CREATE, NULL, NULL, 1, injected_hr, "HcsCreateComputeSystem");
    } else if (!computeSystem) {
        hr = op_fail(op, E_INVALIDARG, "computeSystem must not be NULL.");
    } else if (securityDescriptor) {
        hr = op_fail(op, E_INVALIDARG, "securityDescriptor is reserved and must be NULL.");
    } else if (!id_text || !*id_text) {
        hr = op_fail(op, E_INVALIDARG, "The compute system id must not be empty.");
    } else if (!config || config->type != JSON_OBJECT) {
        hr = op_fail(op, HCS_E_INVALID_JSON, "The configuration is not a JSON object.");
    } else if (system_kind(config, &type) != 1) {
        hr = op_fail(op, HCS_E_INVALID_JSON,
                     "The configuration must have exactly one of Container, HostedSystem or VirtualMachine.");
    } else if (runtime_id && runtime_id->type != JSON_STRING && runtime_id->type != JSON_NULL) {
        hr = op_fail(op, HCS_E_INVALID_JSON, "RuntimeId must be a string.");
    } else if (registry_find(id_text)) {
        char detail[400];
        snprintf(detail, sizeof detail, "A compute system with id '%.300s' already exists.", id_text);
        hr = op_fail(op, HCS_E_SYSTEM_ALREADY_EXISTS, detail);
    } else {
        hcs_system *s = system_new(id_text, NULL, json_str(json_get(config, "Owner"), NULL), type, NULL,
                                   json_str(json_get(config, "HostingSystemId"), NULL), json_str(runtime_id, NULL));
        sys_handle *h = handle_new(s);
        hr = op_launch(op, HCS_OP_CREATE, NULL, NULL, 0, S_OK, "HcsCreateComputeSystem");
        *computeSystem = h;
    }
    unlock();
    json_free(config);
    free(id_text);
    return hr;
}

HRESULT standin_HcsOpenComputeSystem(const uint16_t *id, uint32_t requestedAccess, void **computeSystem) {
    if (computeSystem) *computeSystem = NULL;
    HRESULT hr;
    if (standin_take_injected("HcsOpenComputeSystem", &hr)) return hr;
    if (!id || !computeSystem || requestedAccess != GENERIC_ALL) return E_INVALIDARG;
    char *id_text = standin_utf8(id);
    lock();
    hcs_system *s = registry_find(id_text);
    if (!s) {
        hr = state_error(HCS_E_SYSTEM_NOT_FOUND);
    } else {
        *computeSystem = handle_new(s);
        hr = S_OK;
    }
    unlock();
    free(id_text);
    return hr;
}

/* Start, ShutDown, Terminate, Pause, Resume and GetProperties. */
static HRESULT system_call(const char *export_name, int type, void *computeSystem, void *operation,
                           const uint16_t *argument) {
    char *text = standin_utf8(argument);
    lock();
    hcs_op *op;
    HRESULT hr = op_acquire(operation, &op), injected_hr = S_OK;
    if (hr != S_OK) {
        free(text);
    } else if (standin_take_injected(export_name, &injected_hr)) {
        free(text);
        hr = op_launch(op, type, NULL, NULL, 1, injected_hr, export_name);
    } else if (!computeSystem) {
        free(text);
        hr = op_fail(op, E_INVALIDARG, "computeSystem must not be NULL.");
    } else if (!set_has(&live_handles, computeSystem)) {
        free(text);
        hr = op_fail(op, E_HANDLE, "The compute system handle is closed or was never opened.");
    } else {
        hr = op_launch(op, type, ((sys_handle *)computeSystem)->system, text, 0, S_OK, export_name);
    }
    unlock();
    return hr;
}

HRESULT standin_HcsGetComputeSystemProperties(void *computeSystem, void *operation, const uint16_t *propertyQuery) {
    return system_call("HcsGetComputeSystemProperties", HCS_OP_GET_PROPERTIES, computeSystem, operation, propertyQuery);
}

HRESULT standin_HcsStartComputeSystem(void *computeSystem, void *operation, const uint16_t *options) {
    return system_call("HcsStartComputeSystem", HCS_OP_START, computeSystem, operation, options);
}

HRESULT standin_HcsShutDownComputeSystem(void *computeSystem, void *operation, const uint16_t *options) {
    return system_call("HcsShutDownComputeSystem", HCS_OP_SHUTDOWN, computeSystem, operation, options);
}

HRESULT standin_HcsTerminateComputeSystem(void *computeSystem, void *operation, const uint16_t *options) {
    return system_call("HcsTerminateComputeSystem", HCS_OP_TERMINATE, computeSystem, operation, options);
}

HRESULT standin_HcsPauseComputeSystem(void *computeSystem, void *operation, const uint16_t *options) {
    return system_call("HcsPauseComputeSystem", HCS_OP_PAUSE, computeSystem, operation, options);
}

HRESULT standin_HcsResumeComputeSystem(void *computeSystem, void *operation, const uint16_t *options) {
    return system_call("HcsResumeComputeSystem", HCS_OP_RESUME, computeSystem, operation, options);
}

HRESULT standin_HcsSetComputeSystemCallback(void *computeSystem, uint32_t callbackOptions, const void *context,
                                            standin_hcs_event_callback callback) {
    HRESULT hr;
    if (standin_take_injected("HcsSetComputeSystemCallback", &hr)) return hr;
    if (!computeSystem) return E_INVALIDARG;
    lock();
    if (!set_has(&live_handles, computeSystem)) {
        hr = E_HANDLE;
    } else if (!callback) {
        hr = E_INVALIDARG;
    } else {
        sys_handle *h = computeSystem;
        if (h->callback) {
            hr = HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET;
        } else {
            h->callback = callback;
            h->context = context;
            h->options = callbackOptions;
            callbacks_registered++;
            hr = S_OK;
        }
    }
    unlock();
    return hr;
}

void standin_HcsCloseComputeSystem(void *computeSystem) {
    if (!computeSystem) return;
    lock();
    if (!set_has(&live_handles, computeSystem)) {
        unlock();
        standin_bad_close();
        return;
    }
    sys_handle *h = computeSystem;
    hcs_system *s = h->system;
    set_remove(&live_handles, h);
    for (sys_handle **link = &s->handles; *link; link = &(*link)->next_of_system) {
        if (*link == h) {
            *link = h->next_of_system;
            break;
        }
    }
    if (h->callback) callbacks_registered--;
    memset(h, 0, sizeof *h);
    free(h);
    if (!s->handles) held_unlink(s); /* the last handle: a held stopped system leaves enumeration */
    sys_changed();                   /* exit waiters on this handle return E_HANDLE */
    system_release(s);
    standin_handle_closed();
    unlock();
}

HRESULT standin_HcsWaitForComputeSystemExit(void *computeSystem, uint32_t timeoutMs, uint16_t **result) {
    if (result) *result = NULL;
    HRESULT hr;
    if (standin_take_injected("HcsWaitForComputeSystemExit", &hr)) return hr;
    if (!computeSystem) return E_INVALIDARG;
    pthread_once(&op_cond_once, op_cond_init);
    struct timespec deadline = deadline_after(timeoutMs == INFINITE ? 0 : timeoutMs);
    lock();
    if (!set_has(&live_handles, computeSystem)) {
        unlock();
        return E_HANDLE;
    }
    sys_handle *h = computeSystem;
    uint64_t serial = h->serial;
    hcs_system *s = h->system;
    s->refs++; /* the handle may close while we wait */
    int open = 1;
    while (s->state != SYS_STOPPED) {
        if (timeoutMs == 0) break;
        if (timeoutMs == INFINITE) pthread_cond_wait(&sys_cond, &standin_lock);
        else if (pthread_cond_timedwait(&sys_cond, &standin_lock, &deadline) == ETIMEDOUT) break;
        open = set_has(&live_handles, h) && h->serial == serial;
        if (!open) break;
    }
    if (!open) {
        hr = E_HANDLE;
    } else if (s->state == SYS_STOPPED) {
        hr = S_OK;
        if (result) {
            char *status = exit_status(s->exit_type);
            *result = standin_give_utf16(STANDIN_ALLOC_LOCAL, status);
            free(status);
        }
    } else {
        hr = HCS_E_OPERATION_TIMEOUT;
    }
    system_release(s);
    unlock();
    return hr;
}

HRESULT standin_HcsGetServiceProperties(const uint16_t *propertyQuery, uint16_t **result) {
    if (result) *result = NULL;
    HRESULT hr;
    if (standin_take_injected("HcsGetServiceProperties", &hr)) return hr;
    if (!result) return E_INVALIDARG;
    char *text = standin_utf8(propertyQuery);
    json *q;
    int bad = parse_query(text, &q) != 0;
    json_free(q);
    free(text);
    if (bad) {
        char *doc = result_error(HCS_E_INVALID_JSON, NULL, "The service property query is not a JSON object.");
        *result = standin_give_utf16(STANDIN_ALLOC_LOCAL, doc);
        free(doc);
        return HCS_E_INVALID_JSON;
    }
    *result = standin_give_utf16(STANDIN_ALLOC_LOCAL,
                                 "{\"Properties\":[{\"SupportedSchemaVersions\":"
                                 "[{\"Major\":2,\"Minor\":1},{\"Major\":2,\"Minor\":5}]}]}");
    return S_OK;
}

void *standin_LocalFree(void *mem) {
    if (!mem) return NULL;
    return standin_take_back(STANDIN_ALLOC_LOCAL, mem) == 0 ? NULL : mem;
}

/* ================================================================ seed, reset, control */

void standin_seed_hcs(const json *systems) {
    if (!systems || systems->type != JSON_ARRAY) return;
    lock();
    for (size_t i = 0; i < systems->count; i++) {
        const json *item = systems->items[i];
        const char *id = json_str(json_get(item, "Id"), NULL);
        if (!item || item->type != JSON_OBJECT || !id || !*id) {
            fprintf(stderr, "[wharf-standin] seed system %zu ignored: no \"Id\"\n", i);
            continue;
        }
        if (registry_find(id)) {
            fprintf(stderr, "[wharf-standin] seed system %s ignored: the id already exists\n", id);
            continue;
        }
        hcs_system *s = system_new(id, json_str(json_get(item, "Name"), NULL), json_str(json_get(item, "Owner"), NULL),
                                   json_str(json_get(item, "SystemType"), NULL),
                                   json_str(json_get(item, "RuntimeOsType"), NULL),
                                   json_str(json_get(item, "HostingSystemId"), NULL),
                                   json_str(json_get(item, "RuntimeId"), NULL));
        const char *state = json_str(json_get(item, "State"), "Created");
        if (strcasecmp(state, "Running") == 0) {
            set_state(s, SYS_RUNNING);
        } else if (strcasecmp(state, "Paused") == 0) {
            mark_started(s);
            s->state = SYS_PAUSED;
        }
    }
    unlock();
}

/* Every system leaves the registry without an event; handles still open see them Stopped. */
void standin_reset_hcs(void) {
    lock();
    while (first_system) system_stop(first_system, "Unknown", 0);
    while (first_held) held_unlink(first_held);
    for (int i = 0; i < 16; i++) delays[i] = 2;
    legacy_errors = 0;
    shutdown_lag = 0;
    list_stopped_while_held = 0;
    unlock();
}

void standin_hcs_set_delay(int32_t operation_type, int32_t ms) {
    if (operation_type < 0 || operation_type >= 16) return;
    lock();
    delays[operation_type] = ms < 0 ? 0 : ms;
    unlock();
}

void standin_hcs_set_legacy_errors(int32_t on) {
    lock();
    legacy_errors = on != 0;
    unlock();
}

int32_t standin_hcs_exit_system(const char *id, const char *exit_type) {
    lock();
    hcs_system *s = registry_find(id);
    int found = s != NULL;
    if (found) system_stop(s, exit_type && *exit_type ? exit_type : "UnexpectedExit", 1);
    unlock();
    return found ? 0 : -1;
}

int32_t standin_hcs_vanish(const char *id) {
    lock();
    hcs_system *s = registry_find(id);
    int found = s != NULL;
    if (found) system_stop(s, "Unknown", 0);
    unlock();
    return found ? 0 : -1;
}

int32_t standin_hcs_callbacks_registered(void) {
    lock();
    int32_t n = callbacks_registered;
    unlock();
    return n;
}

void standin_hcs_set_shutdown_lag(int32_t ms) {
    lock();
    shutdown_lag = ms;
    unlock();
}

void standin_hcs_list_stopped_while_held(int32_t on) {
    lock();
    list_stopped_while_held = on != 0;
    unlock();
}

int32_t standin_hcs_disconnect_service(void) {
    int32_t delivered = 0;
    lock();
    for (size_t slot = 0; slot < SET_BUCKETS; slot++) {
        for (const set_node *n = live_handles.buckets[slot]; n; n = n->next) {
            sys_handle *h = (sys_handle *)n->pointer;
            if (h->callback && schedule_event(h, HCS_EVENT_SERVICE_DISCONNECT, NULL) == 0) delivered++;
        }
    }
    unlock();
    return delivered;
}
