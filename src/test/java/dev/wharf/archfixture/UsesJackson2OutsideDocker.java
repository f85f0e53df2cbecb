package dev.wharf.archfixture;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Breaks a rule of ArchitectureTests on purpose: a feature class that uses ObjectMapper directly. */
public class UsesJackson2OutsideDocker {

    ObjectMapper used;
}
