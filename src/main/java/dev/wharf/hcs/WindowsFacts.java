package dev.wharf.hcs;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.wharf.hcs.nativeapi.ServiceControl;
import dev.wharf.hcs.nativeapi.Utf16;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Facts about the Windows host read through advapi32: which services behind containers run, and which
 * Windows this is. Every handle is closed; a fact that cannot be read is reported as such, never guessed.
 */
final class WindowsFacts {

    /** The services a container host depends on, in the order a dashboard shows them. */
    static final List<String> SERVICES = List.of("vmcompute", "hns", "docker", "containerd");
    static final String NOT_INSTALLED = "not installed";
    private static final String CURRENT_VERSION = "SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";

    private final ServiceControl api;

    WindowsFacts(ServiceControl api) {
        this.api = api;
    }

    /** Each service's state: running, stopped, paused, starting, stopping, not installed, or why it could not be read. */
    Map<String, String> services() {
        Map<String, String> states = new LinkedHashMap<>();
        Pointer manager = api.OpenSCManagerW(null, null, ServiceControl.SC_MANAGER_CONNECT);
        if (manager == null) {
            String reason = "unknown (the service control manager refused: error " + Native.getLastError() + ")";
            SERVICES.forEach(name -> states.put(name, reason));
            return states;
        }
        try {
            for (String name : SERVICES) {
                states.put(name, state(manager, name));
            }
        } finally {
            api.CloseServiceHandle(manager);
        }
        return states;
    }

    private String state(Pointer manager, String name) {
        Pointer service = api.OpenServiceW(manager, Utf16.of(name), ServiceControl.SERVICE_QUERY_STATUS);
        if (service == null) {
            int error = Native.getLastError();
            return error == ServiceControl.ERROR_SERVICE_DOES_NOT_EXIST ? NOT_INSTALLED : "unknown (error " + error + ")";
        }
        try {
            Memory status = new Memory(ServiceControl.SERVICE_STATUS_BYTES);
            if (!api.QueryServiceStatus(service, status)) {
                return "unknown (error " + Native.getLastError() + ")";
            }
            return switch (status.getInt(ServiceControl.CURRENT_STATE_OFFSET)) {
                case 1 -> "stopped";
                case 2 -> "starting";
                case 3 -> "stopping";
                case 4 -> "running";
                case 5 -> "resuming";
                case 6 -> "pausing";
                case 7 -> "paused";
                default -> "unknown";
            };
        } finally {
            api.CloseServiceHandle(service);
        }
    }

    /** The product name, e.g. "Windows Server 2022 Datacenter", with its release ("21H2") when Windows says it; null if unreadable. */
    String product() {
        String name = windows11(text("ProductName"), text("CurrentBuildNumber"));
        String release = text("DisplayVersion");
        return name == null ? null : release == null ? name : name + " (" + release + ")";
    }

    /** Windows 11 kept "Windows 10" in ProductName; its builds start at 22000. */
    static String windows11(String name, String build) {
        if (name == null || !name.startsWith("Windows 10") || build == null) {
            return name;
        }
        try {
            return Integer.parseInt(build.strip()) >= 22000 ? "Windows 11" + name.substring("Windows 10".length()) : name;
        } catch (NumberFormatException e) {
            return name;
        }
    }

    /** The build as {@code winver} shows it, e.g. "20348.2227"; null if unreadable. */
    String build() {
        String build = text("CurrentBuildNumber");
        Integer revision = number("UBR");
        return build == null ? null : revision == null ? build : build + "." + revision;
    }

    private String text(String value) {
        Memory subKey = Utf16.of(CURRENT_VERSION);
        Memory valueName = Utf16.of(value);
        IntByReference bytes = new IntByReference();
        if (api.RegGetValueW(ServiceControl.HKEY_LOCAL_MACHINE, subKey, valueName, ServiceControl.RRF_RT_REG_SZ, null, null,
                bytes) != 0 || bytes.getValue() <= 0) {
            return null;
        }
        Memory data = new Memory(bytes.getValue() + 2L);
        data.clear();
        if (api.RegGetValueW(ServiceControl.HKEY_LOCAL_MACHINE, subKey, valueName, ServiceControl.RRF_RT_REG_SZ, null, data,
                bytes) != 0) {
            return null;
        }
        String text = new String(data.getByteArray(0, bytes.getValue()), StandardCharsets.UTF_16LE);
        int end = text.indexOf('\0');
        return end >= 0 ? text.substring(0, end) : text;
    }

    private Integer number(String value) {
        Memory data = new Memory(4);
        IntByReference bytes = new IntByReference(4);
        int error = api.RegGetValueW(ServiceControl.HKEY_LOCAL_MACHINE, Utf16.of(CURRENT_VERSION), Utf16.of(value),
                ServiceControl.RRF_RT_REG_DWORD, null, data, bytes);
        return error == 0 ? data.getInt(0) : null;
    }
}
