import { ApiError, ValidationError } from "@fal-ai/client";
import { describe, expect, it } from "vitest";
import { FalHttpError, FalNetworkError, mapFalError, mapFalResponse } from "@/lib/providers/fal-errors";
import { ProviderCallError } from "@/lib/providers/types";

const detail = (type: string, loc: (string | number)[], msg = "failed", ctx?: object) => ({
  detail: [{ loc, msg, type, url: `https://docs.fal.ai/errors#${type}`, ...(ctx ? { ctx } : {}) }],
});
const http = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  mapFalError(new FalHttpError(status, body, new Headers(headers)), {
    references: [{ fileName: "hero.png" }, { fileName: "castle.jpg" }],
  });

describe("mapFalError: model errors (422 detail lists)", () => {
  it("makes a content policy refusal final, whatever X-Fal-Retryable says", () => {
    const err = http(422, detail("content_policy_violation", ["body", "prompt"]), {
      "x-fal-retryable": "true",
    });
    expect(err).toBeInstanceOf(ProviderCallError);
    expect(err.httpStatus).toBe(422);
    expect(err.error).toEqual({
      code: "content_policy_violation",
      message:
        "The provider's content policy refused the prompt. Change the prompt or the images and try again.",
      retryable: false,
    });
  });

  it("names the refused image when loc points at one", () => {
    const err = http(422, detail("content_policy_violation", ["body", "image_urls", 1]));
    expect(err.message).toContain('refused reference image 2 (<IMAGE_REF_1>, "castle.jpg")');
    const vague = http(422, detail("content_policy_violation", ["body"]));
    expect(vague.message).toContain("refused the prompt or the reference images");
  });

  it("finds the content policy item among several", () => {
    const body = {
      detail: [
        ...detail("value_error", ["body", "x"]).detail,
        ...detail("content_policy_violation", []).detail,
      ],
    };
    expect(http(422, body).error.code).toBe("content_policy_violation");
  });

  it.each([
    [
      "image_too_small",
      { min_width: 300, min_height: 300 },
      /is smaller than the model accepts \(300x300 pixels\)/,
    ],
    [
      "image_too_large",
      { max_width: 4096, max_height: 4096 },
      /is larger than the model accepts \(4096x4096/,
    ],
    ["image_load_error", undefined, /could not read reference image 1/],
    ["file_download_error", undefined, /could not download reference image 1/],
    ["file_too_large", undefined, /too big a file/],
  ])("maps %s to a specific, final message naming the reference", (type, ctx, pattern) => {
    const err = http(422, detail(type, ["body", "image_urls", 0], "x", ctx));
    expect(err.error.code).toBe(type);
    expect(err.error.retryable).toBe(false);
    expect(err.message).toMatch(pattern);
    expect(err.message).toMatch(/reference image 1 \(<IMAGE_REF_0>, "hero\.png"\)/i);
  });

  it("speaks of one of the images when loc does not say which", () => {
    const err = mapFalError(new FalHttpError(422, detail("image_too_small", ["body"]), new Headers()));
    expect(err.message).toBe(
      "One of the reference images is smaller than the model accepts. Use a larger image.",
    );
  });

  it("reports other validation errors with fal's field and message", () => {
    const err = http(
      422,
      detail("less_than_equal", ["body", "duration"], "Input should be less than or equal to 10"),
    );
    expect(err.error).toEqual({
      code: "invalid_request",
      message: "fal rejected the request: duration: Input should be less than or equal to 10.",
      retryable: false,
    });
  });

  it("names the reference video (<VIDEO_REF_n>) the model complained about", () => {
    const withVideos = (body: unknown) =>
      mapFalError(new FalHttpError(422, body, new Headers()), {
        references: [{ fileName: "hero.png" }],
        videos: [{ fileName: "walk.mp4" }, { fileName: "wave.mov" }],
      });
    const long = withVideos(
      detail("video_duration_too_long", ["body", "reference_video_urls", 1], "too long", {
        max_duration: 3,
        provided_duration: 5.02,
      }),
    );
    expect(long.error).toEqual({
      code: "video_duration_too_long",
      message:
        'Reference video 2 (<VIDEO_REF_1>, "wave.mov") is longer than the model accepts (at most 3 s). Trim it and try again.',
      retryable: false,
    });
    const unreadable = withVideos(detail("unsupported_video_format", ["body", "reference_video_urls", 0]));
    expect(unreadable.message).toBe(
      'The model could not read reference video 1 (<VIDEO_REF_0>, "walk.mp4"). Use an MP4, MOV or WebM video.',
    );
    // A download failure at a video's place speaks of the video, not of image 1.
    const lost = withVideos(detail("file_download_error", ["body", "reference_video_urls", 0]));
    expect(lost.error.code).toBe("file_download_error");
    expect(lost.message).toContain('fal could not download reference video 1 (<VIDEO_REF_0>, "walk.mp4")');
    const policy = withVideos(detail("content_policy_violation", ["body", "reference_video_urls", 1]));
    expect(policy.message).toContain('refused reference video 2 (<VIDEO_REF_1>, "wave.mov")');
  });

  it("honours X-Fal-Retryable on other model errors", () => {
    expect(
      http(422, detail("file_download_error", ["body", "image_urls", 0]), { "x-fal-retryable": "true" }).error
        .retryable,
    ).toBe(true);
    expect(http(503, { detail: "busy" }, { "x-fal-retryable": "false" }).error.retryable).toBe(false);
  });
});

describe("mapFalError: infrastructure errors (flat detail + error_type)", () => {
  it.each([
    [504, "request_timeout", "provider_timeout"],
    [504, "startup_timeout", "provider_timeout"],
    [503, "runner_scheduling_failure", "provider_unavailable"],
    [503, "runner_disconnected", "provider_unavailable"],
    [503, "runner_connection_timeout", "provider_timeout"],
    [502, "runner_incomplete_response", "provider_unavailable"],
    [500, "internal_error", "provider_unavailable"],
    [500, "runner_server_error", "provider_unavailable"],
  ])("%i %s -> %s, retryable", (status, type, code) => {
    const err = http(status, { detail: "Something broke", error_type: type }, { "x-fal-error-type": type });
    expect(err.error.code).toBe(code);
    expect(err.error.retryable).toBe(true);
    expect(err.message).toContain(`HTTP ${status}, ${type}`);
    expect(err.message).toMatch(/Trying again later usually works\.$/);
  });

  it("reads the error type from the header when the body has none", () => {
    expect(http(504, "<html>gateway</html>", { "x-fal-error-type": "request_timeout" }).message).toContain(
      "request_timeout",
    );
  });

  it("does not retry a timeout the caller asked for", () => {
    const err = http(
      504,
      { detail: "Timed out", error_type: "request_timeout" },
      {
        "x-fal-request-timeout-type": "user",
      },
    );
    expect(err.error).toMatchObject({ code: "provider_timeout", retryable: false });
  });

  it("maps a cancelled request", () => {
    expect(http(499, { detail: "cancelled", error_type: "client_cancelled" }).error).toMatchObject({
      code: "canceled",
      retryable: false,
    });
  });
});

describe("mapFalError: auth, rate limits, unknown requests", () => {
  it.each([401, 403])("%i says the FAL_KEY was refused, never retries", (status) => {
    const err = http(status, { detail: "Invalid key Key fal-secret-123" });
    expect(err.error.code).toBe("provider_auth");
    expect(err.error.retryable).toBe(false);
    expect(err.message).toContain("FAL_KEY");
    expect(err.message).not.toContain("fal-secret-123");
  });

  it("429 is a retryable rate limit", () => {
    expect(http(429, { detail: "Too many requests" }).error).toMatchObject({
      code: "rate_limited",
      retryable: true,
    });
  });

  it("404 means fal does not know the request", () => {
    expect(http(404, { detail: "Request not found" }).error).toMatchObject({
      code: "not_found",
      retryable: false,
    });
  });

  it("400 with a flat message is an invalid request", () => {
    expect(http(400, { detail: "Invalid timeout header", error_type: "bad_request" }).error).toEqual({
      code: "invalid_request",
      message: "fal rejected the request: Invalid timeout header.",
      retryable: false,
    });
  });
});

describe("mapFalError: network and other errors", () => {
  it.each(["ECONNREFUSED", "ECONNRESET", "UND_ERR_SOCKET"])(
    "%s from our transport is retryable",
    (reason) => {
      const err = mapFalError(new FalNetworkError(reason));
      expect(err.error.code).toBe("provider_unreachable");
      expect(err.error.retryable).toBe(true);
      expect(err.message).toContain(reason);
    },
  );

  it("reads undici's cause chain", () => {
    const raw = new TypeError("fetch failed", {
      cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }),
    });
    expect(mapFalError(raw).message).toContain("ECONNRESET");
    expect(mapFalError(new TypeError("fetch failed")).error.code).toBe("provider_unreachable");
  });

  it("treats an abort or timeout as unreachable", () => {
    const abort = new DOMException("This operation was aborted", "AbortError");
    expect(mapFalError(abort).error).toMatchObject({ code: "provider_unreachable", retryable: true });
    expect(mapFalError(abort).message).toContain("timed out or was aborted");
  });

  it("understands the client's own ApiError and ValidationError", () => {
    const api = new ApiError({ message: "Service Unavailable", status: 503, body: { detail: "x" } });
    expect(mapFalError(api).error.code).toBe("provider_unavailable");
    const validation = new ValidationError({
      message: "Unprocessable Entity",
      status: 422,
      body: detail("content_policy_violation", ["body", "prompt"]),
    });
    expect(mapFalError(validation).error.code).toBe("content_policy_violation");
  });

  it("passes a ProviderCallError through and calls anything else unexpected", () => {
    const own = new ProviderCallError({ code: "x", message: "y", retryable: true });
    expect(mapFalError(own)).toBe(own);
    expect(mapFalError(new Error("boom")).error).toMatchObject({ code: "provider_error", retryable: false });
    expect(mapFalError("nope").message).not.toContain("nope");
  });

  it("maps a webhook's error payload without headers", () => {
    expect(mapFalResponse(422, detail("image_load_error", ["body", "image_urls", 3])).message).toContain(
      "reference image 4 (<IMAGE_REF_3>)",
    );
  });
});
