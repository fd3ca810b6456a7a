/**
 * Stand-ins in child processes that a test can freeze (SIGSTOP) and thaw (SIGCONT): a database
 * that accepts connections and then never answers, the failure that a killed database does not show.
 * The Worker tests in workerd cannot signal processes, so the recorder server exposes
 * POST /control/{freeze,thaw}/{name} for them.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

export interface Frozen {
  pid: number;
  freeze(): void;
  thaw(): void;
  stop(): void;
}

/** Start `script` with tsx and wait for stdout to match `pick`; returns the match and the process. */
export async function spawnStandIn(script: string, args: string[], pick: RegExp, env: NodeJS.ProcessEnv = {}): Promise<{ match: string[]; frozen: Frozen }> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", `${root}${script}`, ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const match = await new Promise<string[]>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${out}`)), 60_000);
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const found = pick.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve([...found]);
      }
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}: ${out}`)));
  });
  const pid = child.pid ?? 0;
  return {
    match,
    frozen: {
      pid,
      freeze: () => process.kill(pid, "SIGSTOP"),
      thaw: () => process.kill(pid, "SIGCONT"),
      stop: () => {
        process.kill(pid, "SIGCONT");
        child.kill("SIGTERM");
      },
    },
  };
}
