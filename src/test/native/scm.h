/*
 * advapi32 service control manager and RegGetValueW model inside libwharfstandin.so.
 * libadvapi32.so forwards each Windows export to the standin_ function of the same signature.
 * On failure the SCM functions set errno to the Win32 error code (JNA reads errno as the last
 * error on Linux); RegGetValueW returns its Win32 code and leaves errno alone.
 */
#ifndef WHARF_STANDIN_SCM_H
#define WHARF_STANDIN_SCM_H

#include "standin.h"

typedef struct {
    uint32_t dwServiceType;
    uint32_t dwCurrentState;
    uint32_t dwControlsAccepted;
    uint32_t dwWin32ExitCode;
    uint32_t dwServiceSpecificExitCode;
    uint32_t dwCheckPoint;
    uint32_t dwWaitHint;
} SERVICE_STATUS;

#define STANDIN_HKEY_LOCAL_MACHINE ((void *)(intptr_t)(int32_t)0x80000002)

WHARF_EXPORT void *standin_OpenSCManagerW(const uint16_t *machineName, const uint16_t *databaseName, uint32_t desiredAccess);
WHARF_EXPORT void *standin_OpenServiceW(void *scManager, const uint16_t *serviceName, uint32_t desiredAccess);
WHARF_EXPORT int32_t standin_QueryServiceStatus(void *service, SERVICE_STATUS *status);
WHARF_EXPORT int32_t standin_CloseServiceHandle(void *handle);
WHARF_EXPORT int32_t standin_RegGetValueW(void *hkey, const uint16_t *subKey, const uint16_t *valueName, uint32_t flags,
                                          uint32_t *type, void *data, uint32_t *dataBytes);

#endif
