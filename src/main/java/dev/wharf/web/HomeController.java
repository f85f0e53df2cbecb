package dev.wharf.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's start page; the console issue turns it into the dashboard. */
@Controller
class HomeController {

    @GetMapping("/")
    String home() {
        return "home";
    }
}
