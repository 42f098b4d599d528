package org.civicflow.citizenrequest;

import static org.civicflow.citizenrequest.CitizenRequestProcess.Vars;

import java.util.List;
import java.util.function.Function;

import org.civicflow.notification.Mail;

/**
 * The bilingual mails of the citizen-request process: 中文 first, English below, plain text. Each reads the case's
 * values by their process-variable names ({@link Vars}), from a process step ({@code execution::getVariable}) or from
 * the case record when {@link MailOutbox} renders a queued mail.
 */
final class MailTemplates {

    private static final String SIGNATURE = "\n\n——\n12345 市民服务热线 Chongqing 12345 citizen service hotline\n"
            + "本邮件由系统自动发送，请勿直接回复。This mail was sent automatically; please do not reply to it.";

    private MailTemplates() {
    }

    static Mail receipt(Function<String, Object> v, String to) {
        return new Mail(List.of(to), "【12345】您的诉求已受理 Your request %s has been received".formatted(v(v, Vars.CASE_NUMBER)),
                """
                %s 您好：

                您反映的诉求已受理，编号 %s。我们将按时限办理并答复您。
                类别：%s
                内容：%s

                Dear %s,

                your request has been received as case %s. It will be handled within its time limit and you will receive a reply.
                Category: %s
                Description: %s""".formatted(name(v), v(v, Vars.CASE_NUMBER), v(v, Vars.CATEGORY_LABEL), v(v, Vars.DESCRIPTION),
                        name(v), v(v, Vars.CASE_NUMBER), v(v, Vars.CATEGORY_LABEL), v(v, Vars.DESCRIPTION)) + SIGNATURE);
    }

    static Mail reply(Function<String, Object> v, String to) {
        return new Mail(List.of(to), "【12345】诉求答复 Reply to your request %s".formatted(v(v, Vars.CASE_NUMBER)),
                """
                %s 您好：

                关于您反映的诉求（编号 %s），%s答复如下：

                %s

                我们将在三个工作日内回访，了解您是否满意。

                Dear %s,

                about your request %s, %s replies:

                %s

                We will call you back within three working days to ask whether you are satisfied.""".formatted(
                        name(v), v(v, Vars.CASE_NUMBER), v(v, Vars.HANDLER_OFFICE_NAME), v(v, Vars.REPLY_TO_CITIZEN),
                        name(v), v(v, Vars.CASE_NUMBER), v(v, Vars.HANDLER_OFFICE_NAME), v(v, Vars.REPLY_TO_CITIZEN)) + SIGNATURE);
    }

    static Mail dispatched(Function<String, Object> v, List<String> to, String due) {
        return new Mail(to, "【派单】%s 请签收 Case %s dispatched to your office".formatted(v(v, Vars.CASE_NUMBER), v(v, Vars.CASE_NUMBER)),
                """
                工单 %s（%s，%s）已派至贵单位，请于 %s 前签收；如非贵单位职责，请说明理由退单。

                Case %s (%s, %s) has been dispatched to your office. Please sign for it by %s, or return it with a \
                reason if it is not your office's responsibility.

                地址 Address: %s
                诉求内容 Description: %s""".formatted(v(v, Vars.CASE_NUMBER), v(v, Vars.CATEGORY_LABEL), v(v, Vars.SLA_CLASS_LABEL),
                        due, v(v, Vars.CASE_NUMBER), v(v, Vars.CATEGORY_LABEL), v(v, Vars.SLA_CLASS_LABEL), due,
                        v(v, Vars.ADDRESS), v(v, Vars.DESCRIPTION)) + SIGNATURE);
    }

    /** A case's line in a digest of dispatch notices: number, category, SLA class, sign-for due, address. */
    static String dispatchedLine(Function<String, Object> v, String due) {
        return "%s（%s，%s）签收时限 sign for by %s；地址 address: %s".formatted(v(v, Vars.CASE_NUMBER),
                v(v, Vars.CATEGORY_LABEL), v(v, Vars.SLA_CLASS_LABEL), due, v(v, Vars.ADDRESS));
    }

    /** Several cases dispatched to one office in one mail: a line each ({@link #dispatchedLine}), at most {@code listed}. */
    static Mail dispatchedDigest(String to, List<String> lines, int listed) {
        int n = lines.size();
        return digest(to, "【派单】%d 件工单请签收 %d cases dispatched to your office".formatted(n, n), """
                以下 %d 件工单已派至贵单位，请在时限内签收（签收任务见 Tasklist）；如非贵单位职责，请说明理由退单：
                These %d cases have been dispatched to your office. Please sign for each in time (the tasks are in \
                Tasklist), or return it with a reason if it is not your office's responsibility:
                """.formatted(n, n), lines, listed);
    }

    static Mail callBackInvitation(Function<String, Object> v, String to, String due) {
        return new Mail(List.of(to), "【12345】回访邀请 We will call you about your request %s".formatted(v(v, Vars.CASE_NUMBER)),
                """
                %s 您好：

                您反映的诉求（编号 %s）已由%s答复。12345 将于 %s 前致电回访，请您告知问题是否已解决、对办理是否满意\
                （满意、基本满意或不满意）。问题未解决且不满意的，诉求将重新办理。

                Dear %s,

                %s has replied to your request %s. The 12345 hotline will call you by %s to ask whether the problem is \
                resolved and whether you are satisfied (satisfied, basically satisfied or unsatisfied). If it is not \
                resolved and you are not satisfied, the request will be handled again.""".formatted(
                        name(v), v(v, Vars.CASE_NUMBER), v(v, Vars.HANDLER_OFFICE_NAME), due,
                        name(v), v(v, Vars.HANDLER_OFFICE_NAME), v(v, Vars.CASE_NUMBER), due) + SIGNATURE);
    }

    static Mail reminder(Function<String, Object> v, List<String> to, String taskName, String due) {
        return new Mail(to, "【催办提醒】%s 即将到期 Reminder: %s is due %s".formatted(v(v, Vars.CASE_NUMBER), v(v, Vars.CASE_NUMBER), due),
                """
                工单 %s（%s）的“%s”已用去 75%% 的时限，将于 %s 到期，请抓紧办理。

                Case %s (%s): 75%% of the time for "%s" is used; it is due %s. Please complete it in time.

                诉求内容 Description: %s""".formatted(v(v, Vars.CASE_NUMBER), v(v, Vars.CATEGORY_LABEL), taskName, due,
                        v(v, Vars.CASE_NUMBER), v(v, Vars.CATEGORY_LABEL), taskName, due, v(v, Vars.DESCRIPTION)) + SIGNATURE);
    }

    static Mail breach(Function<String, Object> v, List<String> to) {
        return new Mail(to, "【超时督办】%s 已超时 Deadline missed: %s".formatted(v(v, Vars.CASE_NUMBER), v(v, Vars.CASE_NUMBER)),
                """
                工单 %s 的“%s”已于 %s 超时，承办单位：%s。已转 %s 督办。

                Case %s: "%s" was due %s and is still open at %s. The case is escalated to %s for supervision.

                诉求内容 Description: %s""".formatted(v(v, Vars.CASE_NUMBER), v(v, Vars.LATE_TASK_NAME), v(v, Vars.MISSED_DEADLINE),
                        v(v, Vars.LATE_OFFICE_NAME), v(v, Vars.SUPERVISOR_GROUP), v(v, Vars.CASE_NUMBER), v(v, Vars.LATE_TASK_NAME),
                        v(v, Vars.MISSED_DEADLINE), v(v, Vars.LATE_OFFICE_NAME), v(v, Vars.SUPERVISOR_GROUP), v(v, Vars.DESCRIPTION)) + SIGNATURE);
    }

    /** A case's line in a digest of breach mails: number, late task, deadline, late office, supervisor. */
    static String breachLine(Function<String, Object> v) {
        return "%s “%s” 到期 due %s，承办 office %s，督办 supervisor %s".formatted(v(v, Vars.CASE_NUMBER),
                v(v, Vars.LATE_TASK_NAME), v(v, Vars.MISSED_DEADLINE), v(v, Vars.LATE_OFFICE_NAME),
                v(v, Vars.SUPERVISOR_GROUP));
    }

    /**
     * Several late cases for one recipient in one mail: a line each ({@link #breachLine}), at most {@code listed}, then
     * how many more.
     */
    static Mail breachDigest(String to, List<String> lines, int listed) {
        int n = lines.size();
        return digest(to, "【超时督办】%d 件工单已超时 Deadlines missed: %d cases".formatted(n, n), """
                以下 %d 件工单已超时，均已转上一级督办（督办任务见 Tasklist）：
                These %d cases missed a deadline; each is escalated for supervision (the 督办 tasks are in Tasklist):
                """.formatted(n, n), lines, listed);
    }

    private static Mail digest(String to, String subject, String intro, List<String> lines, int listed) {
        StringBuilder body = new StringBuilder(intro).append('\n');
        lines.stream().limit(listed).forEach(line -> body.append("- ").append(line).append('\n'));
        if (lines.size() > listed) {
            int more = lines.size() - listed;
            body.append("……另有 %d 件 / … and %d more\n".formatted(more, more));
        }
        return new Mail(List.of(to), subject, body + SIGNATURE);
    }

    static Mail supervision(Function<String, Object> v, List<String> to) {
        String action = switch (String.valueOf(v.apply(Vars.SUPERVISION_ACTION))) {
            case CitizenRequestProcess.Values.URGE -> "催办 Urged";
            case CitizenRequestProcess.Values.REASSIGN -> "改派至贵单位 Reassigned to your office";
            case CitizenRequestProcess.Values.TAKE_OVER -> "由督办单位接办 Taken over by the supervision office";
            case CitizenRequestProcess.Values.EXTEND -> "批准延期至 Extended until " + v(v, Vars.HANDLING_DEADLINE_LABEL);
            default -> String.valueOf(v.apply(Vars.SUPERVISION_ACTION));
        };
        return new Mail(to, "【督办】%s：%s Supervision of case %s".formatted(v(v, Vars.CASE_NUMBER), action, v(v, Vars.CASE_NUMBER)),
                """
                督办单位 %s 对工单 %s（“%s”，%s 到期）作出督办：%s

                督办意见：%s

                The supervision office %s acted on case %s ("%s", due %s): %s
                Note: %s

                诉求内容 Description: %s""".formatted(v(v, Vars.SUPERVISOR_GROUP), v(v, Vars.CASE_NUMBER), v(v, Vars.LATE_TASK_NAME),
                        v(v, Vars.MISSED_DEADLINE), action, v(v, Vars.SUPERVISION_NOTE), v(v, Vars.SUPERVISOR_GROUP),
                        v(v, Vars.CASE_NUMBER), v(v, Vars.LATE_TASK_NAME), v(v, Vars.MISSED_DEADLINE), action,
                        v(v, Vars.SUPERVISION_NOTE), v(v, Vars.DESCRIPTION)) + SIGNATURE);
    }

    private static String name(Function<String, Object> v) {
        Object name = v.apply(Vars.REPORTER_NAME);
        return name == null ? "市民 citizen" : name.toString();
    }

    private static String v(Function<String, Object> v, String name) {
        Object value = v.apply(name);
        return value == null ? "—" : value.toString();
    }
}
