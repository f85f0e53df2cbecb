/** Volumes on Docker hosts. */
@org.springframework.modulith.ApplicationModule(displayName = "Volumes")
package dev.wharf.volumes;
