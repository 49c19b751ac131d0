package dev.backlog.commands;

import java.util.regex.Pattern;

/**
 * Attachment names made safe to store and to write (SPEC §12.8): the result is a plain file name that cannot
 * leave the directory it is resolved against, on Linux, macOS or Windows. Applied before storage and again on
 * every file write, since names can also arrive through imported events. Thread-safe.
 */
public final class FileNames {
    /** The name of an attachment whose name sanitises to nothing. */
    public static final String FALLBACK = "attachment";
    /** The longest name in UTF-8 bytes. */
    public static final int MAX_BYTES = 255;
    /** An extension longer than this is not kept when a name is shortened. */
    private static final int MAX_KEPT_EXTENSION_BYTES = 32;
    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]");
    /** Characters Windows refuses in names ({@code :} would also make a drive-relative path). */
    private static final Pattern WINDOWS_INVALID = Pattern.compile("[<>:\"|?*]");
    private static final Pattern RESERVED = Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM[1-9¹²³]|LPT[1-9¹²³])");

    private FileNames() {
    }

    /**
     * The safe form of {@code raw}: control characters (and bidirectional controls, unpaired surrogates) dropped;
     * the last path segment only; every {@code ..} removed; {@code <>:"|?*} replaced by {@code _}; leading dots,
     * trailing dots and surrounding white space removed; Windows device names ({@code CON}, {@code COM1.txt}, …)
     * prefixed with {@code _}; cut to 255 UTF-8 bytes at a code point boundary, keeping a short extension;
     * {@value #FALLBACK} when nothing is left.
     */
    public static String sanitise(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String name = baseName(withoutControls(raw));
        while (name.contains("..")) {
            name = name.replace("..", "");
        }
        name = trim(WINDOWS_INVALID.matcher(name).replaceAll("_"));
        if (name.isEmpty()) {
            return FALLBACK;
        }
        int dot = name.indexOf('.');
        if (RESERVED.matcher((dot < 0 ? name : name.substring(0, dot)).strip()).matches()) {
            name = "_" + name;
        }
        return shorten(name);
    }

    private static String withoutControls(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            boolean unpairedSurrogate = cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE;
            boolean bidi = (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F;
            if (!Character.isISOControl(cp) && cp != 0x2028 && cp != 0x2029 && !bidi && !unpairedSurrogate) {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    /** The last segment that is not blank ({@code "dir/"} is {@code dir}). */
    private static String baseName(String s) {
        String[] parts = SEPARATORS.split(s);
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].isBlank()) {
                return parts[i];
            }
        }
        return "";
    }

    /** Without surrounding white space, leading dots (hidden files) and trailing dots (dropped by Windows). */
    private static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '.' || Character.isWhitespace(s.charAt(start)))) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '.' || Character.isWhitespace(s.charAt(end - 1)))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static String shorten(String name) {
        if (utf8Length(name) <= MAX_BYTES) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot) : "";
        if (utf8Length(ext) > MAX_KEPT_EXTENSION_BYTES) {
            ext = "";
        }
        String stem = ext.isEmpty() ? name : name.substring(0, dot);
        return trim(prefix(stem, MAX_BYTES - utf8Length(ext))) + ext;
    }

    /** The longest prefix of whole code points that fits in {@code maxBytes} of UTF-8. */
    private static String prefix(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = utf8Length(cp);
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    /** UTF-8 length of a string without unpaired surrogates. */
    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            bytes += utf8Length(cp);
            i += Character.charCount(cp);
        }
        return bytes;
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }
}
