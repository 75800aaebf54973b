import { describe, expect, it } from "vitest";
import { profileById, profileIssues, profilesOf } from "@/lib/models/profiles";
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
    // No project given: the server puts the clip in the first project.
    expect(v.input).not.toHaveProperty("projectId");
  });

  it("sends the current project's id, which the shared schema accepts", () => {
    const d = draft({ references: [ready("a")], prompt: "<IMAGE_REF_0>" });
    const v = validateDraft(d, undefined, schemaCheck, { projectId: "harbour-0001" });
    expect(v).toMatchObject({ blocker: null, input: { projectId: "harbour-0001" } });
    expect(validateDraft(d, undefined, schemaCheck, { projectId: null }).input).not.toHaveProperty(
      "projectId",
    );
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

describe("validateDraft reads the chosen model version", () => {
  const falEntry = {
    id: "fal",
    capabilities: {},
    versions: profilesOf("fal").map(({ request: _r, source: _s, unconfirmed: _u, ...p }) => p),
    defaultVersion: "fal-v1",
  };
  const [fal] = providerOptions({ providers: [falEntry] });
  const seven = Array.from({ length: 7 }, (_, i) => ready(`r${i}`));
  const prompt = "<IMAGE_REF_0> meets <IMAGE_REF_6>.";

  it("sends the version and the tier; v1.2 takes seven images and 15 s", () => {
    const v = validate(
      draft({ references: seven, prompt, duration: 15, version: "fal-v1.2", resolution: "1080p" }),
      fal,
    );
    expect(v.blocker).toBeNull();
    expect(v.issues).toEqual({});
    expect(v.input).toMatchObject({ provider: "fal", model: "fal-v1.2", resolution: "1080p", duration: 15 });
    expect(v.input.referenceIds).toHaveLength(7);
  });

  it("keeps a draft the version cannot hold as it is, and blocks Generate with the server's own words", () => {
    const d = draft({ references: seven, prompt, duration: 15, version: "fal-v1", resolution: "1080p" });
    const v = validate(d, fal);
    const server = profileIssues(profileById("fal-v1"), { images: 7, duration: 15, aspectRatio: "16:9" });
    expect(v.issues).toEqual({ referenceIds: server[0]!.message, duration: server[1]!.message });
    expect(v.issues.referenceIds).toBe("Omni Flash 1.0 takes at most 5 reference images (this has 7)");
    expect(v.blocker).toBe(`${server[0]!.message}.`);
    // Nothing dropped: all seven go in the request, which the blocker holds back.
    expect(v.input.referenceIds).toHaveLength(7);
    expect(v.input).toMatchObject({ model: "fal-v1", duration: 15 });
    // v1 has one tier: the draft's 1080p stays a preference and is not sent.
    expect(v.resolution).toBe("720p");
    expect(v.input).not.toHaveProperty("resolution");
  });

  it("renders one request at another tier for Draft at 360p", () => {
    const d = draft({
      references: [ready("a")],
      prompt: "<IMAGE_REF_0>",
      version: "fal-v1.2",
      resolution: "4k",
    });
    expect(validateDraft(d, fal, schemaCheck, { resolution: "360p" }).input.resolution).toBe("360p");
    expect(validateDraft(d, fal, schemaCheck).input.resolution).toBe("4k");
  });

  it("flags no empty tray by the tray: the plain blocker says it", () => {
    expect(validate(draft({ version: "fal-v1.2" }), fal)).toMatchObject({
      issues: {},
      blocker: "Add at least one reference image",
    });
  });
});
