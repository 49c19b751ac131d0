package dev.backlog.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Json;
import dev.backlog.projector.ReadyTasks;
import dev.backlog.query.Views.PlanView;
import dev.backlog.query.Views.TaskDetail;
import dev.backlog.query.Views.TaskView;
import java.util.List;

/**
 * The prompts of SPEC §10, built from live data at the time of {@code prompts/get}: {@code next-task} names the
 * best ready task and how to claim and plan it; {@code plan-task} hands over a task and its plans to draft a plan.
 */
final class Prompts {
    private final McpWorkspace ws;

    Prompts(McpWorkspace ws) {
        this.ws = ws;
    }

    ObjectNode list() {
        ObjectNode r = Json.MAPPER.createObjectNode();
        ArrayNode list = r.putArray("prompts");
        ObjectNode next = list.addObject().put("name", "next-task").put("title", "Next task")
                .put("description", "Pick, claim and plan the next ready task of a project.");
        next.putArray("arguments").addObject().put("name", "project").put("description", "Project alias; default project if omitted")
                .put("required", false);
        ObjectNode plan = list.addObject().put("name", "plan-task").put("title", "Plan a task")
                .put("description", "Draft a plan for a task and save it with plan_add.");
        plan.putArray("arguments").addObject().put("name", "ref").put("description", "Task reference, e.g. TASK-12").put("required", true);
        return r;
    }

    ObjectNode get(ObjectNode params) {
        String name = params.path("name").asText("");
        JsonNode args = params.path("arguments");
        try {
            return switch (name) {
                case "next-task" -> nextTask(text(args, "project"));
                case "plan-task" -> planTask(required(args, "ref"));
                default -> throw new RpcException(RpcException.INVALID_PARAMS, "Unknown prompt: " + name);
            };
        } catch (BacklogException e) {
            if (e.code() == ErrorCode.NO_READY_TASK) {
                return prompt("No ready task", "There is no ready task" + (e.details().get("project") == null ? "" : " in this project")
                        + " right now. Look at task_list with status todo to see what is blocked, or ask the user what to do next.");
            }
            throw new RpcException(RpcException.INVALID_PARAMS, e.code().name() + ": " + e.getMessage(), Dispatcher.errorDocument(e));
        }
    }

    private ObjectNode nextTask(String project) {
        String alias = ws.projectFilter(project);
        String projectId = alias == null ? null : ws.queries().lookup().project(alias);
        TaskView t = ws.queries().next(new ReadyTasks.Filter(projectId, List.of(), List.of(), List.of()));
        String claim = "{\"ref\":\"" + t.ref() + "\"}";
        return prompt("Next ready task: " + t.ref(), "The next ready task" + (alias == null ? "" : " of project " + alias) + " is "
                + t.ref() + " \"" + t.title() + "\" (P" + t.priority() + ", " + t.type() + ")."
                + (t.description() == null ? "" : "\n\nDescription:\n" + t.description())
                + "\n\n1. Claim it with task_claim " + claim + " (if another agent was faster you get TASK_ALREADY_CLAIMED: call"
                + " task_next with claim true instead).\n2. Read plan_list " + "{\"task\":\"" + t.ref() + "\"} and memory_list for"
                + " context.\n3. Write your plan with plan_add before changing code.\n4. When done, comment_add what you did and"
                + " task_move " + "{\"ref\":\"" + t.ref() + "\",\"status\":\"done\"}.");
    }

    private ObjectNode planTask(String ref) {
        TaskDetail d = ws.queries().task(ref);
        TaskView t = d.task();
        StringBuilder text = new StringBuilder("Draft an implementation plan for " + t.ref() + " \"" + t.title() + "\" (status "
                + t.status() + ", P" + t.priority() + ").");
        if (t.description() != null) {
            text.append("\n\nDescription:\n").append(t.description());
        }
        for (PlanView p : d.plans()) {
            text.append("\n\nExisting plan ").append(p.id()).append(" v").append(p.currentVersion()).append(" \"")
                    .append(p.version().title()).append("\":\n").append(p.version().body());
        }
        text.append("\n\nWrite concrete steps, the files to touch and how to test. Save it with plan_add {\"task\":\"")
                .append(t.ref()).append("\",\"title\":…,\"body\":…}")
                .append(d.plans().isEmpty() ? "." : ", or revise an existing plan with plan_update and its base_version.");
        return prompt("Plan for " + t.ref(), text.toString());
    }

    private static ObjectNode prompt(String description, String text) {
        ObjectNode r = Json.MAPPER.createObjectNode().put("description", description);
        r.putArray("messages").addObject().put("role", "user").putObject("content").put("type", "text").put("text", text);
        return r;
    }

    private static String text(JsonNode args, String name) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new RpcException(RpcException.INVALID_PARAMS, "Invalid params: prompt argument " + name + " must be a string");
        }
        return v.asText();
    }

    private static String required(JsonNode args, String name) {
        String v = text(args, name);
        if (v == null || v.isBlank()) {
            throw new RpcException(RpcException.INVALID_PARAMS, "Invalid params: prompt argument " + name + " is required");
        }
        return v;
    }
}
