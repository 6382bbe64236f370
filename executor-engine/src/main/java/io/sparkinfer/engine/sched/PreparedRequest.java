package io.sparkinfer.engine.sched;

import io.sparkinfer.engine.runtime.InferenceRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request turned into token ids and checked, ready for the scheduler.
 *
 * @param prompt        the prompt's ids (at least one)
 * @param sharedPrefix  leading ids shared with other requests (prefix-cache key; 0 for none)
 * @param maxNewTokens  tokens to generate at most, after caps and the context length (0 unless GENERATE)
 * @param stopIds       ids that end generation (eos unless ignored, plus the request's stop ids)
 * @param labelIds      each label's ids, in label order (CLASSIFY only)
 * @param cacheTokens   attention positions the sequence needs at most (prompt plus new tokens)
 * @param images        the prompt's images, whose pads {@code prompt} already holds expanded; empty for text
 */
record PreparedRequest(InferenceRequest request, int[] prompt, int sharedPrefix, int maxNewTokens, Set<Integer> stopIds,
        List<int[]> labelIds, int cacheTokens, Optional<PreparedImages> images) {

    PreparedRequest {
        if (prompt.length == 0 || sharedPrefix < 0 || sharedPrefix > prompt.length) {
            throw new IllegalArgumentException("[BUG] prompt of " + prompt.length + " ids, shared prefix " + sharedPrefix);
        }
        stopIds = Set.copyOf(stopIds);
        labelIds = List.copyOf(labelIds);
        if (images == null) {
            throw new IllegalArgumentException("[BUG] null images; use Optional.empty() for a text prompt");
        }
    }
}
