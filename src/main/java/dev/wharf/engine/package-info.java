/**
 * The engine port: one {@link dev.wharf.engine.ContainerEngine} per registered host, opened by the
 * {@link dev.wharf.engine.EngineDriver} of the host's kind. Features reach Docker and HCS only through
 * these types; the adapters ({@code docker}, {@code hcs}) are never imported directly.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Engine port")
package dev.wharf.engine;
