import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import type { ActionResult } from "@/lib/http/types";

// Server actions called as the browser calls them: a POST to a page with the action's id in the
// Next-Action header and its arguments as a JSON array. Ids come from the build's manifest, so these are
// the real endpoints of the build under test.

/** app/actions.ts's exported names, read from its source. */
export function exportedActionNames(root = process.cwd()): string[] {
  const source = readFileSync(path.join(root, "app", "actions.ts"), "utf8");
  return [...source.matchAll(/^export (?:const|async function) (\w+)/gm)].map((m) => m[1]!);
}

/** Name -> id of every server action in these files, from the build (`next build` writes it). */
export function serverActionIds(root = process.cwd(), files = ["app/actions.ts"]): Map<string, string> {
  const manifest = JSON.parse(
    readFileSync(path.join(root, ".next", "server", "server-reference-manifest.json"), "utf8"),
  ) as { node: Record<string, { filename?: string; exportedName?: string }> };
  const ids = new Map<string, string>();
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName && files.includes(entry.filename ?? "")) ids.set(entry.exportedName, id);
  }
  return ids;
}

/**
 * Runs the action `id` on the server at `baseUrl` with `args`, and returns what it returned. The answer
 * is React's flight format: row 0 describes the response, row 1 is the action's value.
 */
export async function callAction<T = Record<string, unknown>>(
  request: APIRequestContext,
  baseUrl: string,
  id: string,
  args: unknown[],
  headers: Record<string, string> = {},
): Promise<ActionResult<T>> {
  const res = await request.post(`${baseUrl}/`, {
    headers: {
      "Next-Action": id,
      "Content-Type": "text/plain;charset=UTF-8",
      Origin: baseUrl,
      ...headers,
    },
    data: JSON.stringify(args),
  });
  const text = await res.text();
  const row = text.split("\n").find((line) => line.startsWith("1:"));
  if (res.status() !== 200 || !row) {
    throw new Error(`The action did not answer as an action (${res.status()}): ${text.slice(0, 300)}`);
  }
  return JSON.parse(row.slice(2)) as ActionResult<T>;
}
