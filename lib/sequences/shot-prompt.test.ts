import { describe, expect, it } from "vitest";
import { shotPrompt } from "./shot-prompt";

describe("shotPrompt", () => {
  it("leaves a prompt alone when the shot has no camera note or dialogue", () => {
    expect(shotPrompt("<IMAGE_REF_0> walks", {})).toBe("<IMAGE_REF_0> walks");
    expect(shotPrompt("<IMAGE_REF_0> walks", { cameraNote: "  ", dialogue: "" })).toBe("<IMAGE_REF_0> walks");
  });

  it("adds the camera note and the dialogue as lines of their own, in that order", () => {
    expect(
      shotPrompt("<IMAGE_REF_0> at the harbour.  \n", { cameraNote: "slow push in", dialogue: "Not again." }),
    ).toBe('<IMAGE_REF_0> at the harbour.\nCamera: slow push in\nDialogue: "Not again."');
    expect(shotPrompt("p", { dialogue: "Hi" })).toBe('p\nDialogue: "Hi"');
  });

  it("keeps each note on one line and does not double the dialogue's quotes", () => {
    expect(shotPrompt("p", { cameraNote: "pan\nleft", dialogue: '"Go."' })).toBe(
      'p\nCamera: pan left\nDialogue: "Go."',
    );
    expect(shotPrompt("p", { dialogue: "“Go.”" })).toBe('p\nDialogue: "Go."');
  });

  it("sends the notes alone under an empty prompt", () => {
    expect(shotPrompt("", { cameraNote: "wide" })).toBe("Camera: wide");
  });
});
