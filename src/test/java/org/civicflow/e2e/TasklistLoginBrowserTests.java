package org.civicflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.civicflow.CivicflowTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The browser set-up itself: a clerk logs into Tasklist and finds the office filter. */
@CivicflowTest
class TasklistLoginBrowserTests {

    @LocalServerPort
    int port;

    @Test
    void aSubdistrictClerkLogsIntoTasklistAndSeesTheOfficeFilter() {
        try (Browser browser = Browser.open("http://localhost:" + port)) {
            browser.logInto("tasklist", "500103003-handler", "demo");

            var filter = browser.waitFor(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//*[contains(text(), \"My office's tasks\")]")));
            assertThat(filter.getText()).contains("我的单位");
            browser.screenshot("tasklist-login");
        }
    }
}
