/*
 * libcomputenetwork.so: exactly the computenetwork.dll exports Wharf binds, forwarding into
 * libwharfstandin.so (hcn.c). Output buffers are freed with ole32!CoTaskMemFree.
 */
#include "hcn.h"

WHARF_EXPORT HRESULT HcnEnumerateNetworks(const uint16_t *query, uint16_t **networks, uint16_t **errorRecord) {
    return standin_HcnEnumerateNetworks(query, networks, errorRecord);
}

WHARF_EXPORT HRESULT HcnOpenNetwork(const standin_guid *id, void **network, uint16_t **errorRecord) {
    return standin_HcnOpenNetwork(id, network, errorRecord);
}

WHARF_EXPORT HRESULT HcnQueryNetworkProperties(void *network, const uint16_t *query, uint16_t **properties, uint16_t **errorRecord) {
    return standin_HcnQueryNetworkProperties(network, query, properties, errorRecord);
}

WHARF_EXPORT HRESULT HcnCreateNetwork(const standin_guid *id, const uint16_t *settings, void **network, uint16_t **errorRecord) {
    return standin_HcnCreateNetwork(id, settings, network, errorRecord);
}

WHARF_EXPORT HRESULT HcnDeleteNetwork(const standin_guid *id, uint16_t **errorRecord) {
    return standin_HcnDeleteNetwork(id, errorRecord);
}

WHARF_EXPORT HRESULT HcnCloseNetwork(void *network) {
    return standin_HcnCloseNetwork(network);
}

WHARF_EXPORT HRESULT HcnEnumerateEndpoints(const uint16_t *query, uint16_t **endpoints, uint16_t **errorRecord) {
    return standin_HcnEnumerateEndpoints(query, endpoints, errorRecord);
}

WHARF_EXPORT HRESULT HcnOpenEndpoint(const standin_guid *id, void **endpoint, uint16_t **errorRecord) {
    return standin_HcnOpenEndpoint(id, endpoint, errorRecord);
}

WHARF_EXPORT HRESULT HcnQueryEndpointProperties(void *endpoint, const uint16_t *query, uint16_t **properties, uint16_t **errorRecord) {
    return standin_HcnQueryEndpointProperties(endpoint, query, properties, errorRecord);
}

WHARF_EXPORT HRESULT HcnCloseEndpoint(void *endpoint) {
    return standin_HcnCloseEndpoint(endpoint);
}

WHARF_EXPORT HRESULT HcnOpenNamespace(const standin_guid *id, void **ns, uint16_t **errorRecord) {
    return standin_HcnOpenNamespace(id, ns, errorRecord);
}

WHARF_EXPORT HRESULT HcnQueryNamespaceProperties(void *ns, const uint16_t *query, uint16_t **properties, uint16_t **errorRecord) {
    return standin_HcnQueryNamespaceProperties(ns, query, properties, errorRecord);
}

WHARF_EXPORT HRESULT HcnCloseNamespace(void *ns) {
    return standin_HcnCloseNamespace(ns);
}
