import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const workDir = mkdtempSync(join(tmpdir(), "ask-docx-"));
const env = { ...process.env, INDEX_DIR: join(workDir, "index"), TELEGRAM_BOT_TOKEN: "", LLM_MODEL: "", HTTP_PORT: "" };
const QUESTION = "鱼峰区2023年共收到多少件行政复议申请？";

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe("ask --docx / --markdown", () => {
  it("prints the answer and writes it with its sources as a Word document and as Markdown", async () => {
    const docx = join(workDir, "回答.docx");
    const md = join(workDir, "回答.md");
    const { stdout } = await run(
      "node_modules/.bin/tsx",
      ["src/cli/main.ts", "ask", "--docx", docx, "--markdown", md, QUESTION],
      { env, timeout: 90_000 },
    );
    expect(stdout).toContain("70件");
    const xml = await (await JSZip.loadAsync(readFileSync(docx))).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain(QUESTION);
    expect(text).toMatch(/70件.*\[1\].*出处.*\[1\] 鱼峰区 2023年/s);
    expect(readFileSync(md, "utf8")).toMatch(/^# 鱼峰区2023年.*70件.*\*\*出处\*\*\n\n- \[1\] 鱼峰区 2023年/s);
  }, 100_000);

  it("refuses --docx without a question on the command line", async () => {
    const failed = await run("node_modules/.bin/tsx", ["src/cli/main.ts", "ask", "--docx", join(workDir, "x.docx")], {
      env,
      timeout: 90_000,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toContain("--docx / --markdown 只用于命令行上给出的一个问题");
  }, 100_000);
});
