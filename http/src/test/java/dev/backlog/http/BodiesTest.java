package dev.backlog.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backlog.commands.requests.AddTask;
import dev.backlog.commands.requests.MoveTask;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class BodiesTest {
    private static BacklogException failure(Runnable r) {
        try {
            r.run();
        } catch (BacklogException e) {
            return e;
        }
        throw new AssertionError("no failure");
    }

    @Test
    void a_snake_case_body_binds_to_the_request_record() {
        AddTask t = Bodies.bind(Bodies.object("{\"title\":\"x\",\"due_date\":\"2026-01-02\",\"blocked_by\":[\"TASK-1\"],\"priority\":2}"
                .getBytes(StandardCharsets.UTF_8)), AddTask.class, Map.of());
        assertThat(t.dueDate()).isEqualTo("2026-01-02");
        assertThat(t.blockedBy()).containsExactly("TASK-1");
        assertThat(t.priority()).isEqualTo(2);
    }

    @Test
    void an_unknown_field_and_a_missing_required_field_are_INVALID_ARGUMENT_naming_the_field() {
        var unknown = failure(() -> Bodies.bind(Bodies.object("{\"title\":\"x\",\"dueDate\":\"y\"}".getBytes(StandardCharsets.UTF_8)),
                AddTask.class, Map.of()));
        assertThat(unknown.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(unknown.details()).containsEntry("field", "dueDate");
        var missing = failure(() -> Bodies.bind(Bodies.object("{}".getBytes(StandardCharsets.UTF_8)), MoveTask.class, Map.of("ref", "TASK-1")));
        assertThat(missing.details()).containsEntry("field", "status");
        var nulled = failure(() -> Bodies.bind(Bodies.object("{\"title\":null}".getBytes(StandardCharsets.UTF_8)), AddTask.class, Map.of()));
        assertThat(nulled.details()).containsEntry("field", "title");
    }

    @Test
    void a_field_the_path_supplies_may_not_be_in_the_body() {
        var e = failure(() -> Bodies.bind(Bodies.object("{\"ref\":\"TASK-2\",\"status\":\"done\"}".getBytes(StandardCharsets.UTF_8)),
                MoveTask.class, Map.of("ref", "TASK-1")));
        assertThat(e.details()).containsEntry("field", "ref");
    }

    @Test
    void a_body_over_the_limit_is_PAYLOAD_TOO_LARGE_after_reading_at_most_one_buffer_more() {
        byte[] big = new byte[100_000];
        ByteArrayInputStream in = new ByteArrayInputStream(big);
        assertThatThrownBy(() -> Bodies.read(in, 50_000, Long.MAX_VALUE)).isInstanceOfSatisfying(BacklogException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE));
        assertThat(in.available()).isGreaterThan(30_000);
    }

    @Test
    void an_empty_body_is_an_empty_object_and_a_non_object_is_invalid() {
        assertThat(Bodies.object(new byte[0]).size()).isZero();
        assertThat(failure(() -> Bodies.object("[]".getBytes(StandardCharsets.UTF_8))).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(failure(() -> Bodies.object("{".getBytes(StandardCharsets.UTF_8))).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
}
