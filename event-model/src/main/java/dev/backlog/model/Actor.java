package dev.backlog.model;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The author of a write ({@code human:alice}, {@code ai:claude}); also the claim identity (SPEC §2.1). */
public record Actor(ActorKind kind, String name) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    public Actor {
        if (kind == null || name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid actor name: " + name);
        }
    }

    /** Parses {@code KIND:NAME}; the kind is case-insensitive. Anything else is {@code INVALID_ACTOR}. */
    public static Actor parse(String text) {
        if (text != null) {
            int colon = text.indexOf(':');
            if (colon > 0) {
                String kind = text.substring(0, colon).toLowerCase(Locale.ROOT);
                String name = text.substring(colon + 1);
                if ((kind.equals("human") || kind.equals("ai")) && NAME.matcher(name).matches()) {
                    return new Actor(ActorKind.fromWire(kind), name);
                }
            }
        }
        throw new BacklogException(ErrorCode.INVALID_ACTOR,
                "invalid actor '" + text + "': expected human:NAME or ai:NAME (NAME: letters, digits, . _ @ -)",
                Map.of("value", String.valueOf(text)));
    }

    /** {@code human:$USER} with characters outside the name alphabet replaced (SPEC §1.4). */
    public static Actor fromUser(String user) {
        if (user == null || user.isEmpty()) {
            return new Actor(ActorKind.HUMAN, "user");
        }
        String cleaned = user.replaceAll("[^A-Za-z0-9._@-]", "-");
        if (cleaned.length() > 64) {
            cleaned = cleaned.substring(0, 64);
        }
        return new Actor(ActorKind.HUMAN, cleaned);
    }

    @Override
    public String toString() {
        return kind.wire() + ":" + name;
    }
}
