/*
 * computecore.dll (HCS v2) model inside libwharfstandin.so. libcomputecore.so forwards each
 * Windows export Hcs* to the standin_Hcs* function of the same signature declared here, and
 * libkernel32.so forwards LocalFree to standin_LocalFree. Result documents are counted LOCAL
 * buffers (freed through kernel32!LocalFree).
 */
#ifndef WHARF_STANDIN_HCS_H
#define WHARF_STANDIN_HCS_H

#include "standin.h"

#define HCS_E_INVALID_STATE ((HRESULT)0x80370105)
#define HCS_E_INVALID_JSON ((HRESULT)0x8037010D)
#define HCS_E_SYSTEM_NOT_FOUND ((HRESULT)0x8037010E)
#define HCS_E_SYSTEM_ALREADY_EXISTS ((HRESULT)0x8037010F)
#define HCS_E_SYSTEM_ALREADY_STOPPED ((HRESULT)0x80370110)
#define HCS_E_OPERATION_NOT_STARTED ((HRESULT)0x80370115)
#define HCS_E_OPERATION_ALREADY_STARTED ((HRESULT)0x80370116)
#define HCS_E_OPERATION_PENDING ((HRESULT)0x80370117)
#define HCS_E_OPERATION_TIMEOUT ((HRESULT)0x80370118)
#define HCS_E_OPERATION_SYSTEM_CALLBACK_ALREADY_SET ((HRESULT)0x80370119)

/* HCS_OPERATION_TYPE values used for delays */
enum {
    HCS_OP_ENUMERATE = 0,
    HCS_OP_CREATE = 1,
    HCS_OP_START = 2,
    HCS_OP_SHUTDOWN = 3,
    HCS_OP_PAUSE = 4,
    HCS_OP_RESUME = 5,
    HCS_OP_TERMINATE = 7,
    HCS_OP_GET_PROPERTIES = 9,
};

typedef void (*standin_hcs_completion)(void *operation, void *context);
typedef void (*standin_hcs_event_callback)(void *hcsEvent, void *context);

WHARF_EXPORT void *standin_HcsCreateOperation(const void *context, standin_hcs_completion completion);
WHARF_EXPORT void standin_HcsCloseOperation(void *operation);
WHARF_EXPORT HRESULT standin_HcsWaitForOperationResult(void *operation, uint32_t timeoutMs, uint16_t **resultDocument);
WHARF_EXPORT HRESULT standin_HcsGetOperationResult(void *operation, uint16_t **resultDocument);
WHARF_EXPORT HRESULT standin_HcsEnumerateComputeSystems(const uint16_t *query, void *operation);
WHARF_EXPORT HRESULT standin_HcsCreateComputeSystem(const uint16_t *id, const uint16_t *configuration, void *operation,
                                                    const void *securityDescriptor, void **computeSystem);
WHARF_EXPORT HRESULT standin_HcsOpenComputeSystem(const uint16_t *id, uint32_t requestedAccess, void **computeSystem);
WHARF_EXPORT HRESULT standin_HcsGetComputeSystemProperties(void *computeSystem, void *operation, const uint16_t *propertyQuery);
WHARF_EXPORT HRESULT standin_HcsStartComputeSystem(void *computeSystem, void *operation, const uint16_t *options);
WHARF_EXPORT HRESULT standin_HcsShutDownComputeSystem(void *computeSystem, void *operation, const uint16_t *options);
WHARF_EXPORT HRESULT standin_HcsTerminateComputeSystem(void *computeSystem, void *operation, const uint16_t *options);
WHARF_EXPORT HRESULT standin_HcsPauseComputeSystem(void *computeSystem, void *operation, const uint16_t *options);
WHARF_EXPORT HRESULT standin_HcsResumeComputeSystem(void *computeSystem, void *operation, const uint16_t *options);
WHARF_EXPORT HRESULT standin_HcsSetComputeSystemCallback(void *computeSystem, uint32_t callbackOptions, const void *context,
                                                         standin_hcs_event_callback callback);
WHARF_EXPORT void standin_HcsCloseComputeSystem(void *computeSystem);
/* Synchronous: S_OK with a SystemExitStatus document once the system is Stopped,
 * HCS_E_OPERATION_TIMEOUT after timeoutMs (0xFFFFFFFF: no limit), E_HANDLE when the handle is (or
 * gets) closed, E_INVALIDARG for NULL. */
WHARF_EXPORT HRESULT standin_HcsWaitForComputeSystemExit(void *computeSystem, uint32_t timeoutMs, uint16_t **result);
WHARF_EXPORT HRESULT standin_HcsGetServiceProperties(const uint16_t *propertyQuery, uint16_t **result);

/* kernel32!LocalFree: NULL when freed (or mem was NULL), mem itself for a bad free. */
WHARF_EXPORT void *standin_LocalFree(void *mem);

/* ---- used by core.c's control API ---- */
void standin_hcs_set_delay(int32_t operation_type, int32_t ms);
void standin_hcs_set_legacy_errors(int32_t on);
/* 0 when a live system with that id stopped (exit events fire), -1 when unknown. */
int32_t standin_hcs_exit_system(const char *id, const char *exit_type);
/* 0 when a live system with that id was removed without any event, -1 when unknown. */
int32_t standin_hcs_vanish(const char *id);
int32_t standin_hcs_callbacks_registered(void);
/* ms > 0: a shutdown succeeds and the guest exits ms later; < 0: never by itself; 0: at once. */
void standin_hcs_set_shutdown_lag(int32_t ms);
/* Stopped systems stay in enumerations while a handle to them is open. */
void standin_hcs_list_stopped_while_held(int32_t on);
/* HcsEventServiceDisconnect to every open handle with a callback; returns how many were scheduled. */
int32_t standin_hcs_disconnect_service(void);

#endif
