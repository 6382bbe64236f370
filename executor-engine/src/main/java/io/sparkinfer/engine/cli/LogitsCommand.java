package io.sparkinfer.engine.cli;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sparkinfer.engine.cache.SequenceCache;
import io.sparkinfer.engine.layers.ActivationTap;
import io.sparkinfer.engine.models.qwen35.Qwen35Model;
import io.sparkinfer.engine.models.qwen35.SequenceInput;
import io.sparkinfer.kernels.api.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** `logits --model M --ids 1,2,3 --out F.json`: {"logits": [[...], ...]}, every position, full vocabulary, float32. */
final class LogitsCommand implements Command {

    @Override
    public String name() {
        return "logits";
    }

    @Override
    public String summary() {
        return "logits of every position of a token id prompt, as JSON";
    }

    @Override
    public String usage() {
        return """
                usage: bin/sparkinfer logits --model M --ids 1,2,3 [--out F.json] [--backend reference|cpu]
                  --model M       model directory or hub id
                  --ids LIST      the prompt as comma-separated token ids
                  --out FILE      where to write {"logits": [[...], ...]} (default: stdout)
                  --dump-activations FILE
                                  also write every named activation ("embed", "L3.out", "L3.linear_attn.conv_out",
                                  "final_norm", ...) as {"name": [[row], ...]} for diffing against a reference
                """ + "  " + LoadedModel.BACKEND_HELP;
    }

    @Override
    public Set<String> options() {
        return Set.of("model", "ids", "out", "backend", "image", "dump-activations");
    }

    @Override
    public int run(CliArgs args, InputStream in, PrintStream out, PrintStream err) throws IOException {
        if (args.has("image")) {
            throw new UsageException("--image is not supported yet: image prompts arrive with the vision tower");
        }
        int[] ids = IdList.parse("ids", args.require("ids"));
        try (LoadedModel loaded = LoadedModel.load(args)) {
            Qwen35Model model = loaded.model();
            IdList.checkVocabulary("ids", ids, model.config().vocabSize());
            ActivationDump dump = new ActivationDump(loaded.backend());
            ActivationTap tap = args.has("dump-activations") ? dump : ActivationTap.NONE;
            float[] logits;
            try (SequenceCache cache = model.newCache(ids.length);
                 Tensor t = model.forward(List.of(new SequenceInput(cache, ids)), Qwen35Model.LogitRows.ALL, tap)) {
                logits = loaded.backend().toFloats(t);
            }
            if (args.has("dump-activations")) {
                dump.write(Path.of(args.require("dump-activations")));
            }
            int vocab = model.config().vocabSize();
            if (args.has("out")) {
                try (OutputStream file = Files.newOutputStream(Path.of(args.require("out")))) {
                    write(file, logits, ids.length, vocab);
                }
            } else {
                write(out, logits, ids.length, vocab);
                out.println();
            }
        }
        return Main.OK;
    }

    private static void write(OutputStream to, float[] logits, int positions, int vocab) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(to, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeArrayFieldStart("logits");
            for (int p = 0; p < positions; p++) {
                json.writeStartArray();
                for (int v = 0; v < vocab; v++) {
                    json.writeNumber(logits[p * vocab + v]);
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
