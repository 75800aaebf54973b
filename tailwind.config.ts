import type { Config } from "tailwindcss";

// Tailwind 4 reads this through `@config` in app/globals.css. Every color is a CSS variable defined in
// globals.css and swapped under `html.light`, so each component gets both themes from the same classes.
const token = (name: string) => `var(--${name})`;

const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        ink: {
          950: token("ink-950"),
          900: token("ink-900"),
          800: token("ink-800"),
          700: token("ink-700"),
          600: token("ink-600"),
          400: token("ink-400"),
          300: token("ink-300"),
          100: token("ink-100"),
        },
        accent: {
          DEFAULT: token("accent"),
          strong: token("accent-strong"),
          soft: token("accent-soft"),
        },
        ok: token("ok"),
        warn: token("warn"),
        danger: token("danger"),
        video: { DEFAULT: token("video"), soft: token("video-soft") },
      },
      fontFamily: {
        sans: ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "sans-serif"],
        mono: ["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
      },
      borderRadius: { card: "14px" },
    },
  },
};

export default config;
