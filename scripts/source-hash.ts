// A hash of everything that goes into the production build, so `npm start` and `npm run bench` rebuild
// only when the sources changed since the last build.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const sourceRoots = [
  "app",
  "components",
  "lib",
  "public",
  "prisma/schema.prisma",
  "package-lock.json",
  "proxy.ts",
];
const configFiles = ["next.config.mjs", "tailwind.config.ts", "postcss.config.mjs", "tsconfig.json"];

function* walk(p: string): Generator<string> {
  if (!existsSync(p)) return;
  if (statSync(p).isFile()) {
    yield p;
    return;
  }
  for (const entry of readdirSync(p, { withFileTypes: true })) {
    if (entry.name === "generated" || entry.name.startsWith(".")) continue;
    yield* walk(path.join(p, entry.name));
  }
}

export function sourceHash(root: string): string {
  const hash = createHash("sha256");
  const files = [...sourceRoots, ...configFiles].flatMap((p) => [...walk(path.join(root, p))]).sort();
  for (const file of files) {
    if (file.endsWith(".test.ts")) continue;
    hash.update(path.relative(root, file));
    hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}

export const buildStampFile = (root: string) => path.join(root, ".next", "omni-source-hash");

/** Whether .next holds a build of exactly these sources. */
export function buildIsCurrent(root: string): boolean {
  const stamp = buildStampFile(root);
  return (
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === sourceHash(root)
  );
}
