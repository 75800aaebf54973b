import { describe, expect, it } from "vitest";
import { type Draft, type DraftReference, initialDraft } from "./draft";
import { type ProviderOption, providerOptions } from "./providers";
import { schemaCheck } from "./schema-check";
import { CHECKING, loadSchemaCheck, validateDraft } from "./validate-draft";

const ready = (key: string, name = key): DraftReference => ({
  key,
  name,
  fileName: `${key}.png`,
  previewUrl: "",
  status: "ready",
  progress: 1,
  asset: {
    id: `asset-${key}-0001`,
    sha256: key,
    mime: "image/png",
    width: 1,
    height: 1,
    bytes: 1,
    name: `${key}.png`,
    url: "",
    thumbUrl: "",
  },
});
const draft = (patch: Partial<Draft>): Draft => ({ ...initialDraft("key-00000001"), ...patch });

const validate = (d: Draft, provider?: ProviderOption) => validateDraft(d, provider, schemaCheck);

describe("validateDraft", () => {
  it("explains in words why Generate cannot be pressed", () => {
    expect(validate(draft({})).blocker).toBe("Add at least one reference image");
    expect(validate(draft({ references: [ready("a")] })).blocker).toBe("Write a prompt");
    const uploading = { ...ready("b"), status: "uploading" as const, asset: null };
    expect(validate(draft({ references: [ready("a"), uploading], prompt: "x" })).blocker).toBe(
      "Waiting for 1 upload to finish",
    );
    expect(validate(draft({ references: [ready("a")], prompt: "<IMAGE_REF_2>" })).blocker).toMatch(
      /^<IMAGE_REF_2> has no reference image/,
    );
  });

  it("sends the tray's names and the takes with the shared schema's input", () => {
    const v = validate(
      draft({ references: [ready("a", "Hero"), ready("b", "")], prompt: "<IMAGE_REF_0>", takes: 2 }),
    );
    expect(v.blocker).toBeNull();
    expect(v.input).toMatchObject({
      referenceIds: ["asset-a-0001", "asset-b-0001"],
      referenceNames: ["Hero", "b"],
      takes: 2,
      duration: 8,
      aspectRatio: "16:9",
    });
  });
});

describe("validateDraft with a provider", () => {
  const [fal, atlas] = providerOptions({
    providers: [
      { id: "fal", capabilities: { seed: false, thinkingLevels: [] } },
      { id: "atlas", capabilities: { seed: true, thinkingLevels: ["default", "high", "low"] } },
    ],
  });
  const base = { references: [ready("a")], prompt: "<IMAGE_REF_0> walks", seedText: "1234" };

  it("sends the provider, and seed and thinking level only where it has them", () => {
    const a = validate(draft({ ...base, thinkingLevel: "high" }), atlas);
    expect(a.input).toMatchObject({ provider: "atlas", seed: 1234, thinkingLevel: "high" });
    expect(a.blocker).toBeNull();
    const f = validate(draft({ ...base, thinkingLevel: "high" }), fal);
    expect(f.input.provider).toBe("fal");
    expect(f.input).not.toHaveProperty("seed");
    expect(f.input).not.toHaveProperty("thinkingLevel");
  });

  it("blocks Generate on a bad seed for AtlasCloud, but not for fal which ignores it", () => {
    const a = validate(draft({ ...base, seedText: "12.5" }), atlas);
    expect(a.errors.seed).toMatch(/whole number/);
    expect(a.blocker).toMatch(/^Seed must be/);
    expect(validate(draft({ ...base, seedText: "12.5" }), fal).blocker).toBeNull();
  });
});

describe("the schema check, loaded when first needed", () => {
  it("holds Generate while it loads, once the plain checks pass; then applies the server's messages", async () => {
    const ok = draft({ references: [ready("a")], prompt: "<IMAGE_REF_0> walks" });
    expect(validateDraft(draft({}), undefined, null).blocker).toBe("Add at least one reference image");
    expect(validateDraft(ok, undefined, null)).toMatchObject({ blocker: CHECKING, errors: {} });
    const check = await loadSchemaCheck();
    expect(validateDraft(ok, undefined, check).blocker).toBeNull();
    const bad = draft({ references: [ready("a")], prompt: "<IMAGE_REF_1> walks" });
    expect(validateDraft(bad, undefined, check).errors.prompt).toMatch(
      /^<IMAGE_REF_1> has no reference image/,
    );
    expect(await loadSchemaCheck()).toBe(check);
  });
});
