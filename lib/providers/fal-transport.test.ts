import { createFalClient, isRetryableError } from "@fal-ai/client";
import { describe, expect, it } from "vitest";
import { FalHttpError, FalNetworkError } from "@/lib/providers/fal-errors";
import { createFalFetch, rewriteFalUrl } from "@/lib/providers/fal-transport";

describe("rewriteFalUrl", () => {
  it("sends every host to the base URL, keeping path and query", () => {
    const base = "http://127.0.0.1:4010";
    expect(rewriteFalUrl("https://queue.fal.run/google/app/requests/1/status?logs=1", base)).toBe(
      "http://127.0.0.1:4010/google/app/requests/1/status?logs=1",
    );
    expect(rewriteFalUrl("https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3", base)).toBe(
      "http://127.0.0.1:4010/storage/upload/initiate?storage_type=fal-cdn-v3",
    );
    expect(rewriteFalUrl("https://storage.googleapis.com/bucket/x?X-Goog-Signature=s", base)).toBe(
      "http://127.0.0.1:4010/bucket/x?X-Goog-Signature=s",
    );
  });

  it("keeps a path prefix and does not rewrite twice", () => {
    const base = "http://localhost:4010/fal";
    const once = rewriteFalUrl("https://v3.fal.media/files/a.png", base);
    expect(once).toBe("http://localhost:4010/fal/files/a.png");
    expect(rewriteFalUrl(once, base)).toBe(once);
  });

  it("leaves URLs alone without a base URL", () => {
    expect(rewriteFalUrl("https://queue.fal.run/a/b", undefined)).toBe("https://queue.fal.run/a/b");
  });
});

describe("createFalFetch", () => {
  it("rewrites and returns successful answers", async () => {
    const seen: string[] = [];
    const falFetch = createFalFetch({
      baseUrl: "http://fake:1",
      fetch: async (input) => {
        seen.push(String(input));
        return new Response("{}", { status: 202 });
      },
    });
    expect((await falFetch("https://queue.fal.run/a/b/requests/1/status")).status).toBe(202);
    expect(seen).toEqual(["http://fake:1/a/b/requests/1/status"]);
  });

  it("throws errors the client's retry loop does not recognise, keeping status, body and headers", async () => {
    const falFetch = createFalFetch({
      fetch: async () =>
        Response.json(
          { detail: "busy", error_type: "runner_scheduling_failure" },
          { status: 503, headers: { "x-fal-retryable": "true" } },
        ),
    });
    const err = await falFetch("https://queue.fal.run/a/b").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FalHttpError);
    const http = err as FalHttpError;
    expect(http.status).toBe(503);
    expect(http.body).toEqual({ detail: "busy", error_type: "runner_scheduling_failure" });
    expect(http.headers.get("x-fal-retryable")).toBe("true");
    // The whole point: @fal-ai/client would otherwise retry a 503 submit on its own.
    expect(isRetryableError(err, [429, 500, 502, 503, 504])).toBe(false);
  });

  it("turns transport failures into a FalNetworkError without a cause chain", async () => {
    const falFetch = createFalFetch({
      fetch: async () => {
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
        });
      },
    });
    const err = await falFetch("https://queue.fal.run/a/b").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FalNetworkError);
    expect((err as FalNetworkError).reason).toBe("ECONNREFUSED");
    expect(isRetryableError(err, [503])).toBe(false);
  });

  it("keeps short plain-text error bodies and drops HTML pages", async () => {
    const answer = (body: string, type: string) =>
      createFalFetch({
        fetch: async () => new Response(body, { status: 400, headers: { "content-type": type } }),
      })("https://rest.fal.ai/x").catch((e: FalHttpError) => e.body);
    expect(await answer("Bad things", "text/plain")).toEqual({ detail: "Bad things" });
    expect(await answer("<html>oops</html>", "text/html")).toBeUndefined();
  });
});

describe("@fal-ai/client over createFalFetch", () => {
  /** A socket error the way undici reports it, which the client's own retry loop looks for. */
  const socketError = () =>
    new TypeError("terminated", {
      cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
    });

  const clientAnswering = (answer: () => Response | Promise<Response>) => {
    let calls = 0;
    const client = createFalClient({
      credentials: "k",
      suppressLocalCredentialsWarning: true,
      fetch: createFalFetch({
        baseUrl: "http://fake:1",
        fetch: async () => {
          calls++;
          return answer();
        },
      }),
    });
    const submit = () => client.queue.submit("google/app/path", { input: { prompt: "x" } });
    return { submit, calls: () => calls };
  };

  it.each([429, 502, 503, 504])("makes exactly one submit attempt on HTTP %i", async (status) => {
    const c = clientAnswering(() => Response.json({ detail: "no" }, { status }));
    await expect(c.submit()).rejects.toBeInstanceOf(FalHttpError);
    expect(c.calls()).toBe(1);
  });

  it("makes exactly one submit attempt when the connection drops", async () => {
    const c = clientAnswering(() => {
      throw socketError();
    });
    await expect(c.submit()).rejects.toBeInstanceOf(FalNetworkError);
    expect(c.calls()).toBe(1);
  });

  it("makes exactly one submit attempt when a 200 answer breaks off mid-body", async () => {
    const c = clientAnswering(() => {
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"request_id":'));
          controller.error(socketError());
        },
      });
      return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
    });
    const err = await c.submit().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FalNetworkError);
    expect((err as FalNetworkError).reason).toBe("UND_ERR_SOCKET");
    expect(c.calls()).toBe(1);
  });
});
