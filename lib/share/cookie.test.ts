import { describe, expect, it } from "vitest";
import {
  type GuestCookie,
  guestCookieValues,
  guestSetCookies,
  signGuestCookie,
  verifyGuestCookie,
} from "./cookie";

const SECRET = "the studio's secret";
const cookie: GuestCookie = {
  linkId: "link-1",
  visitorId: "visitor-1",
  name: "Ana",
  passwordOk: true,
  exp: Date.now() + 60_000,
};

describe("the guest's cookie", () => {
  it("reads back what was signed, for its own link only", () => {
    const value = signGuestCookie(SECRET, cookie);
    expect(verifyGuestCookie(SECRET, value, "link-1")).toEqual(cookie);
    expect(verifyGuestCookie(SECRET, value, "link-2")).toBeNull();
  });

  it("counts for nothing when forged, edited, expired or malformed", () => {
    const value = signGuestCookie(SECRET, cookie);
    expect(verifyGuestCookie("another secret", value, "link-1")).toBeNull();
    const [payload, mac] = value.split(".");
    const edited = Buffer.from(
      Buffer.from(payload!, "base64url").toString().replace('"Ana"', '"Eve"'),
    ).toString("base64url");
    expect(verifyGuestCookie(SECRET, `${edited}.${mac}`, "link-1")).toBeNull();
    expect(verifyGuestCookie(SECRET, value, "link-1", cookie.exp + 1)).toBeNull();
    for (const junk of ["", ".", "abc", `${payload}.`, `.${mac}`, `${payload}.${mac}x`]) {
      expect(verifyGuestCookie(SECRET, junk, "link-1")).toBeNull();
    }
  });

  it("is set for the link's page and its API, httpOnly, and Secure over https", () => {
    const [page, api] = guestSetCookies("shr_abc", "v", new Date(cookie.exp), true);
    expect(page).toMatch(/^omni\.guest=v; Path=\/r\/shr_abc; Expires=.*; HttpOnly; SameSite=Lax; Secure$/);
    expect(api).toMatch(/Path=\/api\/r\/shr_abc;/);
    expect(guestSetCookies("shr_abc", "v", new Date(), false)[0]).not.toMatch(/Secure/);
  });

  it("finds every value a Cookie header carries under its name", () => {
    expect(guestCookieValues("a=1; omni.guest=x; b=2; omni.guest=y")).toEqual(["x", "y"]);
    expect(guestCookieValues(null)).toEqual([]);
  });
});
