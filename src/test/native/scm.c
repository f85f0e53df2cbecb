/*
 * advapi32 model: the service control manager (OpenSCManagerW, OpenServiceW, QueryServiceStatus,
 * CloseServiceHandle) and RegGetValueW on HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion.
 *
 * Only seeded services and registry values exist. A service handle looks its service up by name
 * on every query, so re-seeding a service changes the state its open handles report.
 * State lives behind a module mutex (scm_lock); no counting core function is called under it.
 */
#include "scm.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define ERROR_FILE_NOT_FOUND 2
#define ERROR_INVALID_HANDLE 6
#define ERROR_INVALID_PARAMETER 87
#define ERROR_INVALID_NAME 123
#define ERROR_MORE_DATA 234
#define ERROR_SERVICE_DOES_NOT_EXIST 1060
#define ERROR_DATABASE_DOES_NOT_EXIST 1065
#define ERROR_UNSUPPORTED_TYPE 1630
#define RPC_S_SERVER_UNAVAILABLE 1722

#define REG_SZ 1
#define REG_DWORD 4
#define RRF_RT_REG_SZ 0x2
#define RRF_RT_REG_DWORD 0x10
#define RRF_RT_ANY 0xFFFF

#define SERVICE_WIN32_OWN_PROCESS 0x10
#define SERVICE_STOPPED 1
#define SERVICE_RUNNING 4
#define SERVICE_ACCEPT_STOP 0x1
#define SERVICE_ACCEPT_PAUSE_CONTINUE 0x2
#define SERVICE_ACCEPT_SHUTDOWN 0x4

static pthread_mutex_t scm_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---------------------------------------------------------------- model */

typedef struct {
    char *name;
    uint32_t state;
} scm_service;

typedef struct {
    char *name;
    int is_string;
    char *text;      /* REG_SZ, UTF-8 */
    uint32_t dword;  /* REG_DWORD */
} scm_value;

static scm_service *services;
static size_t service_count;
static scm_value *values;
static size_t value_count;

/* ASCII case-insensitive comparison of UTF-8 strings. */
static int same_ignoring_case(const char *a, const char *b) {
    return strcasecmp(a, b) == 0;
}

/* Requires scm_lock. */
static scm_service *service_find(const char *name) {
    for (size_t i = 0; i < service_count; i++)
        if (same_ignoring_case(services[i].name, name)) return &services[i];
    return NULL;
}

static scm_value *value_find(const char *name) {
    for (size_t i = 0; i < value_count; i++)
        if (same_ignoring_case(values[i].name, name)) return &values[i];
    return NULL;
}

static uint32_t state_from_seed(const json *state) {
    if (!state || state->type == JSON_NULL) return SERVICE_RUNNING;
    if (state->type == JSON_NUMBER && state->number >= 1 && state->number <= 7) return (uint32_t)state->number;
    static const struct { const char *name; uint32_t value; } names[] = {
        {"stopped", 1}, {"start-pending", 2}, {"stop-pending", 3}, {"running", 4},
        {"continue-pending", 5}, {"pause-pending", 6}, {"paused", 7},
    };
    const char *text = json_str(state, "");
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (same_ignoring_case(text, names[i].name)) return names[i].value;
    fprintf(stderr, "wharf standin: unknown service state '%s' seeded as stopped\n", text);
    return SERVICE_STOPPED;
}

void standin_seed_scm(const json *seed) {
    if (!seed || seed->type != JSON_OBJECT) return;
    pthread_mutex_lock(&scm_lock);
    const json *list = json_get(seed, "services");
    for (size_t i = 0; list && list->type == JSON_ARRAY && i < list->count; i++) {
        const json *item = list->items[i];
        const char *name = json_str(json_get(item, "Name"), NULL);
        if (!name || !name[0]) continue;
        uint32_t state = state_from_seed(json_get(item, "State"));
        scm_service *existing = service_find(name);
        if (existing) {
            existing->state = state;
            continue;
        }
        scm_service *grown = realloc(services, (service_count + 1) * sizeof *grown);
        char *copy = strdup(name);
        if (grown) services = grown;
        if (!grown || !copy) {
            free(copy);
            continue;
        }
        services[service_count].name = copy;
        services[service_count].state = state;
        service_count++;
    }
    const json *registry = json_get(seed, "registry");
    for (size_t i = 0; registry && registry->type == JSON_OBJECT && i < registry->count; i++) {
        const char *name = registry->keys[i];
        const json *value = registry->items[i];
        if (!value || (value->type != JSON_STRING && value->type != JSON_NUMBER)) continue;
        scm_value v = {0};
        v.name = strdup(name);
        v.is_string = value->type == JSON_STRING;
        if (v.is_string) v.text = strdup(value->string ? value->string : "");
        else v.dword = (uint32_t)(int64_t)value->number;
        if (!v.name || (v.is_string && !v.text)) {
            free(v.name);
            free(v.text);
            continue;
        }
        scm_value *existing = value_find(name);
        if (existing) {
            free(existing->name);
            free(existing->text);
            *existing = v;
            continue;
        }
        scm_value *grown = realloc(values, (value_count + 1) * sizeof *grown);
        if (!grown) {
            free(v.name);
            free(v.text);
            continue;
        }
        values = grown;
        values[value_count++] = v;
    }
    pthread_mutex_unlock(&scm_lock);
}

/* Forgets services and registry values; open SC handles stay valid (services answer "does not exist"). */
void standin_reset_scm(void) {
    pthread_mutex_lock(&scm_lock);
    for (size_t i = 0; i < service_count; i++) free(services[i].name);
    free(services);
    services = NULL;
    service_count = 0;
    for (size_t i = 0; i < value_count; i++) {
        free(values[i].name);
        free(values[i].text);
    }
    free(values);
    values = NULL;
    value_count = 0;
    pthread_mutex_unlock(&scm_lock);
}

/* ---------------------------------------------------------------- SC handles */

#define SCM_HANDLE_MAGIC 0x4D435357u /* "WSCM" */

typedef enum { SC_MANAGER = 1, SC_SERVICE = 2 } sc_kind;

typedef struct {
    uint32_t magic;
    sc_kind kind;
    char *service; /* SC_SERVICE: the name as opened */
} sc_handle;

static sc_handle **handles;
static size_t handle_count, handle_capacity;

/* Requires scm_lock. The live handle (any kind) or NULL; the pointer is compared, never dereferenced, first. */
static sc_handle *handle_find(const void *pointer, size_t *index) {
    if (!pointer) return NULL;
    for (size_t i = 0; i < handle_count; i++) {
        if ((const void *)handles[i] == pointer) {
            if (handles[i]->magic != SCM_HANDLE_MAGIC) return NULL;
            if (index) *index = i;
            return handles[i];
        }
    }
    return NULL;
}

/* Requires scm_lock. */
static int handle_add(sc_handle *h) {
    if (handle_count == handle_capacity) {
        size_t capacity = handle_capacity ? handle_capacity * 2 : 8;
        sc_handle **grown = realloc(handles, capacity * sizeof *grown);
        if (!grown) return -1;
        handles = grown;
        handle_capacity = capacity;
    }
    handles[handle_count++] = h;
    return 0;
}

static void *fail_null(int error) {
    errno = error;
    return NULL;
}

void *standin_OpenSCManagerW(const uint16_t *machineName, const uint16_t *databaseName, uint32_t desiredAccess) {
    (void)desiredAccess;
    if (machineName && machineName[0]) return fail_null(RPC_S_SERVER_UNAVAILABLE);
    if (databaseName && databaseName[0]) {
        char *db = standin_utf8(databaseName);
        int ok = db && same_ignoring_case(db, "ServicesActive");
        free(db);
        if (!ok) return fail_null(ERROR_DATABASE_DOES_NOT_EXIST);
    }
    sc_handle *h = calloc(1, sizeof *h);
    if (!h) return fail_null(8 /* ERROR_NOT_ENOUGH_MEMORY */);
    h->magic = SCM_HANDLE_MAGIC;
    h->kind = SC_MANAGER;
    pthread_mutex_lock(&scm_lock);
    int added = handle_add(h);
    pthread_mutex_unlock(&scm_lock);
    if (added != 0) {
        free(h);
        return fail_null(8);
    }
    standin_handle_opened();
    return h;
}

void *standin_OpenServiceW(void *scManager, const uint16_t *serviceName, uint32_t desiredAccess) {
    (void)desiredAccess;
    char *name = serviceName ? standin_utf8(serviceName) : NULL;
    sc_handle *h = calloc(1, sizeof *h);
    int error = 0;
    pthread_mutex_lock(&scm_lock);
    sc_handle *manager = handle_find(scManager, NULL);
    if (!manager || manager->kind != SC_MANAGER) error = ERROR_INVALID_HANDLE;
    else if (!name || !name[0]) error = ERROR_INVALID_NAME;
    else if (!service_find(name)) error = ERROR_SERVICE_DOES_NOT_EXIST;
    else if (!h) error = 8;
    else {
        h->magic = SCM_HANDLE_MAGIC;
        h->kind = SC_SERVICE;
        h->service = name;
        name = NULL;
        if (handle_add(h) != 0) {
            name = h->service;
            error = 8;
        }
    }
    pthread_mutex_unlock(&scm_lock);
    free(name);
    if (error) {
        free(h);
        return fail_null(error);
    }
    standin_handle_opened();
    return h;
}

int32_t standin_QueryServiceStatus(void *service, SERVICE_STATUS *status) {
    int error = 0;
    uint32_t state = 0;
    pthread_mutex_lock(&scm_lock);
    sc_handle *h = handle_find(service, NULL);
    if (!h || h->kind != SC_SERVICE) error = ERROR_INVALID_HANDLE;
    else if (!status) error = ERROR_INVALID_PARAMETER;
    else {
        scm_service *s = service_find(h->service);
        if (!s) error = ERROR_SERVICE_DOES_NOT_EXIST;
        else state = s->state;
    }
    pthread_mutex_unlock(&scm_lock);
    if (error) {
        errno = error;
        return 0;
    }
    memset(status, 0, sizeof *status);
    status->dwServiceType = SERVICE_WIN32_OWN_PROCESS;
    status->dwCurrentState = state;
    if (state == SERVICE_RUNNING || state == 7 /* PAUSED */)
        status->dwControlsAccepted = SERVICE_ACCEPT_STOP | SERVICE_ACCEPT_PAUSE_CONTINUE | SERVICE_ACCEPT_SHUTDOWN;
    if (state == 2 || state == 3 || state == 5 || state == 6) {
        status->dwCheckPoint = 1;
        status->dwWaitHint = 2000;
    }
    return 1;
}

int32_t standin_CloseServiceHandle(void *handle) {
    size_t index = 0;
    pthread_mutex_lock(&scm_lock);
    sc_handle *h = handle_find(handle, &index);
    if (h) {
        handles[index] = handles[--handle_count];
        h->magic = 0;
    }
    pthread_mutex_unlock(&scm_lock);
    if (!h) {
        standin_bad_close();
        errno = ERROR_INVALID_HANDLE;
        return 0;
    }
    free(h->service);
    free(h);
    standin_handle_closed();
    return 1;
}

/* ---------------------------------------------------------------- RegGetValueW */

static const char CURRENT_VERSION[] = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";

static size_t utf16_units(const uint16_t *s) {
    size_t n = 0;
    while (s[n]) n++;
    return n;
}

int32_t standin_RegGetValueW(void *hkey, const uint16_t *subKey, const uint16_t *valueName, uint32_t flags,
                             uint32_t *type, void *data, uint32_t *dataBytes) {
    if (hkey != STANDIN_HKEY_LOCAL_MACHINE) return ERROR_INVALID_HANDLE;
    if ((flags & RRF_RT_ANY) == 0) return ERROR_INVALID_PARAMETER;
    if (data && !dataBytes) return ERROR_INVALID_PARAMETER;

    char *key = subKey ? standin_utf8(subKey) : NULL;
    int key_ok = key && same_ignoring_case(key, CURRENT_VERSION);
    free(key);
    if (!key_ok) return ERROR_FILE_NOT_FOUND;

    /* A NULL or empty value name is the key's default value, which this model never has. */
    char *name = valueName ? standin_utf8(valueName) : NULL;
    if (!name || !name[0]) {
        free(name);
        return ERROR_FILE_NOT_FOUND;
    }
    int found = 0, is_string = 0;
    char *text = NULL;
    uint32_t dword = 0;
    pthread_mutex_lock(&scm_lock);
    scm_value *v = value_find(name);
    if (v) {
        found = 1;
        is_string = v->is_string;
        dword = v->dword;
        if (is_string) text = strdup(v->text);
    }
    pthread_mutex_unlock(&scm_lock);
    free(name);
    if (!found) return ERROR_FILE_NOT_FOUND;
    if (is_string && !text) return 8;

    if (!(flags & (is_string ? RRF_RT_REG_SZ : RRF_RT_REG_DWORD))) {
        free(text);
        return ERROR_UNSUPPORTED_TYPE;
    }

    uint16_t *wide = NULL;
    uint32_t needed = 4;
    if (is_string) {
        wide = standin_utf16(text);
        free(text);
        if (!wide) return 8;
        needed = (uint32_t)((utf16_units(wide) + 1) * sizeof(uint16_t));
    }
    if (type) *type = is_string ? REG_SZ : REG_DWORD;
    int32_t result = 0;
    if (!data) {
        if (dataBytes) *dataBytes = needed;
    } else if (*dataBytes < needed) {
        *dataBytes = needed;
        result = ERROR_MORE_DATA;
    } else {
        if (is_string) memcpy(data, wide, needed);
        else memcpy(data, &dword, 4);
        *dataBytes = needed;
    }
    free(wide);
    return result;
}
