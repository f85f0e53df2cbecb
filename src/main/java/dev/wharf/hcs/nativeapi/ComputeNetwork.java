package dev.wharf.hcs.nativeapi;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * {@code computenetwork.dll}, the Host Network Service's documented API, binding only what Wharf
 * calls. Ids are GUIDs passed by pointer ({@link Guid}); strings are {@link Utf16}; every output and
 * error record is freed with {@code ole32!CoTaskMemFree} ({@link TaskMemory}). Every call is
 * synchronous, and one that answers S_OK with a non-empty error record has failed.
 */
public interface ComputeNetwork extends Library {

    int HcnEnumerateNetworks(Pointer query, PointerByReference networks, PointerByReference errorRecord);

    int HcnOpenNetwork(Pointer id, PointerByReference network, PointerByReference errorRecord);

    int HcnQueryNetworkProperties(Pointer network, Pointer query, PointerByReference properties, PointerByReference errorRecord);

    int HcnCreateNetwork(Pointer id, Pointer settings, PointerByReference network, PointerByReference errorRecord);

    int HcnDeleteNetwork(Pointer id, PointerByReference errorRecord);

    int HcnCloseNetwork(Pointer network);

    int HcnEnumerateEndpoints(Pointer query, PointerByReference endpoints, PointerByReference errorRecord);

    int HcnOpenEndpoint(Pointer id, PointerByReference endpoint, PointerByReference errorRecord);

    int HcnQueryEndpointProperties(Pointer endpoint, Pointer query, PointerByReference properties, PointerByReference errorRecord);

    int HcnCloseEndpoint(Pointer endpoint);

    /** Namespaces tie an endpoint to the compute system that uses it. */
    int HcnOpenNamespace(Pointer id, PointerByReference namespace, PointerByReference errorRecord);

    int HcnQueryNamespaceProperties(Pointer namespace, Pointer query, PointerByReference properties, PointerByReference errorRecord);

    int HcnCloseNamespace(Pointer namespace);
}
