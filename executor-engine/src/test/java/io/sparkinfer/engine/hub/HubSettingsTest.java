package io.sparkinfer.engine.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubSettingsTest {

    @TempDir
    Path home;

    private HubSettings from(Map<String, String> env) {
        Properties properties = new Properties();
        properties.setProperty("user.home", home.toString());
        return HubSettings.from(env, properties);
    }

    @Test
    void defaultsFollowHuggingfaceHub() {
        HubSettings settings = from(Map.of());

        assertEquals(home.resolve(".cache/huggingface/hub"), settings.cacheDir());
        assertEquals(URI.create("https://huggingface.co"), settings.endpoint());
        assertNull(settings.token());
        assertFalse(settings.offline());
    }

    @Test
    void cacheDirPrecedenceIsHubCacheThenHfHomeThenXdg() {
        assertEquals(Path.of("/data/xdg/huggingface/hub"), from(Map.of("XDG_CACHE_HOME", "/data/xdg")).cacheDir());
        assertEquals(Path.of("/data/hf/hub"),
                from(Map.of("HF_HOME", "/data/hf", "XDG_CACHE_HOME", "/data/xdg")).cacheDir());
        assertEquals(Path.of("/data/cache"),
                from(Map.of("HF_HUB_CACHE", "/data/cache", "HF_HOME", "/data/hf")).cacheDir());
        assertEquals(home.resolve("hf/hub"), from(Map.of("HF_HOME", "~/hf")).cacheDir());
        assertEquals(home.resolve(".cache/huggingface/hub"), from(Map.of("HF_HOME", " ")).cacheDir());
    }

    @Test
    void endpointLosesTrailingSlashesAndMustBeHttp() {
        assertEquals(URI.create("http://127.0.0.1:8080/mirror"),
                from(Map.of("HF_ENDPOINT", "http://127.0.0.1:8080/mirror//")).endpoint());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> from(Map.of("HF_ENDPOINT", "ftp://example.org")));
        assertTrue(e.getMessage().contains("'ftp://example.org'") && e.getMessage().contains("HF_ENDPOINT"),
                e.getMessage());
    }

    @Test
    void offlineAcceptsTheTruthyValuesOfHuggingfaceHub() {
        for (String yes : new String[] {"1", "true", "YES", "On", " yes "}) {
            assertTrue(from(Map.of("HF_HUB_OFFLINE", yes)).offline(), yes);
        }
        for (String no : new String[] {"0", "false", "no", "", "2"}) {
            assertFalse(from(Map.of("HF_HUB_OFFLINE", no)).offline(), no);
        }
    }

    @Test
    void tokenComesFromHfTokenElseTheLoginFile() throws Exception {
        Path hfHome = Files.createDirectories(home.resolve("hf"));
        Files.writeString(hfHome.resolve("token"), "hf_from_file\n");

        assertEquals("hf_from_env", from(Map.of("HF_TOKEN", " hf_from_env ", "HF_HOME", hfHome.toString())).token());
        assertEquals("hf_from_file", from(Map.of("HF_HOME", hfHome.toString())).token());
        assertNull(from(Map.of("HF_TOKEN", "  ")).token());
    }

    @Test
    void toStringNeverShowsTheToken() {
        HubSettings settings = new HubSettings(home, HubSettings.DEFAULT_ENDPOINT, "hf_secret", false);

        assertFalse(settings.toString().contains("hf_secret"), settings.toString());
        assertTrue(settings.toString().contains("token=<set>"), settings.toString());
    }
}
