package com.countersign.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.countersign.support.CountersignTest;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Checking a deployment script at its limits (5,000 statements, 1 MB, the defaults of
 * countersign.deployment.max-statements and max-script-bytes): parse, read back, allow-list,
 * key predicates, all of it before the dry run. Issue 12 measured 196-337 s for a 10 MB script.
 */
@Tag("bench")
@CountersignTest
class DeploymentScriptBenchmark {

    static final int STATEMENTS = 5000;
    static final int BYTES = 1_048_576;

    @Autowired JdbcClient jdbc;

    @Test
    void a_script_at_the_limit_is_checked_in_under_five_seconds() throws Exception {
        String script = scriptAtTheLimit();
        Method parse = Class.forName("com.countersign.deployment.DeploymentScript")
                .getDeclaredMethod("parse", String.class);
        parse.setAccessible(true); // package-private on purpose: only the deployment feature parses scripts
        List<?> statements = (List<?>) parse.invoke(null, script);
        assertThat(statements).hasSize(STATEMENTS);

        BenchReport report = BenchReport.start("deployment-script", "checking a deployment script at its limits", jdbc)
                .setup("statements", STATEMENTS)
                .setup("bytes", script.getBytes(StandardCharsets.UTF_8).length)
                .setup("statement", "update proforma set notes = '...' where id = N and status = 'DRAFT'");
        report.measure("parse and check the whole script", () -> {
            try {
                parse.invoke(null, script);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }).atMostMillis(5000);
        report.write();
        BenchMarkdown.render(Path.of("target", "bench"));
        if (BenchSettings.strict()) {
            assertThat(report.missedTargets()).extracting(BenchReport.Figure::label).isEmpty();
        }
    }

    private static String scriptAtTheLimit() {
        StringBuilder script = new StringBuilder();
        int room = BYTES / STATEMENTS;
        for (int i = 1; i <= STATEMENTS; i++) {
            String head = "update proforma set notes = 'fix " + i + " ";
            String tail = "' where id = " + i + " and status = 'DRAFT';\n";
            script.append(head).append("x".repeat(Math.max(0, room - head.length() - tail.length()))).append(tail);
        }
        return script.toString();
    }
}
