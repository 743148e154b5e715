package dev.emu.engine.plugin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Pins the plugin ABI: the public surface of {@code dev.emu.engine.plugin} (every public type,
 * nested ones included, with its public members), found by reflection over the package's
 * compiled classes, must equal the checked-in {@code plugin-api.txt}. A change to the ABI
 * therefore shows in review as a change to that file, and goes with a new
 * {@link Plugin#ABI_VERSION} when it breaks existing plugins.
 */
class PluginApiSurfaceTest {
    @Test
    void publicSurfaceIsPinned() throws Exception {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("plugin-api.txt")) {
            assertNotNull(in, "plugin-api.txt missing");
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, surface(), "the plugin ABI changed; if intended, update plugin-api.txt (and ABI_VERSION)");
    }

    @Test
    void packageHoldsOnlyInterfacesRecordsAndEnums() throws Exception {
        for (Class<?> c : types()) {
            boolean allowed = c.isInterface() || c.isRecord() || c.isEnum();
            assertEquals(true, allowed, c + " is an implementation class in the ABI package");
        }
    }

    static String surface() throws IOException, URISyntaxException {
        StringBuilder out = new StringBuilder();
        for (Class<?> c : types()) {
            if (!Modifier.isPublic(c.getModifiers())) {
                continue;
            }
            String kind = c.isEnum() ? "enum" : c.isRecord() ? "record" : c.isInterface() ? "interface" : "class";
            out.append(kind).append(' ').append(c.getName());
            for (Class<?> i : c.getInterfaces()) {
                out.append(" implements ").append(i.getName());
            }
            out.append('\n');
            List<String> members = new ArrayList<>();
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers())) {
                    members.add("  field " + f.getType().getTypeName() + " " + f.getName());
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (Modifier.isPublic(k.getModifiers())) {
                    members.add("  constructor " + k.toGenericString().replace(c.getName(), c.getSimpleName()));
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic()) {
                    members.add("  method " + m.toGenericString());
                }
            }
            members.stream().sorted().forEach(m -> out.append(m).append('\n'));
        }
        return out.toString();
    }

    /** Every class compiled into the package (top level and nested), by name. */
    static List<Class<?>> types() throws IOException, URISyntaxException {
        Path dir = Path.of(Plugin.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve(Plugin.class.getPackageName().replace('.', '/'));
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (String file : files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".class")).sorted().toList()) {
                String name = file.substring(0, file.length() - ".class".length());
                if (name.equals("package-info")) {
                    continue;
                }
                try {
                    types.add(Class.forName(Plugin.class.getPackageName() + "." + name));
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return types;
    }
}
