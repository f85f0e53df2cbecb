/** Virtual switches on every host: Docker networks and HCN networks in one shape. */
@org.springframework.modulith.ApplicationModule(displayName = "Virtual switches")
package dev.wharf.switches;
