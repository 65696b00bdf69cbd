import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAssistant } from "../../src/answer/create-assistant.js";
import { loadConfig } from "../../src/config.js";
import { startTestServer, type TestServer } from "../server/harness.js";

/**
 * The chat page in a real browser (Debian's Chromium, driven by playwright-core) against the real
 * server and assistant on the shipped reports. CI sets CI=true (or REQUIRE_BROWSER=1): there a missing
 * Chromium fails the suite instead of skipping it.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const FOUND = existsSync(CHROMIUM);
const REQUIRED = process.env.CI === "true" || process.env.REQUIRE_BROWSER === "1";
const SKIP_REASON = `未找到 Chromium（${CHROMIUM}）：请以 root 运行 apt-get install -y chromium，或用 CHROMIUM_PATH 指定`;
const FIGURE = "鱼峰区2023年共收到多少件行政复议申请？";
const ADMIN_KEY = "admin-key-0123456789abcdef";
const UPLOAD = join(import.meta.dirname, "../fixtures/uploads/沅江市2023年法治政府建设报告.txt");

if (!FOUND && !REQUIRED) process.stderr.write(`\n[test/web] 跳过浏览器测试：${SKIP_REASON}\n\n`);

describe.runIf(!FOUND && REQUIRED)("the browser suite in CI", () => {
  it("needs Chromium", () => {
    throw new Error(`CI 中不能跳过浏览器测试：${SKIP_REASON}`);
  });
});

describe.runIf(FOUND)("the chat page in Chromium", () => {
  let workDir: string;
  let server: TestServer;
  let context: BrowserContext;
  let page: Page;
  /** WEB_SCREENSHOT_DIR=docs/images makes the README's pictures. */
  const screenshot = async (name: string) => {
    const dir = process.env.WEB_SCREENSHOT_DIR;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: join(dir, name) });
  };
  const requested: string[] = [];
  const askBodies: { question: string; history: string[]; stream: boolean }[] = [];

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "web-test-"));
    // A copy of the shipped reports: the upload test adds one.
    const corpusDir = join(workDir, "corpus");
    cpSync("corpus", corpusDir, { recursive: true });
    const assistant = await createAssistant({ config: loadConfig({}), corpusDir, indexDir: join(workDir, "index") });
    server = await startTestServer(assistant, { ADMIN_API_KEYS: ADMIN_KEY }, { corpusDir });
    context = await chromium.launchPersistentContext(join(workDir, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1100, height: 900 },
      locale: "zh-CN",
    });
    context.on("request", (request) => {
      requested.push(request.url());
      if (request.url().endsWith("/api/ask")) askBodies.push(request.postDataJSON() as (typeof askBodies)[number]);
    });
    page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector("#region option[value='鱼峰区']", { state: "attached" });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("offers filters for the library's regions and years, and example questions", async () => {
    const regions = await page.locator("#region option").allTextContents();
    expect(regions).toEqual(["全部地区", "东湖区", "安居区", "水磨沟区", "澄海区", "鱼峰区"]);
    expect(await page.locator("#year option").allTextContents()).toContain("2023");
    expect(await page.locator("#examples button").count()).toBeGreaterThanOrEqual(3);
  });

  it("answers a question typed and sent with Enter, streamed, with the figure and a citation", async () => {
    await page.locator("#question").fill(FIGURE);
    const response = page.waitForResponse((r) => r.url().endsWith("/api/ask"));
    await page.locator("#question").press("Enter");
    expect((await response).headers()["content-type"]).toContain("text/event-stream");
    const answer = page.locator(".turn .answer").first();
    await answer.locator(".cite").first().waitFor();
    expect(await answer.locator(".answer-text").textContent()).toMatch(/70\s*件/);
    expect(await answer.locator(".sources li").count()).toBeGreaterThanOrEqual(1);
    expect(askBodies[0]).toMatchObject({ question: FIGURE, history: [], stream: true });
    await answer.and(page.locator("[aria-busy='false']")).waitFor();
    await screenshot("web-chat.png");
  });

  it("opens the cited section from its [n] marker with the quoted span highlighted; Esc closes it", async () => {
    const marker = page.locator(".turn .cite").first();
    await marker.click();
    const panel = page.locator("#section-panel");
    await panel.locator("mark").waitFor();
    expect(await panel.locator("mark").textContent()).toMatch(/70\s*件/);
    expect(await panel.locator("h2").textContent()).toContain("鱼峰区 2023年");
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "hidden" });
    expect(await page.evaluate("document.activeElement.className")).toBe("cite");
  });

  it("takes 👍/👎 feedback and downloads the answer as Word and Markdown", async () => {
    const answer = page.locator(".turn .answer").first();
    await answer.getByRole("button", { name: "有帮助" }).click();
    await expect.poll(() => answer.locator(".status").textContent()).toContain("感谢反馈");
    expect((await server.records.feedbackStats()).up).toBe(1);
    for (const [label, ext] of [
      ["Word", ".docx"],
      ["Markdown", ".md"],
    ] as const) {
      const download = page.waitForEvent("download");
      await answer.getByRole("button", { name: label, exact: true }).click();
      expect((await download).suggestedFilename()).toBe(`${FIGURE}${ext}`);
    }
  });

  it("keeps the conversation: a follow-up is sent with the earlier question", async () => {
    await page.locator("#question").fill("那水磨沟区呢？");
    await page.locator("#send").click();
    await page.locator(".turn").nth(1).locator(".answer[aria-busy='false']").waitFor();
    expect(askBodies.at(-1)).toMatchObject({ question: "那水磨沟区呢？", history: [FIGURE] });
    expect(await page.locator(".turn").nth(1).locator(".answer-text").textContent()).toContain("水磨沟区");
  });

  it("fits a phone screen without sideways scrolling", async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    // Evaluated in the page (a string: this file is type-checked without the DOM library).
    expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
    await page.setViewportSize({ width: 1100, height: 900 });
  });

  it("lets an admin upload a sixth region's report, shown back, then answerable within 10 s of confirming", async () => {
    await page.locator("#admin summary").click();
    await page.locator("#admin-key").fill(ADMIN_KEY);
    await page.locator("#upload-file").setInputFiles(UPLOAD);
    await page.getByRole("button", { name: "上传并解析" }).click();
    const preview = page.locator("#admin-preview");
    await preview.locator("dl").waitFor();
    expect(await preview.textContent()).toContain("沅江市");
    const confirmed = Date.now();
    await preview.getByRole("button", { name: "确认添加到资料库" }).click();
    await expect.poll(() => page.locator("#admin-status").textContent(), { timeout: 10_000 }).toContain("已添加");
    await page.locator("#new-chat").click();
    await page.locator("#question").fill("沅江市2023年共收到多少件行政复议申请？");
    await page.locator("#question").press("Enter");
    const answer = page.locator(".turn .answer").first();
    await answer.locator(".cite").first().waitFor({ timeout: 10_000 });
    expect(Date.now() - confirmed).toBeLessThan(10_000);
    expect(await answer.locator(".answer-text").textContent()).toContain("136件");
    expect(await page.locator("#region option").allTextContents()).toContain("沅江市");
  });

  it("made no request outside its own origin", () => {
    expect(requested.length).toBeGreaterThan(3);
    const outside = requested.filter((url) => !url.startsWith(`${server.url}/`) && !/^(data|blob):/.test(url));
    expect(outside).toEqual([]);
  });
});
