package io.sparkinfer.engine.cli;

import io.sparkinfer.engine.config.ExpectedTensor;
import io.sparkinfer.engine.hub.ModelResolver;
import io.sparkinfer.engine.models.qwen35.Qwen35Checkpoint;
import io.sparkinfer.engine.weights.TensorInfo;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/** `inspect --model M [--tensors]`: what a checkpoint is, checked against its config. */
final class InspectCommand implements Command {

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String summary() {
        return "architecture, layer schedule, parameter counts, dtypes, memory; checks every tensor";
    }

    @Override
    public String usage() {
        return """
                usage: bin/sparkinfer inspect --model M [--tensors]
                  --model M    model directory or hub id (Qwen/Qwen3.5-0.8B[@revision])
                  --tensors    also list every tensor with its dtype and shape""";
    }

    @Override
    public Set<String> options() {
        return Set.of("model", "tensors");
    }

    @Override
    public int run(CliArgs args, InputStream in, PrintStream out, PrintStream err) {
        Path dir = ModelResolver.fromEnvironment().resolve(args.require("model"));
        boolean listTensors = args.flag("tensors");
        try (Qwen35Checkpoint checkpoint = Qwen35Checkpoint.open(dir)) {
            ModelSummary.print(checkpoint, out);
            out.printf("%-12s %d checked against config.json, every one present with the expected shape%n",
                    "tensors", checkpoint.layout().checked().size());
            if (!checkpoint.layout().ignored().isEmpty()) {
                out.printf("%-12s %d mtp.* tensors (multi-token prediction head, unused by inference)%n", "ignored",
                        checkpoint.layout().ignored().size());
            }
            if (!checkpoint.layout().unexpected().isEmpty()) {
                out.printf("%-12s %s%n", "unexpected", checkpoint.layout().unexpected());
            }
            for (String note : checkpoint.layout().notes()) {
                out.printf("%-12s %s%n", "note", note);
            }
            if (listTensors) {
                for (ExpectedTensor t : checkpoint.layout().checked()) {
                    TensorInfo info = checkpoint.weights().info(t.name());
                    out.printf("  %-70s %-5s %s%n", t.name(), info.dtype(), info.shapeString());
                }
            }
        }
        return Main.OK;
    }
}
