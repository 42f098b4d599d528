package org.civicflow.api;

import org.springframework.web.client.RestClient;

/** HTTP clients for the API tests: as the demo API client, or with no credentials at all. */
public final class ApiClients {

    public static final String DEMO_CLIENT = "demo-client";
    public static final String DEMO_PASSWORD = "demo";
    public static final String DEMO_API_KEY = "demo-api-key";
    public static final String DEMO_OPEN311_KEY = "demo-open311-key";

    private ApiClients() {
    }

    public static RestClient demoClient(int port) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(DEMO_CLIENT, DEMO_PASSWORD)).build();
    }

    public static RestClient anonymous(int port) {
        return RestClient.create("http://localhost:" + port);
    }
}
