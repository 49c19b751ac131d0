package dev.backlog.cli;

import dev.backlog.model.BacklogException;
import dev.backlog.query.Views.SearchResult;
import dev.backlog.query.Views.SearchResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backlog search <query>} (SPEC §3.8, §7): full-text search over tasks, comments, plans, docs and memory. */
@Command(name = "search", description = "Full-text search (prefix*, AND/OR/NOT, \"phrases\", title:/body:)")
final class SearchCommand extends Base {
    static final List<String> KINDS = dev.backlog.query.Inputs.SEARCH_KINDS;
    @Parameters(paramLabel = "QUERY") String query;
    @Option(names = {"-p", "--project"}) String project;
    @Option(names = {"-A", "--all-projects"}) boolean allProjects;
    @Option(names = "--kind", paramLabel = "KIND") List<String> kind;
    @Option(names = "--include-archived") boolean includeArchived;
    @Option(names = "--limit") String limit;
    @Option(names = "--offset") String offset;

    SearchCommand(App app) {
        super(app);
    }

    @Override
    int run() {
        List<String> kinds = dev.backlog.query.Inputs.searchKinds(kind);
        SearchResults r = queries().search(query, s().projectFilter(project, allProjects), kinds, includeArchived,
                Args.limit("limit", limit, 20, Integer.MAX_VALUE), Args.limit("offset", offset, 0, Integer.MAX_VALUE));
        return print(r, null, () -> {
            List<List<String>> rows = new ArrayList<>();
            for (SearchResult s : r.results()) {
                rows.add(List.of(s.kind(), s.ref() != null ? s.ref() : s.id(), Text.truncate(s.title(), 40), Text.truncate(s.snippet(), 70)));
            }
            return Text.table(List.of("KIND", "REF/ID", "TITLE", "SNIPPET"), rows) + "showing " + r.page().count() + " of "
                    + r.page().total() + "\n";
        });
    }
}
