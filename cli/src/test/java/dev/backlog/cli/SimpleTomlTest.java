package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast path must read exactly what the full TOML parser reads, or step aside. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SimpleTomlTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "name = \"ws\"\n",
        "name = \"a \\\"q\\\" \\\\ b\"   # comment\ndefault_project = 'api'\n\n[defaults]\nactor = \"ai:x\"\npriority = 2\n",
        "[web]\nallowed_hosts = [\"a.local\", 'b.local',]\nport = 8080\n[output]\nformat = \"json\"\ncolor = 'never'\n",
        "default_profile = \"p\"\n[profiles.p]\npath = \"/tmp/x\"\n[profiles.q]\npath = '~/y'\n",
        "[claims]\ndefault_lease = \"never\"\n[store]\nbusy_timeout = \"5s\"\nflag = true\n",
    })
    void it_reads_what_the_full_parser_reads(String text) throws Exception {
        JsonNode full = new TomlMapper().readTree(text);
        assertThat(SimpleToml.parse(text)).contains(full);
    }

    @ParameterizedTest
    @ValueSource(strings = {"name = ", "name = \"unterminated", "a = 1\na = 2\n", "x = { inline = 1 }", "s = \"\\u00e9\"",
        "t = 1979-05-27", "m = \"\"\"multi\"\"\"", "f = 1.5", "[bad name]", "k = [[1]]"})
    void it_steps_aside_for_anything_else(String text) {
        assertThat(SimpleToml.parse(text)).isEmpty();
    }

    @Test
    void an_empty_file_is_an_empty_table() {
        assertThat(SimpleToml.parse("").orElseThrow().size()).isZero();
    }
}
