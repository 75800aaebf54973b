import type { Config } from "tailwindcss";

// Tailwind 4 reads this through `@config` in app/globals.css; the theme lives here so it is one file to tune.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        ink: {
          950: "#0b0d12",
          900: "#11141b",
          800: "#181c25",
          700: "#232836",
          600: "#333a4d",
          400: "#8a93a8",
          300: "#b4bccd",
          100: "#e8ebf2",
        },
        accent: {
          DEFAULT: "#7c6cff",
          strong: "#6a58ff",
          soft: "#b3aaff",
        },
        ok: "#3ecf8e",
        warn: "#f5b041",
        danger: "#ff5c7a",
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
