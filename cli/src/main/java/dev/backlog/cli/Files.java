package dev.backlog.cli;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** {@code --from-file PATH|-}: UTF-8 text; a missing file is {@code FILE_NOT_FOUND}, invalid UTF-8 {@code INVALID_ARGUMENT}. */
final class Files {
    private Files() {
    }

    static String text(App app, String path) {
        byte[] bytes;
        try {
            if (path.equals("-")) {
                bytes = app.in.readAllBytes();
            } else {
                Path p = app.cwd.resolve(path);
                if (!java.nio.file.Files.isRegularFile(p)) {
                    throw new BacklogException(ErrorCode.FILE_NOT_FOUND, "no such file: " + path, Map.of("path", path));
                }
                bytes = java.nio.file.Files.readAllBytes(p);
            }
        } catch (IOException e) {
            throw new BacklogException(ErrorCode.FILE_NOT_FOUND, "cannot read " + path + ": " + e.getMessage(), Map.of("path", path));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw BacklogException.invalid("from_file", path, path + " is not valid UTF-8");
        }
    }
}
