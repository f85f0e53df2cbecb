package dev.wharf.archfixture;

import dev.wharf.docker.ArchFixtureDockerAdapter;

/** Breaks a rule of ArchitectureTests on purpose: a feature class that uses ArchFixtureDockerAdapter directly. */
public class ReachesIntoDockerAdapter {

    ArchFixtureDockerAdapter used;
}
