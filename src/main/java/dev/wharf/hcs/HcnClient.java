package dev.wharf.hcs;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.wharf.engine.EngineException;
import dev.wharf.engine.EngineTarget;
import dev.wharf.hcs.nativeapi.ComputeNetwork;
import dev.wharf.hcs.nativeapi.Guid;
import dev.wharf.hcs.nativeapi.HResult;
import dev.wharf.hcs.nativeapi.HcsLibraries;
import dev.wharf.hcs.nativeapi.Utf16;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * computenetwork calls for one host. Every output and error record is freed with CoTaskMemFree and
 * every handle closed, whatever happens; a call that answers S_OK with a non-empty error record has
 * failed (as hcsshim's checkForErrors says). Blocking: run it on the host's executor.
 */
final class HcnClient {

    private static final int E_FAIL = 0x80004005;
    /** The query hcsshim passes everywhere; HCN documents the query as optional only for some calls. */
    private static final String DEFAULT_QUERY = "{\"SchemaVersion\":{\"Major\":2,\"Minor\":0},\"Flags\":0}";

    private final HcsLibraries libraries;
    private final ComputeNetwork api;
    private final EngineTarget target;

    HcnClient(HcsLibraries libraries, EngineTarget target) {
        this.libraries = libraries;
        this.api = libraries.computeNetwork();
        this.target = target;
    }

    List<UUID> networkIds() {
        return ids(call("list networks", (out, error) -> api.HcnEnumerateNetworks(query(), out, error)));
    }

    List<UUID> endpointIds() {
        return ids(call("list endpoints", (out, error) -> api.HcnEnumerateEndpoints(query(), out, error)));
    }

    /** The network's HostComputeNetwork document. */
    JsonNode network(UUID id) {
        Memory guid = Guid.of(id);
        return read("network " + id, (out, error) -> api.HcnOpenNetwork(guid, out, error), api::HcnQueryNetworkProperties,
                api::HcnCloseNetwork);
    }

    JsonNode endpoint(UUID id) {
        Memory guid = Guid.of(id);
        return read("endpoint " + id, (out, error) -> api.HcnOpenEndpoint(guid, out, error), api::HcnQueryEndpointProperties,
                api::HcnCloseEndpoint);
    }

    JsonNode namespace(UUID id) {
        Memory guid = Guid.of(id);
        return read("namespace " + id, (out, error) -> api.HcnOpenNamespace(guid, out, error), api::HcnQueryNamespaceProperties,
                api::HcnCloseNamespace);
    }

    /** Creates a network (HCN picks the id) and answers its document as HCN now describes it. */
    JsonNode createNetwork(String name, String settings) {
        Memory zero = Guid.zero();
        Memory utf16Settings = Utf16.of(settings);
        return read("create network '" + name + "'", (out, error) -> api.HcnCreateNetwork(zero, utf16Settings, out, error),
                api::HcnQueryNetworkProperties, api::HcnCloseNetwork);
    }

    void deleteNetwork(UUID id) {
        Memory guid = Guid.of(id);
        PointerByReference error = new PointerByReference();
        check("delete network " + id, api.HcnDeleteNetwork(guid, error), take(error));
    }

    private static Memory query() {
        return Utf16.of(DEFAULT_QUERY);
    }

    private interface Call {
        int invoke(PointerByReference output, PointerByReference errorRecord);
    }

    /** {@code HcnQuery*Properties}. */
    private interface Query {
        int invoke(Pointer handle, Pointer query, PointerByReference properties, PointerByReference errorRecord);
    }

    /** {@code HcnClose*}. */
    private interface Close {
        int invoke(Pointer handle);
    }

    /** Opens (or creates) an object, reads its document, and closes it whatever happens. */
    private JsonNode read(String what, Call open, Query query, Close close) {
        Pointer handle = open(what, open, close);
        try {
            return HcsJson.read(call("read " + what, (out, error) -> query.invoke(handle, query(), out, error)));
        } finally {
            close.invoke(handle);
        }
    }

    /** A call with an output document: returns it after checking the HRESULT and the error record. */
    private String call(String what, Call call) {
        PointerByReference output = new PointerByReference();
        PointerByReference error = new PointerByReference();
        int hresult = call.invoke(output, error);
        String document;
        String record;
        try {
            document = take(output);
        } finally {
            record = take(error);
        }
        check(what, hresult, record);
        return document;
    }

    /** A call that opens a handle: returns it after checking; on failure nothing stays open. */
    private Pointer open(String what, Call call, Close close) {
        PointerByReference handle = new PointerByReference();
        PointerByReference error = new PointerByReference();
        int hresult = call.invoke(handle, error);
        String record = take(error);
        try {
            check(what, hresult, record);
        } catch (EngineException e) {
            if (handle.getValue() != null && !HResult.failed(hresult)) {
                close.invoke(handle.getValue());
            }
            throw e;
        }
        return handle.getValue();
    }

    /**
     * S_OK with an error record is a failure too; it is judged by the record's own code when it gives one
     * (so "in use" stays a 409), else reported as an HCN error.
     */
    private void check(String what, int hresult, String errorRecord) {
        boolean recordSaysFailure = errorRecord != null && !errorRecord.isBlank();
        if (!HResult.failed(hresult) && !recordSaysFailure) {
            return;
        }
        String detail = recordText(errorRecord);
        if (!HResult.failed(hresult)) {
            int code = recordCode(errorRecord);
            throw HcsFailure.network(target, what + " answered success together with an error record, so it",
                    HResult.failed(code) ? code : E_FAIL, detail);
        }
        throw HcsFailure.network(target, what, hresult, detail);
    }

    private String take(PointerByReference reference) {
        Pointer memory = reference.getValue();
        if (memory == null) {
            return null;
        }
        reference.setValue(null);
        try {
            return Utf16.read(memory);
        } finally {
            libraries.taskMemory().CoTaskMemFree(memory);
        }
    }

    private static List<UUID> ids(String array) {
        List<UUID> ids = new ArrayList<>();
        for (JsonNode id : HcsJson.read(array)) {
            ids.add(guid(id.asString()));
        }
        return ids;
    }

    /** HCN's GUID text in any letter case, with or without braces (its case is not documented). */
    static UUID guid(String text) {
        String bare = text.strip();
        if (bare.startsWith("{") && bare.endsWith("}")) {
            bare = bare.substring(1, bare.length() - 1);
        }
        return UUID.fromString(bare);
    }

    private static String recordText(String record) {
        if (record == null || record.isBlank()) {
            return null;
        }
        try {
            JsonNode json = HcsJson.read(record);
            String error = HcsJson.text(json, "Error");
            return error != null ? error : record.strip();
        } catch (IllegalStateException notJson) {
            return record.strip();
        }
    }

    private static int recordCode(String record) {
        try {
            // HCN may write the code signed or unsigned; either way the low 32 bits are the HRESULT
            return (int) HcsJson.read(record).path("ErrorCode").asLong(0);
        } catch (IllegalStateException notJson) {
            return 0;
        }
    }
}
