package dev.emu.isa.riscv.translate;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Mnemonic (the canonical {@link dev.emu.isa.riscv.decode.Encoding#name()}) to translator.
 * Each extension's class adds its instructions; a name added twice is a bug and throws.
 */
public final class TranslatorRegistry {
    private final Map<String, InsnTranslator> byName = new HashMap<>();

    /** Every instruction emu executes: RV64GC plus Zba, Zbb, Zbc and Zbs. */
    public static TranslatorRegistry standard() {
        TranslatorRegistry r = new TranslatorRegistry();
        IntegerTranslators.addTo(r);
        MulDivTranslators.addTo(r);
        AtomicTranslators.addTo(r);
        FloatTranslators.addTo(r);
        CompressedTranslators.addTo(r);
        BitManipTranslators.addTo(r);
        CsrTranslators.addTo(r);
        SystemTranslators.addTo(r);
        return r;
    }

    public TranslatorRegistry add(String name, InsnTranslator translator) {
        if (byName.putIfAbsent(name, translator) != null) {
            throw new IllegalStateException("two translators for " + name);
        }
        return this;
    }

    /** The translator for a mnemonic, or null when none is registered. */
    public InsnTranslator get(String name) {
        return byName.get(name);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(byName.keySet());
    }
}
