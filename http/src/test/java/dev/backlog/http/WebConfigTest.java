package dev.backlog.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class WebConfigTest {
    @Test
    void loopback_names_and_addresses_are_recognised_and_everything_else_is_remote() {
        assertThat(WebConfig.isLoopback("127.0.0.1")).isTrue();
        assertThat(WebConfig.isLoopback("127.1.2.3")).isTrue();
        assertThat(WebConfig.isLoopback("localhost")).isTrue();
        assertThat(WebConfig.isLoopback("::1")).isTrue();
        assertThat(WebConfig.isLoopback("[::1]")).isTrue();
        assertThat(WebConfig.isLoopback("0.0.0.0")).isFalse();
        assertThat(WebConfig.isLoopback("::")).isFalse();
        assertThat(WebConfig.isLoopback("10.0.0.1")).isFalse();
        assertThat(WebConfig.isLoopback("localhost.evil.example")).isFalse();
    }

    @Test
    void a_download_name_becomes_an_ASCII_filename_and_an_RFC_5987_filename_star() {
        assertThat(AttachmentRoutes.disposition("attachment", "a\"b;é.txt"))
                .isEqualTo("attachment; filename=\"a_b__.txt\"; filename*=UTF-8''a%22b%3B%C3%A9.txt");
    }
}
