import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// components/ is UI: it reads no database, disk or secret. A server read that a page needs belongs to
// the route that renders it (e.g. app/_lib/gallery-first-page.ts), so a component can be rendered
// anywhere, and the browser bundle cannot pull in a server module by way of one.

const root = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

const SERVER_ONLY = /^import\s+["']server-only["'];?/m;

/** The file an `@/...` import names, if it is one of ours. */
function resolveAlias(specifier: string): string | null {
  const base = path.join(root, specifier.slice(2));
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")]) {
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** What in `file` reaches the server: its own `server-only` mark, or an import of a module that has one. */
function serverReach(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found: string[] = [];
  if (SERVER_ONLY.test(text)) found.push('import "server-only"');
  for (const [, specifier] of text.matchAll(/from\s+["'](@\/[^"']+)["']/g)) {
    const target = resolveAlias(specifier!);
    if (target && SERVER_ONLY.test(readFileSync(target, "utf8"))) found.push(specifier!);
  }
  return found;
}

describe("components/", () => {
  it("imports nothing server-only (no database, disk or secrets)", () => {
    const offenders = sourceFiles(path.join(root, "components"))
      .map((file) => ({ file: path.relative(root, file), reach: serverReach(file) }))
      .filter((o) => o.reach.length > 0);
    expect(offenders).toEqual([]);
  });

  it("would notice a component that reads the database", () => {
    // The check itself: the gallery's first-page read is server-only and imports the repository.
    expect(serverReach(path.join(root, "app/_lib/gallery-first-page.ts"))).toEqual(
      expect.arrayContaining(['import "server-only"', "@/lib/generations/repo"]),
    );
  });
});

/**
 * The chain by which `file` loads a `server-only` module at run time (type-only imports are erased), or
 * null. Playwright loads each spec and what it imports in plain Node, where `server-only` throws.
 */
function serverChain(file: string, seen = new Set<string>()): string[] | null {
  if (seen.has(file)) return null;
  seen.add(file);
  const text = readFileSync(file, "utf8");
  if (SERVER_ONLY.test(text)) return [path.relative(root, file)];
  for (const [, typeOnly, specifier] of text.matchAll(
    /^import\s+(type\s+)?[^"';]*?from\s+["']([^"']+)["']/gm,
  )) {
    if (typeOnly) continue;
    const target = specifier!.startsWith("@/")
      ? resolveAlias(specifier!)
      : specifier!.startsWith(".")
        ? resolveAlias(`@/${path.relative(root, path.resolve(path.dirname(file), specifier!))}`)
        : null;
    const chain = target && serverChain(target, seen);
    if (chain) return [path.relative(root, file), ...chain];
  }
  return null;
}

describe("e2e/", () => {
  it("loads nothing server-only: Playwright would fail to load every spec of the project", () => {
    const chains = sourceFiles(path.join(root, "e2e"))
      .map((file) => serverChain(file))
      .filter((c): c is string[] => c !== null)
      .map((c) => c.join(" -> "));
    expect(chains).toEqual([]);
  });

  it("would notice a spec helper that reaches a server-only module", () => {
    expect(serverChain(path.join(root, "test/support/probe.ts"))).toEqual([
      "test/support/probe.ts",
      "lib/media/ffmpeg.ts",
    ]);
  });
});
