/**
 * The Host Compute Service adapter: the Windows host the console runs on, driven through
 * {@code computecore.dll} over JNA ({@code nativeapi}). Compute systems of every owner (Docker,
 * containerd, Kubernetes, utility VMs) appear as containers. JNA stays inside this package; everything
 * leaves it as the engine port's records and exceptions.
 */
@org.springframework.modulith.ApplicationModule(displayName = "HCS adapter")
package dev.wharf.hcs;
