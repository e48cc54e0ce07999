package io.cadenza.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cadenza.api.testing.ExternalServices;
import io.cadenza.api.testing.TestRedis;
import io.cadenza.chain.testing.TestServices;
import io.cadenza.chain.testing.TestServicesExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every way a request can fail answers application/problem+json with a stable type, and never leaks internals. */
@ExtendWith(TestServicesExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemResponsesTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();
    private TestRedis redis;
    private EmbeddedServer server;

    @BeforeAll
    void start(TestServices services) {
        redis = new TestRedis();
        Map<String, Object> properties = ExternalServices.properties(services, redis.uri());
        properties.put("cadenza.test.problem-routes", "true");
        properties.put("cadenza.roles", "api");
        server = ApplicationContext.run(EmbeddedServer.class, properties);
    }

    @AfterAll
    void stop() {
        server.close();
        redis.close();
    }

    @Test
    void invalidFieldsAreListedOneByOne() throws Exception {
        HttpResponse<String> response = post("/test-problems/sign-up", "{\"email\":\"not-an-email\",\"passwordLength\":3}");
        JsonNode problem = problem(response, 400, "validation");
        assertThat(problem.path("errors").findValuesAsText("field")).as(response.body()).containsExactlyInAnyOrder("email", "passwordLength");
    }

    @Test
    void anUnreadableBodyIsAMalformedRequest() throws Exception {
        problem(post("/test-problems/sign-up", "{\"email\":"), 400, "malformed-request");
    }

    @Test
    void aDomainProblemKeepsItsTypeStatusAndDetail() throws Exception {
        JsonNode problem = problem(get("/test-problems/conflict"), 409, "conflict");
        assertThat(problem.path("detail").asText()).isEqualTo("master 7 is already registered");
        assertThat(problem.path("instance").asText()).isEqualTo("/test-problems/conflict");
    }

    @Test
    void anUnexpectedFailureSaysNothingOfItsCause() throws Exception {
        HttpResponse<String> response = get("/test-problems/crash");
        JsonNode problem = problem(response, 500, "internal");
        assertThat(problem.has("detail")).isFalse();
        assertThat(response.body()).doesNotContain("hunter2").doesNotContain("jdbc").doesNotContain("Exception");
    }

    @Test
    void anUnknownRouteAndAWrongMethodAndAWrongContentTypeAreProblemsToo() throws Exception {
        problem(get("/v1/nothing-here"), 404, "not-found");
        problem(get("/test-problems/sign-up"), 405, "method-not-allowed");
        HttpResponse<String> asText = http.send(HttpRequest.newBuilder(uri("/test-problems/sign-up"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        problem(asText, 415, "unsupported-media-type");
    }

    private JsonNode problem(HttpResponse<String> response, int status, String type) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                contentType -> assertThat(contentType).startsWith(Problem.MEDIA_TYPE));
        JsonNode problem = mapper.readTree(response.body());
        assertThat(problem.path("type").asText()).isEqualTo(ProblemType.BASE_URI + type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        return problem;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return server.getURI().resolve(path);
    }
}
