/*
 * libcomputecore.so: exactly the computecore.dll exports Wharf binds, forwarding into
 * libwharfstandin.so (hcs.c). Nothing else is exported (built with -fvisibility=hidden).
 */
#include "hcs.h"

WHARF_EXPORT void *HcsCreateOperation(const void *context, void (*completion)(void *op, void *context)) {
    return standin_HcsCreateOperation(context, completion);
}

WHARF_EXPORT void HcsCloseOperation(void *op) { standin_HcsCloseOperation(op); }

WHARF_EXPORT HRESULT HcsWaitForOperationResult(void *op, uint32_t timeoutMs, uint16_t **resultDocument) {
    return standin_HcsWaitForOperationResult(op, timeoutMs, resultDocument);
}

WHARF_EXPORT HRESULT HcsGetOperationResult(void *op, uint16_t **resultDocument) {
    return standin_HcsGetOperationResult(op, resultDocument);
}

WHARF_EXPORT HRESULT HcsEnumerateComputeSystems(const uint16_t *query, void *op) {
    return standin_HcsEnumerateComputeSystems(query, op);
}

WHARF_EXPORT HRESULT HcsCreateComputeSystem(const uint16_t *id, const uint16_t *configuration, void *op,
                                            const void *securityDescriptor, void **computeSystem) {
    return standin_HcsCreateComputeSystem(id, configuration, op, securityDescriptor, computeSystem);
}

WHARF_EXPORT HRESULT HcsOpenComputeSystem(const uint16_t *id, uint32_t requestedAccess, void **computeSystem) {
    return standin_HcsOpenComputeSystem(id, requestedAccess, computeSystem);
}

WHARF_EXPORT HRESULT HcsGetComputeSystemProperties(void *system, void *op, const uint16_t *propertyQuery) {
    return standin_HcsGetComputeSystemProperties(system, op, propertyQuery);
}

WHARF_EXPORT HRESULT HcsStartComputeSystem(void *system, void *op, const uint16_t *options) {
    return standin_HcsStartComputeSystem(system, op, options);
}

WHARF_EXPORT HRESULT HcsShutDownComputeSystem(void *system, void *op, const uint16_t *options) {
    return standin_HcsShutDownComputeSystem(system, op, options);
}

WHARF_EXPORT HRESULT HcsTerminateComputeSystem(void *system, void *op, const uint16_t *options) {
    return standin_HcsTerminateComputeSystem(system, op, options);
}

WHARF_EXPORT HRESULT HcsPauseComputeSystem(void *system, void *op, const uint16_t *options) {
    return standin_HcsPauseComputeSystem(system, op, options);
}

WHARF_EXPORT HRESULT HcsResumeComputeSystem(void *system, void *op, const uint16_t *options) {
    return standin_HcsResumeComputeSystem(system, op, options);
}

WHARF_EXPORT HRESULT HcsSetComputeSystemCallback(void *system, uint32_t options, const void *context,
                                                 void (*callback)(void *hcsEvent, void *context)) {
    return standin_HcsSetComputeSystemCallback(system, options, context, callback);
}

WHARF_EXPORT void HcsCloseComputeSystem(void *system) { standin_HcsCloseComputeSystem(system); }

WHARF_EXPORT HRESULT HcsWaitForComputeSystemExit(void *system, uint32_t timeoutMs, uint16_t **result) {
    return standin_HcsWaitForComputeSystemExit(system, timeoutMs, result);
}

WHARF_EXPORT HRESULT HcsGetServiceProperties(const uint16_t *propertyQuery, uint16_t **result) {
    return standin_HcsGetServiceProperties(propertyQuery, result);
}
