package dev.backlog.mcp;

import dev.backlog.commands.CommandService;
import dev.backlog.commands.ContextService;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.query.QueryService;
import dev.backlog.query.schema.JsonSchemas;

/**
 * What the server works on, resolved once at start (SPEC §10): the services over one connection, the actor every
 * write is signed with, the workspace's default project ({@code null} if none) and the program version.
 */
public record McpWorkspace(CommandService commands, ContextService context, QueryService queries, Actor actor,
                           String defaultProject, String version, JsonSchemas schemas) {

    /** A project argument as a filter: absent = the default project, {@code ""} = every project. */
    String projectFilter(String project) {
        if (project != null) {
            return project.isEmpty() ? null : project;
        }
        return defaultProject;
    }

    /** A project argument as the target of a write: absent or {@code ""} = the default project, else PROJECT_REQUIRED. */
    String projectTarget(String project) {
        String p = project != null && !project.isEmpty() ? project : defaultProject;
        if (p == null) {
            throw new BacklogException(ErrorCode.PROJECT_REQUIRED, "no project: pass project or set a default with `backlog project set-default`");
        }
        return p;
    }
}
