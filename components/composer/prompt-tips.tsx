// A few short rules from Google's prompt guide for Gemini Omni Flash (provider-api.md), where they are
// needed: next to the prompt.
const TIPS: Array<{ title: string; body: string; example?: string }> = [
  {
    title: "Name each reference by its tag",
    body: "Say what every image is for.",
    example: "<IMAGE_REF_0> is the courier; <IMAGE_REF_1> is the rainy alley.",
  },
  {
    title: "One continuous shot",
    body: "Write “single continuous shot” to avoid cuts; describe the camera move.",
  },
  {
    title: "Direct the audio",
    body: "Name ambience, effects and music; the clip has sound.",
    example: "Soft rain, distant traffic, a low synth pad.",
  },
  {
    title: "Dialogue in quotes",
    body: "Who speaks, and the exact words.",
    example: 'She says, "We\'re late."',
  },
  {
    title: "Negatives inline",
    body: "Say what must not happen as a sentence.",
    example: "No dialogue. No on-screen text.",
  },
  {
    title: "Timing",
    body: "In words (then, at the end) or with timecodes.",
    example: "[0-3s] she turns; [3-8s] the camera rises.",
  },
];

export function PromptTips({ id }: { id: string }) {
  return (
    <section
      id={id}
      aria-label="Prompt tips"
      data-testid="prompt-tips"
      className="scroll-mt-24 rounded-xl border border-ink-700 bg-ink-950/40 p-3"
    >
      <ul className="grid gap-2.5 text-xs leading-5 sm:grid-cols-2">
        {TIPS.map((tip) => (
          <li key={tip.title} className="min-w-0">
            <p className="font-medium text-ink-100">{tip.title}</p>
            <p className="text-ink-400">{tip.body}</p>
            {tip.example && (
              <p className="break-words font-mono text-[11px] text-accent-soft">{tip.example}</p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
