package org.civicflow.e2e;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A clerk at work in Camunda Tasklist: logged in through the login page of a fresh {@link Browser}, the filter
 * "我的单位 My office's tasks", the case searched by its number, claim, the Camunda Form (form-js) and Complete.
 */
final class Tasklist implements AutoCloseable {

    static final String MY_OFFICE = "My office's tasks";

    private final Browser browser;
    private final String user;

    private Tasklist(Browser browser, String user) {
        this.browser = browser;
        this.user = user;
    }

    static Tasklist logIn(int port, String user) {
        Browser browser = Browser.open("http://localhost:" + port);
        try {
            browser.logInto("tasklist", user, "demo");
            browser.waitFor(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//*[contains(@class,'task-filter')][contains(., \"" + MY_OFFICE + "\")]")));
            return new Tasklist(browser, user);
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    Browser browser() {
        return browser;
    }

    /** The active filter's label (Tasklist selects the filter with the highest priority, "My office", first). */
    String activeFilter() {
        return browser.driver().findElement(By.cssSelector(".task-filters .task-filter.active")).getText();
    }

    /** Searches the office's tasks for the case number (a process-variable search, as a clerk types it) and opens its task. */
    Tasklist openCase(String caseNumber, String taskName) {
        String search = "[{\"type\":\"processVariables\",\"operator\":\"eq\",\"value\":\"" + caseNumber
                + "\",\"name\":\"caseNumber\"}]";
        browser.go("/camunda/app/tasklist/default/#/?searchQuery=" + URLEncoder.encode(search, StandardCharsets.UTF_8));
        // Tasklist redraws the list while it loads: find and click the task's link in one go, again if it went stale
        clickWhenStable(By.xpath("//ol[contains(@class,'tasks-list')]//h4/a[contains(., '" + taskName + "')]"));
        browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-container .fjs-form")));
        return this;
    }

    /** The task card in the list (name, process, due / follow-up / created dates). */
    String taskCard() {
        return browser.driver().findElement(By.cssSelector("ol.tasks-list li.task")).getText();
    }

    /** The due date as the task card's tooltip spells it out, e.g. "Monday, 30 November 2026 01:28". */
    String dueDateInList() {
        return browser.driver().findElement(By.cssSelector("ol.tasks-list li.task .due-date [uib-tooltip]"))
                .getAttribute("uib-tooltip");
    }

    /** The due date in the task's header ("in 2 days"), editable there. */
    String dueDateInHeader() {
        return browser.driver().findElement(By.cssSelector(".task-details .due-date")).getText();
    }

    String form() {
        return browser.driver().findElement(By.cssSelector(".fjs-container")).getText();
    }

    /** Claims the task unless it is assigned to this clerk already (the Handle task goes to whoever signed for it). */
    Tasklist claimIfNeeded() {
        if (!browser.driver().findElements(By.cssSelector("button.claim")).isEmpty()) {
            click(browser.driver().findElement(By.cssSelector("button.claim")));
            browser.waitFor(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("button.claim")));
        }
        browser.waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']")));
        return this;
    }

    /** Picks an entry of a select (form-js dropdown): typing part of it when it is searchable, else just opening it. */
    Tasklist choose(String fieldId, String typed, String entry) {
        WebElement select = browser.waitFor(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[id$='-" + fieldId + "']")));
        click(select);
        boolean searchable = "input".equals(select.getTagName());
        if (searchable) {
            select.sendKeys(typed);
        }
        clickWhenStable(By.xpath("//div[contains(@class,'fjs-dropdownlist-item')][contains(., '" + entry + "')]"));
        browser.waitFor(d -> (searchable ? select.getAttribute("value") : select.getText()).contains(entry));
        return this;
    }

    /** Clicks the {@code index}-th option of a radio group. */
    Tasklist radio(String fieldId, int index) {
        click(browser.waitFor(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("input[type='radio'][id$='-" + fieldId + "-" + index + "']"))));
        return this;
    }

    Tasklist write(String fieldId, String text) {
        WebElement area = browser.waitFor(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("textarea[id$='-" + fieldId + "'], input[id$='-" + fieldId + "']")));
        scroll(area);
        area.clear();
        area.sendKeys(text);
        return this;
    }

    /** Types a date into a form-js date picker (mm/dd/yyyy, as its placeholder says). */
    Tasklist date(String fieldId, String mmddyyyy) {
        WebElement input = browser.waitFor(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("input[id$='-" + fieldId + "-date']")));
        click(input);
        input.sendKeys(mmddyyyy, Keys.ENTER);
        browser.waitFor(d -> mmddyyyy.equals(input.getAttribute("value")));
        return this;
    }

    /** Clicks Complete; the caller waits for what should follow (the task gone, or a validation message). */
    Tasklist complete() {
        dismissNotifications();
        click(browser.driver().findElement(By.cssSelector("button[ng-click='complete()']")));
        return this;
    }

    /** Closes Tasklist's notifications (bottom right), which would cover the Complete button. */
    Tasklist dismissNotifications() {
        for (WebElement close : browser.driver().findElements(By.cssSelector(".page-notifications .alert button.close"))) {
            if (close.isDisplayed()) {
                close.click();
            }
        }
        return this;
    }

    /** The texts of Tasklist's notifications, e.g. "An error happened while submitting the task form". */
    String notifications() {
        return String.join("\n", browser.driver().findElements(By.cssSelector(".page-notifications .alert")).stream()
                .map(WebElement::getText).toList());
    }

    /** Waits until the engine says the step is done (the task completed, the next one created). */
    Tasklist waitUntil(BooleanSupplier done) {
        browser.waitFor(d -> done.getAsBoolean() ? Boolean.TRUE : null);
        return this;
    }

    /** The validation messages form-js shows under the fields. */
    String validationErrors() {
        return String.join("\n", browser.driver().findElements(By.cssSelector(".fjs-form-field-error")).stream()
                .map(WebElement::getText).toList());
    }

    Tasklist screenshot(String name) {
        browser.screenshot(name);
        return this;
    }

    private void clickWhenStable(By locator) {
        browser.waitFor(d -> {
            try {
                WebElement element = d.findElement(locator);
                if (!element.isDisplayed()) {
                    return null;
                }
                element.click();
                return Boolean.TRUE;
            } catch (NoSuchElementException | StaleElementReferenceException | ElementClickInterceptedException e) {
                return null;
            }
        });
    }

    /** Scrolls an element to the middle of the view first: Tasklist's fixed footer would otherwise take the click. */
    private void click(WebElement element) {
        scroll(element);
        browser.waitFor(ExpectedConditions.elementToBeClickable(element));
        try {
            element.click();
        } catch (ElementClickInterceptedException covered) {
            // a notification sliding in over the button: click it the way the user's pointer would reach it anyway
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].click();", element);
        }
    }

    private void scroll(WebElement element) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    @Override
    public void close() {
        browser.close();
    }

    @Override
    public String toString() {
        return "Tasklist of " + user;
    }
}
