/**
 * A program of N service-sized components (a blue-green web service and its route) under the
 * same recording mock runtime as `gantry plan`, to show how plan cost grows with services.
 * Usage: node bench/scale-program.js <N>
 */
import { startCapture } from "../src/plan/capture";
// Components may load before the mocks are set: nothing is registered until they are constructed.
import { ReleasedService } from "../components/service";
import { Gateway } from "../components/gateway";

async function main(n: number): Promise<void> {
  const cap = await startCapture({ stack: "bench" });
  const gateway = new Gateway("gateway", { namespace: "bench", tls: { secretName: "tls" } });
  const release = { active: "blue" as const, images: { blue: "ghcr.io/acme/app:1.0.0", green: "ghcr.io/acme/app:0.9.0" } };
  for (let i = 0; i < n; i++) {
    const name = `svc${i}`;
    new ReleasedService(name, {
      kind: "web",
      namespace: "bench",
      environment: "production",
      release,
      replicas: 2,
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "128Mi" } },
      ingressFrom: { namespace: "bench" },
    });
    gateway.routeService(name, {
      namespace: "bench",
      target: { name, port: 8080, release, replicas: 2 },
      hostnames: [`${name}.example.com`],
    });
  }
  await cap.settle();
  process.stdout.write(`${cap.resources().length}\n`);
}

void main(Number(process.argv[2] ?? "1"));
