package dev.wharf.archfixture;

import com.github.dockerjava.api.DockerClient;

/** Breaks a rule of ArchitectureTests on purpose: a feature class that uses DockerClient directly. */
public class UsesDockerJavaOutsideDocker {

    DockerClient used;
}
