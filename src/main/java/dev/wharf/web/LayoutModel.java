package dev.wharf.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the page layout shows on every page: who is signed in. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

    @ModelAttribute("signedInAs")
    String signedInAs(Authentication authentication) {
        return authentication == null || authentication instanceof AnonymousAuthenticationToken
                ? null
                : authentication.getName();
    }
}
