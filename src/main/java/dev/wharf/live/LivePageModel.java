package dev.wharf.live;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Every page records the newest event id it was rendered after, so its {@code /live} stream starts from
 * there: nothing that happens between rendering and connecting is missed.
 */
@ControllerAdvice(annotations = Controller.class)
class LivePageModel {

    private final LiveEvents events;

    LivePageModel(LiveEvents events) {
        this.events = events;
    }

    @ModelAttribute("liveAfter")
    long liveAfter() {
        return events.newestId();
    }
}
