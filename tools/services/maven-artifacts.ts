import { createHash } from "node:crypto";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cachedFolder, cacheDir } from "./cache.ts";
import { requireTools, runLogged } from "./java-process.ts";

/** Pinned so resolution does not depend on whichever plugin version the installed Maven defaults to. */
const DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

function pom(coordinates: string[]): string {
  const dependencies = coordinates.map((coordinate) => {
    const [groupId, artifactId, version] = coordinate.split(":");
    return `<dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></dependency>`;
  });
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>pilog.services</groupId><artifactId>runtime</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    ${dependencies.join("\n    ")}
  </dependencies>
</project>
`;
}

/**
 * Returns a folder holding the jars of `coordinates` ("group:artifact:version") and all their
 * runtime dependencies, resolved once with a throwaway pom. Maven's own repository lives in the
 * cache too, so deleting the cache folder really starts over.
 */
export async function resolveArtifacts(name: string, coordinates: string[], onResolve: () => void): Promise<string> {
  const key = createHash("sha256").update(coordinates.join("\n")).digest("hex").slice(0, 10);
  const dir = join(cacheDir, `${name}-${key}`);
  const lib = join(dir, "lib");
  if (existsSync(lib)) return lib;
  onResolve();
  requireTools("mvn");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "pom.xml"), pom(coordinates));
  const logFile = join(dir, "maven.log");
  rmSync(logFile, { force: true });
  return cachedFolder(lib, (scratch) =>
    runLogged(
      "mvn",
      [
        ...["-q", "-B", "-f", join(dir, "pom.xml")],
        `-Dmaven.repo.local=${join(cacheDir, "maven-repository")}`,
        `${DEPENDENCY_PLUGIN}:copy-dependencies`,
        `-DoutputDirectory=${scratch}`,
        "-DincludeScope=runtime",
      ],
      logFile,
      `resolving ${coordinates.join(", ")} from Maven Central`,
    ),
  );
}
