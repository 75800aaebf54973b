import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PromptLint } from "./prompt-lint";

// The lint under the prompt, rendered as the composer renders it: video tags get the same checks as image tags.

const lint = (prompt: string, names: string[], videoNames: string[]) =>
  renderToStaticMarkup(
    createElement(PromptLint, {
      prompt,
      names,
      videoNames,
      onFixMalformed: () => {},
      onRemoveOutOfRange: () => {},
    }),
  ).replace(/<!-- -->/g, "");

describe("the prompt lint with reference videos", () => {
  it("flags a VIDEO_REF tag with no video, naming the range to use", () => {
    const html = lint("<IMAGE_REF_0> moves like <VIDEO_REF_1>", ["hero"], ["walk"]);
    expect(html).toContain('data-testid="prompt-video-error"');
    expect(html).toContain(
      "&lt;VIDEO_REF_1&gt; has no reference video: with 1 video use &lt;VIDEO_REF_0&gt;.",
    );
    expect(html).not.toContain('data-testid="prompt-error"');
  });

  it("says to add a video first when there is none", () => {
    expect(lint("like <VIDEO_REF_0>", ["hero"], [])).toContain("has no reference video: add a video first.");
  });

  it("names unused videos beside unused images", () => {
    const html = lint("<IMAGE_REF_0> walks", ["hero", "alley"], ["walk", "wave"]);
    expect(html).toContain(
      "Not named in the prompt yet: alley (&lt;IMAGE_REF_1&gt;), walk (&lt;VIDEO_REF_0&gt;) and wave (&lt;VIDEO_REF_1&gt;).",
    );
  });

  it("is quiet when every tag has its reference and every reference is named", () => {
    const html = lint("<IMAGE_REF_0> moves like <VIDEO_REF_0>", ["hero"], ["walk"]);
    expect(html).not.toContain("prompt-video-error");
    expect(html).not.toContain("prompt-unused");
  });

  it("reads a lookalike video tag as plain text and says so", () => {
    expect(lint("<IMAGE_REF_0> like <video_ref_0>", ["hero"], ["walk"])).toContain("prompt-malformed");
  });
});

describe("the prompt lint with @words", () => {
  it("hints at an @word that names no reference, and not at one that does (spaces included)", () => {
    const html = lint("@nova face walks past @herro and @hero.", ["nova face", "hero"], []);
    expect(html).toContain('data-testid="prompt-unknown-mention"');
    expect(html).toContain("@herro names no reference, so the model reads it as plain text.");
    expect(html).not.toContain("@nova");
    expect(html).not.toMatch(/@hero[^r]/);
  });

  it("says nothing when every @word matches", () => {
    expect(lint("@walk in the rain", [], ["walk"])).not.toContain("prompt-unknown-mention");
  });
});
