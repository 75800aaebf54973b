import { writeFile } from "node:fs/promises";
import { test as setup } from "@playwright/test";
import { signUpOwner, storageStatePath } from "../support/accounts";
import { ATLAS_PORT, FAL_PORT, PREVIEW_PORT } from "../support/servers";

// Each shared studio gets its owner, signed in; the projects that use the server start from this state.
for (const [server, port] of [
  ["preview", PREVIEW_PORT],
  ["fal", FAL_PORT],
  ["atlas", ATLAS_PORT],
] as const) {
  setup(`sign the owner in on the ${server} studio`, async () => {
    const base = `http://127.0.0.1:${port}`;
    const session = await signUpOwner(base);
    const state = {
      cookies: [
        {
          name: session.name,
          value: session.value,
          domain: "127.0.0.1",
          path: "/",
          expires: Math.floor(Date.now() / 1000) + 86_400,
          httpOnly: true,
          secure: session.secure,
          sameSite: "Lax" as const,
        },
      ],
      origins: [],
    };
    await writeFile(storageStatePath(server), JSON.stringify(state));
  });
}
