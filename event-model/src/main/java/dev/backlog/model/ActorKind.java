package dev.backlog.model;

/** Who wrote an event: a person or an AI agent. */
public enum ActorKind {
    HUMAN, AI;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ActorKind fromWire(String s) {
        return switch (s) {
            case "human" -> HUMAN;
            case "ai" -> AI;
            default -> throw new IllegalArgumentException("unknown actor kind " + s);
        };
    }
}
