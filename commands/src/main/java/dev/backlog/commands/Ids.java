package dev.backlog.commands;

import com.github.f4b6a3.ulid.Ulid;
import com.github.f4b6a3.ulid.UlidFactory;
import java.security.SecureRandom;
import java.util.function.LongSupplier;

/** ULIDs from one monotonic generator with a cryptographic random source (SPEC §2.2). Thread-safe. */
public final class Ids {
    private static final UlidFactory FACTORY = UlidFactory.newMonotonicInstance((LongSupplier) new SecureRandom()::nextLong);

    private Ids() {
    }

    public static String next() {
        return FACTORY.create().toString();
    }

    /** A ULID strictly greater than {@code after} (the monotonic tie rule of §4.1). */
    public static String after(String candidate, String after) {
        if (after == null || candidate.compareTo(after) > 0) {
            return candidate;
        }
        return Ulid.from(after).increment().toString();
    }
}
