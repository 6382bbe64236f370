package io.sparkinfer.engine.runtime;

import io.sparkinfer.engine.config.PreprocessorConfig;
import io.sparkinfer.engine.config.VisionTokenIds;
import io.sparkinfer.engine.models.qwen35.vision.VisionTower;
import java.util.Objects;

/** What image prompts need from a multimodal checkpoint: its vision tower, image processor and vision token ids. */
public record VisionSupport(VisionTower tower, PreprocessorConfig preprocessor, VisionTokenIds tokens) {

    public VisionSupport {
        Objects.requireNonNull(tower, "tower");
        Objects.requireNonNull(preprocessor, "preprocessor");
        Objects.requireNonNull(tokens, "tokens");
        preprocessor.requireCompatible(tower.config(), PreprocessorConfig.FILE_NAME);
    }
}
