import { describe, expect, it } from "vitest";
import { clipFileName } from "./file-name";

const base = {
  id: "0mwr9ghsy45c764bbvuun",
  prompt: "<IMAGE_REF_0> walks into <IMAGE_REF_1> at dusk. Single continuous shot.",
  references: [{ label: "Hero.png" }, { label: "Neon alley" }] as never,
  aspectRatio: "16:9" as const,
  duration: 8,
  isPreview: false,
  createdAt: "2026-11-22T09:30:00.000Z",
};

describe("clipFileName", () => {
  it("says what the clip is: date, prompt with names, shape, length and id", () => {
    expect(clipFileName(base)).toBe(
      "omni_2026-11-22_hero-walks-into-neon-alley-at-dusk-single_16x9_8s_64bbvuun.mp4",
    );
  });

  it("marks preview clips and handles prompts with nothing to slug", () => {
    const name = clipFileName({
      ...base,
      prompt: "<IMAGE_REF_9> !!!",
      references: [] as never,
      isPreview: true,
      aspectRatio: "9:16",
    });
    expect(name).toMatch(/^omni_2026-11-22_ref_9x16_8s_preview_[a-z0-9]{8}\.mp4$/);
  });

  it("keeps only safe characters whatever the prompt holds", () => {
    const name = clipFileName({
      ...base,
      prompt: '../../etc/passwd "quoted" <script>ünïcode</script>\u202e',
    });
    expect(name).toMatch(/^[a-z0-9_.-]+$/);
    expect(name).not.toContain("..");
  });
});
