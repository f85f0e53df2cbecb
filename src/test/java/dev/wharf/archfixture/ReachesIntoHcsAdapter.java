package dev.wharf.archfixture;

import dev.wharf.hcs.ArchFixtureHcsAdapter;

/** Breaks a rule of ArchitectureTests on purpose: a feature class that uses ArchFixtureHcsAdapter directly. */
public class ReachesIntoHcsAdapter {

    ArchFixtureHcsAdapter used;
}
