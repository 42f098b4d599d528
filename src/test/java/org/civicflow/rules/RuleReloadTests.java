package org.civicflow.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The external rule directory: hot reload, a broken DRL refused while the previous rules keep running. */
class RuleReloadTests {

    @TempDir
    Path directory;

    @Test
    void aBrokenDrlInTheWatchedDirectoryIsRefusedWithTheCompilersMessageAndThePreviousRulesKeepRunning() throws IOException {
        write("marks/marks.drl", markingRule("v1"));
        RuleBase rules = new RuleBase(new PathMatchingResourcePatternResolver(), directory);
        String v1 = rules.version("marks");

        write("marks/marks.drl", "package org.civicflow.rules.test;\nrule \"unfinished\" when then oops(;\nend\n");
        RuleBase.Reload refused = rules.reload();

        assertThat(refused.refused()).containsKey("marks");
        assertThat(refused.refused().get("marks")).contains("marks.drl");
        assertThat(rules.version("marks")).isEqualTo(v1);
        assertThat(marks(rules)).containsExactly("v1");

        write("marks/marks.drl", markingRule("v2"));
        RuleBase.Reload accepted = rules.reload();

        assertThat(accepted.refused()).isEmpty();
        assertThat(accepted.versions().get("marks")).isNotEqualTo(v1).isEqualTo(rules.version("marks"));
        assertThat(marks(rules)).containsExactly("v2");
    }

    @Test
    void theVersionIsAHashOfTheContentsSoAnUnchangedReloadKeepsIt() throws IOException {
        write("marks/marks.drl", markingRule("v1"));
        RuleBase rules = new RuleBase(new PathMatchingResourcePatternResolver(), directory);
        String before = rules.version("marks");

        RuleBase.Reload reload = rules.reload();

        assertThat(reload.versions()).containsEntry("marks", before);
        assertThat(before).hasSize(16).isEqualTo(new RuleBase(new PathMatchingResourcePatternResolver(), directory).version("marks"));
        assertThat(rules.areas()).contains("escalation", "routing", "marks");
    }

    @Test
    void aBrokenReplacementOfAPackagedDrlLeavesThePackagedRulesInForce() throws IOException {
        String packaged = new RuleBase().version("routing");
        write("routing/routing.drl", "package org.civicflow.routing;\nrule \"broken\" when RoutingRequest( then end\n");

        RuleBase rules = new RuleBase(new PathMatchingResourcePatternResolver(), directory);

        assertThat(rules.version("routing")).isEqualTo(packaged);
    }

    @Test
    void theWatcherReloadsWhenAFileInTheDirectoryChanges() throws IOException {
        write("marks/marks.drl", markingRule("v1"));
        RuleBase rules = new RuleBase(new PathMatchingResourcePatternResolver(), directory);
        RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(rules);
        watcher.start();
        try {
            write("marks/marks.drl", markingRule("v2"));

            await().atMost(Duration.ofSeconds(20)).until(() -> marks(rules).contains("v2"));
        } finally {
            watcher.stop();
        }
        assertThat(watcher.isRunning()).isFalse();
    }

    private static List<String> marks(RuleBase rules) {
        List<String> marks = new ArrayList<>();
        rules.evaluate("marks", List.of(marks));
        return marks;
    }

    private static String markingRule(String mark) {
        return """
                package org.civicflow.rules.test;
                import java.util.List;

                rule "A list of marks gets the mark %s"
                when
                    $marks : List( isEmpty() )
                then
                    $marks.add("%s");
                end
                """.formatted(mark, mark);
    }

    private void write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
