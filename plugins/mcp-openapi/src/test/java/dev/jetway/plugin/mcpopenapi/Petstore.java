package dev.jetway.plugin.mcpopenapi;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetway.core.testing.Upstream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A few operations of the Swagger Petstore (under {@code /api/v3}, as its document's server says) on a real Jetty
 * server: getPetById, findPetsByStatus, addPet and deletePet, over an in-memory store. It records every request.
 */
final class Petstore extends Handler.Abstract implements AutoCloseable {

    /** One request as the API received it. */
    record Received(String method, String pathQuery, String apiKey, String contentType, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PET = Pattern.compile("/api/v3/pet/(\\d+)");

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<Long, ObjectNode> pets = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(100);
    private Upstream upstream;

    static Petstore open() throws Exception {
        Petstore petstore = new Petstore();
        petstore.add(1, "Rex", "available");
        petstore.add(2, "Tom", "sold");
        petstore.add(3, "Nemo", "available");
        petstore.upstream = Upstream.start(petstore);
        return petstore;
    }

    String address() {
        return upstream.address();
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    private void add(long id, String name, String status) {
        ObjectNode pet = JSON.createObjectNode().put("id", id).put("name", name).put("status", status);
        pet.putArray("photoUrls").add("https://example.com/" + name + ".jpg");
        pets.put(id, pet);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String query = request.getHttpURI().getQuery();
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        received.add(new Received(request.getMethod(), path + (query == null ? "" : "?" + query),
                request.getHeaders().get("api_key"), request.getHeaders().get(HttpHeader.CONTENT_TYPE), body));
        Matcher pet = PET.matcher(path);
        switch (request.getMethod() + " " + (pet.matches() ? "/api/v3/pet/{petId}" : path)) {
            case "GET /api/v3/pet/{petId}" -> {
                ObjectNode found = pets.get(Long.parseLong(pet.group(1)));
                if (found == null) {
                    send(response, callback, 404, "text/plain", "Pet not found");
                } else {
                    send(response, callback, 200, "application/json", found.toString());
                }
            }
            case "GET /api/v3/pet/findByStatus" -> {
                String status = Request.extractQueryParameters(request).getValue("status");
                ArrayNode found = JSON.createArrayNode();
                pets.values().stream().filter(p -> p.path("status").asText().equals(status))
                        .sorted((a, b) -> Long.compare(a.get("id").asLong(), b.get("id").asLong())).forEach(found::add);
                send(response, callback, 200, "application/json", found.toString());
            }
            case "POST /api/v3/pet" -> {
                JsonNode given = JSON.readTree(body);
                if (!(given instanceof ObjectNode object) || !object.path("name").isTextual()) {
                    send(response, callback, 400, "application/json", "{\"code\":400,\"message\":\"Invalid input\"}");
                    return true;
                }
                object.put("id", ids.incrementAndGet());
                pets.put(object.get("id").asLong(), object);
                send(response, callback, 200, "application/json", object.toString());
            }
            case "DELETE /api/v3/pet/{petId}" -> {
                boolean removed = pets.remove(Long.parseLong(pet.group(1))) != null;
                send(response, callback, removed ? 200 : 404, "text/plain", removed ? "" : "Pet not found");
            }
            default -> send(response, callback, 404, "text/plain", "no such operation in this test");
        }
        return true;
    }

    private static void send(Response response, Callback callback, int status, String type, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        Content.Sink.write(response, true, body, callback);
    }

    @Override
    public void close() throws Exception {
        upstream.close();
    }
}
