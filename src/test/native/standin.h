/*
 * Stand-in for the Windows DLLs Wharf binds (computecore, computenetwork, kernel32!LocalFree,
 * ole32!CoTaskMemFree, advapi32's service control manager and registry reads), so the real JNA
 * binding runs on Linux. Never shipped: it lives in src/test and is built by build.sh into
 * target/native.
 *
 * Layout: libwharfstandin.so holds all state and logic plus a test-control API (WharfStandin*).
 * libcomputecore.so, libcomputenetwork.so, libkernel32.so, libole32.so and libadvapi32.so are thin
 * libraries that export exactly the Windows names Wharf binds and forward here, so a binding that
 * calls a name Windows does not have fails to link, as it would on Windows.
 *
 * Strings crossing the ABI are UTF-16LE (uint16_t*), never wchar_t (4 bytes on Linux).
 * Internally everything is UTF-8.
 */
#ifndef WHARF_STANDIN_H
#define WHARF_STANDIN_H

#include <stddef.h>
#include <stdint.h>
#include <pthread.h>

typedef int32_t HRESULT;
#define S_OK ((HRESULT)0)
#define E_NOTIMPL ((HRESULT)0x80004001)
#define E_INVALIDARG ((HRESULT)0x80070057)
#define E_HANDLE ((HRESULT)0x80070006)
#define E_OUTOFMEMORY ((HRESULT)0x8007000E)
#define HRESULT_ELEMENT_NOT_FOUND ((HRESULT)0x80070490)

#define WHARF_EXPORT __attribute__((visibility("default")))

/* ---- one lock for the whole model: simple, and the stand-in is not what we measure ---- */
extern pthread_mutex_t standin_lock;

/* ---- buffers handed to the caller (result documents, error records, enumerations) ----
 * Each is counted until the caller frees it with the right function. Freeing with the wrong
 * function (a computecore document through CoTaskMemFree), twice, or a pointer we never gave out
 * counts as a bad free and frees nothing. */
typedef enum { STANDIN_ALLOC_LOCAL = 1, STANDIN_ALLOC_COTASKMEM = 2 } standin_allocator;

/* A caller-owned UTF-16LE copy of a UTF-8 string (NULL for NULL). */
uint16_t *standin_give_utf16(standin_allocator allocator, const char *utf8);
/* Frees a buffer the caller hands back; returns 0 when it was ours and of that allocator. */
int standin_take_back(standin_allocator allocator, void *buffer);

/* ---- handles the caller holds (operations, systems, networks, endpoints, namespaces, SC handles) ---- */
void standin_handle_opened(void);
void standin_handle_closed(void);
/* A handle closed twice or never ours: counted, never freed twice. */
void standin_bad_close(void);

/* ---- pending work (asynchronous operations not finished, callbacks being delivered) ----
 * Call standin_work_begin() when work is scheduled (before its thread starts) and
 * standin_work_end() as the last thing it does; WharfStandinQuiesce waits for the count to drop to 0. */
void standin_work_begin(void);
void standin_work_end(void);

/* ---- UTF-16 <-> UTF-8 ---- */
/* A malloc'ed UTF-8 copy of a NUL-terminated UTF-16LE string, or NULL for NULL. Unpaired surrogates become U+FFFD. */
char *standin_utf8(const uint16_t *utf16);
/* A malloc'ed NUL-terminated UTF-16LE copy (internal use, not counted). */
uint16_t *standin_utf16(const char *utf8);

/* ---- a small JSON DOM, enough for documents, queries and the seed ---- */
typedef enum { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;
typedef struct json json;
struct json {
    json_type type;
    int boolean;
    double number;
    char *string;        /* JSON_STRING: UTF-8 */
    json **items;        /* JSON_ARRAY: values; JSON_OBJECT: values */
    char **keys;         /* JSON_OBJECT: keys, parallel to items */
    size_t count;
};
/* NULL when the text is not one well-formed JSON value (surrounding whitespace allowed). */
json *json_parse(const char *utf8);
void json_free(json *value);
/* Member of an object (exact key match; NULL if absent or not an object). */
json *json_get(const json *object, const char *key);
/* Same, ignoring ASCII case of the key. */
json *json_get_ci(const json *object, const char *key);
/* The string, or fallback when the value is NULL or not a string. */
const char *json_str(const json *value, const char *fallback);
/* Serialises a value to a malloc'ed UTF-8 string. */
char *json_write(const json *value);

/* A growable string for writing documents by hand. */
typedef struct { char *data; size_t length, capacity; } standin_buf;
void buf_init(standin_buf *b);
void buf_add(standin_buf *b, const char *text);
void buf_addf(standin_buf *b, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* Appends a JSON string literal (quotes and escapes included). */
void buf_add_json_string(standin_buf *b, const char *utf8);
/* Hands the text over (caller frees with free()). */
char *buf_take(standin_buf *b);

/* ---- GUIDs (HCN ids): 16 bytes, Data1..3 little-endian as in Windows ---- */
typedef struct { uint32_t data1; uint16_t data2; uint16_t data3; uint8_t data4[8]; } standin_guid;
void guid_format(const standin_guid *guid, char out[37]);        /* lower-case, dashed */
int guid_parse(const char *text, standin_guid *out);              /* 0 on success, any case, braces allowed */
void guid_random(standin_guid *out);
int guid_is_zero(const standin_guid *guid);

/* ---- test control: one-shot injected failures, keyed by export name ---- */
/* The next call of that export fails with hresult (async HCS calls: in the operation result). */
int standin_take_injected(const char *export_name, HRESULT *hresult);
/* The next HCN call of that export returns S_OK with this error record (UTF-8 JSON); NULL if none. */
char *standin_take_error_record(const char *export_name);

/* ---- seeding (WHARF_HCS_STANDIN_SEED at load, WharfStandinSeed at run time) ----
 * The seed is one JSON object: { "systems": [...], "networks": [...], "endpoints": [...],
 * "namespaces": [...], "services": [...], "registry": {...} }. Each part goes to its module. */
void standin_seed_hcs(const json *systems);
void standin_seed_hcn(const json *seed);      /* networks, endpoints, namespaces */
void standin_seed_scm(const json *seed);      /* services, registry */
void standin_reset_hcs(void);
void standin_reset_hcn(void);
void standin_reset_scm(void);

/* ---- the test-control API (exported from libwharfstandin.so only) ----
 * int32_t WharfStandinOpenHandles(void);      handles the caller opened and has not closed
 * int32_t WharfStandinUnfreedBuffers(void);   buffers given out and not freed
 * int32_t WharfStandinBadFrees(void);         wrong-allocator, double and foreign frees and closes
 * int32_t WharfStandinPendingWork(void);      asynchronous operations and callbacks still running
 * int32_t WharfStandinQuiesce(int32_t ms);    waits until no work is pending; 0 when reached
 * void    WharfStandinReset(void);            forgets every object, delay, injection; keeps counters
 * int32_t WharfStandinSeed(const char *json); applies a seed document (UTF-8); 0 on success
 * void    WharfStandinFailNext(const char *exportName, int32_t hresult);
 * void    WharfStandinErrorRecordNext(const char *exportName, const char *json);
 * void    WharfStandinSetDelay(int32_t operationType, int32_t ms);   HCS_OPERATION_TYPE values
 * void    WharfStandinLegacyErrors(int32_t on);      HCS state errors as 0xC037xxxx
 * int32_t WharfStandinExitSystem(const char *id, const char *exitType);  exits as if by itself
 * int32_t WharfStandinVanish(const char *id);        removes a system without any event
 * int32_t WharfStandinCallbacksRegistered(void);     system callbacks currently set
 * void    WharfStandinSetShutdownLag(int32_t ms);    guest shutdown lag (reset: 0, none). ms > 0: a
 *         successful HcsShutDownComputeSystem of a Running/Paused system completes S_OK and the system
 *         stops (GracefulExit, events fire) ms later from a stand-in thread unless it stopped otherwise
 *         first (pending work meanwhile); a repeat shutdown meanwhile also succeeds. ms < 0: the
 *         shutdown succeeds but the guest never stops by itself (only terminate, exit, vanish or reset)
 * void    WharfStandinListStoppedWhileHeld(int32_t on);  (reset: off) a system that exited (shutdown,
 *         terminate, WharfStandinExitSystem; not vanish/reset) stays in HcsEnumerateComputeSystems as
 *         "State":"Stopped","Stopped":true with its "ExitType" until its last handle closes;
 *         HcsOpenComputeSystem still answers not found
 * int32_t WharfStandinDisconnectService(void);      HcsEventServiceDisconnect (0x02000000, EventData
 *         NULL) once to every open system handle with a callback, from stand-in threads (pending
 *         work); returns how many deliveries were scheduled
 *
 * RuntimeId: a top-level "RuntimeId" string in the create configuration or a seed system sets it;
 * otherwise Container systems report 00000000-0000-0000-0000-000000000000 (process isolation) and
 * VirtualMachine systems a random GUID.
 */

#endif
