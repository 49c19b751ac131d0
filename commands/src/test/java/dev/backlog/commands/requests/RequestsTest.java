package dev.backlog.commands.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Json;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The request records against SPEC §10's Tools table: tool names, argument names as serialised, required marks. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class RequestsTest {
    /** The rows of the Tools table; {@code *} marks a required (bold) argument. */
    private static final List<String> TABLE = List.of(
            "project_list: include_archived",
            "project_add: *alias name description repo_path",
            "task_add: project *title description type status priority assignee labels due_date source external_ref"
                    + " project_path blocked_by plans",
            "task_list: project status type priority label assignee claimed_by ready search include_archived sort order"
                    + " limit offset at",
            "task_show: *ref at",
            "task_update: *ref title description type status priority assignee due_date source external_ref project_path"
                    + " base_version force",
            "task_move: *ref *status force base_version",
            "task_claim: *ref lease",
            "task_release: *ref status force",
            "task_next: project type label priority claim lease",
            "task_link: *ref blocks blocked_by",
            "task_unlink: *ref blocks blocked_by",
            "task_archive: *ref",
            "task_restore: *ref",
            "task_history: *ref limit after",
            "plan_add: *task *title *body source change_note",
            "plan_update: *plan_id title body change_note base_version",
            "plan_show: *plan_id version",
            "plan_history: *plan_id",
            "plan_list: *task",
            "comment_add: *task *body",
            "comment_list: *task",
            "label_attach: *task *name",
            "label_detach: *task *name",
            "label_list: project",
            "memory_add: project *body tags",
            "memory_list: project tag limit",
            "memory_append: *memory_id *text",
            "doc_add: project *title body",
            "doc_show: *doc_id version",
            "doc_update: *doc_id title body change_note base_version",
            "doc_list: project",
            "search: *query project kind include_archived limit",
            "activity: project task kind type actor since after limit");

    private static Map<String, List<String>> table() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String row : TABLE) {
            String[] parts = row.split(": ");
            rows.put(parts[0], Arrays.asList(parts[1].split(" ")));
        }
        return rows;
    }

    private static Record empty(Class<? extends Record> type) throws ReflectiveOperationException {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        return type.getDeclaredConstructor(types).newInstance(new Object[components.length]);
    }

    @Test
    void the_tools_are_those_of_the_table_in_its_order() {
        assertThat(new ArrayList<>(Requests.ALL.keySet())).containsExactlyElementsOf(table().keySet());
    }

    @Test
    void each_record_serialises_to_exactly_the_arguments_of_its_tool() throws ReflectiveOperationException {
        for (Map.Entry<String, List<String>> row : table().entrySet()) {
            JsonNode json = Json.MAPPER.valueToTree(empty(Requests.ALL.get(row.getKey())));
            List<String> keys = new ArrayList<>();
            json.fieldNames().forEachRemaining(keys::add);
            assertThat(keys).as(row.getKey()).containsExactlyElementsOf(row.getValue().stream().map(a -> a.replace("*", "")).toList());
        }
    }

    @Test
    void required_marks_the_bold_arguments_only() {
        for (Map.Entry<String, List<String>> row : table().entrySet()) {
            RecordComponent[] components = Requests.ALL.get(row.getKey()).getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                assertThat(Requests.required(components[i])).as(row.getKey() + " " + components[i].getName())
                        .isEqualTo(row.getValue().get(i).startsWith("*"));
            }
        }
    }

    @Test
    void every_tool_has_a_one_sentence_description() {
        Requests.ALL.forEach((tool, type) -> assertThat(Requests.doc(type)).as(tool).isNotBlank().endsWith(".").hasSizeLessThan(100));
    }

    @Test
    void a_task_add_body_accepts_a_numeric_or_named_priority_and_nested_plans() throws Exception {
        AddTask named = Json.MAPPER.readValue("""
                {"title":"Ship","priority":"P2","labels":["ui"],"plans":[{"title":"Plan","body":"Steps","change_note":"first"}]}
                """, AddTask.class);
        assertThat(named.priority()).isEqualTo("P2");
        assertThat(named.plans()).containsExactly(new AddTask.Plan("Plan", "Steps", null, "first"));
        assertThat(Json.MAPPER.readValue("{\"title\":\"Ship\",\"priority\":2}", AddTask.class).priority()).isEqualTo(2);
    }

    @Test
    void an_unknown_argument_is_rejected() {
        assertThatThrownBy(() -> Json.MAPPER.readValue("{\"ref\":\"TASK-1\",\"colour\":\"red\"}", ShowTask.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }

    @Test
    void bind_names_the_field_of_an_unknown_a_mistyped_and_a_missing_argument() throws Exception {
        assertThat(Requests.bind(Json.MAPPER.readTree("{\"ref\":\"TASK-1\",\"lease\":\"2h\"}"), ClaimTask.class))
                .isEqualTo(new ClaimTask("TASK-1", "2h"));
        assertThat(Requests.bind(null, ListProjects.class)).isEqualTo(new ListProjects(null));
        assertThatThrownBy(() -> Requests.bind(Json.MAPPER.readTree("{\"ref\":\"T\",\"colour\":1}"), ShowTask.class))
                .isInstanceOfSatisfying(BacklogException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.details()).containsEntry("field", "colour");
                });
        assertThatThrownBy(() -> Requests.bind(Json.MAPPER.readTree("{\"limit\":\"many\"}"), ListTasks.class))
                .isInstanceOfSatisfying(BacklogException.class, e -> {
                    assertThat(e.details()).containsEntry("field", "limit");
                    assertThat(e.getMessage()).contains("an integer");
                });
        assertThatThrownBy(() -> Requests.bind(Json.MAPPER.readTree("{\"blocks\":\"TASK-2\"}"), LinkTask.class))
                .isInstanceOfSatisfying(BacklogException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                    assertThat(e.details()).containsEntry("field", "ref");
                });
        assertThatThrownBy(() -> Requests.bind(Json.MAPPER.readTree("{\"plan_id\":\"P\",\"base_version\":\"x\"}"), UpdatePlan.class))
                .isInstanceOfSatisfying(BacklogException.class, e -> assertThat(e.details()).containsEntry("field", "base_version"));
    }
}
