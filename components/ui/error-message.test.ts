import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import GlobalError from "@/app/global-error";
import { ErrorMessage, errorDigest } from "./error-message";

// global-error.tsx replaces the root layout when the layout itself fails; no route can make the layout
// throw on purpose, so its markup is checked here (the page-level error.tsx is covered end to end by
// e2e/preview/error-page.spec.ts, on a real database outage).

const serverError = Object.assign(new Error("An error occurred in the Server Components render."), {
  digest: "3021985877",
});

describe("errorDigest", () => {
  it("reads the digest Next puts on server errors, and nothing from anything else", () => {
    expect(errorDigest(serverError)).toBe("3021985877");
    expect(errorDigest(new Error("client"))).toBeUndefined();
    expect(errorDigest(Object.assign(new Error("x"), { digest: 42 }))).toBeUndefined();
    expect(errorDigest("thrown string")).toBeUndefined();
    expect(errorDigest(null)).toBeUndefined();
  });
});

describe("ErrorMessage", () => {
  it("gives the server's reference when there is one, and points to the console when not", () => {
    const withDigest = renderToStaticMarkup(
      createElement(ErrorMessage, { error: serverError, onRetry() {} }),
    );
    expect(withDigest).toContain("3021985877");
    expect(withDigest).toContain("the server’s log has the details");
    const without = renderToStaticMarkup(createElement(ErrorMessage, { error: "boom", onRetry() {} }));
    expect(without).not.toContain("error-digest");
    expect(without).toContain("the browser’s console has the details");
  });
});

describe("global-error", () => {
  it("is a whole document of its own: html, title, the theme script, the message and the ways on", () => {
    const html = renderToStaticMarkup(createElement(GlobalError, { error: serverError, retry() {} }));
    expect(html).toMatch(/^<html lang="en"><head>/);
    expect(html).toContain("<title>Something went wrong · Omni Studio</title>");
    expect(html).toContain("omni-theme");
    expect(html).toMatch(/<body class="[^"]*bg-ink-950/);
    expect(html).toContain("<h1");
    expect(html).toContain("Try again");
    expect(html).toContain('href="/"');
    expect(html).toContain("3021985877");
  });
});
