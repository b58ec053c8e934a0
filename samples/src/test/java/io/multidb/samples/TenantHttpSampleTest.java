package io.multidb.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tenant service of {@link TenantHttpSample}, over real HTTP: its filter and handler on the
 * JDK's server, its tenants read from the Fernet-encrypted catalog.
 */
class TenantHttpSampleTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TenantHttpSample.Service service;

    @BeforeEach
    void start() {
        service = TenantHttpSample.Service.start();
        service.addTenant("acme", "acme-secret");
        service.addTenant("globex", "globex-secret");
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void eachTenantSeesOnlyItsOwnOrders() throws Exception {
        assertThat(send("POST", "/orders?item=anvil", "acme").statusCode()).isEqualTo(201);
        assertThat(send("POST", "/orders?item=rocket", "acme").statusCode()).isEqualTo(201);
        HttpResponse<String> added = send("POST", "/orders?item=widget%20%26%20co", "globex");
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.body()).isEqualTo("Order 'widget & co' added for tenant_globex");

        HttpResponse<String> acme = send("GET", "/orders", "acme");
        assertThat(acme.statusCode()).isEqualTo(200);
        assertThat(acme.body()).isEqualTo("[anvil, rocket]");
        assertThat(acme.headers().firstValue("X-Multidb-Label")).hasValue("tenant_acme");
        HttpResponse<String> globex = send("GET", "/orders", "globex");
        assertThat(globex.statusCode()).isEqualTo(200);
        assertThat(globex.body()).isEqualTo("[widget & co]");
        assertThat(globex.headers().firstValue("X-Multidb-Label")).hasValue("tenant_globex");
    }

    @Test
    void anUnknownTenantGets404WithTheUnknownLabelMessage() throws Exception {
        HttpResponse<String> response = send("GET", "/orders", "umbrella");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).startsWith("No database is configured with label 'tenant_umbrella'.");
        assertThat(send("POST", "/orders?item=x", "umbrella").statusCode()).isEqualTo(404);
    }

    @Test
    void aRequestWithoutTheHeaderGets400AndReachesNoDatabase() throws Exception {
        send("POST", "/orders?item=anvil", "acme");

        for (String header : new String[] {null, "  "}) {
            HttpResponse<String> response = send("GET", "/orders", header);
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).startsWith("No X-Tenant header. MultiDb.session() opens a session on the"
                    + " label in scope, but no label is in scope").endsWith("There is no default label.")
                    .doesNotContain("anvil");
            assertThat(response.headers().firstValue("X-Multidb-Label")).isEmpty();
        }
        assertThat(send("POST", "/orders?item=stray", null).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/orders", "acme").body()).isEqualTo("[anvil]");
    }

    @Test
    void aTenantAddedWhileRunningIsServedOnItsNextRequest() throws Exception {
        send("POST", "/orders?item=anvil", "acme");

        service.addTenant("initech", "initech-secret");

        assertThat(send("GET", "/orders", "initech").body()).isEqualTo("[]");
        assertThat(send("POST", "/orders?item=stapler", "initech").statusCode()).isEqualTo(201);
        assertThat(send("GET", "/orders", "initech").body()).isEqualTo("[stapler]");
        assertThat(send("GET", "/orders", "acme").body()).isEqualTo("[anvil]");
    }

    @Test
    void aTenantAskedForBeforeItsRowExistedIsServedOnceTheCatalogIsReloaded() throws Exception {
        service.reload(); // the baseline: acme and globex
        assertThat(send("GET", "/orders", "umbrella").statusCode()).isEqualTo(404);

        service.addTenant("umbrella", "umbrella-secret");
        assertThat(send("GET", "/orders", "umbrella").statusCode())
                .as("the miss is remembered until the catalog is re-read").isEqualTo(404);

        assertThat(service.reload().changed()).containsExactly("tenant_umbrella");
        HttpResponse<String> response = send("GET", "/orders", "umbrella");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("[]");
    }

    @Test
    void otherMethodsAndAMissingItemAreRefused() throws Exception {
        assertThat(send("DELETE", "/orders", "acme").statusCode()).isEqualTo(405);
        HttpResponse<String> noItem = send("POST", "/orders", "acme");
        assertThat(noItem.statusCode()).isEqualTo(400);
        assertThat(noItem.body()).isEqualTo("The query parameter item is required");
        assertThat(send("GET", "/orders", "acme").body()).isEqualTo("[]");
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String tenant)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (tenant != null) {
            request.header(TenantHttpSample.TENANT_HEADER, tenant);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
