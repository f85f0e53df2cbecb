/**
 * The host registry: which container hosts the console manages, how to reach each (endpoint and TLS
 * material, the private key sealed with AES-GCM under a key the database never sees), and the pages
 * and API to register, edit and remove them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Hosts")
package dev.wharf.hosts;
