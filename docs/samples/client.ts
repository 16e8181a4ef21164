// Prepended to `ts test=sdk prelude=client` samples (docs/docs-samples.test.ts): the client that an
// earlier section of the guide created.
import { modelArtifact, Sightline } from "@sightline/sdk";

export const sl = new Sightline({ url: "http://localhost:7070" });
export const artifactOfV4 = modelArtifact("flight-delay", "v4");
