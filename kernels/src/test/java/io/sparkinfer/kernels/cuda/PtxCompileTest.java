package io.sparkinfer.kernels.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import jcuda.nvptxcompiler.JNvPTXCompiler;
import jcuda.nvptxcompiler.nvPTXCompileResult;
import jcuda.nvptxcompiler.nvPTXCompilerHandle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/** Every shipped PTX module compiles for A100 (sm_80) and H100 (sm_90) with JCuda's bundled PTX compiler (no GPU needed). */
class PtxCompileTest {

    static Stream<Arguments> modulesAndArchitectures() {
        return PtxModules.NAMES.stream().flatMap(n -> Stream.of(Arguments.of(n, "sm_80"), Arguments.of(n, "sm_90")));
    }

    @ParameterizedTest(name = "{0} for {1}")
    @MethodSource("modulesAndArchitectures")
    void compiles(String module, String arch) {
        byte[] ptx = PtxModules.ptx(module);
        nvPTXCompilerHandle handle = new nvPTXCompilerHandle();
        check("create", JNvPTXCompiler.nvPTXCompilerCreate(handle, ptx.length, ptx), handle, module);
        try {
            int compiled = JNvPTXCompiler.nvPTXCompilerCompile(handle, 1, new String[] {"--gpu-name=" + arch});
            check("compile " + module + " for " + arch, compiled, handle, module);
            long[] size = new long[1];
            check("size", JNvPTXCompiler.nvPTXCompilerGetCompiledProgramSize(handle, size), handle, module);
            assertTrue(size[0] > 0, module + " for " + arch + " compiled to an empty program");
        } finally {
            JNvPTXCompiler.nvPTXCompilerDestroy(handle);
        }
    }

    private static void check(String what, int result, nvPTXCompilerHandle handle, String module) {
        if (result == nvPTXCompileResult.NVPTXCOMPILE_SUCCESS) {
            return;
        }
        long[] logSize = new long[1];
        JNvPTXCompiler.nvPTXCompilerGetErrorLogSize(handle, logSize);
        byte[] log = new byte[(int) Math.max(1, logSize[0])];
        JNvPTXCompiler.nvPTXCompilerGetErrorLog(handle, log);
        assertEquals(nvPTXCompileResult.stringFor(nvPTXCompileResult.NVPTXCOMPILE_SUCCESS),
                nvPTXCompileResult.stringFor(result),
                what + " failed for " + module + ".ptx: " + new String(log, StandardCharsets.UTF_8).trim());
    }
}
