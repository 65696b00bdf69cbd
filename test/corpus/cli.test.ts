import { describe, expect, it } from "vitest";
import { cliArgs, run } from "../helpers/processes.js";

/** `reports` and `show` as a user or a script runs them, on the shipped corpus. */

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return run(...cliArgs(...args, "--corpus", "corpus"), { env: { ...process.env, LOG_LEVEL: "warn" } });
}

/** DESIGN.md: reports --json → {id, title, region, level, divisionCode, parent, issuer, issuerKind, year, publishedAt, source, sections, chars, warnings}. */
const SUMMARY_KEYS = [
  "id",
  "title",
  "region",
  "level",
  "divisionCode",
  "parent",
  "issuer",
  "issuerKind",
  "year",
  "publishedAt",
  "source",
  "sections",
  "chars",
  "warnings",
];

describe("reports and show", () => {
  it("reports --json prints one array of report summaries", async () => {
    const { stdout, code } = await cli("reports", "--json");
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const rows = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(SUMMARY_KEYS);
      expect(row.id).toMatch(/^[0-9a-f]{8}$/);
      expect(typeof row.sections).toBe("number");
      expect(typeof row.chars).toBe("number");
      expect(row.source).toMatch(/^corpus\/.+\.txt$/);
      expect(row.publishedAt === null || (typeof row.publishedAt === "string" && /^\d{4}-\d{2}-\d{2}$/.test(row.publishedAt))).toBe(true);
    }
    const places = rows.map(({ region, level, divisionCode, parent, issuerKind }) => ({ region, level, divisionCode, parent, issuerKind }));
    expect(places).toEqual(
      expect.arrayContaining([
        { region: "东湖区", level: "county", divisionCode: "360102", parent: "江西省南昌市", issuerKind: "government" },
        { region: "安居区", level: "county", divisionCode: "510904", parent: "四川省遂宁市", issuerKind: "government" },
        { region: "澄海区", level: "county", divisionCode: "440515", parent: "广东省汕头市", issuerKind: "department" },
        { region: "鱼峰区", level: "county", divisionCode: "450203", parent: "广西壮族自治区柳州市", issuerKind: "government" },
        { region: "水磨沟区", level: "county", divisionCode: "650105", parent: "新疆维吾尔自治区乌鲁木齐市", issuerKind: "government" },
      ]),
    );
    expect(rows.find((r) => r.region === "澄海区")?.issuer).toBe("澄海区司法局");
  });

  it("reports prints a readable table", async () => {
    const { stdout, code } = await cli("reports");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^ID\s+地区\s+级别\s+所属\s+年份\s+发布机构\s+章节数\s+标题/);
    expect(stdout).toContain("澄海区司法局2023年法治政府建设年度报告");
    expect(stdout).toMatch(/澄海区\s+区县级\s+广东省汕头市\s+2023\s+澄海区司法局（部门）/);
    // Warnings are listed under the table, per report.
    expect(stdout).toMatch(/注意：\n(?:.*\n)*\s+\w{8}：未找到标题；发布机构未写明，按正文推断为水磨沟区人民政府；未找到发布日期/);
    expect(stdout).toContain("共 5 份报告");
  });

  it("show --json prints the report with its sections", async () => {
    const rows = JSON.parse((await cli("reports", "--json")).stdout) as Array<{ id: string; region: string }>;
    const id = rows.find((r) => r.region === "鱼峰区")?.id ?? "";
    const { stdout, code } = await cli("show", id, "--json");
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { id: string; region: string; sections: Array<Record<string, unknown>> };
    expect(report).toMatchObject({ id, region: "鱼峰区", year: 2023 });
    expect(Object.keys(report.sections[0] ?? {}).sort()).toEqual(["heading", "id", "kind", "path", "text"]);
    expect(report.sections).toContainEqual(
      expect.objectContaining({
        path: ["一、法治政府建设主要措施和工作成效", "(三)示范创建和法治监督双向发力"],
        heading: "(三)示范创建和法治监督双向发力",
        kind: "measures",
      }),
    );
  });

  it("show prints an indented outline with kinds", async () => {
    const rows = JSON.parse((await cli("reports", "--json")).stdout) as Array<{ id: string; region: string }>;
    const id = rows.find((r) => r.region === "水磨沟区")?.id ?? "";
    const { stdout } = await cli("show", id);
    expect(stdout).toContain("注意：未找到标题");
    expect(stdout).toMatch(/^一、2024年法治政府建设情况$/m);
    expect(stdout).toMatch(/^ {4}1\.坚持高位推动 {2}\[措施\]/m);
    expect(stdout).toMatch(/^三、2025年工作安排 {2}\[计划\]/m);
  });

  it("show with an unknown id says so in Chinese and exits 1", async () => {
    const { stdout, stderr, code } = await cli("show", "nosuchid");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("未找到报告 ID：nosuchid");
  });
});
