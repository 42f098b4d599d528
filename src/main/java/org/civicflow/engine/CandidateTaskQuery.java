package org.civicflow.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tasklist's task query on H2, reading only the tasks of the groups asked for.
 *
 * <p>Tasklist asks for the unassigned tasks of the user's groups, with the engine's authorization check. The engine's
 * statement always <em>left</em>-joins the candidate identity links to the tasks (an "involved user" or an OR query may
 * match a task without one), and H2 never reorders an outer join: it read every unassigned task in the system, then
 * looked for its identity link, so each Tasklist refresh of every office cost as much as all open tasks together (0.1 s
 * at 20,000, several seconds under a deadline storm). PostgreSQL turns such a join into an inner one by itself.
 *
 * <p>Here, on H2, the engine's own statement is registered a second time with one change: when the query is a single
 * query that demands a candidate link ({@code I.TYPE_ = 'candidate'} in its WHERE clause: candidate user or groups)
 * and has no involved user and no "without candidates", it reads from the identity links, inner-joined to their
 * tasks, which gives the same rows; H2 then starts from the group's links by their index (an office with no open task
 * reads nothing, one with 10,000 reads its 10,000). The statement is built at start from the engine's mapping (never copied into
 * this project), so an engine upgrade brings its changes along; if the join is no longer found the engine's statement
 * stays in use and a warning says so ({@code CandidateTaskQueryTests} fails on that too).
 */
@Component
public class CandidateTaskQuery extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(CandidateTaskQuery.class);

    static final String ENGINE_MAPPING = "org/camunda/bpm/engine/impl/mapping/entity/Task.xml";
    static final String ENGINE_NAMESPACE = "org.camunda.bpm.engine.impl.persistence.entity.TaskEntity";
    static final String NAMESPACE = "org.civicflow.engine.CandidateTaskQuery";
    /** The engine's statements and fragment, and the ids they get here (distinct, so short names stay unambiguous). */
    static final Map<String, String> RENAMED = Map.of(
            "selectTaskByQueryCriteria", "selectTaskByQueryCriteriaCandidatesFirst",
            "selectTaskCountByQueryCriteria", "selectTaskCountByQueryCriteriaCandidatesFirst",
            "selectTaskByQueryCriteriaSql", "selectTaskByQueryCriteriaSqlCandidatesFirst");
    static final String FROM_TASKS = "from ${prefix}ACT_RU_TASK RES";
    static final String LEFT_JOIN = "left join ${prefix}ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_";
    private static final String CANDIDATES_ONLY = "@" + CandidateTaskQuery.class.getName() + "@joinsCandidatesOnly(_parameter)";
    static final String FROM_LINKS_OR_TASKS = "<choose><when test=\"" + CANDIDATES_ONLY + "\">"
            + "from ${prefix}ACT_RU_IDENTITYLINK I inner join ${prefix}ACT_RU_TASK RES on I.TASK_ID_ = RES.ID_"
            + "</when><otherwise>" + FROM_TASKS + "</otherwise></choose>";
    static final String LEFT_JOIN_UNLESS_FROM_LINKS = "<if test=\"!" + CANDIDATES_ONLY + "\">" + LEFT_JOIN + "</if>";

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!"h2".equals(configuration.getDatabaseType())) {
            return;
        }
        String mapper;
        try (InputStream in = CandidateTaskQuery.class.getClassLoader().getResourceAsStream(ENGINE_MAPPING)) {
            mapper = in == null ? null : mapper(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the engine's task mapping " + ENGINE_MAPPING, e);
        }
        if (mapper == null) {
            log.warn("The engine's task query no longer has the expected shape; Tasklist's queries on H2 read every "
                    + "unassigned task (engine/CandidateTaskQuery)");
            return;
        }
        Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
        if (!mybatis.hasStatement(NAMESPACE + "." + RENAMED.get("selectTaskByQueryCriteria"), false)) {
            // not yet registered (engines may share one MyBatis configuration: isUseSharedSqlSessionFactory)
            new XMLMapperBuilder(new ByteArrayInputStream(mapper.getBytes(StandardCharsets.UTF_8)), mybatis,
                    NAMESPACE + ".xml", mybatis.getSqlFragments()).parse();
        }
        DbSqlSessionFactory statements = configuration.getDbSqlSessionFactory();
        Map<String, String> mappings = statements.getStatementMappings() == null ? new HashMap<>()
                : new HashMap<>(statements.getStatementMappings()); // the engine's map is shared by all its H2 engines
        mappings.put("selectTaskByQueryCriteria", NAMESPACE + "." + RENAMED.get("selectTaskByQueryCriteria"));
        mappings.put("selectTaskCountByQueryCriteria", NAMESPACE + "." + RENAMED.get("selectTaskCountByQueryCriteria"));
        statements.setStatementMappings(mappings);
    }

    /**
     * Whether the query (as the mapping sees it) can only match tasks with a candidate identity link, so an inner join
     * gives the same rows as the engine's left join.
     */
    public static boolean joinsCandidatesOnly(Object parameter) {
        if (!(parameter instanceof TaskQueryImpl query) || query.getQueries().size() != 1 || query.isOrQueryActive()) {
            return false;
        }
        boolean candidateRequired = query.getCandidateUser() != null || query.getCandidateGroups() != null
                || query.getCandidateGroupLike() != null || Boolean.TRUE.equals(query.isWithCandidateGroups())
                || Boolean.TRUE.equals(query.isWithCandidateUsers());
        return candidateRequired && query.getInvolvedUser() == null
                && !Boolean.TRUE.equals(query.isWithoutCandidateGroups())
                && !Boolean.TRUE.equals(query.isWithoutCandidateUsers());
    }

    /** Our mapper built from the engine's task mapping, or null when it no longer has the shape this expects. */
    static String mapper(String engineMapping) {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> statement : RENAMED.entrySet()) {
            Matcher element = Pattern.compile("<(select|sql) id=\"" + Pattern.quote(statement.getKey())
                    + "\"[\\s\\S]*?</\\1>").matcher(engineMapping);
            if (!element.find()) {
                return null;
            }
            body.append(element.group()).append("\n\n");
        }
        String statements = body.toString();
        if (occurrences(statements, FROM_TASKS) != 1 || occurrences(statements, LEFT_JOIN) != 1) {
            return null; // the table or the join is not there exactly once
        }
        statements = statements.replace(FROM_TASKS, FROM_LINKS_OR_TASKS).replace(LEFT_JOIN, LEFT_JOIN_UNLESS_FROM_LINKS);
        for (Map.Entry<String, String> renamed : RENAMED.entrySet()) {
            statements = statements.replace("id=\"" + renamed.getKey() + "\"", "id=\"" + renamed.getValue() + "\"")
                    .replace("refid=\"" + renamed.getKey() + "\"", "refid=\"" + renamed.getValue() + "\"");
        }
        // the engine's fragments and result map keep their home: qualify the relative references left
        statements = statements.replaceAll("refid=\"([A-Za-z]+)\"", "refid=\"" + ENGINE_NAMESPACE + ".$1\"")
                .replaceAll("resultMap=\"([A-Za-z]+)\"", "resultMap=\"" + ENGINE_NAMESPACE + ".$1\"");
        for (String renamed : RENAMED.values()) { // our own fragment stays ours
            statements = statements.replace(ENGINE_NAMESPACE + "." + renamed, renamed);
        }
        return """
                <?xml version="1.0" encoding="UTF-8" ?>
                <!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "http://mybatis.org/dtd/mybatis-3-mapper.dtd">
                <mapper namespace="%s">
                %s
                </mapper>
                """.formatted(NAMESPACE, statements);
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}
