package io.sparkinfer.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Greedy ties, reproducibility, penalties, the large-vocabulary path, options and the generator. */
class TokenSamplerTest {

    @Test
    void greedyTakesTheLowestIdOnTiesAndAppliesPenaltiesFirst() {
        float[] l = {1f, 3f, 3f, -2f};
        assertEquals(1, TokenSampler.sample(l, SamplingParams.GREEDY, new TokenHistory(new int[0]), 0));
        TokenHistory seen = new TokenHistory(new int[] {1});
        SamplingParams penalised = new SamplingParams(0, 0, 1, 0, 2.0, 0, 0);
        assertEquals(2, TokenSampler.sample(l, penalised, seen, 0), "3 / 2 < 3");
        assertArrayEquals(new float[] {1f, 3f, 3f, -2f}, l, "the input is never modified");
    }

    @Test
    void penaltiesFollowTransformersAndVllm() {
        float[] l = {2f, -2f, 1f, 0.5f};
        TokenHistory history = new TokenHistory(new int[] {0, 1});
        history.addGenerated(3);
        float[] rep = TokenSampler.penalised(l, new SamplingParams(1, 0, 1, 0, 2.0, 0, 0), history);
        assertArrayEquals(new float[] {1f, -4f, 1f, 0.25f}, rep, "positive / p, negative * p, prompt and output");
        float[] pres = TokenSampler.penalised(l, new SamplingParams(1, 0, 1, 0, 1, 0.5, 0), history);
        assertArrayEquals(new float[] {2f, -2f, 1f, 0f}, pres, "only generated ids pay the presence penalty");
        assertSame(l, TokenSampler.penalised(l, SamplingParams.GREEDY, history), "no copy when nothing applies");
        assertTrue(history.inPromptOrGenerated(3) && history.inGenerated(3) && !history.inGenerated(0));
        assertEquals(1, history.generatedCount());
    }

    @Test
    void aDrawDependsOnlyOnSeedAndStep() {
        float[] l = randomLogits(248_320, 3);
        SamplingParams a = new SamplingParams(0.8, 50, 0.95, 0, 1, 0, 1234);
        SamplingParams b = new SamplingParams(0.8, 50, 0.95, 0, 1, 0, 1235);
        TokenHistory h = new TokenHistory(new int[0]);
        int differ = 0;
        for (int step = 0; step < 50; step++) {
            int first = TokenSampler.sample(l, a, h, step);
            assertEquals(first, TokenSampler.sample(l, a, new TokenHistory(new int[0]), step), "step " + step);
            differ += first != TokenSampler.sample(l, b, h, step) ? 1 : 0;
        }
        assertTrue(differ > 25, "another seed draws other tokens: " + differ + " of 50 differ");
    }

    @Test
    void topPOnTheFullVocabularyKeepsTheNucleusOnly() {
        float[] l = randomLogits(248_320, 4);
        l[77] = 30f; // one token holds nearly all the mass
        l[78] = 29f;
        SamplingParams p = new SamplingParams(1.0, 0, 0.5, 0, 1, 0, 9);
        for (int step = 0; step < 100; step++) {
            assertEquals(77, TokenSampler.sample(l, p, new TokenHistory(new int[0]), step));
        }
        SamplingParams wider = new SamplingParams(1.0, 0, 0.9, 0, 1, 0, 9);
        int second = 0;
        for (int step = 0; step < 400; step++) {
            int t = TokenSampler.sample(l, wider, new TokenHistory(new int[0]), step);
            assertTrue(t == 77 || t == 78, "only the two-token nucleus: " + t);
            second += t == 78 ? 1 : 0;
        }
        assertTrue(second > 50 && second < 180, "78 has about 27% of the nucleus: " + second + " of 400");
    }

    @Test
    void logSoftmaxIsNormalisedAndStable() {
        double[] lp = TokenSampler.logSoftmax(new float[] {1000f, 1000f, 0f});
        assertEquals(Math.log(0.5), lp[0], 1e-12);
        assertEquals(-1000 - Math.log(2), lp[2], 1e-9);
    }

    @Test
    void optionsParseValidateAndRoundTrip() {
        SamplingParams p = SamplingParams.fromOptions(Map.of("temperature", "0.7", "top_k", "40", "top_p", "0.9",
                "min_p", "0.05", "repetition_penalty", "1.1", "presence_penalty", "-0.5", "seed", "-3"),
                SamplingParams.GREEDY);
        assertEquals(new SamplingParams(0.7, 40, 0.9, 0.05, 1.1, -0.5, -3), p);
        assertEquals(p, SamplingParams.fromOptions(p.toOptions(), SamplingParams.GREEDY));
        assertEquals(SamplingParams.GREEDY, SamplingParams.fromOptions(Map.of("other", "x"), SamplingParams.GREEDY));
        var e = assertThrows(IllegalArgumentException.class,
                () -> SamplingParams.fromOptions(Map.of("top_p", "abc"), SamplingParams.GREEDY));
        assertEquals("option top_p = 'abc' is not a number; expected a decimal in (0, 1]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SamplingParams.fromOptions(Map.of("top_p", "1.5"), SamplingParams.GREEDY));
        assertEquals("sampling option top_p = 1.5 is out of range; expected a number in (0, 1] (1 = off)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SamplingParams.fromOptions(Map.of("top_k", "-1"), SamplingParams.GREEDY));
        assertEquals("option top_k = '-1' is not an integer >= 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(-1, 0, 1, 0, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1, 0, 1, 1.0, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1, 0, 1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SamplingParams(1, 0, 1, 0, 1, 3, 0));
    }

    @Test
    void theCounterGeneratorIsUniformAndDeterministic() {
        int buckets = 50;
        int n = 200_000;
        int[] counts = new int[buckets];
        for (int i = 0; i < n; i++) {
            double u = CounterRng.uniform(42, 0, i);
            assertTrue(u >= 0 && u < 1);
            counts[(int) (u * buckets)]++;
        }
        double chi2 = 0;
        double e = n / (double) buckets;
        for (int c : counts) {
            chi2 += (c - e) * (c - e) / e;
        }
        assertTrue(chi2 < 100, "chi-square with 49 degrees of freedom: " + chi2); // p < 1e-4 above 100
        assertEquals(CounterRng.uniform(7, 1, 99), CounterRng.uniform(7, 1, 99));
        assertNotEquals(CounterRng.uniform(7, 1, 99), CounterRng.uniform(7, 2, 99));
        assertNotEquals(CounterRng.uniform(7, 1, 99), CounterRng.uniform(8, 1, 99));
    }

    private static float[] randomLogits(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] l = new float[n];
        for (int i = 0; i < n; i++) {
            l[i] = (float) (r.nextGaussian() * 2);
        }
        return l;
    }
}
