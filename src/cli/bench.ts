import { spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { newConversation } from "../answer/answer.js";
import { createAssistant } from "../answer/create-assistant.js";
import { loadConfig } from "../config.js";
import { loadEvalSet } from "../eval/eval-set.js";
import { type Latency, latency } from "../eval/latency.js";
import { scoreRetrieval } from "../eval/retrieval-eval.js";
import { type Library, openLibrary } from "../search/library.js";

/**
 * `npm run bench`: index build time (a fresh process, start-up included) and query latency on the
 * shipped corpus, then the same on a generated corpus of GENERATED reports made from the seeds with
 * other region names, years and figures; characters indexed per second; peak memory.
 */

const GENERATED = Number(process.env.BENCH_REPORTS ?? 2000);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SEEDS = join(ROOT, "corpus");
const config = { ...loadConfig({}), embedding: { provider: "local" as const, model: "" } };

/** The seeds' own places, longest first, each replaced by the generated report's places. */
const SEED_PLACES: Array<[RegExp, "region" | "short" | "city"]> = [
  [/东湖区|安居区|澄海区|鱼峰区|水磨沟区/g, "region"],
  [/南昌|遂宁|汕头|柳州|乌鲁木齐/g, "city"],
  [/东湖|安居|澄海|鱼峰|水磨沟/g, "short"],
];
const FIRST = "青白云金石龙凤松桂兰梅竹柳桃杏梨荷泉溪岚峰岭川江河湖海山林森源清明新安平宁康泰和顺昌盛兴华";
const SECOND = "山川江河湖海林岭峰溪泉城阳阴浦洲湾港塘坪坝坡冈原野田园桥亭台阁楼门关口沟屯寨堡庄营镇";

/** A small deterministic generator so every run benchmarks the same corpus. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function generateCorpus(dir: string, count: number): void {
  const seeds = readdirSync(SEEDS)
    .sort()
    .map((name) => readFileSync(join(SEEDS, name), "utf8"));
  for (const [i, name] of readdirSync(SEEDS).sort().entries()) writeFileSync(join(dir, `seed-${name}`), seeds[i]!);
  const next = random(20240301);
  for (let i = 0; i < count; i++) {
    const short = FIRST[i % FIRST.length]! + SECOND[Math.floor(i / FIRST.length) % SECOND.length]!;
    const places = { short, region: `${short}区`, city: `${SECOND[i % SECOND.length]}${FIRST[(i * 7) % FIRST.length]}` };
    const shift = Math.floor(next() * 8) - 5;
    let text = seeds[i % seeds.length]!;
    for (const [pattern, kind] of SEED_PLACES) text = text.replace(pattern, places[kind]);
    text = text
      .replace(/(?<!\d)(20[12]\d)(?=年)/g, (year) => String(Number(year) + shift))
      .replace(/(\d+)(?=件|宗|人|名|户|家|项|个|场|份|条)/g, (n) => String(Math.max(1, Math.round(Number(n) * (0.5 + next())))));
    const sub = join(dir, String(i % 20).padStart(2, "0"));
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `report-${String(i).padStart(5, "0")}.txt`), text);
  }
}

/** Index build in a fresh process, as a user would run it, start-up included. */
function timeColdIndex(corpusDir: string): number {
  const indexDir = mkdtempSync(join(tmpdir(), "bench-cold-"));
  const started = performance.now();
  const run = spawnSync(
    join(ROOT, "node_modules/.bin/tsx"),
    [join(ROOT, "src/cli/main.ts"), "index", "--corpus", corpusDir, "--index", indexDir],
    {
      encoding: "utf8",
      env: { ...process.env, EMBEDDING_PROVIDER: "local", LOG_LEVEL: "warn" },
    },
  );
  const seconds = (performance.now() - started) / 1000;
  rmSync(indexDir, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`index 命令失败：${run.stderr}`);
  return seconds;
}

async function timeQueries(library: Library, queries: string[], rounds: number): Promise<Latency> {
  for (const q of queries.slice(0, 5)) await library.search(q); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const started = performance.now();
      await library.search(q, { k: 5 });
      times.push(performance.now() - started);
    }
  }
  return latency(times);
}

/** Offline answers to every evaluation question (follow-ups in their conversation), after start-up. */
async function timeAnswers(corpusDir: string, built: { library: Library; indexDir: string }, rounds: number): Promise<Latency> {
  const assistant = await createAssistant({ config, corpusDir, indexDir: built.indexDir, library: built.library });
  await assistant.ask(questions[0]!.question); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const conversation = newConversation();
      for (const turn of q.context ?? []) await assistant.ask(turn, conversation);
      const started = performance.now();
      await assistant.ask(q.question, conversation);
      times.push(performance.now() - started);
    }
  }
  return latency(times);
}

/** One question of each kind of answer, the outline and the ranking across every report. */
const BY_KIND: Array<[string, string]> = [
  ["数字", "鱼峰区2023年共收到多少件行政复议申请？"],
  ["做法", "安居区是怎么抓领导干部学法的？"],
  ["概况", "东湖区有哪些好的经验做法值得学习？"],
  ["提纲（全部报告）", "帮我写一份各区法治政府建设工作的会议发言提纲"],
  ["专题提纲（全部报告）", "汇总各区行政复议工作情况，用于会议发言"],
  ["对比", "对比一下东湖区和鱼峰区在重点领域执法上的做法"],
  ["排名（全部报告）", "几个区里谁收到的行政复议申请最多？"],
  ["问题与打算", "东湖区2022年报告里自己说了哪些不足？下一步打算怎么改？"],
];

async function timeKinds(corpusDir: string, built: { library: Library; indexDir: string }, rounds: number): Promise<void> {
  const assistant = await createAssistant({ config, corpusDir, indexDir: built.indexDir, library: built.library });
  for (const [kind, question] of BY_KIND) {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      await assistant.ask(question);
      times.push(performance.now() - started);
    }
    line(`  ${kind}：${timing(latency(times))}`);
  }
}

/**
 * An update of an open library while it is searched, as the bot's /reindex runs: `changed` reports are
 * edited, the update runs in its worker thread, and searches go on meanwhile. Reports how many were
 * answered and the longest the event loop stalled (the new index swapped in included).
 */
async function timeLiveUpdate(library: Library, corpusDir: string, changed: number): Promise<string> {
  for (let i = 0; i < changed; i++) {
    appendFileSync(
      join(corpusDir, String(i % 20).padStart(2, "0"), `report-${String(i).padStart(5, "0")}.txt`),
      `\n六、其他\n开展专项活动${i}场。\n`,
    );
  }
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const started = performance.now();
  let updating = true;
  const update = library.update().finally(() => (updating = false));
  let searched = 0;
  while (updating) {
    await library.search(queries[searched % queries.length]!, { k: 5 });
    searched++;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const summary = await update;
  stalls.disable();
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  return `后台更新（${summary.updated.length} 份报告有改动，在工作线程中）：${seconds} 秒；期间完成检索 ${searched} 次，事件循环最长停顿 ${(stalls.max / 1e6).toFixed(0)} 毫秒（含换入新索引）`;
}

const scratch: string[] = [];

async function buildInProcess(
  corpusDir: string,
): Promise<{ library: Library; indexDir: string; seconds: number; chars: number }> {
  const indexDir = mkdtempSync(join(tmpdir(), "bench-index-"));
  scratch.push(indexDir);
  const started = performance.now();
  const library = await openLibrary({ corpusDir, indexDir, config });
  const seconds = (performance.now() - started) / 1000;
  const chars = library.reports.reduce((n, r) => n + r.text.length, 0);
  return { library, indexDir, seconds, chars };
}

const line = (text: string) => process.stdout.write(`${text}\n`);
const ms = (t: number) => `${t.toFixed(2)} 毫秒`;
const timing = (l: Latency) => `平均 ${ms(l.mean)}，p95 ${ms(l.p95)}，最长 ${ms(l.max)}（${l.n} 次）`;
const questions = loadEvalSet();
const queries = [...questions.map((q) => q.question), "行政复议", "法律明白人培育", "存在的问题", "下一步工作计划", "出庭应诉率"];

line("== 随附报告库（corpus/）==");
const cold = [timeColdIndex(SEEDS), timeColdIndex(SEEDS), timeColdIndex(SEEDS)].sort((a, b) => a - b);
line(`建索引（新进程，含启动）：中位 ${cold[1]!.toFixed(2)} 秒（最快 ${cold[0]!.toFixed(2)}，最慢 ${cold[2]!.toFixed(2)}）`);
const seeds = await buildInProcess(SEEDS);
const seedQueries = await timeQueries(seeds.library, queries, 20);
line(`查询延迟：${timing(seedQueries)}`);
line(`离线回答延迟（理解 + 检索 + 抽取作答）：${timing(await timeAnswers(SEEDS, seeds, 5))}`);
line("各类回答的耗时：");
await timeKinds(SEEDS, seeds, 50);
const score = await scoreRetrieval(seeds.library, questions, 5);
line(
  `评测集：单报告问题证据进入前 5 的比例 ${(score.rate * 100).toFixed(1)}%（${score.found}/${score.questions}），MRR ${score.mrr.toFixed(3)}`,
);

line(`\n== 生成的报告库（${GENERATED} 份 + 5 份原始报告）==`);
const generatedDir = mkdtempSync(join(tmpdir(), "bench-corpus-"));
scratch.push(generatedDir);
try {
  generateCorpus(generatedDir, GENERATED);
  const big = await buildInProcess(generatedDir);
  const s = big.library.summary();
  line(`建索引（进程内）：${big.seconds.toFixed(2)} 秒；报告 ${s.reports} 份，章节 ${s.sections} 个，片段 ${s.chunks} 个`);
  line(
    `索引速度：${Math.round(big.chars / big.seconds).toLocaleString("en-US")} 字符/秒（共 ${big.chars.toLocaleString("en-US")} 字符）`,
  );
  const bigQueries = await timeQueries(big.library, queries, 5);
  line(`查询延迟：${timing(bigQueries)}`);
  line(`离线回答延迟：${timing(await timeAnswers(generatedDir, big, 1))}`);
  line("各类回答的耗时：");
  await timeKinds(generatedDir, big, 5);
  line(await timeLiveUpdate(big.library, generatedDir, 50));
} finally {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
}
line(`\n峰值内存（maxRSS）：${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
