export {
  ACTIONS,
  type Action,
  can,
  canAny,
  isRole,
  type PolicySubject,
  ROLE_LABELS,
  ROLES,
  type Role,
} from "./accounts.policy";
export {
  actorOf,
  authenticate,
  type CreateUserInput,
  type CurrentUser,
  changePassword,
  createApiToken,
  createUser,
  listUsersWithRoles,
  loadSessionUser,
  recordLogout,
  resolveApiToken,
} from "./accounts.service";
