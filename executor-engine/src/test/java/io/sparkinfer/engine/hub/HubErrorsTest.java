package io.sparkinfer.engine.hub;

import static io.sparkinfer.engine.hub.HubTestSupport.MOE;
import static io.sparkinfer.engine.hub.HubTestSupport.MOE_REPO;
import static io.sparkinfer.engine.hub.HubTestSupport.assertSameFiles;
import static io.sparkinfer.engine.hub.HubTestSupport.count;
import static io.sparkinfer.engine.hub.HubTestSupport.online;
import static io.sparkinfer.engine.hub.HubTestSupport.resolver;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when a hub model cannot be resolved. */
class HubErrorsTest {

    private static final String TOKEN = "hf_test_secret_token";

    @TempDir
    Path cache;

    private LocalHubServer server;

    @BeforeEach
    void start() throws Exception {
        server = LocalHubServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertContains(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "expected '" + part + "' in: " + message);
        }
    }

    @Test
    void gatedRepoWithoutTokenAsksForHfToken() throws Exception {
        server.addRepo(MOE_REPO, MOE);
        server.requireToken(TOKEN);

        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> resolver(online(cache, server)).resolve(MOE_REPO));

        assertContains(e.getMessage(), "gated or private repo: set HF_TOKEN", "HTTP 401",
                server.endpoint() + "/api/models/" + MOE_REPO + "/revision/main", "Access to this model is restricted");
        assertFalse(Files.exists(cache.resolve("models--test-org--tiny-moe")));
    }

    @Test
    void wrongTokenSaysTheTokenHasNoAccessAndNeverPrintsIt() throws Exception {
        server.addRepo(MOE_REPO, MOE);
        server.requireToken(TOKEN);

        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> resolver(new HubSettings(cache, server.endpoint(), "hf_wrong", false)).resolve(MOE_REPO));

        assertContains(e.getMessage(), "token in HF_TOKEN has no access");
        assertFalse(e.getMessage().contains("hf_wrong"), e.getMessage());
    }

    @Test
    void tokenOpensTheRepoAndStaysOnTheHubsOrigin() throws Exception {
        try (LocalHubServer storage = LocalHubServer.start()) {
            server.addRepo(MOE_REPO, MOE);
            storage.addRepo(MOE_REPO, MOE);
            server.requireToken(TOKEN);
            server.redirectLfsTo(storage.endpoint());

            Path snapshot = resolver(new HubSettings(cache, server.endpoint(), TOKEN, false)).resolve(MOE_REPO);

            assertSameFiles(MOE, snapshot);
            assertTrue(server.requests().stream().allMatch(s -> ("Bearer " + TOKEN).equals(s.authorization())),
                    server.requests().toString());
            List<LocalHubServer.Seen> cdn = storage.requests();
            assertEquals(2, count(cdn, "GET", ".safetensors"), cdn.toString());
            assertTrue(cdn.stream().allMatch(s -> s.authorization() == null), "token sent to another host: " + cdn);
        }
    }

    @Test
    void unknownRepoSaysNoSuchModelWithTheUrl() {
        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> resolver(online(cache, server)).resolve("test-org/missing"));

        assertContains(e.getMessage(), "no such model or revision", "HTTP 404",
                server.endpoint() + "/api/models/test-org/missing/revision/main");
    }

    @Test
    void unknownRevisionSaysNoSuchModelOrRevision() throws Exception {
        server.addRepo(MOE_REPO, MOE);

        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> resolver(online(cache, server)).resolve(MOE_REPO + "@refs/pr/7"));

        assertContains(e.getMessage(), "no such model or revision",
                server.endpoint() + "/api/models/" + MOE_REPO + "/revision/refs%2Fpr%2F7", "Invalid rev id: refs/pr/7");
    }

    @Test
    void offlineWithAnEmptyCacheSaysWhereItLookedAndWhatToDo() {
        HubSettings offline = new HubSettings(cache, server.endpoint(), null, true);

        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> resolver(offline).resolve("Qwen/Qwen3.5-0.8B"));

        assertContains(e.getMessage(), "Qwen/Qwen3.5-0.8B@main is not in the local cache " + cache,
                "HF_HUB_OFFLINE is set", "run once with network access", "pass its path", "set HF_HOME",
                "No local directory " + Path.of("Qwen/Qwen3.5-0.8B").toAbsolutePath());
        assertEquals(List.of(), server.requests());
    }

    @Test
    void unreachableHubWithAnEmptyCacheSaysSo() {
        HubSettings settings = online(cache, server);
        server.close();

        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> resolver(settings).resolve(MOE_REPO));

        assertContains(e.getMessage(), "is not in the local cache", "the hub could not be reached",
                server.endpoint() + "/api/models/" + MOE_REPO, "ConnectException");
    }

    @Test
    void pickleOnlyRepoIsRefusedBeforeAnyDownload(@TempDir Path repo) throws Exception {
        Files.copy(MOE.resolve("config.json"), repo.resolve("config.json"));
        Files.write(repo.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2, 'c'});
        server.addRepo(MOE_REPO, repo);

        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> resolver(online(cache, server)).resolve(MOE_REPO));

        assertContains(e.getMessage(), "pytorch_model.bin", "does not read pickle checkpoints", "safetensors export");
        assertEquals(0, count(server.requests(), "HEAD", "/resolve/") + count(server.requests(), "GET", "/resolve/"));
        assertNull(server.requests().stream().filter(s -> s.path().contains(".bin")).findAny().orElse(null));
    }
}
