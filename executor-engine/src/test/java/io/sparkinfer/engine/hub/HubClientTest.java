package io.sparkinfer.engine.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** URL building and header interpretation, without a server. */
class HubClientTest {

    private final HubClient client =
            new HubClient(new HubSettings(Path.of("cache"), URI.create("https://hub.example/mirror/"), null, false));

    @Test
    void urlsFollowTheHubSchemeAndEncodeTheRevision() {
        HubModelId id = HubModelId.parse("Qwen/Qwen3.5-0.8B@refs/pr/3");

        assertEquals(URI.create("https://hub.example/mirror/api/models/Qwen/Qwen3.5-0.8B/revision/refs%2Fpr%2F3"),
                client.revisionUrl(id));
        assertEquals(URI.create("https://hub.example/mirror/Qwen/Qwen3.5-0.8B/resolve/abc/chat%20template.jinja"),
                client.resolveUrl(id, "abc", "chat template.jinja"));
    }

    @Test
    void etagsLoseWeakPrefixAndQuotes() {
        assertEquals("a1b2", FileMetadata.normalizeEtag("W/\"a1b2\""));
        assertEquals("a1b2", FileMetadata.normalizeEtag("\"a1b2\""));
        assertEquals("a1b2", FileMetadata.normalizeEtag("a1b2"));
    }

    @Test
    void etagsThatCouldLeaveTheBlobFolderAreRefused() {
        URI url = URI.create("https://hub.example/x");
        ModelResolutionException e = assertThrows(ModelResolutionException.class,
                () -> new FileMetadata("config.json", "../../evil", 1, url, url));
        assertTrue(e.getMessage().contains("'../../evil'"), e.getMessage());
    }

    @Test
    void sameOriginComparesSchemeHostAndEffectivePort() {
        URI hub = URI.create("https://huggingface.co");
        assertTrue(HubClient.sameOrigin(URI.create("https://HuggingFace.co:443/api/x"), hub));
        assertFalse(HubClient.sameOrigin(URI.create("https://cdn-lfs.hf.co/x"), hub));
        assertFalse(HubClient.sameOrigin(URI.create("http://huggingface.co/x"), hub));
        assertFalse(HubClient.sameOrigin(URI.create("https://huggingface.co:8443/x"), hub));
    }
}
