package dev.wharf.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;

/** Test-only: stands for the docker adapter in ArchitectureTests; may use docker-java and Jackson 2. */
public class ArchFixtureDockerAdapter {

    DockerClient client;
    ObjectMapper jackson2;
}
