import "server-only";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { parseRange } from "@/lib/http/range";
import { isMediaKey, mediaContentType } from "@/lib/media/keys";
import type { MediaStore } from "@/lib/media/storage";
import {
  imageVariant,
  isImageKey,
  isVariantWidth,
  VARIANT_WIDTHS,
  type Variant,
  type VariantWidth,
} from "@/lib/media/variants";

// Serving a stored file: ranges, ETags, the image variants (`?w=`, `?variant=`). Who may read which key is
// the caller's business: members read any (app/api/media), a share link's guest only the files of what the
// link shares (app/api/r/[token]/media). Both answer `Cache-Control: private`: only the browser that asked
// may keep a copy, since a shared cache in front would serve it to anyone.

export function mediaNotFound(): Response {
  return Response.json({ error: { code: "not_found", message: "No such media file." } }, { status: 404 });
}

interface Served {
  size: number;
  contentType: string;
  etag: string;
  read(range: { start: number; end: number }): Promise<NodeJS.ReadableStream> | NodeJS.ReadableStream;
  /** A presigned URL of the stored file itself (S3), for MEDIA_DELIVERY=redirect. */
  presign?: (expiresInSec: number) => Promise<string | null>;
}

/** The stored file, or with `?w=` or `?variant=` a copy of a stored image (see lib/media/variants.ts). */
async function locate(store: MediaStore, request: Request, key: string): Promise<Served | Response> {
  // Only content addresses are served, so no key can name a path outside the media folder.
  if (!isMediaKey(key)) return mediaNotFound();
  const info = await store.stat(key);
  if (!info) return mediaNotFound();
  const params = new URL(request.url).searchParams;
  const w = params.get("w");
  const named = params.get("variant");
  if (w === null && named === null) {
    return {
      size: info.size,
      contentType: mediaContentType(key),
      etag: `"${key.slice(0, 64)}"`,
      read: (range) => store.read(key, range),
      presign: (expiresInSec) => store.presignGet(key, { expiresInSec }),
    };
  }
  const variant: Variant | null =
    w !== null && named === null && isVariantWidth(Number(w))
      ? (Number(w) as VariantWidth)
      : w === null && named === "backdrop"
        ? "backdrop"
        : null;
  if (!isImageKey(key) || variant === null) {
    return Response.json(
      {
        error: {
          code: "invalid_variant",
          message: `Ask for w=${VARIANT_WIDTHS.join(" or w=")} or variant=backdrop, one of them, on an image.`,
        },
      },
      { status: 400 },
    );
  }
  const file = await imageVariant(store, key, variant);
  return {
    size: file.size,
    contentType: file.contentType,
    etag: `"${key.slice(0, 64)}-${variant === "backdrop" ? "backdrop" : `w${variant}`}"`,
    read: (range) => createReadStream(file.path, range),
  };
}

/** How long a presigned media URL handed out by a redirect works. */
export const PRESIGNED_TTL_SEC = 300;

export interface ServeOptions {
  /**
   * MEDIA_DELIVERY: "proxy" streams the bytes through the studio; "redirect" answers 302 to a short-lived
   * presigned URL of the object on S3 (the local driver and image variants always stream).
   */
  delivery?: "proxy" | "redirect";
}

/**
 * The file behind `key` as a response to GET (`withBody`) or HEAD, honouring Range and If-None-Match. The
 * caller has checked who may read it: a redirect hands out a URL only after that.
 */
export async function serveMedia(
  store: MediaStore,
  request: Request,
  key: string,
  withBody: boolean,
  { delivery = "proxy" }: ServeOptions = {},
): Promise<Response> {
  // Only the browser that asked may keep a copy: a shared cache in front would serve it to anyone.
  const scope = "private";
  const found = await locate(store, request, key);
  if (found instanceof Response) return found;
  if (delivery === "redirect" && found.presign) {
    const url = await found.presign(PRESIGNED_TTL_SEC);
    if (url) {
      // The URL is a short-lived credential: no cache may keep the redirect beyond this request.
      return new Response(null, {
        status: 302,
        headers: { Location: url, "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
      });
    }
  }
  const info = found;
  const etag = found.etag;
  const headers = new Headers({
    "Content-Type": found.contentType,
    "Accept-Ranges": "bytes",
    // Content-addressed: the bytes behind a key (and a key and a width) never change.
    "Cache-Control": `${scope}, max-age=31536000, immutable`,
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
  });
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });

  const ifRange = request.headers.get("if-range");
  const range =
    ifRange && ifRange !== etag
      ? ({ kind: "full" } as const)
      : parseRange(request.headers.get("range"), info.size);
  if (range.kind === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${info.size}`);
    return new Response(null, { status: 416, headers });
  }
  const partial = range.kind === "partial";
  const start = partial ? range.start : 0;
  const end = partial ? range.end : info.size - 1;
  headers.set("Content-Length", String(info.size === 0 ? 0 : end - start + 1));
  if (partial) headers.set("Content-Range", `bytes ${start}-${end}/${info.size}`);
  if (!withBody || info.size === 0) return new Response(null, { status: partial ? 206 : 200, headers });
  const stream = Readable.toWeb((await found.read({ start, end })) as Readable) as ReadableStream<Uint8Array>;
  return new Response(stream, { status: partial ? 206 : 200, headers });
}
