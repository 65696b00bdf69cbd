import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { BUNDLE_PATH, packageRoot } from "../server/web-assets.js";
import { bundleWeb } from "../server/web-bundle.js";

/** `npm run build:web`: writes the page's bundled script, which a compiled (dist/) server serves. */
const root = packageRoot();
const out = join(root, BUNDLE_PATH);
const script = await bundleWeb(root);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, script);
