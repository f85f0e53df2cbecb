package dev.wharf.access;

import dev.wharf.web.Public;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security handles the form's POST. */
@Controller
class LoginController {

    @Public
    @GetMapping("/login")
    String login() {
        return "access/login";
    }
}
