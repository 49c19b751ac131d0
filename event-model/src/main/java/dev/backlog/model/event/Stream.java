package dev.backlog.model.event;

/** Stream names: {@code <kind>/<ULID>} (SPEC §4.1). */
public record Stream(String kind, String id) {
    public static Stream parse(String s) {
        int slash = s.indexOf('/');
        return new Stream(s.substring(0, slash), s.substring(slash + 1));
    }

    public static String of(String kind, String id) {
        return kind + "/" + id;
    }

    @Override
    public String toString() {
        return kind + "/" + id;
    }
}
