import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { UploadNotices } from "./upload-notices";

// The tray's refusals as one summary: one box whatever their number, the latest reason in full, the rest
// behind a disclosure, one Dismiss for all.
const render = (messages: string[]) =>
  renderToStaticMarkup(
    createElement(UploadNotices, {
      notices: messages.map((message, i) => ({ id: i + 1, message })),
      onDismiss: () => {},
    }),
  ).replace(/<!-- -->/g, "");

describe("UploadNotices", () => {
  it("renders nothing without notices", () => {
    expect(render([])).toBe("");
  });

  it("shows one refusal with a plain Dismiss", () => {
    const html = render(["a.png was not added: it is not a PNG, JPEG or WebP image."]);
    expect(html.match(/data-testid="upload-notices"/g)).toHaveLength(1);
    expect(html).toContain('aria-label="Dismiss"');
    expect(html).not.toContain("<details");
  });

  it("groups several: the latest first in full, the count, the others in a closed disclosure", () => {
    const html = render(["a.png was not added.", "b.png was not added.", "c.png was not added."]);
    expect(html.match(/data-testid="upload-notices"/g)).toHaveLength(1);
    expect(html.indexOf("c.png")).toBeLessThan(html.indexOf("<details"));
    expect(html).toContain("3 files were not added");
    expect(html).toContain("show the other 2");
    expect(html.indexOf("b.png")).toBeLessThan(html.indexOf("a.png"));
    expect(html).toContain('aria-label="Dismiss all 3"');
    expect(html).not.toContain("<details open");
  });
});
