package dev.backlog.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Attachment name sanitising (SPEC §12.8): whatever comes in, a plain name that stays in its directory comes out. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FileNamesTest {

    @Test
    void traversal_names_keep_only_their_base_name() {
        assertThat(FileNames.sanitise("../../x")).isEqualTo("x");
        assertThat(FileNames.sanitise("/etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitise("a/b\\c")).isEqualTo("c");
        assertThat(FileNames.sanitise("..\\..\\windows\\system.ini")).isEqualTo("system.ini");
        assertThat(FileNames.sanitise("reports/")).isEqualTo("reports");
    }

    @Test
    void dot_dot_and_names_of_only_dots_become_the_fallback() {
        assertThat(FileNames.sanitise("..")).isEqualTo("attachment");
        assertThat(FileNames.sanitise(".")).isEqualTo("attachment");
        assertThat(FileNames.sanitise("...")).isEqualTo("attachment");
        assertThat(FileNames.sanitise("a/..")).isEqualTo("attachment");
        assertThat(FileNames.sanitise("v1..2.txt")).isEqualTo("v12.txt");
    }

    @Test
    void nul_bytes_and_other_control_characters_are_removed() {
        assertThat(FileNames.sanitise("evil\u0000.txt")).isEqualTo("evil.txt");
        assertThat(FileNames.sanitise("a\nb\tc\u007f\u009b.log")).isEqualTo("abc.log");
        assertThat(FileNames.sanitise(".\u0000./x")).isEqualTo("x");
        assertThat(FileNames.sanitise("\u0000")).isEqualTo("attachment");
        assertThat(FileNames.sanitise("invoice\u202Efdp.exe")).isEqualTo("invoicefdp.exe");
    }

    @Test
    void leading_dots_are_removed_so_nothing_is_hidden() {
        assertThat(FileNames.sanitise(".hidden")).isEqualTo("hidden");
        assertThat(FileNames.sanitise("..bashrc")).isEqualTo("bashrc");
        assertThat(FileNames.sanitise("  .env ")).isEqualTo("env");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CON", "con", "CON.txt", "prn.tar.gz", "Aux", "NUL.md", "COM1", "com9.log", "LPT1", "lpt9.TXT", "CON .txt"})
    void windows_device_names_are_prefixed_with_an_underscore(String name) {
        assertThat(FileNames.sanitise(name)).isEqualTo("_" + name);
    }

    @Test
    void names_that_only_start_like_a_device_are_kept() {
        assertThat(FileNames.sanitise("CONSOLE.txt")).isEqualTo("CONSOLE.txt");
        assertThat(FileNames.sanitise("COM10")).isEqualTo("COM10");
        assertThat(FileNames.sanitise("lpt.txt")).isEqualTo("lpt.txt");
        assertThat(FileNames.sanitise("my-con.txt")).isEqualTo("my-con.txt");
    }

    @Test
    void characters_windows_refuses_are_replaced() {
        assertThat(FileNames.sanitise("C:evil.txt")).isEqualTo("C_evil.txt");
        assertThat(FileNames.sanitise("a<b>c|d?e*f\"g")).isEqualTo("a_b_c_d_e_f_g");
    }

    @Test
    void a_300_byte_name_is_cut_to_255_bytes_keeping_its_extension() {
        String name = "a".repeat(296) + ".txt";
        String safe = FileNames.sanitise(name);
        assertThat(bytes(safe)).isEqualTo(255);
        assertThat(safe).startsWith("aaaa").endsWith(".txt");
    }

    @Test
    void a_long_name_without_extension_is_cut_to_255_bytes() {
        String safe = FileNames.sanitise("b".repeat(300));
        assertThat(safe).isEqualTo("b".repeat(255));
    }

    @Test
    void an_emoji_at_the_cut_is_dropped_whole_never_split() {
        // 1 + 4 × 80 = 321 bytes: the cut at 255 falls inside the 64th emoji
        String name = "a" + "😀".repeat(80);
        String safe = FileNames.sanitise(name);
        assertThat(bytes(safe)).isLessThanOrEqualTo(255).isEqualTo(1 + 4 * 63);
        assertThat(name).startsWith(safe);
        assertThat(safe.codePoints().filter(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE).count()).isZero();
        assertThat(new String(safe.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(safe);

        String withExt = "é".repeat(140) + "😀.md";   // 280 + 4 + 3 bytes
        String cut = FileNames.sanitise(withExt);
        assertThat(bytes(cut)).isLessThanOrEqualTo(255);
        assertThat(cut).endsWith(".md").startsWith("ééé");
        assertThat(cut.codePoints().filter(cp -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE).count()).isZero();
    }

    @Test
    void unpaired_surrogates_are_removed() {
        assertThat(FileNames.sanitise("x\uD83Dy.txt")).isEqualTo("xy.txt");
    }

    @Test
    void empty_blank_and_null_names_become_the_fallback() {
        assertThat(FileNames.sanitise("")).isEqualTo("attachment");
        assertThat(FileNames.sanitise("   ")).isEqualTo("attachment");
        assertThat(FileNames.sanitise("///")).isEqualTo("attachment");
        assertThat(FileNames.sanitise(null)).isEqualTo("attachment");
    }

    @Test
    void ordinary_names_are_unchanged() {
        assertThat(FileNames.sanitise("report 2026-03.pdf")).isEqualTo("report 2026-03.pdf");
        assertThat(FileNames.sanitise("日本語のファイル.txt")).isEqualTo("日本語のファイル.txt");
        assertThat(FileNames.sanitise("👩‍💻 notes.md")).isEqualTo("👩‍💻 notes.md");
    }

    @Test
    void sanitising_is_idempotent() {
        for (String n : new String[] {"../../x", ".hidden", "CON.txt", "a".repeat(300) + ".txt", "a" + "😀".repeat(80), "a..b", "x.  .y"}) {
            String once = FileNames.sanitise(n);
            assertThat(FileNames.sanitise(once)).as(n).isEqualTo(once);
        }
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
