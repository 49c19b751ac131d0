package dev.backlog.commands.requests;

/** Arguments of {@code doc_update}; {@code null} = unchanged. */
@Doc("Write a new version of a document.")
public record UpdateDoc(@Required String docId,
                        String title,
                        String body,
                        String changeNote,
                        @Doc("Else STALE_VERSION") Long baseVersion) {
}
