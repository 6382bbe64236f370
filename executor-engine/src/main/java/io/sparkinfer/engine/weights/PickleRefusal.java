package io.sparkinfer.engine.weights;

import java.nio.file.Path;
import java.util.List;

/** The message for a directory that holds only pickle (PyTorch .bin/.pt/.pth) checkpoints. */
final class PickleRefusal {

    private PickleRefusal() {}

    static String message(Path dir, List<String> pickleFiles) {
        return "checkpoint directory " + dir + " holds only pickle checkpoint files " + pickleFiles
                + " and no *.safetensors. sparkinfer never reads pickle checkpoints: unpickling can run arbitrary code."
                + " Convert the model to safetensors once with transformers, for example:"
                + " python -c \"from transformers import AutoModelForImageTextToText as M, AutoProcessor as P;"
                + " M.from_pretrained('" + dir.toAbsolutePath() + "').save_pretrained('OUT', safe_serialization=True);"
                + " P.from_pretrained('" + dir.toAbsolutePath() + "').save_pretrained('OUT')\""
                + " (use AutoModelForCausalLM and AutoTokenizer for a text-only model), copy config.json if missing,"
                + " then point sparkinfer at OUT";
    }
}
