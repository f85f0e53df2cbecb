/*
 * libadvapi32.so: exactly the advapi32 exports Wharf binds (service control manager status reads
 * and RegGetValueW), forwarding into libwharfstandin.so (scm.c). The SCM functions report their
 * Win32 error through errno, which JNA reads as the last error on Linux.
 */
#include "scm.h"

WHARF_EXPORT void *OpenSCManagerW(const uint16_t *machineName, const uint16_t *databaseName, uint32_t desiredAccess) {
    return standin_OpenSCManagerW(machineName, databaseName, desiredAccess);
}

WHARF_EXPORT void *OpenServiceW(void *scManager, const uint16_t *serviceName, uint32_t desiredAccess) {
    return standin_OpenServiceW(scManager, serviceName, desiredAccess);
}

WHARF_EXPORT int32_t QueryServiceStatus(void *service, SERVICE_STATUS *status) {
    return standin_QueryServiceStatus(service, status);
}

WHARF_EXPORT int32_t CloseServiceHandle(void *handle) {
    return standin_CloseServiceHandle(handle);
}

WHARF_EXPORT int32_t RegGetValueW(void *hkey, const uint16_t *subKey, const uint16_t *valueName, uint32_t flags,
                                  uint32_t *type, void *data, uint32_t *dataBytes) {
    return standin_RegGetValueW(hkey, subKey, valueName, flags, type, data, dataBytes);
}
