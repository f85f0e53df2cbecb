package dev.wharf.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's start page; the console issue turns it into the dashboard. */
@Controller
class HomeController {

    @SignedIn("the dashboard shows only what the caller may see")
    @GetMapping("/")
    String home() {
        return "home";
    }
}
