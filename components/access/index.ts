/** Access roles (administrator / operator / analyst): Kubernetes RBAC and, managed, IAM. */
export { Access, ACCESS_ROLE_LABEL, rbacName, validateAccessArgs } from "./access";
export type { AccessArgs, ManagedDatabase, RoleMembers } from "./args";
export { iamPolicyDocument, rdsDbUserArn, roleNameOf, type PolicyDocument, type PolicyStatement } from "./iam";
export { ACCESS_ROLES, roleRules, type AccessRole, type PolicyRule } from "./roles";
export { execPodNames, DATABASE_ROLES } from "./pods";
