# Finds a JDK 21 or newer for emu's launcher and test command; sourced, not run.
#
# Order: JAVA_HOME if it qualifies, else the `java` on PATH, else the newest JDK under the usual
# install locations. Sets EMU_JAVA_HOME, or prints what to install and returns 1.

emu_java_major() {
    # `java -version` prints e.g. openjdk version "17.0.15" or "25.0.3" (or "1.8.0_...").
    "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1") ? v[2] : v[1]; exit }'
}

emu_jdk_ok() {
    local home=$1 major
    [ -n "$home" ] && [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
    major=$(emu_java_major "$home")
    [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null
}

emu_find_jdk() {
    local path_java candidate best="" best_major=0 major
    if emu_jdk_ok "${JAVA_HOME:-}"; then
        EMU_JAVA_HOME=$JAVA_HOME
        return 0
    fi
    path_java=$(command -v java 2>/dev/null || true)
    if [ -n "$path_java" ]; then
        candidate=$(dirname "$(dirname "$(readlink -f "$path_java")")")
        if emu_jdk_ok "$candidate"; then
            EMU_JAVA_HOME=$candidate
            return 0
        fi
    fi
    for candidate in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* \
                     "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
                     /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -d "$candidate" ] || continue
        candidate=$(readlink -f "$candidate")
        emu_jdk_ok "$candidate" || continue
        major=$(emu_java_major "$candidate")
        if [ "$major" -gt "$best_major" ]; then
            best=$candidate
            best_major=$major
        fi
    done
    if [ -n "$best" ]; then
        EMU_JAVA_HOME=$best
        return 0
    fi
    {
        echo "emu: needs a JDK 21 or newer, and found none (JAVA_HOME, java on PATH, /usr/lib/jvm, /opt, ~/.sdkman)."
        echo "emu: install one, for example Eclipse Temurin 21 or 25, or your system's openjdk-21-jdk or newer."
    } >&2
    return 1
}

# Maven run by this JDK: quiet the JDK 24+ warning about the Unsafe use inside Maven itself.
emu_maven_env() {
    export JAVA_HOME=$EMU_JAVA_HOME
    if [ "$(emu_java_major "$EMU_JAVA_HOME")" -ge 24 ]; then
        case " ${MAVEN_OPTS:-} " in
            *sun-misc-unsafe-memory-access*) ;;
            *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;;
        esac
    fi
}

# emu_find_jdk with its answer remembered in a cache file (the launcher runs on every guest
# start, and probing JDKs costs a `java -version` each, tenths of a second). Sets EMU_JAVA_HOME
# and EMU_JAVA_MAJOR. The cache holds for the same JAVA_HOME and `java` on PATH while the chosen
# JDK is still there and unchanged and no JDK was added to /usr/lib/jvm since.
emu_find_jdk_cached() {
    local cache=$1 key home major cached_key
    key="${JAVA_HOME:-}|$(command -v java 2>/dev/null || true)"
    if [ -f "$cache" ] && { read -r cached_key && read -r home && read -r major; } <"$cache" \
        && [ "$cached_key" = "$key" ] && [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] \
        && [ ! "$home/bin/java" -nt "$cache" ] && [ ! /usr/lib/jvm -nt "$cache" ] && [ -n "$major" ]; then
        EMU_JAVA_HOME=$home
        EMU_JAVA_MAJOR=$major
        return 0
    fi
    emu_find_jdk || return 1
    EMU_JAVA_MAJOR=$(emu_java_major "$EMU_JAVA_HOME")
    mkdir -p "$(dirname "$cache")" 2>/dev/null \
        && printf '%s\n%s\n%s\n' "$key" "$EMU_JAVA_HOME" "$EMU_JAVA_MAJOR" >"$cache.$$" 2>/dev/null \
        && mv -f "$cache.$$" "$cache" 2>/dev/null || rm -f "$cache.$$" 2>/dev/null
    return 0
}
