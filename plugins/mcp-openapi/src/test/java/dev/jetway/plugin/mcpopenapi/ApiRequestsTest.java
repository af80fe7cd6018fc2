package dev.jetway.plugin.mcpopenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.junit.jupiter.api.Test;

/** How arguments become the request's URL and headers: each value encoded where it goes. */
class ApiRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = new HttpClient();
    private static final ApiOperation OPERATION = new ApiOperation("op", "GET", "/items/{id}/parts/{part}",
            Set.of("x-tenant"), null, JSON.createObjectNode());

    private static Request request(String arguments) throws Exception {
        return ApiRequests.build(CLIENT, "http://api.example:8080/v1", OPERATION, JSON.readTree(arguments), Duration.ofSeconds(5));
    }

    @Test
    void pathValuesAreEncodedAsOneSegmentEach() throws Exception {
        assertEquals("http://api.example:8080/v1/items/a%20b%2Fc/parts/7",
                request("{\"path\": {\"id\": \"a b/c\", \"part\": 7}}").getURI().toString());
        assertEquals("http://api.example:8080/v1/items/%C3%A9t%C3%A9/parts/true",
                request("{\"path\": {\"id\": \"été\", \"part\": true}}").getURI().toString());
    }

    @Test
    void queryValuesAreEncodedAndListsRepeatTheirKey() throws Exception {
        assertEquals("http://api.example:8080/v1/items/1/parts/2?tags=a%26b&tags=c&limit=10&flag",
                request("{\"path\": {\"id\": 1, \"part\": 2}, \"query\": {\"tags\": [\"a&b\", \"c\"], \"limit\": 10, \"flag\": null}}")
                        .getURI().toString());
    }

    @Test
    void onlyDeclaredHeadersAreSetAndNeverTheGatewaysOwn() throws Exception {
        Request request = request("{\"path\": {\"id\": 1, \"part\": 2}, \"header\": {\"X-Tenant\": \"t1\", \"x-other\": \"no\"}}");
        assertEquals("t1", request.getHeaders().get("X-Tenant"));
        assertEquals(null, request.getHeaders().get("x-other"));
        assertEquals("application/json", request.getHeaders().get("Accept"));
    }

    @Test
    void valuesThatCannotBeSentAreRefused() {
        assertEquals("path parameter \"part\" is required (under \"path\" in the arguments)", refused("{\"path\": {\"id\": 1}}"));
        assertEquals("path parameter \"id\" must not be empty or contain an empty, . or .. segment",
                refused("{\"path\": {\"id\": \"a/../b\", \"part\": 1}}"));
        assertEquals("path parameter id must be a string, number or boolean", refused("{\"path\": {\"id\": {}, \"part\": 1}}"));
        assertEquals("\"query\" must be an object of parameters by name", refused("{\"path\": {\"id\": 1, \"part\": 1}, \"query\": [1]}"));
    }

    private static String refused(String arguments) {
        JsonNode args;
        try {
            args = JSON.readTree(arguments);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return assertThrows(ApiRequests.InvalidArguments.class,
                () -> ApiRequests.build(CLIENT, "http://h", OPERATION, args, Duration.ofSeconds(5))).getMessage();
    }
}
