/**
 * `gantry:access`: who holds each of Gantry's three roles. Kubernetes groups are the subjects the
 * cluster's identity provider puts in a user's token (OIDC `groups` claim, EKS access entries);
 * IAM principals are role ARNs the managed tier attaches the role's IAM policy to.
 */
import { z } from "zod";
import { IAM_ROLE_ARN } from "../../components/access/iam";
import { ACCESS_ROLES } from "../../components/access/roles";
import type { Problem } from "./rules";
import type { GantryConfig } from "./schema";

/** A Kubernetes group subject: any non-empty name without spaces (e.g. `oidc:platform-admins`). */
const group = z.string().regex(/^\S+$/, "must be a non-empty group name without spaces, e.g. oidc:platform-admins");

export const iamRoleArn = z
  .string()
  .regex(IAM_ROLE_ARN, "must be an IAM role ARN such as arn:aws:iam::123456789012:role/PlatformOperators");

const roleSchema = z
  .object({
    groups: z.array(group).default([]),
    iamPrincipals: z.array(iamRoleArn).default([]),
  })
  .strict();

const ROLE_SET: ReadonlySet<string> = new Set(ACCESS_ROLES);

export const accessSchema = z
  .object(
    Object.fromEntries(ACCESS_ROLES.map((r) => [r, roleSchema.prefault({})])) as Record<
      (typeof ACCESS_ROLES)[number],
      z.ZodPrefault<typeof roleSchema>
    >,
  )
  // Not .strict(): an unknown role gets its own message naming the roles there are.
  .catchall(z.unknown())
  .superRefine((v, ctx) => {
    for (const key of Object.keys(v).filter((k) => !ROLE_SET.has(k))) {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `is not a role; Gantry's roles are ${ACCESS_ROLES.join(", ")}`,
      });
    }
  });

export type AccessConfig = z.output<typeof accessSchema>;

/**
 * Cross-key rules: no subject listed twice, no clash with the application's database owner.
 * IAM principals of an in-cluster stack are ignored rather than refused, so one stack file can be
 * planned in both tiers (`--set dataTier=in-cluster`).
 */
export function accessProblems(c: GantryConfig): Problem[] {
  const problems: Problem[] = [];
  for (const role of ACCESS_ROLES) {
    const r = c.access[role];
    for (const [key, list] of [
      ["groups", r.groups],
      ["iamPrincipals", r.iamPrincipals],
    ] as const) {
      const dup = list.find((x, i) => list.indexOf(x) !== i);
      if (dup !== undefined) problems.push({ path: `access.${role}.${key}`, message: `lists "${dup}" twice; remove one` });
    }
  }
  if (["analyst", "operator"].includes(c.postgres.username)) {
    problems.push({
      path: "postgres.username",
      message: `"${c.postgres.username}" is the name of an access database role; choose another owner name such as app`,
    });
  }
  return problems;
}
