/*
 * computenetwork.dll (HCN) model inside libwharfstandin.so. libcomputenetwork.so forwards each
 * Windows export Hcn* to the standin_Hcn* function of the same signature declared here.
 * Output buffers are counted COTASKMEM buffers (freed through ole32!CoTaskMemFree).
 */
#ifndef WHARF_STANDIN_HCN_H
#define WHARF_STANDIN_HCN_H

#include "standin.h"

#define E_POINTER ((HRESULT)0x80004003)
#define HCN_E_NETWORK_NOT_FOUND ((HRESULT)0x803B0001)
#define HCN_E_ENDPOINT_NOT_FOUND ((HRESULT)0x803B0002)
#define HCN_E_INVALID_NETWORK_TYPE ((HRESULT)0x803B000B)
#define HCN_E_NETWORK_ALREADY_EXISTS ((HRESULT)0x803B0010)
#define HCN_E_INVALID_JSON ((HRESULT)0x803B001B)
#define HCN_E_INVALID_IP ((HRESULT)0x803B001E)
#define HCN_E_ENTITY_HAS_REFERENCES ((HRESULT)0x803B002C)

WHARF_EXPORT HRESULT standin_HcnEnumerateNetworks(const uint16_t *query, uint16_t **networks, uint16_t **errorRecord);
WHARF_EXPORT HRESULT standin_HcnOpenNetwork(const standin_guid *id, void **network, uint16_t **errorRecord);
WHARF_EXPORT HRESULT standin_HcnQueryNetworkProperties(void *network, const uint16_t *query, uint16_t **properties, uint16_t **errorRecord);
WHARF_EXPORT HRESULT standin_HcnCreateNetwork(const standin_guid *id, const uint16_t *settings, void **network, uint16_t **errorRecord);
WHARF_EXPORT HRESULT standin_HcnDeleteNetwork(const standin_guid *id, uint16_t **errorRecord);
WHARF_EXPORT HRESULT standin_HcnCloseNetwork(void *network);
WHARF_EXPORT HRESULT standin_HcnEnumerateEndpoints(const uint16_t *query, uint16_t **endpoints, uint16_t **errorRecord);
WHARF_EXPORT HRESULT standin_HcnOpenEndpoint(const standin_guid *id, void **endpoint, uint16_t **errorRecord);
WHARF_EXPORT HRESULT standin_HcnQueryEndpointProperties(void *endpoint, const uint16_t *query, uint16_t **properties, uint16_t **errorRecord);
WHARF_EXPORT HRESULT standin_HcnCloseEndpoint(void *endpoint);
WHARF_EXPORT HRESULT standin_HcnOpenNamespace(const standin_guid *id, void **ns, uint16_t **errorRecord);
WHARF_EXPORT HRESULT standin_HcnQueryNamespaceProperties(void *ns, const uint16_t *query, uint16_t **properties, uint16_t **errorRecord);
WHARF_EXPORT HRESULT standin_HcnCloseNamespace(void *ns);

#endif
