package org.civicflow.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.civicflow.CivicflowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CivicflowTest
class IdentitySeederTests {

    /** 4 city offices + 6 offices in each of 38 districts + a handler in each of 1,031 subdistricts. */
    static final int OFFICES = 4 + 38 * 6 + 1031;

    @Autowired
    IdentitySeeder seeder;
    @Autowired
    IdentityService identity;
    @Autowired
    ManagementService management;

    @Test
    void everyOfficeIsAGroupWithOneDemoUserOfTheSameId() {
        assertThat(identity.createGroupQuery().groupType(IdentitySeeder.GROUP_TYPE).count()).isEqualTo(OFFICES);
        assertThat(identity.createGroupQuery().groupId("500000-dispatch").singleResult().getName()).contains("重庆市");
        assertThat(identity.createGroupQuery().groupId("500103003-handler").singleResult().getName()).isEqualTo("渝中区解放碑街道");
        assertThat(identity.createUserQuery().memberOfGroup("500103-supervisor").list())
                .extracting(u -> u.getId()).containsExactly("500103-supervisor");
        assertThat(identity.checkPassword("500103003-handler", "demo")).isTrue();
        assertThat(identity.checkPassword("demo", "demo")).isTrue();
    }

    @Test
    void seedingAgainChangesNothing() {
        long groups = identity.createGroupQuery().count();
        long users = identity.createUserQuery().count();

        seeder.afterSingletonsInstantiated();
        management.deleteProperty(IdentitySeeder.FINGERPRINT_PROPERTY);
        seeder.afterSingletonsInstantiated();

        assertThat(identity.createGroupQuery().count()).isEqualTo(groups);
        assertThat(identity.createUserQuery().count()).isEqualTo(users);
    }
}
