import { runCoreFlow } from "../support/core-flow";
import { test } from "../support/fixtures";

test("preview engine: two references to a playable 9:16 clip that survives a reload", async ({
  studio,
  request,
}) => {
  await runCoreFlow(studio, request, { providerBadge: "Preview engine", isPreview: true, cost: /Free/ });
});
