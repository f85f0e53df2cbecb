/*
 * Core of libwharfstandin.so: the model lock, counted caller buffers, handle counters,
 * UTF-8 <-> UTF-16, a small JSON DOM, GUIDs, one-shot injections, seeding and the
 * WharfStandin* test-control API.
 *
 * Locking: standin_lock (recursive) guards the module models. Core's own state (the buffer
 * registry, injections, pending work) has private mutexes that are always taken last, so every
 * function here may be called with or without standin_lock held. Core takes standin_lock only
 * in WharfStandinReset / WharfStandinSeed.
 */
#define _GNU_SOURCE
/* The internal API is visible from libwharfstandin.so (the thin libraries link against it);
 * everything else in this file stays hidden under -fvisibility=hidden. */
#pragma GCC visibility push(default)
#include "standin.h"
#pragma GCC visibility pop
#include "hcs.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

pthread_mutex_t standin_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

static void *xmalloc(size_t n) {
    void *p = malloc(n ? n : 1);
    if (!p) {
        fputs("[wharf-standin] out of memory\n", stderr);
        abort();
    }
    return p;
}

static void *xrealloc(void *old, size_t n) {
    void *p = realloc(old, n ? n : 1);
    if (!p) {
        fputs("[wharf-standin] out of memory\n", stderr);
        abort();
    }
    return p;
}

static char *xstrdup(const char *s) {
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

/* ================================================================ counters */

static int32_t open_handles;   /* atomic */
static int32_t bad_frees;      /* atomic */

void standin_handle_opened(void) { __atomic_add_fetch(&open_handles, 1, __ATOMIC_SEQ_CST); }
void standin_handle_closed(void) { __atomic_sub_fetch(&open_handles, 1, __ATOMIC_SEQ_CST); }
void standin_bad_close(void) { __atomic_add_fetch(&bad_frees, 1, __ATOMIC_SEQ_CST); }

/* ================================================================ counted caller buffers */

#define BUFFER_BUCKETS 4096

typedef struct live_buffer {
    void *pointer;
    standin_allocator allocator;
    struct live_buffer *next;
} live_buffer;

static pthread_mutex_t buffer_mutex = PTHREAD_MUTEX_INITIALIZER;
static live_buffer *buffer_buckets[BUFFER_BUCKETS];
static int32_t live_buffers;

static size_t buffer_bucket(const void *p) {
    uintptr_t v = (uintptr_t)p;
    v ^= v >> 17;
    v *= (uintptr_t)0x9E3779B97F4A7C15ull;
    return (size_t)(v >> 20) % BUFFER_BUCKETS;
}

uint16_t *standin_give_utf16(standin_allocator allocator, const char *utf8) {
    if (!utf8) return NULL;
    uint16_t *text = standin_utf16(utf8);
    live_buffer *node = xmalloc(sizeof *node);
    node->pointer = text;
    node->allocator = allocator;
    pthread_mutex_lock(&buffer_mutex);
    size_t b = buffer_bucket(text);
    node->next = buffer_buckets[b];
    buffer_buckets[b] = node;
    live_buffers++;
    pthread_mutex_unlock(&buffer_mutex);
    return text;
}

int standin_take_back(standin_allocator allocator, void *buffer) {
    if (!buffer) return 0;
    live_buffer *found = NULL;
    pthread_mutex_lock(&buffer_mutex);
    live_buffer **link = &buffer_buckets[buffer_bucket(buffer)];
    while (*link) {
        if ((*link)->pointer == buffer) {
            if ((*link)->allocator == allocator) {
                found = *link;
                *link = found->next;
                live_buffers--;
            }
            break;
        }
        link = &(*link)->next;
    }
    pthread_mutex_unlock(&buffer_mutex);
    if (!found) {
        standin_bad_close();
        return -1;
    }
    free(found->pointer);
    free(found);
    return 0;
}

/* ================================================================ pending work */

static pthread_mutex_t work_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_cond;
static pthread_once_t work_once = PTHREAD_ONCE_INIT;
static int32_t pending_work;

static void work_init(void) {
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&work_cond, &attr);
    pthread_condattr_destroy(&attr);
}

void standin_work_begin(void) {
    pthread_once(&work_once, work_init);
    pthread_mutex_lock(&work_mutex);
    pending_work++;
    pthread_mutex_unlock(&work_mutex);
}

void standin_work_end(void) {
    pthread_once(&work_once, work_init);
    pthread_mutex_lock(&work_mutex);
    if (pending_work > 0) pending_work--;
    if (pending_work == 0) pthread_cond_broadcast(&work_cond);
    pthread_mutex_unlock(&work_mutex);
}

/* ================================================================ UTF-16 <-> UTF-8 */

static size_t utf8_put(char *out, uint32_t cp) {
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

char *standin_utf8(const uint16_t *utf16) {
    if (!utf16) return NULL;
    size_t units = 0;
    while (utf16[units]) units++;
    char *out = xmalloc(units * 3 + 1);
    size_t o = 0;
    for (size_t i = 0; i < units; i++) {
        uint32_t u = utf16[i];
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units && utf16[i + 1] >= 0xDC00 && utf16[i + 1] <= 0xDFFF) {
            u = 0x10000 + ((u - 0xD800) << 10) + (utf16[i + 1] - 0xDC00u);
            i++;
        } else if (u >= 0xD800 && u <= 0xDFFF) {
            u = 0xFFFD;
        }
        o += utf8_put(out + o, u);
    }
    out[o] = 0;
    return out;
}

/* Decodes one UTF-8 sequence at s; invalid input yields U+FFFD and consumes one byte. */
static uint32_t utf8_next(const unsigned char **s) {
    const unsigned char *p = *s;
    uint32_t c = p[0];
    int need;
    uint32_t min;
    if (c < 0x80) {
        *s = p + 1;
        return c;
    } else if ((c & 0xE0) == 0xC0) {
        need = 1;
        c &= 0x1F;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        need = 2;
        c &= 0x0F;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        need = 3;
        c &= 0x07;
        min = 0x10000;
    } else {
        *s = p + 1;
        return 0xFFFD;
    }
    for (int i = 1; i <= need; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *s = p + 1;
            return 0xFFFD;
        }
        c = (c << 6) | (p[i] & 0x3F);
    }
    *s = p + need + 1;
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0xFFFD;
    return c;
}

uint16_t *standin_utf16(const char *utf8) {
    if (!utf8) return NULL;
    size_t len = strlen(utf8);
    uint16_t *out = xmalloc((len + 1) * sizeof *out);
    size_t o = 0;
    const unsigned char *p = (const unsigned char *)utf8;
    while (*p) {
        uint32_t cp = utf8_next(&p);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out[o++] = (uint16_t)(0xD800 + (cp >> 10));
            out[o++] = (uint16_t)(0xDC00 + (cp & 0x3FF));
        } else {
            out[o++] = (uint16_t)cp;
        }
    }
    out[o] = 0;
    return out;
}

/* ================================================================ standin_buf */

void buf_init(standin_buf *b) {
    b->data = NULL;
    b->length = 0;
    b->capacity = 0;
}

static void buf_reserve(standin_buf *b, size_t extra) {
    if (b->length + extra + 1 <= b->capacity) return;
    size_t capacity = b->capacity ? b->capacity : 64;
    while (capacity < b->length + extra + 1) capacity *= 2;
    b->data = xrealloc(b->data, capacity);
    b->capacity = capacity;
    b->data[b->length] = 0; /* an empty buffer is an empty string, never garbage */
}

static void buf_add_n(standin_buf *b, const char *text, size_t n) {
    buf_reserve(b, n);
    memcpy(b->data + b->length, text, n);
    b->length += n;
    b->data[b->length] = 0;
}

void buf_add(standin_buf *b, const char *text) {
    if (text) buf_add_n(b, text, strlen(text));
}

void buf_addf(standin_buf *b, const char *format, ...) {
    va_list ap;
    va_start(ap, format);
    char small[256];
    int n = vsnprintf(small, sizeof small, format, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n < sizeof small) {
        buf_add_n(b, small, (size_t)n);
        return;
    }
    buf_reserve(b, (size_t)n);
    va_start(ap, format);
    vsnprintf(b->data + b->length, (size_t)n + 1, format, ap);
    va_end(ap);
    b->length += (size_t)n;
}

void buf_add_json_string(standin_buf *b, const char *utf8) {
    buf_add_n(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)(utf8 ? utf8 : ""); *p; p++) {
        switch (*p) {
        case '"': buf_add_n(b, "\\\"", 2); break;
        case '\\': buf_add_n(b, "\\\\", 2); break;
        case '\n': buf_add_n(b, "\\n", 2); break;
        case '\r': buf_add_n(b, "\\r", 2); break;
        case '\t': buf_add_n(b, "\\t", 2); break;
        case '\b': buf_add_n(b, "\\b", 2); break;
        case '\f': buf_add_n(b, "\\f", 2); break;
        default:
            if (*p < 0x20) buf_addf(b, "\\u%04x", *p);
            else buf_add_n(b, (const char *)p, 1);
        }
    }
    buf_add_n(b, "\"", 1);
}

char *buf_take(standin_buf *b) {
    char *text = b->data ? b->data : xstrdup("");
    buf_init(b);
    return text;
}

/* ================================================================ JSON */

static locale_t c_locale_value;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void c_locale_init(void) { c_locale_value = newlocale(LC_ALL_MASK, "C", (locale_t)0); }

/* Numbers in JSON always use '.', whatever locale the JVM set. */
static locale_t c_locale(void) {
    pthread_once(&c_locale_once, c_locale_init);
    return c_locale_value;
}

typedef struct {
    const char *p;
    int depth;
} json_parser;

#define JSON_MAX_DEPTH 256

static json *json_new(json_type type) {
    json *v = calloc(1, sizeof *v);
    if (!v) abort();
    v->type = type;
    return v;
}

static void skip_ws(json_parser *ps) {
    while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r') ps->p++;
}

static json *parse_value(json_parser *ps);

static int hex4(const char *p, uint32_t *out) {
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f') v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= (uint32_t)(c - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

/* Parses a string literal at ps->p (which points at the quote); malloc'ed UTF-8 or NULL. */
static char *parse_string_text(json_parser *ps) {
    if (*ps->p != '"') return NULL;
    ps->p++;
    standin_buf b;
    buf_init(&b);
    buf_reserve(&b, 16);
    for (;;) {
        unsigned char c = (unsigned char)*ps->p;
        if (c == 0 || c < 0x20) goto fail;
        if (c == '"') {
            ps->p++;
            return buf_take(&b);
        }
        if (c != '\\') {
            buf_add_n(&b, ps->p, 1);
            ps->p++;
            continue;
        }
        ps->p++;
        char e = *ps->p++;
        switch (e) {
        case '"': buf_add_n(&b, "\"", 1); break;
        case '\\': buf_add_n(&b, "\\", 1); break;
        case '/': buf_add_n(&b, "/", 1); break;
        case 'b': buf_add_n(&b, "\b", 1); break;
        case 'f': buf_add_n(&b, "\f", 1); break;
        case 'n': buf_add_n(&b, "\n", 1); break;
        case 'r': buf_add_n(&b, "\r", 1); break;
        case 't': buf_add_n(&b, "\t", 1); break;
        case 'u': {
            uint32_t u;
            if (hex4(ps->p, &u) != 0) goto fail;
            ps->p += 4;
            if (u >= 0xD800 && u <= 0xDBFF) {
                uint32_t low;
                if (ps->p[0] == '\\' && ps->p[1] == 'u' && hex4(ps->p + 2, &low) == 0 && low >= 0xDC00 && low <= 0xDFFF) {
                    ps->p += 6;
                    u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                } else {
                    u = 0xFFFD;
                }
            } else if (u >= 0xDC00 && u <= 0xDFFF) {
                u = 0xFFFD;
            }
            char tmp[4];
            buf_add_n(&b, tmp, utf8_put(tmp, u));
            break;
        }
        default: goto fail;
        }
    }
fail:
    free(b.data);
    return NULL;
}

static json *parse_number(json_parser *ps) {
    const char *start = ps->p;
    const char *p = ps->p;
    if (*p == '-') p++;
    if (*p == '0') p++;
    else if (*p >= '1' && *p <= '9') while (*p >= '0' && *p <= '9') p++;
    else return NULL;
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9')) return NULL;
        while (*p >= '0' && *p <= '9') p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') p++;
        if (!(*p >= '0' && *p <= '9')) return NULL;
        while (*p >= '0' && *p <= '9') p++;
    }
    size_t n = (size_t)(p - start);
    char small[64];
    char *text = n < sizeof small ? small : xmalloc(n + 1);
    memcpy(text, start, n);
    text[n] = 0;
    json *v = json_new(JSON_NUMBER);
    locale_t loc = c_locale();
    v->number = loc ? strtod_l(text, NULL, loc) : strtod(text, NULL);
    if (text != small) free(text);
    ps->p = p;
    return v;
}

static int literal(json_parser *ps, const char *word) {
    size_t n = strlen(word);
    if (strncmp(ps->p, word, n) != 0) return 0;
    ps->p += n;
    return 1;
}

static void json_push(json *container, char *key, json *value) {
    container->items = xrealloc(container->items, (container->count + 1) * sizeof *container->items);
    if (container->type == JSON_OBJECT) {
        container->keys = xrealloc(container->keys, (container->count + 1) * sizeof *container->keys);
        container->keys[container->count] = key;
    }
    container->items[container->count++] = value;
}

static json *parse_value(json_parser *ps) {
    skip_ws(ps);
    char c = *ps->p;
    if (c == '{' || c == '[') {
        if (++ps->depth > JSON_MAX_DEPTH) return NULL;
        int is_object = c == '{';
        json *v = json_new(is_object ? JSON_OBJECT : JSON_ARRAY);
        ps->p++;
        skip_ws(ps);
        if (*ps->p == (is_object ? '}' : ']')) {
            ps->p++;
            ps->depth--;
            return v;
        }
        for (;;) {
            char *key = NULL;
            if (is_object) {
                skip_ws(ps);
                key = parse_string_text(ps);
                if (!key) goto fail;
                skip_ws(ps);
                if (*ps->p != ':') {
                    free(key);
                    goto fail;
                }
                ps->p++;
            }
            json *item = parse_value(ps);
            if (!item) {
                free(key);
                goto fail;
            }
            json_push(v, key, item);
            skip_ws(ps);
            if (*ps->p == ',') {
                ps->p++;
                continue;
            }
            if (*ps->p == (is_object ? '}' : ']')) {
                ps->p++;
                ps->depth--;
                return v;
            }
            goto fail;
        }
    fail:
        json_free(v);
        return NULL;
    }
    if (c == '"') {
        char *s = parse_string_text(ps);
        if (!s) return NULL;
        json *v = json_new(JSON_STRING);
        v->string = s;
        return v;
    }
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number(ps);
    if (literal(ps, "true")) {
        json *v = json_new(JSON_BOOL);
        v->boolean = 1;
        return v;
    }
    if (literal(ps, "false")) return json_new(JSON_BOOL);
    if (literal(ps, "null")) return json_new(JSON_NULL);
    return NULL;
}

json *json_parse(const char *utf8) {
    if (!utf8) return NULL;
    json_parser ps = {utf8, 0};
    json *v = parse_value(&ps);
    if (!v) return NULL;
    skip_ws(&ps);
    if (*ps.p != 0) {
        json_free(v);
        return NULL;
    }
    return v;
}

void json_free(json *value) {
    if (!value) return;
    for (size_t i = 0; i < value->count; i++) {
        json_free(value->items[i]);
        if (value->keys) free(value->keys[i]);
    }
    free(value->items);
    free(value->keys);
    free(value->string);
    free(value);
}

json *json_get(const json *object, const char *key) {
    if (!object || object->type != JSON_OBJECT || !key) return NULL;
    for (size_t i = 0; i < object->count; i++)
        if (strcmp(object->keys[i], key) == 0) return object->items[i];
    return NULL;
}

json *json_get_ci(const json *object, const char *key) {
    if (!object || object->type != JSON_OBJECT || !key) return NULL;
    for (size_t i = 0; i < object->count; i++)
        if (strcasecmp(object->keys[i], key) == 0) return object->items[i];
    return NULL;
}

const char *json_str(const json *value, const char *fallback) {
    if (!value || value->type != JSON_STRING || !value->string) return fallback;
    return value->string;
}

static void write_value(standin_buf *b, const json *v) {
    if (!v) {
        buf_add(b, "null");
        return;
    }
    switch (v->type) {
    case JSON_NULL: buf_add(b, "null"); break;
    case JSON_BOOL: buf_add(b, v->boolean ? "true" : "false"); break;
    case JSON_NUMBER: {
        double d = v->number;
        if (d != d || d == 1.0 / 0.0 || d == -1.0 / 0.0) {
            buf_add(b, "null");
        } else if (d == (double)(long long)d && d > -9007199254740992.0 && d < 9007199254740992.0) {
            buf_addf(b, "%lld", (long long)d);
        } else {
            char tmp[64];
            locale_t loc = c_locale();
            locale_t old = loc ? uselocale(loc) : (locale_t)0;
            snprintf(tmp, sizeof tmp, "%.17g", d);
            if (loc) uselocale(old);
            buf_add(b, tmp);
        }
        break;
    }
    case JSON_STRING: buf_add_json_string(b, v->string); break;
    case JSON_ARRAY:
    case JSON_OBJECT: {
        int is_object = v->type == JSON_OBJECT;
        buf_add(b, is_object ? "{" : "[");
        for (size_t i = 0; i < v->count; i++) {
            if (i) buf_add(b, ",");
            if (is_object) {
                buf_add_json_string(b, v->keys[i]);
                buf_add(b, ":");
            }
            write_value(b, v->items[i]);
        }
        buf_add(b, is_object ? "}" : "]");
        break;
    }
    }
}

char *json_write(const json *value) {
    standin_buf b;
    buf_init(&b);
    write_value(&b, value);
    return buf_take(&b);
}

/* ================================================================ GUIDs */

void guid_format(const standin_guid *g, char out[37]) {
    snprintf(out, 37, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x", g->data1, g->data2, g->data3, g->data4[0],
             g->data4[1], g->data4[2], g->data4[3], g->data4[4], g->data4[5], g->data4[6], g->data4[7]);
}

static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

int guid_parse(const char *text, standin_guid *out) {
    if (!text || !out) return -1;
    size_t n = strlen(text);
    int braces = 0;
    if (n == 38 && text[0] == '{' && text[37] == '}') {
        braces = 1;
        text++;
        n = 36;
    }
    if (n != 36 || (braces == 0 && strlen(text) != 36)) return -1;
    uint8_t bytes[16];
    int k = 0;
    for (int i = 0; i < 36;) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (text[i] != '-') return -1;
            i++;
            continue;
        }
        int hi = hex_digit(text[i]), lo = hex_digit(text[i + 1]);
        if (hi < 0 || lo < 0) return -1;
        bytes[k++] = (uint8_t)(hi << 4 | lo);
        i += 2;
    }
    out->data1 = (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 | bytes[3];
    out->data2 = (uint16_t)(bytes[4] << 8 | bytes[5]);
    out->data3 = (uint16_t)(bytes[6] << 8 | bytes[7]);
    memcpy(out->data4, bytes + 8, 8);
    return 0;
}

void guid_random(standin_guid *out) {
    uint8_t bytes[16];
    size_t got = 0;
    while (got < sizeof bytes) {
        ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
        if (n <= 0) {
            if (n < 0 && errno == EINTR) continue;
            /* fallback: time and address entropy, good enough for a test stand-in */
            struct timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            uint64_t x = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^ (uintptr_t)&ts;
            for (size_t i = got; i < sizeof bytes; i++) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                bytes[i] = (uint8_t)x;
            }
            break;
        }
        got += (size_t)n;
    }
    memcpy(out, bytes, 16);
    out->data3 = (uint16_t)((out->data3 & 0x0FFF) | 0x4000);
    out->data4[0] = (uint8_t)((out->data4[0] & 0x3F) | 0x80);
}

int guid_is_zero(const standin_guid *g) {
    static const standin_guid zero;
    return !g || memcmp(g, &zero, sizeof zero) == 0;
}

/* ================================================================ injections */

typedef struct injection {
    char *name;
    HRESULT hresult;
    char *record;
    struct injection *next;
} injection;

static pthread_mutex_t injection_mutex = PTHREAD_MUTEX_INITIALIZER;
static injection *failures, *records;   /* FIFO lists */

static void injection_append(injection **list, injection *item) {
    pthread_mutex_lock(&injection_mutex);
    while (*list) list = &(*list)->next;
    *list = item;
    pthread_mutex_unlock(&injection_mutex);
}

static injection *injection_take(injection **list, const char *name) {
    if (!name) return NULL;
    injection *found = NULL;
    pthread_mutex_lock(&injection_mutex);
    for (; *list; list = &(*list)->next) {
        if (strcmp((*list)->name, name) == 0) {
            found = *list;
            *list = found->next;
            break;
        }
    }
    pthread_mutex_unlock(&injection_mutex);
    return found;
}

static void injection_clear(injection **list) {
    pthread_mutex_lock(&injection_mutex);
    injection *item = *list;
    *list = NULL;
    pthread_mutex_unlock(&injection_mutex);
    while (item) {
        injection *next = item->next;
        free(item->name);
        free(item->record);
        free(item);
        item = next;
    }
}

/* Returns 1 and sets *hresult when an injected failure for that export was pending, else 0. */
int standin_take_injected(const char *export_name, HRESULT *hresult) {
    injection *found = injection_take(&failures, export_name);
    if (!found) return 0;
    if (hresult) *hresult = found->hresult;
    free(found->name);
    free(found);
    return 1;
}

/* A malloc'ed UTF-8 record (the caller frees it with free()), or NULL when none is pending. */
char *standin_take_error_record(const char *export_name) {
    injection *found = injection_take(&records, export_name);
    if (!found) return NULL;
    char *record = found->record;
    free(found->name);
    free(found);
    return record;
}

/* ================================================================ seeding */

static int apply_seed(const json *seed) {
    if (!seed || seed->type != JSON_OBJECT) return -1;
    pthread_mutex_lock(&standin_lock);
    standin_seed_hcs(json_get(seed, "systems"));
    pthread_mutex_unlock(&standin_lock);
    /* hcn and scm guard themselves with their own locks and may call core functions */
    standin_seed_hcn(seed);
    standin_seed_scm(seed);
    return 0;
}

__attribute__((constructor)) static void standin_load_seed(void) {
    const char *path = getenv("WHARF_HCS_STANDIN_SEED");
    if (!path || !*path) return;
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "[wharf-standin] WHARF_HCS_STANDIN_SEED: cannot read %s (%s); nothing seeded\n", path,
                strerror(errno));
        return;
    }
    standin_buf b;
    buf_init(&b);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) buf_add_n(&b, chunk, n);
    int read_error = ferror(f);
    fclose(f);
    char *text = buf_take(&b);
    json *seed = read_error ? NULL : json_parse(text);
    free(text);
    if (!seed || seed->type != JSON_OBJECT) {
        fprintf(stderr, "[wharf-standin] WHARF_HCS_STANDIN_SEED: %s is not a JSON object; nothing seeded\n", path);
        json_free(seed);
        return;
    }
    apply_seed(seed);
    json_free(seed);
}

/* ================================================================ test-control API */

WHARF_EXPORT int32_t WharfStandinOpenHandles(void) { return __atomic_load_n(&open_handles, __ATOMIC_SEQ_CST); }

WHARF_EXPORT int32_t WharfStandinUnfreedBuffers(void) {
    pthread_mutex_lock(&buffer_mutex);
    int32_t n = live_buffers;
    pthread_mutex_unlock(&buffer_mutex);
    return n;
}

WHARF_EXPORT int32_t WharfStandinBadFrees(void) { return __atomic_load_n(&bad_frees, __ATOMIC_SEQ_CST); }

WHARF_EXPORT int32_t WharfStandinPendingWork(void) {
    pthread_once(&work_once, work_init);
    pthread_mutex_lock(&work_mutex);
    int32_t n = pending_work;
    pthread_mutex_unlock(&work_mutex);
    return n;
}

/* Waits until no work is pending: 0 when reached, -1 after ms milliseconds (ms < 0: no limit). */
WHARF_EXPORT int32_t WharfStandinQuiesce(int32_t ms) {
    pthread_once(&work_once, work_init);
    struct timespec deadline;
    clock_gettime(CLOCK_MONOTONIC, &deadline);
    if (ms > 0) {
        deadline.tv_sec += ms / 1000;
        deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
        if (deadline.tv_nsec >= 1000000000L) {
            deadline.tv_sec++;
            deadline.tv_nsec -= 1000000000L;
        }
    }
    pthread_mutex_lock(&work_mutex);
    while (pending_work > 0) {
        if (ms < 0) {
            pthread_cond_wait(&work_cond, &work_mutex);
        } else if (pthread_cond_timedwait(&work_cond, &work_mutex, &deadline) == ETIMEDOUT) {
            break;
        }
    }
    int32_t result = pending_work == 0 ? 0 : -1;
    pthread_mutex_unlock(&work_mutex);
    return result;
}

WHARF_EXPORT void WharfStandinReset(void) {
    pthread_mutex_lock(&standin_lock);
    standin_reset_hcs();
    pthread_mutex_unlock(&standin_lock);
    standin_reset_hcn();
    standin_reset_scm();
    injection_clear(&failures);
    injection_clear(&records);
}

WHARF_EXPORT int32_t WharfStandinSeed(const char *text) {
    json *seed = text ? json_parse(text) : NULL;
    int result = apply_seed(seed);
    json_free(seed);
    return result;
}

WHARF_EXPORT void WharfStandinFailNext(const char *exportName, int32_t hresult) {
    if (!exportName) return;
    injection *item = calloc(1, sizeof *item);
    if (!item) return;
    item->name = xstrdup(exportName);
    item->hresult = hresult;
    injection_append(&failures, item);
}

WHARF_EXPORT void WharfStandinErrorRecordNext(const char *exportName, const char *record) {
    if (!exportName || !record) return;
    injection *item = calloc(1, sizeof *item);
    if (!item) return;
    item->name = xstrdup(exportName);
    item->record = xstrdup(record);
    injection_append(&records, item);
}

WHARF_EXPORT void WharfStandinSetDelay(int32_t operationType, int32_t ms) { standin_hcs_set_delay(operationType, ms); }

WHARF_EXPORT void WharfStandinLegacyErrors(int32_t on) { standin_hcs_set_legacy_errors(on); }

WHARF_EXPORT int32_t WharfStandinExitSystem(const char *id, const char *exitType) {
    return standin_hcs_exit_system(id, exitType);
}

WHARF_EXPORT int32_t WharfStandinVanish(const char *id) { return standin_hcs_vanish(id); }

WHARF_EXPORT int32_t WharfStandinCallbacksRegistered(void) { return standin_hcs_callbacks_registered(); }

WHARF_EXPORT void WharfStandinSetShutdownLag(int32_t ms) { standin_hcs_set_shutdown_lag(ms); }

WHARF_EXPORT void WharfStandinListStoppedWhileHeld(int32_t on) { standin_hcs_list_stopped_while_held(on); }

WHARF_EXPORT int32_t WharfStandinDisconnectService(void) { return standin_hcs_disconnect_service(); }
