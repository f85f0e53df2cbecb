package dev.wharf.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Engine API calls docker-java lacks or gets wrong (image history, prune reports, import with a tar
 * content type), on the host's own transport and pinned version. Errors become docker-java's
 * exceptions so {@link DockerErrors} maps them like every other call.
 */
final class DockerRaw {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerHttpClient http;
    private final String versionPrefix;

    DockerRaw(DockerHttpClient http, String apiVersion) {
        this.http = http;
        this.versionPrefix = "/v" + apiVersion;
    }

    JsonNode get(String path) {
        return send(DockerHttpClient.Request.Method.GET, path, null, null);
    }

    JsonNode delete(String path) {
        return send(DockerHttpClient.Request.Method.DELETE, path, null, null);
    }

    JsonNode post(String path) {
        return send(DockerHttpClient.Request.Method.POST, path, null, null);
    }

    /** Posts a tar and returns the last JSON object of the engine's streamed answer. */
    JsonNode postTar(String path, InputStream tar) {
        return send(DockerHttpClient.Request.Method.POST, path, "application/x-tar", tar);
    }

    private JsonNode send(DockerHttpClient.Request.Method method, String path, String contentType, InputStream body) {
        DockerHttpClient.Request.Builder request = DockerHttpClient.Request.builder().method(method).path(versionPrefix + path);
        if (body != null) {
            request.putHeader("Content-Type", contentType).body(body);
        }
        try (DockerHttpClient.Response response = http.execute(request.build())) {
            String text = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = response.getStatusCode();
            if (status >= 400) {
                throw switch (status) {
                    case 400 -> new BadRequestException(text);
                    case 404 -> new NotFoundException(text);
                    case 409 -> new ConflictException(text);
                    default -> new DockerException(text, status);
                };
            }
            return lastJson(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streamed answers are one JSON object per line; the last one carries the result or the error. */
    private static JsonNode lastJson(String text) throws IOException {
        String[] lines = text.strip().split("\n");
        JsonNode last = JSON.readTree(lines.length == 0 || lines[lines.length - 1].isBlank() ? "{}" : lines[lines.length - 1]);
        if (last.hasNonNull("error")) {
            throw new BadRequestException(last.get("error").asText());
        }
        return last;
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
