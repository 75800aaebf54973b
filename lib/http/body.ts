import "server-only";
import { AppError } from "./errors";

/** Reads a request body, refusing it as soon as it passes `limit` bytes (whatever Content-Length says). */
export async function readBodyLimited(
  request: Request,
  limit: number,
  tooLarge: string,
): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw new AppError("body_too_large", tooLarge, 413);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw new AppError("body_too_large", tooLarge, 413);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

/** Parses a JSON body of at most `limit` bytes, with errors a script author can act on. */
export async function readJson(request: Request, limit = 64 * 1024): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError(
      "unsupported_media_type",
      "Send the request body as JSON (Content-Type: application/json).",
      415,
    );
  }
  const bytes = await readBodyLimited(request, limit, `The request body is larger than ${limit / 1024} KB.`);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new AppError("invalid_json", "The request body is not valid JSON.", 400);
  }
}
