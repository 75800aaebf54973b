// The preview engine's soundtrack, synthesised in JavaScript and handed to ffmpeg as raw samples.
import { createHash } from "node:crypto";

export const SAMPLE_RATE = 44100;

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const MINOR = [0, 2, 3, 5, 7, 8, 10];
const PROGRESSIONS = [
  [0, 4, 5, 3],
  [5, 3, 0, 4],
  [0, 5, 3, 4],
  [3, 0, 4, 5],
];

/** A sine oscillator stepped by rotating a phasor: far cheaper per sample than Math.sin. */
class Osc {
  private c = 1;
  private s = 0;
  private readonly cw: number;
  private readonly sw: number;
  constructor(
    w: number,
    readonly gl: number,
    readonly gr: number,
  ) {
    this.cw = Math.cos(w);
    this.sw = Math.sin(w);
  }
  next(): number {
    const s = this.s * this.cw + this.c * this.sw;
    this.c = this.c * this.cw - this.s * this.sw;
    this.s = s;
    return s;
  }
}

/**
 * The soundtrack, as interleaved stereo float samples: one chord per image from a progression picked by
 * the prompt's hash (same prompt, same music), a soft detuned pad plus a slow plucked arpeggio.
 * Synthesised here rather than with aevalsrc, whose expression interpreter cost ~0.35 s of CPU per 8 s.
 */
export function synthSoundtrack(prompt: string, segmentSec: number[]): Float32Array {
  const h = createHash("sha256").update(prompt).digest();
  const scale = h[0]! % 3 === 0 ? MINOR : MAJOR;
  const key = 45 + (h[1]! % 8); // A2 .. E3: warm, never shrill
  const progression = PROGRESSIONS[h[2]! % PROGRESSIONS.length]!;
  const beat = Math.round((0.3 + (h[3]! % 4) * 0.05) * SAMPLE_RATE);
  const step = (d: number) => scale[d % 7]! + 12 * Math.floor(d / 7);
  const w = (midi: number) => (2 * Math.PI * 440 * 2 ** ((midi - 69) / 12)) / SAMPLE_RATE;
  const length = Math.round(segmentSec.reduce((a, b) => a + b, 0) * SAMPLE_RATE);
  const out = new Float32Array(length * 2);
  // Chords overlap by this much, so the music never drops out between images.
  const release = Math.round(0.6 * SAMPLE_RATE);
  const attack = 0.4 * SAMPLE_RATE;
  const pluckDecay = Math.exp(-6 / SAMPLE_RATE);
  const pluckAttack = 0.005 * SAMPLE_RATE;
  let start = 0;
  segmentSec.forEach((sec, i) => {
    const degree = progression[i % progression.length]!;
    const root = key + step(degree);
    const oscs = [new Osc(w(root - 12), 0.08, 0.08)];
    for (const m of [root + 12, key + 12 + step(degree + 2), key + 12 + step(degree + 4)]) {
      oscs.push(new Osc(w(m), 0.045, 0.045), new Osc(w(m + 12), 0.007, 0.007));
      oscs.push(new Osc(w(m) * 1.003, 0.025, 0), new Osc(w(m) * 0.997, 0, 0.025));
    }
    const arp = [0, 2, 4, 7].map((d) => w(key + 24 + step(degree + d)));
    const dur = Math.round(sec * SAMPLE_RATE);
    const end = Math.min(length - start, dur + release);
    // Two voices take turns, so a note rings on while the next starts instead of being cut (a click).
    const voices = [0, 1].map(() => ({ osc: new Osc(0, 0, 0), age: 0, amp: 0 }));
    for (let k = 0; k < end; k++) {
      if (k < dur && k % beat === 0) {
        const note = k / beat;
        const pan = note % 2 ? [0.6, 1] : [1, 0.6];
        voices[note % 2] = { osc: new Osc(arp[note % arp.length]!, pan[0]!, pan[1]!), age: 0, amp: 0.05 };
      }
      let left = 0;
      let right = 0;
      for (const o of oscs) {
        const v = o.next();
        left += o.gl * v;
        right += o.gr * v;
      }
      for (const voice of voices) {
        const v = Math.min(1, voice.age++ / pluckAttack) * voice.amp * voice.osc.next();
        voice.amp *= pluckDecay;
        left += voice.osc.gl * v;
        right += voice.osc.gr * v;
      }
      const env = Math.min(1, k / attack, (dur + release - k) / release);
      const n = 2 * (start + k);
      out[n] = out[n]! + env * left;
      out[n + 1] = out[n + 1]! + env * right;
    }
    start += dur;
  });
  const fadeIn = Math.min(0.5 * SAMPLE_RATE, length / 4);
  const fadeOut = Math.min(SAMPLE_RATE, length / 3);
  for (let n = 0; n < length; n++) {
    const g = Math.min(1, n / fadeIn, (length - n) / fadeOut);
    out[2 * n] = Math.max(-1, Math.min(1, out[2 * n]! * g));
    out[2 * n + 1] = Math.max(-1, Math.min(1, out[2 * n + 1]! * g));
  }
  return out;
}
