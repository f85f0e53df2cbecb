package dev.wharf.engine;

/** What a host's kind can do beyond the lifecycle every engine has. */
public enum Capability {
    CONTAINER_CREATE,
    CONTAINER_RENAME,
    CONTAINER_REMOVE,
    CONTAINER_RESTART,
    LOGS,
    IMAGES,
    SWITCHES,
    VOLUMES,
    /**
     * A stopped container is reported {@code exited} once and then leaves the list, as HCS forgets a
     * compute system once it stops; Docker keeps stopped containers listed.
     */
    STOPPED_CONTAINERS_VANISH
}
