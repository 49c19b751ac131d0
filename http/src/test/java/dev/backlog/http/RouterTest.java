package dev.backlog.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class RouterTest {
    private final Router router = new Router()
            .get("/api/tasks/{ref}", c -> Reply.ok("show"))
            .patch("/api/tasks/{ref}", c -> Reply.ok("patch"))
            .get("/api/tasks/next", c -> Reply.ok("next"))
            .post("/api/tasks/{ref}/claim", c -> Reply.ok("claim"));

    @Test
    void a_literal_segment_wins_over_a_parameter() throws Exception {
        var m = (Router.Found) router.match("GET", "/api/tasks/next");
        assertThat(m.route().action().handle(null).body()).isEqualTo("next");
        var ref = (Router.Found) router.match("GET", "/api/tasks/TASK-7");
        assertThat(ref.params()).containsEntry("ref", "TASK-7");
    }

    @Test
    void a_known_path_with_another_method_lists_the_allowed_methods() {
        assertThat(router.match("DELETE", "/api/tasks/TASK-7")).isEqualTo(new Router.WrongMethod(java.util.Set.of("GET", "PATCH")));
        assertThat(router.match("GET", "/api/tasks/TASK-7/claim")).isInstanceOf(Router.WrongMethod.class);
    }

    @Test
    void an_unknown_path_or_an_empty_parameter_is_not_found() {
        assertThat(router.match("GET", "/api/tasks/TASK-7/nope")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match("GET", "/api/projects")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match("POST", "/api/tasks//claim")).isInstanceOf(Router.NotFound.class);
    }
}
