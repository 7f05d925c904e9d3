/** Arguments of the Access component. */
import type * as pulumi from "@pulumi/pulumi";
import type { AccessRole } from "./roles";

/** Who holds one role. */
export interface RoleMembers {
  /** Kubernetes group subjects (from the identity provider) bound to the role's Role. */
  readonly groups: readonly string[];
  /** IAM role ARNs the role's IAM policy is attached to (managed tier). @default [] */
  readonly iamPrincipals?: readonly string[];
}

/** The managed data tier's database, which the IAM policies are scoped to. */
export interface ManagedDatabase {
  /** ARN of the RDS primary (names partition, region and account). */
  readonly instanceArn: pulumi.Input<string>;
  /** Its DbiResourceId, which `rds-db:connect` resource ARNs name. */
  readonly resourceId: pulumi.Input<string>;
  /** The owner's DATABASE_URL Secret key: a Job creates the analyst's database user with it. @default no Job */
  readonly ownerUrl?: { readonly name: pulumi.Input<string>; readonly key: string };
  /** Pod labels the database's NetworkPolicy admits. @default {} */
  readonly clientLabels?: Readonly<Record<string, string>>;
}

/** Arguments of {@link Access}. */
export interface AccessArgs {
  /** Namespace the Roles and RoleBindings live in (the stack's). */
  readonly namespace: string;
  /** Environment; scopes the operator's ElastiCache rights to this environment's tag. */
  readonly environment: string;
  /** Members of each role. */
  readonly roles: Readonly<Record<AccessRole, RoleMembers>>;
  /** Pods the operator may exec into (database and Redis pods). @default [] */
  readonly execPods?: readonly string[];
  /** Managed tier: create the IAM policies for this database. @default no IAM */
  readonly managed?: ManagedDatabase;
  /** Database role analysts log in as with IAM authentication (managed). @default "analyst" */
  readonly analystDbUser?: string;
  /** Extra labels on every Kubernetes object. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
}
