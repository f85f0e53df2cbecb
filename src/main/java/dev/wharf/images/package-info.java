/** Images on every host: list, inspect, history, pull with live progress, tag, remove, prune, import. */
@org.springframework.modulith.ApplicationModule(displayName = "Images")
package dev.wharf.images;
