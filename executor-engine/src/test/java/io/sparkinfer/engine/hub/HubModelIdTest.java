package io.sparkinfer.engine.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HubModelIdTest {

    @Test
    void parsesRepoAndDefaultRevision() {
        HubModelId id = HubModelId.parse(" Qwen/Qwen3.5-0.8B ");

        assertEquals("Qwen/Qwen3.5-0.8B", id.repo());
        assertEquals("main", id.revision());
        assertEquals("models--Qwen--Qwen3.5-0.8B", id.cacheFolderName());
        assertFalse(id.revisionIsCommitSha());
    }

    @Test
    void parsesRevisionsIncludingPullRequestRefsAndShas() {
        assertEquals(new HubModelId("Qwen/Qwen3.5-0.8B", "refs/pr/12"), HubModelId.parse("Qwen/Qwen3.5-0.8B@refs/pr/12"));
        String sha = "0123456789abcdef0123456789abcdef01234567";
        HubModelId pinned = HubModelId.parse("org/my_model.v2@" + sha);
        assertEquals(sha, pinned.revision());
        assertTrue(pinned.revisionIsCommitSha());
    }

    @Test
    void malformedIdsSayWhatIsWrong() {
        assertMessage("Qwen3.5-0.8B", "no organisation part");
        assertMessage("a/b/c", "more than one '/'");
        assertMessage("org/na--me", "'--' and '..' are not allowed");
        assertMessage("org/-name", "starts or ends with '-' or '.'");
        assertMessage("org/na me", "characters the hub does not allow");
        assertMessage("org/name@", "empty revision");
        assertMessage("org/name@../../etc", "not a valid revision");
        assertMessage("org/name@a@b", "not a valid revision");
        assertMessage("/model", "the organisation or the name is empty");
        assertMessage("org/", "the organisation or the name is empty");
    }

    private static void assertMessage(String spec, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HubModelId.parse(spec));
        assertTrue(e.getMessage().contains(expected), spec + " -> " + e.getMessage());
    }
}
