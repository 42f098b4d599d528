package org.civicflow.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates a Camunda group for every office and, in the demo profile, one user per office (id = group id).
 *
 * <p>Idempotent and cheap on later starts: a fingerprint of what was seeded is kept as an engine property, so an
 * unchanged office tree costs one property read; a changed tree creates only what is missing.
 */
@Component
class IdentitySeeder implements SmartInitializingSingleton {

    static final String GROUP_TYPE = "office";
    static final String FINGERPRINT_PROPERTY = "civicflow.identity.fingerprint";
    private static final Logger log = LoggerFactory.getLogger(IdentitySeeder.class);

    private final OfficeDirectory directory;
    private final IdentityService identity;
    private final ManagementService management;
    private final TransactionTemplate transaction;
    private final boolean demoUsers;
    private final String demoPassword;
    private final String adminId;
    private final String adminPassword;

    IdentitySeeder(OfficeDirectory directory, IdentityService identity, ManagementService management,
                   TransactionTemplate transaction,
                   @Value("${civicflow.identity.demo-users:false}") boolean demoUsers,
                   @Value("${civicflow.identity.demo-password:demo}") String demoPassword,
                   @Value("${civicflow.admin.id:demo}") String adminId,
                   @Value("${civicflow.admin.password:}") String adminPassword) {
        this.directory = directory;
        this.identity = identity;
        this.management = management;
        this.transaction = transaction;
        this.demoUsers = demoUsers;
        this.demoPassword = demoPassword;
        this.adminId = adminId;
        this.adminPassword = adminPassword;
    }

    @Override
    public void afterSingletonsInstantiated() {
        transaction.executeWithoutResult(status -> ensureAdministrator());
        String fingerprint = fingerprint();
        if (fingerprint.equals(management.getProperties().get(FINGERPRINT_PROPERTY))) {
            log.info("Offices and users already seeded ({} offices)", directory.all().size());
            return;
        }
        long started = System.nanoTime();
        int[] created = transaction.execute(status -> seed());
        management.setProperty(FINGERPRINT_PROPERTY, fingerprint);
        log.info("Seeded {} office groups and {} demo users in {} ms", created[0], created[1],
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * The administrator: member of {@code camunda-admin}, which the engine treats as admin group (all webapps, no
     * authorization checks). Created here rather than by the starter so the demo password may stay below the policy
     * in the demo profile while a production password must meet it.
     */
    private void ensureAdministrator() {
        if (adminPassword == null || adminPassword.isBlank()) {
            log.warn("civicflow.admin.password is not set: no administrator is created");
            return;
        }
        if (identity.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
            Group admins = identity.newGroup(Groups.CAMUNDA_ADMIN);
            admins.setName("camunda BPM Administrators");
            admins.setType(Groups.GROUP_TYPE_SYSTEM);
            identity.saveGroup(admins);
        }
        if (identity.createUserQuery().userId(adminId).count() == 0) {
            User admin = identity.newUser(adminId);
            admin.setFirstName("Administrator");
            admin.setLastName("civicflow");
            admin.setPassword(adminPassword);
            ((IdentityServiceImpl) identity).saveUser(admin, demoUsers);
        }
        if (identity.createUserQuery().userId(adminId).memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
            identity.createMembership(adminId, Groups.CAMUNDA_ADMIN);
        }
    }

    private int[] seed() {
        Set<String> groups = identity.createGroupQuery().groupType(GROUP_TYPE).list().stream()
                .map(Group::getId).collect(Collectors.toSet());
        Set<String> users = demoUsers
                ? identity.createUserQuery().list().stream().map(User::getId).collect(Collectors.toSet())
                : Set.of();
        int newGroups = 0;
        int newUsers = 0;
        for (Office office : directory.all()) {
            if (!groups.contains(office.groupId())) {
                Group group = identity.newGroup(office.groupId());
                group.setName(office.name());
                group.setType(GROUP_TYPE);
                identity.saveGroup(group);
                newGroups++;
            }
            if (demoUsers && !users.contains(office.groupId())) {
                User user = identity.newUser(office.groupId());
                user.setFirstName(office.name());
                user.setLastName("(demo)");
                user.setPassword(demoPassword);
                // Demo passwords ("demo", by the identity contract) are below the password policy on purpose.
                ((IdentityServiceImpl) identity).saveUser(user, true);
                identity.createMembership(user.getId(), office.groupId());
                newUsers++;
            }
        }
        return new int[] {newGroups, newUsers};
    }

    private String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            directory.all().forEach(o -> digest.update((o.groupId() + "|" + o.name() + "\n").getBytes(StandardCharsets.UTF_8)));
            digest.update(("demo-users=" + demoUsers).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
