/**
 * The Docker Engine API adapter (docker-java with the httpclient5 transport): unix sockets, named
 * pipes and TCP with mutual TLS. docker-java and its Jackson 2 stay inside this package; everything
 * leaves it as the engine port's records and exceptions.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Docker adapter")
package dev.wharf.docker;
