/*
 * computenetwork.dll (HCN) model: networks (created or seeded), endpoints and namespaces (seeded).
 *
 * State lives behind a module mutex (hcn_lock). Nothing from core that counts or might take
 * standin_lock (standin_give_utf16, standin_handle_*, injections, guid_random) is called while
 * hcn_lock is held: results are built as UTF-8 under the lock and handed out after unlocking.
 *
 * Handles are separate from model objects: a handle holds the serial number of the object it
 * opened, so a deleted (or reset) object makes its handles answer "not found" while the handle
 * itself stays valid until closed. Live handles are kept in a registry and only dereferenced
 * after being found there, so closed and foreign pointers are never touched.
 */
#include "hcn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static pthread_mutex_t hcn_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---------------------------------------------------------------- small helpers */

typedef struct {
    void **items;
    size_t count, capacity;
} ptrvec;

static int vec_push(ptrvec *v, void *item) {
    if (v->count == v->capacity) {
        size_t capacity = v->capacity ? v->capacity * 2 : 8;
        void **items = realloc(v->items, capacity * sizeof *items);
        if (!items) return -1;
        v->items = items;
        v->capacity = capacity;
    }
    v->items[v->count++] = item;
    return 0;
}

static void vec_remove_at(ptrvec *v, size_t index) {
    memmove(v->items + index, v->items + index + 1, (v->count - index - 1) * sizeof *v->items);
    v->count--;
}

static void guid_upper(const standin_guid *guid, char out[37]) {
    guid_format(guid, out);
    for (char *p = out; *p; p++)
        if (*p >= 'a' && *p <= 'f') *p = (char)(*p - 'a' + 'A');
}

static int guid_equal(const standin_guid *a, const standin_guid *b) {
    return memcmp(a, b, sizeof *a) == 0;
}

/* ---------------------------------------------------------------- model */

static const char *const NETWORK_TYPES[] = {
    "NAT", "ICS", "Transparent", "L2Bridge", "L2Tunnel", "Overlay", "Private", "Internal",
    "Mirrored", "Infiniband", "ConstrainedICS",
};

/* Canonical spelling of a NetworkMode, or NULL when unknown. */
static const char *network_type_canonical(const char *text) {
    for (size_t i = 0; i < sizeof NETWORK_TYPES / sizeof *NETWORK_TYPES; i++)
        if (strcasecmp(text, NETWORK_TYPES[i]) == 0) return NETWORK_TYPES[i];
    return NULL;
}

typedef struct {
    uint64_t serial;
    standin_guid id;
    char *name;
    char *type; /* canonical NetworkMode ("NAT" when absent); raw text for an unknown seeded type */
    json *doc;
} hcn_network;

typedef struct {
    uint64_t serial;
    standin_guid id;
    int has_network;
    standin_guid network;
    json *doc;
} hcn_endpoint;

typedef struct {
    uint64_t serial;
    standin_guid id;
    json *doc;
} hcn_namespace;

static ptrvec networks, endpoints, namespaces;
static uint64_t next_serial = 1;

static void network_free(hcn_network *n) {
    if (!n) return;
    free(n->name);
    free(n->type);
    json_free(n->doc);
    free(n);
}

static void endpoint_free(hcn_endpoint *e) {
    if (!e) return;
    json_free(e->doc);
    free(e);
}

static void namespace_free(hcn_namespace *s) {
    if (!s) return;
    json_free(s->doc);
    free(s);
}

/* All lookups below require hcn_lock. They return the index or -1. */
static long network_index_by_id(const standin_guid *id) {
    for (size_t i = 0; i < networks.count; i++)
        if (guid_equal(&((hcn_network *)networks.items[i])->id, id)) return (long)i;
    return -1;
}

static long network_index_by_name(const char *name) {
    for (size_t i = 0; i < networks.count; i++)
        if (strcmp(((hcn_network *)networks.items[i])->name, name) == 0) return (long)i;
    return -1;
}

static hcn_network *network_by_serial(uint64_t serial) {
    for (size_t i = 0; i < networks.count; i++)
        if (((hcn_network *)networks.items[i])->serial == serial) return networks.items[i];
    return NULL;
}

static long endpoint_index_by_id(const standin_guid *id) {
    for (size_t i = 0; i < endpoints.count; i++)
        if (guid_equal(&((hcn_endpoint *)endpoints.items[i])->id, id)) return (long)i;
    return -1;
}

static hcn_endpoint *endpoint_by_serial(uint64_t serial) {
    for (size_t i = 0; i < endpoints.count; i++)
        if (((hcn_endpoint *)endpoints.items[i])->serial == serial) return endpoints.items[i];
    return NULL;
}

static long namespace_index_by_id(const standin_guid *id) {
    for (size_t i = 0; i < namespaces.count; i++)
        if (guid_equal(&((hcn_namespace *)namespaces.items[i])->id, id)) return (long)i;
    return -1;
}

static hcn_namespace *namespace_by_serial(uint64_t serial) {
    for (size_t i = 0; i < namespaces.count; i++)
        if (((hcn_namespace *)namespaces.items[i])->serial == serial) return namespaces.items[i];
    return NULL;
}

static int network_has_endpoints(const standin_guid *id) {
    for (size_t i = 0; i < endpoints.count; i++) {
        hcn_endpoint *e = endpoints.items[i];
        if (e->has_network && guid_equal(&e->network, id)) return 1;
    }
    return 0;
}

/* ---------------------------------------------------------------- handles */

#define HCN_HANDLE_MAGIC 0x4E434857u /* "WHCN" */

typedef enum { HCN_H_NETWORK = 1, HCN_H_ENDPOINT = 2, HCN_H_NAMESPACE = 3 } hcn_handle_kind;

typedef struct {
    uint32_t magic;
    hcn_handle_kind kind;
    uint64_t serial;
} hcn_handle;

static ptrvec handles; /* live handles; survives reset */

/* Requires hcn_lock. The handle when it is live and of that kind, else NULL (never dereferenced). */
static hcn_handle *handle_find(const void *pointer, hcn_handle_kind kind, size_t *index) {
    if (!pointer) return NULL;
    for (size_t i = 0; i < handles.count; i++) {
        if (handles.items[i] == pointer) {
            hcn_handle *h = handles.items[i];
            if (h->magic != HCN_HANDLE_MAGIC || h->kind != kind) return NULL;
            if (index) *index = i;
            return h;
        }
    }
    return NULL;
}

/* ---------------------------------------------------------------- call frame: injections and records */

static const char *message_for(HRESULT hr) {
    switch ((uint32_t)hr) {
    case 0x803B0001u: return "Network not found.";
    case 0x803B0002u: return "Endpoint not found.";
    case 0x803B000Bu: return "Invalid Network Type.";
    case 0x803B0010u: return "A network with this name already exists.";
    case 0x803B001Bu: return "Invalid JSON document string.";
    case 0x803B001Eu: return "The IP address is either invalid or not part of any configured subnet(s).";
    case 0x803B002Cu: return "The entity has references and cannot be removed.";
    case 0x80070490u: return "Element not found.";
    case 0x80070006u: return "The handle is invalid.";
    case 0x80070057u: return "The parameter is incorrect.";
    case 0x80004003u: return "Invalid pointer";
    case 0x8007000Eu: return "Not enough memory resources are available to complete this operation.";
    default: return "The operation failed.";
    }
}

static char *error_record_text(HRESULT hr, const char *message) {
    standin_buf b;
    buf_init(&b);
    buf_add(&b, "{\"Success\":false,\"Error\":");
    buf_add_json_string(&b, message ? message : message_for(hr));
    buf_addf(&b, ",\"ErrorCode\":%d}", (int)hr);
    return buf_take(&b);
}

typedef struct {
    uint16_t **error_record;
    int injected;           /* standin_take_injected fired: return injected_hr, do nothing */
    HRESULT injected_hr;
    char *record;           /* standin_take_error_record: S_OK plus this record */
} hcn_call;

static void call_begin(hcn_call *c, const char *export_name, uint16_t **error_record) {
    c->error_record = error_record;
    c->injected = 0;
    c->injected_hr = S_OK;
    c->record = NULL;
    if (error_record) *error_record = NULL;
    if (standin_take_injected(export_name, &c->injected_hr)) {
        c->injected = 1;
        return;
    }
    c->record = standin_take_error_record(export_name);
}

/*
 * Ends a call: a failure gets an error record {"Success":false,"Error":...,"ErrorCode":hr};
 * a pending injected record replaces it (and a successful call then still returns S_OK, which
 * Wharf must treat as a failure). Must be called without hcn_lock.
 */
static HRESULT call_end(hcn_call *c, HRESULT hr, const char *message) {
    if (c->record) {
        if (c->error_record) *c->error_record = standin_give_utf16(STANDIN_ALLOC_COTASKMEM, c->record);
        free(c->record);
        c->record = NULL;
        return hr;
    }
    if (hr < 0 && c->error_record) {
        char *text = error_record_text(hr, message);
        if (text) {
            *c->error_record = standin_give_utf16(STANDIN_ALLOC_COTASKMEM, text);
            free(text);
        }
    }
    return hr;
}

/* Hands a UTF-8 document out as a counted COTASKMEM buffer (frees the UTF-8). */
static HRESULT give_out(char *utf8, uint16_t **out) {
    if (!utf8) return E_OUTOFMEMORY;
    *out = standin_give_utf16(STANDIN_ALLOC_COTASKMEM, utf8);
    free(utf8);
    return *out ? S_OK : E_OUTOFMEMORY;
}

/* ---------------------------------------------------------------- documents */

static void write_member(standin_buf *b, const char *key, const json *value) {
    char *text = json_write(value);
    buf_add(b, ",");
    buf_add_json_string(b, key);
    buf_add(b, ":");
    buf_add(b, text ? text : "null");
    free(text);
}

/* Requires hcn_lock. The network as HNS reports it: "ID" upper case, "Type" omitted for NAT. */
static char *network_document(const hcn_network *n) {
    char id[37];
    standin_buf b;
    guid_upper(&n->id, id);
    buf_init(&b);
    buf_add(&b, "{\"ID\":");
    buf_add_json_string(&b, id);
    if (strcasecmp(n->type, "NAT") != 0) {
        buf_add(&b, ",\"Type\":");
        buf_add_json_string(&b, n->type);
    }
    int has_schema = 0;
    for (size_t i = 0; i < n->doc->count; i++) {
        const char *key = n->doc->keys[i];
        if (strcasecmp(key, "ID") == 0 || strcasecmp(key, "Type") == 0) continue;
        if (strcmp(key, "SchemaVersion") == 0) has_schema = 1;
        write_member(&b, key, n->doc->items[i]);
    }
    if (!has_schema) buf_add(&b, ",\"SchemaVersion\":{\"Major\":2,\"Minor\":0}");
    buf_add(&b, "}");
    return buf_take(&b);
}

/* Requires hcn_lock. Endpoints and namespaces: the stored document with "ID" in lower case. */
static char *plain_document(const standin_guid *guid, const json *doc) {
    char id[37];
    standin_buf b;
    guid_format(guid, id);
    buf_init(&b);
    buf_add(&b, "{\"ID\":");
    buf_add_json_string(&b, id);
    for (size_t i = 0; i < doc->count; i++) {
        if (strcasecmp(doc->keys[i], "ID") == 0) continue;
        write_member(&b, doc->keys[i], doc->items[i]);
    }
    buf_add(&b, "}");
    return buf_take(&b);
}

/*
 * A query (NULL, "" or a HostComputeQuery) to its filter object. Returns 0 and sets *filter
 * (NULL = match everything; caller frees) or HCN_E_INVALID_JSON.
 */
static HRESULT parse_query(const uint16_t *query, json **filter) {
    *filter = NULL;
    if (!query || !query[0]) return S_OK;
    char *text = standin_utf8(query);
    if (!text) return E_OUTOFMEMORY;
    json *doc = json_parse(text);
    free(text);
    if (!doc || doc->type != JSON_OBJECT) {
        json_free(doc);
        return HCN_E_INVALID_JSON;
    }
    json *f = json_get_ci(doc, "Filter");
    HRESULT hr = S_OK;
    if (f && f->type == JSON_STRING && f->string && f->string[0]) {
        json *parsed = json_parse(f->string);
        if (!parsed || parsed->type != JSON_OBJECT) {
            json_free(parsed);
            hr = HCN_E_INVALID_JSON;
        } else {
            *filter = parsed;
        }
    } else if (f && f->type == JSON_OBJECT) {
        /* tolerate a filter given as an object rather than as JSON text */
        char *again = json_write(f);
        *filter = again ? json_parse(again) : NULL;
        free(again);
    } else if (f && f->type != JSON_STRING && f->type != JSON_NULL) {
        hr = HCN_E_INVALID_JSON;
    }
    json_free(doc);
    return hr;
}

static int strings_match(const char *a, const char *b) {
    standin_guid ga, gb;
    if (guid_parse(a, &ga) == 0 && guid_parse(b, &gb) == 0) return guid_equal(&ga, &gb);
    return strcmp(a, b) == 0;
}

static int values_match(const json *want, const json *have) {
    if (!want || !have) return 0;
    if (want->type == JSON_STRING && have->type == JSON_STRING)
        return strings_match(want->string ? want->string : "", have->string ? have->string : "");
    if (want->type != have->type) return 0;
    switch (want->type) {
    case JSON_NULL: return 1;
    case JSON_BOOL: return !want->boolean == !have->boolean;
    case JSON_NUMBER: return want->number == have->number;
    default: {
        char *a = json_write(want), *b = json_write(have);
        int same = a && b && strcmp(a, b) == 0;
        free(a);
        free(b);
        return same;
    }
    }
}

/* Requires hcn_lock. "ID" and GUID-valued members compare ignoring case; other strings exactly. */
static int filter_matches(const json *filter, const standin_guid *id, const json *doc, const char *network_type) {
    if (!filter) return 1;
    for (size_t i = 0; i < filter->count; i++) {
        const char *key = filter->keys[i];
        const json *want = filter->items[i];
        if (strcasecmp(key, "ID") == 0) {
            standin_guid g;
            if (!want || want->type != JSON_STRING || !want->string || guid_parse(want->string, &g) != 0) return 0;
            if (!guid_equal(&g, id)) return 0;
        } else if (network_type && strcasecmp(key, "Type") == 0) {
            if (!want || want->type != JSON_STRING || !want->string || strcasecmp(want->string, network_type) != 0) return 0;
        } else {
            const json *have = json_get(doc, key);
            if (!have) have = json_get_ci(doc, key);
            if (!values_match(want, have)) return 0;
        }
    }
    return 1;
}

/* ---------------------------------------------------------------- network validation */

static int is_nonempty_string(const json *v) {
    return v && v->type == JSON_STRING && v->string && v->string[0];
}

/* hcsshim's rule: every route of a prefixed subnet has a NextHop, and one route is a default route. */
static int ipams_valid(const json *settings) {
    const json *ipams = json_get(settings, "Ipams");
    if (!ipams || ipams->type != JSON_ARRAY) return 1;
    for (size_t i = 0; i < ipams->count; i++) {
        const json *subnets = json_get(ipams->items[i], "Subnets");
        if (!subnets || subnets->type != JSON_ARRAY) continue;
        for (size_t j = 0; j < subnets->count; j++) {
            const json *subnet = subnets->items[j];
            if (!is_nonempty_string(json_get(subnet, "IpAddressPrefix"))) continue;
            const json *routes = json_get(subnet, "Routes");
            int has_default = 0;
            if (routes && routes->type == JSON_ARRAY) {
                for (size_t k = 0; k < routes->count; k++) {
                    const json *route = routes->items[k];
                    if (!is_nonempty_string(json_get(route, "NextHop"))) return 0;
                    const char *destination = json_str(json_get(route, "DestinationPrefix"), "");
                    if (strcmp(destination, "0.0.0.0/0") == 0 || strcmp(destination, "::/0") == 0) has_default = 1;
                }
            }
            if (!has_default) return 0;
        }
    }
    return 1;
}

/* ---------------------------------------------------------------- open / query / close, shared */

static HRESULT open_object(hcn_call *c, hcn_handle_kind kind, const standin_guid *id, void **out) {
    if (out) *out = NULL;
    if (c->injected) return call_end(c, c->injected_hr, NULL);
    if (!out) return call_end(c, E_POINTER, NULL);
    if (!id) return call_end(c, E_INVALIDARG, NULL);
    hcn_handle *h = malloc(sizeof *h);
    if (!h) return call_end(c, E_OUTOFMEMORY, NULL);
    h->magic = HCN_HANDLE_MAGIC;
    h->kind = kind;
    HRESULT hr = S_OK;
    pthread_mutex_lock(&hcn_lock);
    long index;
    switch (kind) {
    case HCN_H_NETWORK:
        index = network_index_by_id(id);
        if (index < 0) hr = HCN_E_NETWORK_NOT_FOUND;
        else h->serial = ((hcn_network *)networks.items[index])->serial;
        break;
    case HCN_H_ENDPOINT:
        index = endpoint_index_by_id(id);
        if (index < 0) hr = HCN_E_ENDPOINT_NOT_FOUND;
        else h->serial = ((hcn_endpoint *)endpoints.items[index])->serial;
        break;
    default:
        index = namespace_index_by_id(id);
        if (index < 0) hr = HRESULT_ELEMENT_NOT_FOUND;
        else h->serial = ((hcn_namespace *)namespaces.items[index])->serial;
        break;
    }
    if (hr == S_OK && vec_push(&handles, h) != 0) hr = E_OUTOFMEMORY;
    pthread_mutex_unlock(&hcn_lock);
    if (hr != S_OK) {
        free(h);
        return call_end(c, hr, NULL);
    }
    standin_handle_opened();
    *out = h;
    return call_end(c, S_OK, NULL);
}

static HRESULT query_object(hcn_call *c, hcn_handle_kind kind, void *handle, const uint16_t *query, uint16_t **properties) {
    if (properties) *properties = NULL;
    if (c->injected) return call_end(c, c->injected_hr, NULL);
    if (!properties) return call_end(c, E_POINTER, NULL);
    json *filter = NULL;
    HRESULT hr = parse_query(query, &filter); /* validated; the filter does not narrow a single object */
    json_free(filter);
    if (hr != S_OK) return call_end(c, hr, NULL);
    char *doc = NULL;
    pthread_mutex_lock(&hcn_lock);
    hcn_handle *h = handle_find(handle, kind, NULL);
    if (!h) {
        hr = E_HANDLE;
    } else if (kind == HCN_H_NETWORK) {
        hcn_network *n = network_by_serial(h->serial);
        if (!n) hr = HCN_E_NETWORK_NOT_FOUND;
        else doc = network_document(n);
    } else if (kind == HCN_H_ENDPOINT) {
        hcn_endpoint *e = endpoint_by_serial(h->serial);
        if (!e) hr = HCN_E_ENDPOINT_NOT_FOUND;
        else doc = plain_document(&e->id, e->doc);
    } else {
        hcn_namespace *s = namespace_by_serial(h->serial);
        if (!s) hr = HRESULT_ELEMENT_NOT_FOUND;
        else doc = plain_document(&s->id, s->doc);
    }
    pthread_mutex_unlock(&hcn_lock);
    if (hr == S_OK) hr = give_out(doc, properties);
    return call_end(c, hr, NULL);
}

static HRESULT close_object(const char *export_name, hcn_handle_kind kind, void *handle) {
    HRESULT injected;
    if (standin_take_injected(export_name, &injected)) return injected;
    size_t index = 0;
    pthread_mutex_lock(&hcn_lock);
    hcn_handle *h = handle_find(handle, kind, &index);
    if (h) {
        vec_remove_at(&handles, index);
        h->magic = 0;
    }
    pthread_mutex_unlock(&hcn_lock);
    if (!h) {
        standin_bad_close();
        return E_HANDLE;
    }
    free(h);
    standin_handle_closed();
    return S_OK;
}

/* ---------------------------------------------------------------- networks */

HRESULT standin_HcnEnumerateNetworks(const uint16_t *query, uint16_t **networks_out, uint16_t **errorRecord) {
    hcn_call c;
    call_begin(&c, "HcnEnumerateNetworks", errorRecord);
    if (networks_out) *networks_out = NULL;
    if (c.injected) return call_end(&c, c.injected_hr, NULL);
    if (!networks_out) return call_end(&c, E_POINTER, NULL);
    json *filter = NULL;
    HRESULT hr = parse_query(query, &filter);
    if (hr != S_OK) return call_end(&c, hr, NULL);
    standin_buf b;
    buf_init(&b);
    buf_add(&b, "[");
    int first = 1;
    pthread_mutex_lock(&hcn_lock);
    for (size_t i = 0; i < networks.count; i++) {
        hcn_network *n = networks.items[i];
        if (!filter_matches(filter, &n->id, n->doc, n->type)) continue;
        char id[37];
        guid_upper(&n->id, id);
        if (!first) buf_add(&b, ",");
        buf_add_json_string(&b, id);
        first = 0;
    }
    pthread_mutex_unlock(&hcn_lock);
    buf_add(&b, "]");
    json_free(filter);
    return call_end(&c, give_out(buf_take(&b), networks_out), NULL);
}

HRESULT standin_HcnOpenNetwork(const standin_guid *id, void **network, uint16_t **errorRecord) {
    hcn_call c;
    call_begin(&c, "HcnOpenNetwork", errorRecord);
    return open_object(&c, HCN_H_NETWORK, id, network);
}

HRESULT standin_HcnQueryNetworkProperties(void *network, const uint16_t *query, uint16_t **properties, uint16_t **errorRecord) {
    hcn_call c;
    call_begin(&c, "HcnQueryNetworkProperties", errorRecord);
    return query_object(&c, HCN_H_NETWORK, network, query, properties);
}

HRESULT standin_HcnCreateNetwork(const standin_guid *id, const uint16_t *settings, void **network, uint16_t **errorRecord) {
    hcn_call c;
    call_begin(&c, "HcnCreateNetwork", errorRecord);
    if (network) *network = NULL;
    if (c.injected) return call_end(&c, c.injected_hr, NULL);
    if (!network) return call_end(&c, E_POINTER, NULL);
    if (!id) return call_end(&c, E_INVALIDARG, NULL);
    if (!settings) return call_end(&c, HCN_E_INVALID_JSON, NULL);

    char *text = standin_utf8(settings);
    json *doc = text ? json_parse(text) : NULL;
    free(text);
    if (!doc || doc->type != JSON_OBJECT) {
        json_free(doc);
        return call_end(&c, HCN_E_INVALID_JSON, NULL);
    }
    const json *name = json_get(doc, "Name");
    if (!is_nonempty_string(name)) {
        json_free(doc);
        return call_end(&c, HCN_E_INVALID_JSON, "The network settings need a non-empty \"Name\".");
    }
    const json *type_value = json_get(doc, "Type");
    const char *type = "NAT";
    if (type_value && type_value->type != JSON_NULL) {
        const char *raw = type_value->type == JSON_STRING && type_value->string ? type_value->string : NULL;
        type = raw ? (raw[0] ? network_type_canonical(raw) : "NAT") : NULL;
        if (!type) {
            json_free(doc);
            return call_end(&c, HCN_E_INVALID_NETWORK_TYPE, NULL);
        }
    }
    if (!ipams_valid(doc)) {
        json_free(doc);
        return call_end(&c, HCN_E_INVALID_IP, NULL);
    }

    hcn_network *n = calloc(1, sizeof *n);
    hcn_handle *h = malloc(sizeof *h);
    if (n) {
        n->name = strdup(name->string);
        n->type = strdup(type);
    }
    if (!n || !h || !n->name || !n->type) {
        network_free(n);
        free(h);
        json_free(doc);
        return call_end(&c, E_OUTOFMEMORY, NULL);
    }
    n->doc = doc;
    if (guid_is_zero(id)) guid_random(&n->id);
    else n->id = *id;
    h->magic = HCN_HANDLE_MAGIC;
    h->kind = HCN_H_NETWORK;

    HRESULT hr = S_OK;
    pthread_mutex_lock(&hcn_lock);
    if (network_index_by_id(&n->id) >= 0 || network_index_by_name(n->name) >= 0) {
        hr = HCN_E_NETWORK_ALREADY_EXISTS;
    } else if (vec_push(&networks, n) != 0) {
        hr = E_OUTOFMEMORY;
    } else {
        n->serial = next_serial++;
        h->serial = n->serial;
        if (vec_push(&handles, h) != 0) {
            networks.count--;
            hr = E_OUTOFMEMORY;
        }
    }
    pthread_mutex_unlock(&hcn_lock);
    if (hr != S_OK) {
        network_free(n);
        free(h);
        return call_end(&c, hr, NULL);
    }
    standin_handle_opened();
    *network = h;
    return call_end(&c, S_OK, NULL);
}

HRESULT standin_HcnDeleteNetwork(const standin_guid *id, uint16_t **errorRecord) {
    hcn_call c;
    call_begin(&c, "HcnDeleteNetwork", errorRecord);
    if (c.injected) return call_end(&c, c.injected_hr, NULL);
    if (!id) return call_end(&c, E_INVALIDARG, NULL);
    HRESULT hr = S_OK;
    hcn_network *gone = NULL;
    pthread_mutex_lock(&hcn_lock);
    long index = network_index_by_id(id);
    if (index < 0) {
        hr = HCN_E_NETWORK_NOT_FOUND;
    } else if (network_has_endpoints(id)) {
        hr = HCN_E_ENTITY_HAS_REFERENCES;
    } else {
        gone = networks.items[index];
        vec_remove_at(&networks, (size_t)index);
    }
    pthread_mutex_unlock(&hcn_lock);
    network_free(gone);
    return call_end(&c, hr, NULL);
}

HRESULT standin_HcnCloseNetwork(void *network) {
    return close_object("HcnCloseNetwork", HCN_H_NETWORK, network);
}

/* ---------------------------------------------------------------- endpoints */

HRESULT standin_HcnEnumerateEndpoints(const uint16_t *query, uint16_t **endpoints_out, uint16_t **errorRecord) {
    hcn_call c;
    call_begin(&c, "HcnEnumerateEndpoints", errorRecord);
    if (endpoints_out) *endpoints_out = NULL;
    if (c.injected) return call_end(&c, c.injected_hr, NULL);
    if (!endpoints_out) return call_end(&c, E_POINTER, NULL);
    json *filter = NULL;
    HRESULT hr = parse_query(query, &filter);
    if (hr != S_OK) return call_end(&c, hr, NULL);
    standin_buf b;
    buf_init(&b);
    buf_add(&b, "[");
    int first = 1;
    pthread_mutex_lock(&hcn_lock);
    for (size_t i = 0; i < endpoints.count; i++) {
        hcn_endpoint *e = endpoints.items[i];
        if (!filter_matches(filter, &e->id, e->doc, NULL)) continue;
        char id[37];
        guid_format(&e->id, id);
        if (!first) buf_add(&b, ",");
        buf_add_json_string(&b, id);
        first = 0;
    }
    pthread_mutex_unlock(&hcn_lock);
    buf_add(&b, "]");
    json_free(filter);
    return call_end(&c, give_out(buf_take(&b), endpoints_out), NULL);
}

HRESULT standin_HcnOpenEndpoint(const standin_guid *id, void **endpoint, uint16_t **errorRecord) {
    hcn_call c;
    call_begin(&c, "HcnOpenEndpoint", errorRecord);
    return open_object(&c, HCN_H_ENDPOINT, id, endpoint);
}

HRESULT standin_HcnQueryEndpointProperties(void *endpoint, const uint16_t *query, uint16_t **properties, uint16_t **errorRecord) {
    hcn_call c;
    call_begin(&c, "HcnQueryEndpointProperties", errorRecord);
    return query_object(&c, HCN_H_ENDPOINT, endpoint, query, properties);
}

HRESULT standin_HcnCloseEndpoint(void *endpoint) {
    return close_object("HcnCloseEndpoint", HCN_H_ENDPOINT, endpoint);
}

/* ---------------------------------------------------------------- namespaces */

HRESULT standin_HcnOpenNamespace(const standin_guid *id, void **ns, uint16_t **errorRecord) {
    hcn_call c;
    call_begin(&c, "HcnOpenNamespace", errorRecord);
    return open_object(&c, HCN_H_NAMESPACE, id, ns);
}

HRESULT standin_HcnQueryNamespaceProperties(void *ns, const uint16_t *query, uint16_t **properties, uint16_t **errorRecord) {
    hcn_call c;
    call_begin(&c, "HcnQueryNamespaceProperties", errorRecord);
    return query_object(&c, HCN_H_NAMESPACE, ns, query, properties);
}

HRESULT standin_HcnCloseNamespace(void *ns) {
    return close_object("HcnCloseNamespace", HCN_H_NAMESPACE, ns);
}

/* ---------------------------------------------------------------- seed and reset */

/* A deep copy of a seed document (the seed DOM belongs to the caller). */
static json *copy_doc(const json *doc) {
    char *text = json_write(doc);
    json *copy = text ? json_parse(text) : NULL;
    free(text);
    return copy;
}

/* The document's "ID" as a GUID, or a random one when absent; -1 when present but not a GUID. */
static int seed_id(const json *doc, standin_guid *out) {
    const json *id = json_get_ci(doc, "ID");
    if (!id || id->type == JSON_NULL) {
        guid_random(out);
        return 0;
    }
    if (id->type != JSON_STRING || !id->string || guid_parse(id->string, out) != 0) return -1;
    return 0;
}

static const json *seed_array(const json *seed, const char *key) {
    const json *array = json_get(seed, key);
    return array && array->type == JSON_ARRAY ? array : NULL;
}

void standin_seed_hcn(const json *seed) {
    if (!seed || seed->type != JSON_OBJECT) return;
    ptrvec new_networks = {0}, new_endpoints = {0}, new_namespaces = {0};

    /* Build everything outside the lock (guid_random is core's). */
    const json *array = seed_array(seed, "networks");
    for (size_t i = 0; array && i < array->count; i++) {
        const json *item = array->items[i];
        if (!item || item->type != JSON_OBJECT) continue;
        hcn_network *n = calloc(1, sizeof *n);
        if (!n) continue;
        const json *type_value = json_get(item, "Type");
        const char *raw = json_str(type_value, "");
        const char *canonical = raw[0] ? network_type_canonical(raw) : "NAT";
        n->doc = copy_doc(item);
        n->name = strdup(json_str(json_get(item, "Name"), ""));
        n->type = strdup(canonical ? canonical : raw);
        if (seed_id(item, &n->id) != 0 || !n->doc || !n->name || !n->type || vec_push(&new_networks, n) != 0) {
            fprintf(stderr, "wharf standin: seed network %zu ignored (bad ID or out of memory)\n", i);
            network_free(n);
        }
    }
    array = seed_array(seed, "endpoints");
    for (size_t i = 0; array && i < array->count; i++) {
        const json *item = array->items[i];
        if (!item || item->type != JSON_OBJECT) continue;
        hcn_endpoint *e = calloc(1, sizeof *e);
        if (!e) continue;
        e->doc = copy_doc(item);
        const char *network = json_str(json_get(item, "HostComputeNetwork"), NULL);
        e->has_network = network && guid_parse(network, &e->network) == 0;
        if (seed_id(item, &e->id) != 0 || !e->doc || vec_push(&new_endpoints, e) != 0) {
            fprintf(stderr, "wharf standin: seed endpoint %zu ignored (bad ID or out of memory)\n", i);
            endpoint_free(e);
        }
    }
    array = seed_array(seed, "namespaces");
    for (size_t i = 0; array && i < array->count; i++) {
        const json *item = array->items[i];
        if (!item || item->type != JSON_OBJECT) continue;
        hcn_namespace *s = calloc(1, sizeof *s);
        if (!s) continue;
        s->doc = copy_doc(item);
        if (seed_id(item, &s->id) != 0 || !s->doc || vec_push(&new_namespaces, s) != 0) {
            fprintf(stderr, "wharf standin: seed namespace %zu ignored (bad ID or out of memory)\n", i);
            namespace_free(s);
        }
    }

    /* Insert; an object with an id already present replaces it (its handles then see "not found"). */
    ptrvec replaced_networks = {0}, replaced_endpoints = {0}, replaced_namespaces = {0};
    pthread_mutex_lock(&hcn_lock);
    for (size_t i = 0; i < new_networks.count; i++) {
        hcn_network *n = new_networks.items[i];
        long old = network_index_by_id(&n->id);
        if (old >= 0) {
            vec_push(&replaced_networks, networks.items[old]);
            vec_remove_at(&networks, (size_t)old);
        }
        n->serial = next_serial++;
        if (vec_push(&networks, n) != 0) vec_push(&replaced_networks, n);
    }
    for (size_t i = 0; i < new_endpoints.count; i++) {
        hcn_endpoint *e = new_endpoints.items[i];
        long old = endpoint_index_by_id(&e->id);
        if (old >= 0) {
            vec_push(&replaced_endpoints, endpoints.items[old]);
            vec_remove_at(&endpoints, (size_t)old);
        }
        e->serial = next_serial++;
        if (vec_push(&endpoints, e) != 0) vec_push(&replaced_endpoints, e);
    }
    for (size_t i = 0; i < new_namespaces.count; i++) {
        hcn_namespace *s = new_namespaces.items[i];
        long old = namespace_index_by_id(&s->id);
        if (old >= 0) {
            vec_push(&replaced_namespaces, namespaces.items[old]);
            vec_remove_at(&namespaces, (size_t)old);
        }
        s->serial = next_serial++;
        if (vec_push(&namespaces, s) != 0) vec_push(&replaced_namespaces, s);
    }
    pthread_mutex_unlock(&hcn_lock);

    for (size_t i = 0; i < replaced_networks.count; i++) network_free(replaced_networks.items[i]);
    for (size_t i = 0; i < replaced_endpoints.count; i++) endpoint_free(replaced_endpoints.items[i]);
    for (size_t i = 0; i < replaced_namespaces.count; i++) namespace_free(replaced_namespaces.items[i]);
    free(replaced_networks.items);
    free(replaced_endpoints.items);
    free(replaced_namespaces.items);
    free(new_networks.items);
    free(new_endpoints.items);
    free(new_namespaces.items);
}

/* Forgets every network, endpoint and namespace. Handles the caller holds stay valid and answer "not found". */
void standin_reset_hcn(void) {
    ptrvec old_networks, old_endpoints, old_namespaces;
    pthread_mutex_lock(&hcn_lock);
    old_networks = networks;
    old_endpoints = endpoints;
    old_namespaces = namespaces;
    memset(&networks, 0, sizeof networks);
    memset(&endpoints, 0, sizeof endpoints);
    memset(&namespaces, 0, sizeof namespaces);
    pthread_mutex_unlock(&hcn_lock);
    for (size_t i = 0; i < old_networks.count; i++) network_free(old_networks.items[i]);
    for (size_t i = 0; i < old_endpoints.count; i++) endpoint_free(old_endpoints.items[i]);
    for (size_t i = 0; i < old_namespaces.count; i++) namespace_free(old_namespaces.items[i]);
    free(old_networks.items);
    free(old_endpoints.items);
    free(old_namespaces.items);
}
