package com.demomultiplexer.signup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;

import com.demomultiplexer.support.Browser;
import com.demomultiplexer.support.Deployment;
import com.demomultiplexer.support.EndToEndTest;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The signup page and the embeddable widget in headless Chromium, against the real stack,
 * all through Caddy as a prospect's browser sees it. Screenshots are saved as test
 * artifacts.
 */
@EndToEndTest
@TestPropertySource(
		properties = { "POOL_TARGET_SIZE=1", "POOL_MAX_SIZE=1", "CORS_ALLOWED_ORIGINS=http://127.0.0.1:24999" })
class SignupPageIT {

	private static final Deployment deployment = new Deployment(24900);

	@DynamicPropertySource
	static void deployment(DynamicPropertyRegistry properties) {
		deployment.register(properties);
	}

	private String home() {
		return "http://demo.localhost:" + deployment.publicPort() + "/";
	}

	@Test
	void aProspectStartsWatchesExtendsReloadsAndEndsADemo() throws Exception {
		try (Browser browser = new Browser()) {
			waitForAReadyShop(browser);

			browser.role("start").click();
			String shopUrl = browser.role("shop").getAttribute("href");
			String id = shopUrl.substring("http://".length(), shopUrl.indexOf('.'));
			assertThat(browser.role("admin").getAttribute("href")).isEqualTo(shopUrl + "admin-dev/");
			assertThat(browser.role("email").getText()).contains("@");
			assertThat(browser.role("password").getText()).matches("[A-Za-z0-9]{16}");
			browser.screenshot("1-demo-ready");

			String signupTab = browser.driver().getWindowHandle();
			browser.driver().switchTo().newWindow(WindowType.TAB);
			browser.open(shopUrl);
			assertThat(browser.visible(By.id("instance")).getText()).startsWith(id + ".demo.localhost");
			browser.screenshot("2-the-shop");
			browser.driver().close();
			browser.driver().switchTo().window(signupTab);

			int before = seconds(browser.role("countdown").getText());
			browser.waitUntil((driver) -> seconds(browser.role("countdown").getText()) <= before - 2);

			browser.role("extend").click();
			browser.waitUntil((driver) -> seconds(browser.role("countdown").getText()) > before + 25 * 60);

			browser.driver().navigate().refresh();
			assertThat(browser.role("shop").getAttribute("href")).as("a reload keeps the same shop").isEqualTo(shopUrl);

			browser.driver().switchTo().newWindow(WindowType.TAB);
			browser.open(home());
			browser.role("start").click();
			assertThat(browser.role("waiting").getText()).contains("taken");
			assertThat(browser.role("retry-in").getText()).matches("\\d+");
			browser.screenshot("3-pool-empty");
			browser.driver().close();
			browser.driver().switchTo().window(signupTab);

			browser.role("end").click();
			assertThat(browser.role("ended").getAttribute("data-dmx-state")).isEqualTo("released");
			browser.screenshot("4-demo-ended");

			// Removing the route reloads Caddy's config, which resets connections open at
			// that
			// moment; a browser that lands on one shows an error page, and a reload fixes
			// it.
			browser.waitUntil((driver) -> {
				driver.get(shopUrl);
				return driver.findElements(By.tagName("h1"))
					.stream()
					.anyMatch((heading) -> heading.getText().equals("This demo has ended"));
			});
			assertThat(browser.visible(By.linkText("Start a new demo")).getAttribute("href")).isEqualTo(home());
			browser.screenshot("5-ended-shop-host");
		}
	}

	@Test
	void thePageFitsAPhoneScreen() throws Exception {
		try (Browser browser = new Browser()) {
			browser.driver().manage().window().setSize(new Dimension(390, 844));
			browser.open(home());
			browser.role("start");
			Object overflow = ((JavascriptExecutor) browser.driver())
				.executeScript("return document.documentElement.scrollWidth > window.innerWidth");
			assertThat(overflow).isEqualTo(false);
			assertThat(browser.role("start").getAccessibleName()).isEqualTo("Start your PrestaShop demo");
			browser.screenshot("6-phone");
		}
	}

	@Test
	void theWidgetWorksEmbeddedInAPageOfAnotherOrigin() throws Exception {
		HttpServer marketingSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 24999), 0);
		String api = "http://demo.localhost:" + deployment.publicPort();
		byte[] page = ("<!doctype html><html lang=\"en\"><head><title>Our shop software</title>"
				+ "<link rel=\"stylesheet\" href=\"" + api + "/demo-widget.css\"></head><body><h1>Try it</h1>"
				+ "<div data-demo-multiplexer data-api-base=\"" + api + "\"></div>" + "<script src=\"" + api
				+ "/demo-widget.js\" defer></script></body></html>")
			.getBytes(StandardCharsets.UTF_8);
		marketingSite.createContext("/", (exchange) -> {
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		marketingSite.start();
		try (Browser browser = new Browser()) {
			waitForAReadyShop(browser);
			browser.open("http://127.0.0.1:24999/");
			browser.role("start").click();
			String shopUrl = browser.role("shop").getAttribute("href");
			assertThat(shopUrl).startsWith("http://").contains(".demo.localhost:" + deployment.publicPort());
			browser.waitUntil((driver) -> seconds(browser.role("countdown").getText()) < 30 * 60);
			browser.screenshot("7-embedded-widget");
			browser.role("end").click();
			assertThat(browser.role("ended").getAttribute("data-dmx-state")).isEqualTo("released");
		}
		finally {
			marketingSite.stop(0);
		}
	}

	/** Waits until the pool has a shop again (tests hand theirs back when they end). */
	private void waitForAReadyShop(Browser browser) throws IOException {
		var api = new com.demomultiplexer.support.ApiClient(deployment.servicePort());
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(60))
			.until(() -> api.get("/api/v1/pool/stats").json().path("ready").asInt() == 1);
		browser.open(home());
	}

	/** "29:58" or "1:05:00" in seconds. */
	private static int seconds(String countdown) {
		int total = 0;
		for (String part : countdown.split(":")) {
			total = total * 60 + Integer.parseInt(part.trim());
		}
		return total;
	}

}
