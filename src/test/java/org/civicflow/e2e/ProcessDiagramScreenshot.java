package org.civicflow.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Redraws the README's picture of the citizen-request process as Cockpit shows it, from a running application (the
 * demo user {@code demo}/{@code demo}):
 *
 * <pre>./mvnw -q test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath org.civicflow.e2e.ProcessDiagramScreenshot http://localhost:8080"</pre>
 *
 * Writes {@code docs/images/citizen-request.png}.
 */
public final class ProcessDiagramScreenshot {

    private ProcessDiagramScreenshot() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        String definition = latestDefinitionId(base);
        try (Browser browser = Browser.open(base)) {
            browser.driver().manage().window().setSize(new Dimension(3000, 2600)); // large enough to read the labels
            browser.logInto("cockpit", "demo", "demo");
            browser.go("/camunda/app/cockpit/default/#/process-definition/" + definition + "/runtime");
            WebElement diagram = browser.waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".djs-container")));
            browser.waitFor(d -> d.findElements(By.cssSelector("g.djs-element")).size() > 20);
            // the viewer zooms to fit after drawing: wait until its viewport stops moving between two polls
            String[] last = {null};
            browser.waitFor(d -> {
                String now = d.findElement(By.cssSelector(".djs-container g.viewport")).getAttribute("transform");
                boolean settled = now != null && now.equals(last[0]);
                last[0] = now;
                return settled;
            });
            Path file = Path.of("docs", "images", "citizen-request.png");
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(diagram.getScreenshotAs(OutputType.BYTES)));
            ImageIO.write(trimmed(shot), "png", file.toFile());
            System.out.println("wrote " + file + " from " + definition);
        }
    }

    /** The drawing without the empty canvas around it (and without the viewer's own buttons in the margins). */
    static BufferedImage trimmed(BufferedImage image) {
        int left = image.getWidth();
        int top = image.getHeight();
        int right = 0;
        int bottom = 0;
        // rows left out: the statistics toggle along the top, the zoom and fullscreen buttons along the bottom
        for (int y = 60; y < image.getHeight() - 120; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                boolean ink = ((rgb >> 16) & 0xff) < 235 || ((rgb >> 8) & 0xff) < 235 || (rgb & 0xff) < 235;
                if (ink) {
                    left = Math.min(left, x);
                    top = Math.min(top, y);
                    right = Math.max(right, x);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        if (right <= left || bottom <= top) {
            return image;
        }
        int pad = 16;
        int x = Math.max(0, left - pad);
        int y = Math.max(0, top - pad);
        return image.getSubimage(x, y, Math.min(image.getWidth(), right + pad) - x, Math.min(image.getHeight(), bottom + pad) - y);
    }

    private static String latestDefinitionId(String base) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/engine-rest/process-definition/key/citizenRequest"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !id.find()) {
            throw new IllegalStateException("No citizenRequest definition at " + base + ": " + response.statusCode());
        }
        return id.group(1);
    }
}
