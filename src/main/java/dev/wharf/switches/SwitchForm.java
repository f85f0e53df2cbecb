package dev.wharf.switches;

import java.util.List;
import java.util.Map;

/**
 * The create form as typed: one optional subnet with its optional gateway, and internal ticked by default,
 * so a switch made in a hurry reaches nothing outside its host (an unticked box sends nothing: false).
 */
record SwitchForm(String name, String type, String subnet, String gateway, Boolean internal, String adapter) {

    static SwitchForm empty() {
        return new SwitchForm("", "", "", "", true, "");
    }

    public boolean isInternal() {
        return Boolean.TRUE.equals(internal);
    }

    /** The API's create body for this form: the same validation and the same create follow. */
    SwitchApiController.CreateSwitch request() {
        List<SwitchApiController.Subnet> subnets = blank(subnet) && blank(gateway) ? null
                : List.of(new SwitchApiController.Subnet(strip(subnet), strip(gateway)));
        return new SwitchApiController.CreateSwitch(strip(name), strip(type), subnets, isInternal(), strip(adapter), Map.of());
    }

    /** Which form field a property of the API's body is typed into. */
    static String field(String property) {
        if (property.startsWith("subnets")) {
            return property.endsWith("gateway") ? "gateway" : "subnet";
        }
        return property;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String strip(String value) {
        return blank(value) ? null : value.strip();
    }
}
