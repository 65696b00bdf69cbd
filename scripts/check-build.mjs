// Runs before `npm start`: production runs the compiled dist/, so say how to make it when it is missing.
import { existsSync } from "node:fs";

if (!existsSync(new URL("../dist/cli/main.js", import.meta.url))) {
  process.stderr.write("未找到编译产物 dist/cli/main.js：请先运行 npm run build（开发时可用 npm run cli -- <命令>）。\n");
  process.exit(1);
}
