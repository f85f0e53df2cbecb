/**
 * Shared web plumbing: the problem types of the API, the error pages, the page layout and list
 * envelopes. Open, because every feature's controllers use it.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.wharf.web;
