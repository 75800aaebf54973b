import { describe, expect, it } from "vitest";
import { secureCookies } from "./auth";

describe("secureCookies", () => {
  it("follows PUBLIC_BASE_URL's scheme when it is set", () => {
    expect(secureCookies("https://studio.example.com", "0.0.0.0")).toBe(true);
    expect(secureCookies("https://studio.example.com", "127.0.0.1")).toBe(true);
    expect(secureCookies("http://192.168.1.20:3000", "0.0.0.0")).toBe(false);
    expect(secureCookies("http://127.0.0.1:3000", "127.0.0.1")).toBe(false);
  });

  it("without it, is Secure on loopback (browsers keep it there) and plain beyond, where browsers come over http", () => {
    for (const host of ["127.0.0.1", "localhost", "::1"]) expect(secureCookies(undefined, host)).toBe(true);
    for (const host of ["0.0.0.0", "192.168.1.20", "::"]) expect(secureCookies(undefined, host)).toBe(false);
  });
});
