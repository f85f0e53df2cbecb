package dev.wharf.archfixture;

import com.sun.jna.Pointer;

/** Breaks a rule of ArchitectureTests on purpose: a feature class that uses Pointer directly. */
public class UsesJnaOutsideHcs {

    Pointer used;
}
