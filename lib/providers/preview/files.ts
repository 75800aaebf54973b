import "server-only";
import { createReadStream } from "node:fs";
import { realpath } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { ProviderCallError } from "@/lib/providers/types";

const inside = (root: string, p: string) => {
  const rel = path.relative(root, p);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
};

/** The render a file URL names, when it is one of `workDir`'s own (`<requestId>.mp4` directly in it); else null. */
export function renderedFile(workDir: string, url: string): string | null {
  let file: string;
  try {
    file = path.resolve(fileURLToPath(url));
  } catch {
    return null;
  }
  return inside(workDir, file) && path.dirname(file) === path.resolve(workDir) && file.endsWith(".mp4")
    ? file
    : null;
}

/** Opens a render the preview engine made, by its file URL; nothing outside `workDir`, links included. */
export async function openRendered(
  workDir: string,
  url: string,
  signal?: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
  const refuse = () =>
    new ProviderCallError(
      {
        code: "invalid_output_url",
        message: "Only files the preview engine rendered can be opened",
        retryable: false,
      },
      400,
    );
  let file: string;
  try {
    file = path.resolve(fileURLToPath(url));
  } catch {
    throw refuse();
  }
  if (!inside(workDir, file)) throw refuse();
  // Resolve symlinks too: a link inside workDir must not lead outside it.
  const [root, real] = await Promise.all([
    realpath(workDir).catch(() => workDir),
    realpath(file).catch(() => null),
  ]);
  if (!real) {
    throw new ProviderCallError(
      { code: "output_missing", message: "The rendered preview file is gone", retryable: false },
      404,
    );
  }
  if (!inside(root, real)) throw refuse();
  const stream = createReadStream(real, { signal });
  return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
}
