/**
 * Which Secret a pod reads a credential from, whether as a secretKeyRef env var or, with
 * gantry:hardening.credentialsAsFiles (production's default), as a file of the credentials volume.
 */
export function credentialSecret(podSpec: any, name: string): string | undefined {
  const env = (podSpec.containers ?? []).flatMap((c: any) => c.env ?? []);
  const ref = env.find((e: any) => e.name === name)?.valueFrom?.secretKeyRef?.name;
  if (ref !== undefined) return ref as string;
  if (!env.some((e: any) => e.name === `${name}_FILE`)) return undefined;
  const sources = (podSpec.volumes ?? []).flatMap((v: any) => v.projected?.sources ?? []);
  return sources.find((s: any) => s.secret?.items?.some((i: any) => i.path === name))?.secret.name;
}
