package org.civicflow.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates a Camunda group for every office and, in the demo profile, one user per office (id = group id).
 *
 * <p>Idempotent and cheap on later starts: a fingerprint of what was seeded is kept as an engine property, so an
 * unchanged office tree costs one property read; a changed tree creates only what is missing.
 */
@Component
@Order(1)
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

    IdentitySeeder(OfficeDirectory directory, IdentityService identity, ManagementService management,
                   TransactionTemplate transaction,
                   @Value("${civicflow.identity.demo-users:false}") boolean demoUsers,
                   @Value("${civicflow.identity.demo-password:demo}") String demoPassword) {
        this.directory = directory;
        this.identity = identity;
        this.management = management;
        this.transaction = transaction;
        this.demoUsers = demoUsers;
        this.demoPassword = demoPassword;
    }

    @Override
    public void afterSingletonsInstantiated() {
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
                identity.saveUser(user);
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
