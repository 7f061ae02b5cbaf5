package com.demomultiplexer.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages (installed by scripts/services.sh), driven
 * through its chromedriver; Selenium never downloads a browser or driver. Screenshots go
 * to target/screenshots.
 */
public final class Browser implements AutoCloseable {

	private static final Path SCREENSHOTS = Path.of("target/screenshots");

	private final WebDriver driver;

	private final WebDriverWait wait;

	public Browser() throws IOException {
		ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
			.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
					"--disable-sync", "--window-size=1280,900",
					"--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
			.withEnvironment(RealTime.noPreload())
			.build();
		this.driver = new ChromeDriver(service, options);
		this.wait = new WebDriverWait(this.driver, Duration.ofSeconds(30));
	}

	public WebDriver driver() {
		return this.driver;
	}

	public void open(String url) {
		this.driver.get(url);
	}

	/** The element with {@code data-dmx="role"}, once it is visible. */
	public WebElement role(String role) {
		return this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-dmx='" + role + "']")));
	}

	public WebElement visible(By locator) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	public void waitUntil(java.util.function.Function<WebDriver, Boolean> condition) {
		this.wait.until(condition::apply);
	}

	public void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		byte[] png = ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES);
		Files.write(SCREENSHOTS.resolve(name + ".png"), png);
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
